import zlib from 'node:zlib';
import type { Request, RequestHandler, Response } from 'express';

/**
 * Of the `offered` content codings (best first), the one the client weighs highest in its
 * `Accept-Encoding`, the earlier offered on a tie; none when it accepts none of them (q=0 refuses,
 * no header means the plain bytes).
 */
export function acceptedEncoding(header: string | undefined, offered: readonly string[]): string | undefined {
  const weights = encodingWeights(header ?? '');
  let best: string | undefined;
  let bestWeight = 0;
  for (const encoding of offered) {
    const weight = weights.get(encoding) ?? weights.get('*') ?? 0;
    if (weight > bestWeight) [best, bestWeight] = [encoding, weight];
  }
  return best;
}

/** `br;q=0.8, gzip` → br: 0.8, gzip: 1. */
function encodingWeights(header: string): Map<string, number> {
  const weights = new Map<string, number>();
  for (const entry of header.split(',')) {
    const [name = '', ...params] = entry.split(';').map((part) => part.trim().toLowerCase());
    if (!name) continue;
    const q = params.find((param) => param.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(name, Number.isFinite(weight) ? weight : 0);
  }
  return weights;
}

/** Smaller JSON gains less than the headers it adds cost. */
const MIN_JSON_BYTES = 1024;

const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json\b/i;

/**
 * Compresses JSON answers (`res.json`, problem+json) of 1 KB or more for clients that accept br or
 * gzip. It wraps `res.send`, which then sets Content-Length and the ETag from the compressed bytes
 * (an ETag per encoding, as caches need) and answers 304 and HEAD as before. Files (`sendFile`)
 * and streams never pass through `send`, so they keep their own handling.
 */
export function compressJson(): RequestHandler {
  return (request, response, next) => {
    const send = response.send.bind(response);
    response.send = (body?: unknown) => send(compressedJson(request, response, body));
    next();
  };
}

function compressedJson(request: Request, response: Response, body: unknown): unknown {
  const type = response.get('Content-Type') ?? '';
  if (!JSON_TYPE.test(type) || response.get('Content-Encoding') || (typeof body !== 'string' && !Buffer.isBuffer(body))) return body;
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  if (bytes.length < MIN_JSON_BYTES) return body;
  response.vary('Accept-Encoding');
  const encoding = acceptedEncoding(request.headers['accept-encoding'], ['br', 'gzip']);
  if (!encoding) return body;
  response.setHeader('Content-Encoding', encoding);
  // `send` adds the charset for a string only; the compressed bytes are still that UTF-8 text.
  if (typeof body === 'string' && !/charset=/i.test(type)) response.setHeader('Content-Type', `${type}; charset=utf-8`);
  return encoding === 'br' ? brotliFast(bytes) : zlib.gzipSync(bytes);
}

/** Per response, so a middle quality: close to gzip's speed, still smaller. */
function brotliFast(bytes: Buffer): Buffer {
  return zlib.brotliCompressSync(bytes, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 5,
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
}
