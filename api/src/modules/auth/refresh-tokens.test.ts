import { describe, expect, it } from 'vitest';
import { hashRefreshToken, judgeRefreshToken, newRefreshToken, refreshExpiry } from './refresh-tokens.js';

const t0 = new Date('2026-03-01T10:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const live = { expiresAt: refreshExpiry(t0), rotatedAt: null, revokedAt: null };

describe('refresh tokens', () => {
  it('live for 30 days', () => {
    expect(judgeRefreshToken(live, at(30 * 86_400 - 1))).toBe('valid');
    expect(judgeRefreshToken(live, at(30 * 86_400))).toBe('expired');
  });

  it('are still honoured for 10 s after rotation (two tabs), then count as reuse', () => {
    const rotated = { ...live, rotatedAt: t0 };
    expect(judgeRefreshToken(rotated, at(10))).toBe('valid');
    expect(judgeRefreshToken(rotated, at(10.001))).toBe('reused');
  });

  it('never come back once revoked', () => {
    expect(judgeRefreshToken({ ...live, revokedAt: t0 }, t0)).toBe('revoked');
  });

  it('are random and stored only as a hash', () => {
    const a = newRefreshToken();
    const b = newRefreshToken();
    expect(a.token).not.toBe(b.token);
    expect(a.hash).toBe(hashRefreshToken(a.token));
    expect(a.hash).not.toContain(a.token);
  });
});
