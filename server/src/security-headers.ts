import { randomBytes } from 'node:crypto';
import type { RequestHandler } from 'express';

/**
 * What the classroom's pages may load: code and styles only from this origin (the build and
 * tldraw's assets are served here), pictures and media also from `blob:` and `data:` (recordings,
 * camera previews, tldraw's icons and exports) and pictures from any https address (a material's
 * text may show one from the web), requests and sockets to this origin only; no
 * plugins, no other base, never inside someone else's frame. The page itself (`index.html`) adds
 * one inline style element by its nonce: tldraw's, see `pageContentSecurityPolicy`.
 */
export function pageContentSecurityPolicy(styleNonce?: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    styleNonce ? `style-src 'self' 'nonce-${styleNonce}'` : "style-src 'self'",
    "img-src 'self' data: blob: https:",
    "media-src 'self' blob:",
    "font-src 'self' data:",
    "connect-src 'self' data: blob:",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The policy of every response but the page itself. */
export const PAGE_CONTENT_SECURITY_POLICY = pageContentSecurityPolicy();

/**
 * The page with a fresh nonce for its inline styles in a `<meta name="style-nonce">` (tldraw reads
 * it from there), and the policy that allows them. A nonce is new on every response, so markup an
 * attacker slips in cannot carry it.
 */
export function pageWithStyleNonce(html: string): { html: string; policy: string } {
  const nonce = randomBytes(16).toString('base64');
  return { html: html.replace('</head>', `<meta name="style-nonce" content="${nonce}" /></head>`), policy: pageContentSecurityPolicy(nonce) };
}

/** A year, the span browsers expect before they trust an HSTS host for good. */
const HSTS_SECONDS = 365 * 24 * 3600;

/**
 * The headers every response carries (a route may narrow the policy further, as files do). HSTS
 * only on a request that came over HTTPS (directly or through the trusted proxy): over plain HTTP a
 * browser ignores it, and a LAN trial must not pin its address to HTTPS.
 */
export function securityHeaders(): RequestHandler {
  return (request, response, next) => {
    response.setHeader('Content-Security-Policy', PAGE_CONTENT_SECURITY_POLICY);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'no-referrer');
    // For browsers that predate `frame-ancestors`.
    response.setHeader('X-Frame-Options', 'DENY');
    if (request.secure) response.setHeader('Strict-Transport-Security', `max-age=${HSTS_SECONDS}; includeSubDomains`);
    next();
  };
}
