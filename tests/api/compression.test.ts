import fs from 'node:fs';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * What a phone downloads: the UI's files in the build's brotli or gzip copy by the client's
 * Accept-Encoding, hashed files cached for good and the page always checked, large JSON answers
 * compressed. Requests go through node:http, which neither asks for an encoding nor decodes one
 * (fetch does both, hiding the bytes on the wire).
 */

const UI_DIST = fileURLToPath(new URL('../../classroom-ui/dist', import.meta.url));
const IMMUTABLE = 'public, max-age=31536000, immutable';

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function rawRequest(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    http
      .request(url, { method, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
        response.on('error', reject);
      })
      .on('error', reject)
      .end();
  });
}

/** The main bundle, as the built page names it: `/assets/index-<hash>.js`. */
function mainBundle(): { url: string; bytes: Buffer } {
  const page = fs.readFileSync(`${UI_DIST}/index.html`, 'utf8');
  const url = /<script type="module"[^>]* src="(\/assets\/index-[\w-]+\.js)"/.exec(page)?.[1];
  if (!url) throw new Error('the built page names no main bundle');
  return { url, bytes: fs.readFileSync(`${UI_DIST}${url}`) };
}

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('the UI files', () => {
  it('go out as the build’s brotli copy when accepted, decoding to the very bytes of the file, cached for a year', async () => {
    const { url, bytes } = mainBundle();
    const response = await rawRequest(`${server.localUrl}${url}`, { 'Accept-Encoding': 'br, gzip' });
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.headers['content-length']).toBe(String(response.body.length));
    expect(response.headers.vary).toMatch(/accept-encoding/i);
    expect(response.headers['cache-control']).toBe(IMMUTABLE);
    expect(response.body.length).toBeLessThan(bytes.length / 3);
    expect(zlib.brotliDecompressSync(response.body).equals(bytes)).toBe(true);
    // The copy's own ETag: a cache never mixes the encodings up, and a repeat costs no bytes.
    const again = await rawRequest(`${server.localUrl}${url}`, { 'Accept-Encoding': 'br', 'If-None-Match': String(response.headers.etag) });
    expect(again.status).toBe(304);
  });

  it('go out gzipped to a client that takes gzip only, or refuses brotli with q=0', async () => {
    const { url, bytes } = mainBundle();
    for (const accepted of ['gzip', 'br;q=0, gzip']) {
      const response = await rawRequest(`${server.localUrl}${url}`, { 'Accept-Encoding': accepted });
      expect(response.headers['content-encoding'], accepted).toBe('gzip');
      expect(response.headers['content-length'], accepted).toBe(String(response.body.length));
      expect(response.headers['cache-control'], accepted).toBe(IMMUTABLE);
      expect(zlib.gunzipSync(response.body).equals(bytes), accepted).toBe(true);
    }
  });

  it('go out plain to a client that accepts no encoding', async () => {
    const { url, bytes } = mainBundle();
    const response = await rawRequest(`${server.localUrl}${url}`);
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.headers['content-length']).toBe(String(bytes.length));
    expect(response.headers.vary).toMatch(/accept-encoding/i);
    expect(response.headers['cache-control']).toBe(IMMUTABLE);
    expect(response.body.equals(bytes)).toBe(true);
  });

  it('that a build does not have are a 404, never the page (an old page asking for a chunk a new build replaced)', async () => {
    for (const path of ['/assets/RoomPage-00000000.js', '/assets/nothing.css']) {
      const response = await rawRequest(`${server.localUrl}${path}`, { 'Accept-Encoding': 'br, gzip' });
      expect(response.status, path).toBe(404);
      expect(response.headers['content-type'], path).toMatch(/^text\/plain/);
      expect(response.headers['cache-control'], path).toBe('no-store');
    }
  });

  it('without a hash in the name are checked on every load', async () => {
    const response = await rawRequest(`${server.localUrl}/before-modules.js`, { 'Accept-Encoding': 'br, gzip' });
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it('leave the page and the client routes never cached unchecked, each with its own style nonce', async () => {
    for (const path of ['/', '/index.html', '/dashboard']) {
      const response = await rawRequest(`${server.localUrl}${path}`, { 'Accept-Encoding': 'br, gzip' });
      expect(response.status, path).toBe(200);
      expect(response.headers['content-type'], path).toBe('text/html; charset=utf-8');
      expect(response.headers['cache-control'], path).toBe('no-cache');
      expect(response.headers['content-encoding'], path).toBeUndefined();
      const nonce = /<meta name="style-nonce" content="([^"]+)"/.exec(response.body.toString('utf8'))?.[1];
      expect(nonce, path).toMatch(/^[\w+/]{22}==$/);
      expect(response.headers['content-security-policy'], path).toContain(`'nonce-${nonce}'`);
    }
  });
});

describe('API answers', () => {
  it('compress JSON of a kilobyte or more for a client that accepts it, the same document decoded', async () => {
    const plain = await rawRequest(`${server.localUrl}/api/openapi.json`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    expect(plain.body.length).toBeGreaterThan(10_000);
    const document = JSON.parse(plain.body.toString('utf8'));
    expect(document.openapi).toBe('3.1.0');

    const decoders = { br: zlib.brotliDecompressSync, gzip: zlib.gunzipSync };
    for (const [accepted, encoding] of [['gzip, deflate, br', 'br'], ['gzip, deflate', 'gzip']] as const) {
      const response = await rawRequest(`${server.localUrl}/api/openapi.json`, { 'Accept-Encoding': accepted });
      expect(response.headers['content-encoding'], accepted).toBe(encoding);
      expect(response.headers['content-type'], accepted).toBe('application/json; charset=utf-8');
      expect(response.headers['content-length'], accepted).toBe(String(response.body.length));
      expect(response.headers.vary, accepted).toMatch(/accept-encoding/i);
      expect(response.headers.etag, accepted).not.toBe(plain.headers.etag);
      expect(response.body.length, accepted).toBeLessThan(plain.body.length / 4);
      expect(JSON.parse(decoders[encoding](response.body).toString('utf8')), accepted).toEqual(document);
      const again = await rawRequest(`${server.localUrl}/api/openapi.json`, { 'Accept-Encoding': accepted, 'If-None-Match': String(response.headers.etag) });
      expect(again.status, accepted).toBe(304);
    }

    const head = await rawRequest(`${server.localUrl}/api/openapi.json`, { 'Accept-Encoding': 'gzip' }, 'HEAD');
    const gzipped = await rawRequest(`${server.localUrl}/api/openapi.json`, { 'Accept-Encoding': 'gzip' });
    expect(head.headers['content-encoding']).toBe('gzip');
    expect(head.headers['content-length']).toBe(gzipped.headers['content-length']);
  });

  it('leave small JSON and problems plain, where compressing would save less than it costs', async () => {
    for (const path of ['/api/meta', '/api/no-such-thing']) {
      const response = await rawRequest(`${server.localUrl}${path}`, { 'Accept-Encoding': 'br, gzip' });
      expect(response.body.length, path).toBeLessThan(1024);
      expect(response.headers['content-encoding'], path).toBeUndefined();
      expect(JSON.parse(response.body.toString('utf8')), path).toBeTruthy();
    }
  });
});
