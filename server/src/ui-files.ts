import fs from 'node:fs';
import path from 'node:path';
import express, { type RequestHandler, type Response } from 'express';
import { acceptedEncoding } from './compression.js';

/** The compressed copies the UI build writes next to its files (classroom-ui/precompress.ts), best first. */
const PRECOMPRESSED = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;

/** Vite's output: `assets/<name>-<hash>.<ext>`, the hash changing with the content. */
const HASHED = /^assets\/[^/]+-[\w-]{8}\.\w+$/;

/** A hashed name never gets other bytes: a year, without revalidation even on reload. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The build's files (not index.html, which the page route answers with its nonce), each in the
 * best encoding the client accepts: the build's `.br` or `.gz` copy with that Content-Encoding and
 * the plain file's type, or the plain file. Every file of the build is looked up on each request,
 * so a new build is served without a restart.
 */
export function uiFiles(dir: string): RequestHandler {
  const files = express.static(dir, { index: false, cacheControl: false, setHeaders: (response, file) => setFileHeaders(response, dir, file) });
  return async (request, response, next) => {
    const requested = safePath(dir, request.path);
    if ((request.method !== 'GET' && request.method !== 'HEAD') || !requested || !servedAsFile(dir, requested)) return next();
    // A build's file that is not there (a page from before a new build asking for its old chunk)
    // is a 404, not the page: the page would arrive as JavaScript and fail obscurely.
    const orMissing = (error?: unknown) => (error || !request.path.startsWith('/assets/') ? next(error) : missing(response));
    const copy = await chosenCopy(requested, request.headers['accept-encoding'], response);
    if (!copy) {
      files(request, response, orMissing);
      return;
    }
    const url = request.url;
    request.url = `${request.path}${copy.suffix}`;
    // Should the copy vanish (a build replacing it), the request goes on as it came.
    files(request, response, (error?: unknown) => {
      request.url = url;
      orMissing(error);
    });
  };
}

function missing(response: Response): void {
  response.status(404).setHeader('Cache-Control', 'no-store');
  response.type('text/plain').send('no such file in this build');
}

/** The file a path names inside `dir`, or none for one that leaves it or is malformed. */
function safePath(dir: string, urlPath: string): string | undefined {
  try {
    const file = path.join(dir, decodeURIComponent(urlPath));
    return file.startsWith(dir + path.sep) ? file : undefined;
  } catch {
    return undefined;
  }
}

/** Not the page, which needs its nonce, nor a compressed copy, reached through Accept-Encoding only. */
function servedAsFile(dir: string, file: string): boolean {
  return file !== path.join(dir, 'index.html') && !PRECOMPRESSED.some(({ suffix }) => file.endsWith(suffix));
}

/** The copy to send, if the file has any; a file with copies varies with Accept-Encoding either way. */
async function chosenCopy(file: string, accepted: string | undefined, response: Response) {
  const found = await Promise.all(PRECOMPRESSED.map((copy) => isFile(file + copy.suffix)));
  const copies = PRECOMPRESSED.filter((_copy, index) => found[index]);
  if (copies.length === 0) return undefined;
  response.vary('Accept-Encoding');
  const encoding = acceptedEncoding(accepted, copies.map((copy) => copy.encoding));
  return copies.find((copy) => copy.encoding === encoding);
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await fs.promises.stat(file)).isFile();
  } catch {
    return false;
  }
}

/** Called as a file is sent: its encoding and type for a compressed copy, its caching. */
function setFileHeaders(response: Response, dir: string, file: string): void {
  const copy = PRECOMPRESSED.find(({ suffix }) => file.endsWith(suffix));
  const plain = copy ? file.slice(0, -copy.suffix.length) : file;
  if (copy) {
    response.setHeader('Content-Encoding', copy.encoding);
    response.type(path.extname(plain));
  }
  // Files without a hash in the name (the public folder's) are checked each time, so a new build shows at once.
  response.setHeader('Cache-Control', HASHED.test(path.relative(dir, plain).split(path.sep).join('/')) ? IMMUTABLE : 'no-cache');
}
