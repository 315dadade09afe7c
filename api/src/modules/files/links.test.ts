import { describe, expect, it } from 'vitest';
import { fileContentSecurityPolicy, fileLinkPath, fileLinkSignatureValid, inlineDisposition, linkExpiry, signFileLink } from './links.js';

const FILE = '0190f5a4-7c1e-7a3b-9d2e-1234567890ab';

describe('signed file links', () => {
  it('expire on the full hour six to seven hours ahead', () => {
    const now = new Date('2026-11-23T10:20:00Z');
    expect(new Date(linkExpiry(now) * 1000).toISOString()).toBe('2026-11-23T17:00:00.000Z');
    expect(linkExpiry(new Date('2026-11-23T10:59:59Z'))).toBe(linkExpiry(now));
  });

  it('accept only their own signature for the same file and expiry', () => {
    const signature = signFileLink('secret', FILE, 1000);
    expect(signature).toMatch(/^[\w-]{43}$/);
    expect(fileLinkSignatureValid('secret', FILE, 1000, signature)).toBe(true);
    expect(fileLinkSignatureValid('secret', FILE, 1001, signature)).toBe(false);
    expect(fileLinkSignatureValid('other', FILE, 1000, signature)).toBe(false);
    expect(fileLinkSignatureValid('secret', FILE, 1000, 'short')).toBe(false);
    expect(fileLinkPath('secret', FILE, 1000)).toBe(`/api/files/${FILE}/content?expires=1000&signature=${signature}`);
  });
});

describe('inlineDisposition', () => {
  it('keeps the exact name in UTF-8 and a safe ASCII one', () => {
    expect(inlineDisposition('Урок 10 "final".mp4')).toBe(
      `inline; filename="____ 10 _final_.mp4"; filename*=UTF-8''%D0%A3%D1%80%D0%BE%D0%BA%2010%20%22final%22.mp4`,
    );
    expect(inlineDisposition("it's (new).pdf")).toBe(`inline; filename="it's (new).pdf"; filename*=UTF-8''it%27s%20%28new%29.pdf`);
  });
});

describe('fileContentSecurityPolicy', () => {
  it('sandboxes a file opened on its own, but for a PDF, which browsers will not show sandboxed', () => {
    for (const type of ['video/webm', 'audio/ogg', 'image/png']) {
      expect(fileContentSecurityPolicy(type)).toBe("default-src 'none'; img-src 'self'; media-src 'self'; frame-ancestors 'none'; sandbox");
    }
    expect(fileContentSecurityPolicy('application/pdf')).toBe("default-src 'none'; img-src 'self'; media-src 'self'; frame-ancestors 'none'");
  });
});
