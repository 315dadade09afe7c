import { describe, expect, it } from 'vitest';
import { acceptedEncoding } from './compression.js';

const OFFERED = ['br', 'gzip'];

describe('choosing the content coding', () => {
  it('prefers brotli when the client weighs both alike, whatever order it lists them in', () => {
    expect(acceptedEncoding('br, gzip', OFFERED)).toBe('br');
    expect(acceptedEncoding('gzip, deflate, br, zstd', OFFERED)).toBe('br');
    expect(acceptedEncoding('*', OFFERED)).toBe('br');
  });

  it('follows the client’s weights, and q=0 refuses', () => {
    expect(acceptedEncoding('br;q=0.5, gzip', OFFERED)).toBe('gzip');
    expect(acceptedEncoding('br; q=0, gzip;q=0.1', OFFERED)).toBe('gzip');
    expect(acceptedEncoding('*;q=0, gzip', OFFERED)).toBe('gzip');
    expect(acceptedEncoding('br;q=0, gzip;q=0', OFFERED)).toBeUndefined();
  });

  it('sends the plain bytes without a header, or for codings it has no copy in', () => {
    expect(acceptedEncoding(undefined, OFFERED)).toBeUndefined();
    expect(acceptedEncoding('', OFFERED)).toBeUndefined();
    expect(acceptedEncoding('identity', OFFERED)).toBeUndefined();
    expect(acceptedEncoding('deflate, zstd', OFFERED)).toBeUndefined();
    expect(acceptedEncoding('br, gzip', ['gzip'])).toBe('gzip');
    expect(acceptedEncoding('BR;Q=1', OFFERED)).toBe('br');
  });
});
