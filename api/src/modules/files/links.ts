import { createHmac, timingSafeEqual } from 'node:crypto';

const HOUR_SECONDS = 3600;
/** A link works for at least this long… */
const LINK_LIFETIME_SECONDS = 6 * HOUR_SECONDS;

/**
 * …and expires on the next full hour after that, so links asked for within the same hour are the
 * same address and the browser's cache serves a video again instead of fetching it anew.
 */
export function linkExpiry(now: Date): number {
  return Math.ceil((now.getTime() / 1000 + LINK_LIFETIME_SECONDS) / HOUR_SECONDS) * HOUR_SECONDS;
}

export function signFileLink(secret: string, fileId: string, expires: number): string {
  return createHmac('sha256', secret).update(`${fileId}.${expires}`).digest('base64url');
}

export function fileLinkSignatureValid(secret: string, fileId: string, expires: number, signature: string): boolean {
  const expected = Buffer.from(signFileLink(secret, fileId, expires));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The path and query of a signed link to a file's bytes. */
export function fileLinkPath(secret: string, fileId: string, expires: number): string {
  return `/api/files/${fileId}/content?expires=${expires}&signature=${signFileLink(secret, fileId, expires)}`;
}

/**
 * `Content-Disposition: inline` with the file's own name: plain ASCII for old clients, and the
 * exact name in UTF-8 (RFC 6266 / 8187) for the rest. Quotes, backslashes and non-ASCII never
 * reach the quoted form.
 */
export function inlineDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `inline; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * The policy of a file opened on its own: it runs nothing and reaches nothing but itself, in a
 * sandbox (an opaque origin: no cookies, no storage of ours). A PDF is the exception to the
 * sandbox: browsers refuse to show one in a sandboxed document; their viewer keeps its scripts away
 * from the page's origin.
 */
export function fileContentSecurityPolicy(mimeType: string): string {
  const base = "default-src 'none'; img-src 'self'; media-src 'self'; frame-ancestors 'none'";
  return mimeType === 'application/pdf' ? base : `${base}; sandbox`;
}
