import { describe, expect, it } from 'vitest';
import { codeMatches, codeState, EMAIL_CODE_RULES, generateCode, hashCode, resendWaitSeconds } from './email-codes.js';

const t0 = new Date('2026-03-01T10:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const fresh = { attempts: 0, expiresAt: at(EMAIL_CODE_RULES.ttlSeconds), consumedAt: null };

describe('e-mail codes', () => {
  it('are six digits', () => {
    for (let i = 0; i < 200; i++) expect(generateCode()).toMatch(/^\d{6}$/);
  });

  it('are usable until the 15th minute ends', () => {
    expect(codeState(fresh, at(15 * 60 - 1))).toBe('usable');
    expect(codeState(fresh, at(15 * 60))).toBe('expired');
  });

  it('allow five attempts', () => {
    expect(codeState({ ...fresh, attempts: 4 }, t0)).toBe('usable');
    expect(codeState({ ...fresh, attempts: 5 }, t0)).toBe('attempts_exceeded');
  });

  it('are used once', () => {
    expect(codeState({ ...fresh, consumedAt: t0 }, t0)).toBe('invalid');
    expect(codeState(null, t0)).toBe('invalid');
  });

  it('are hashed with the server key and the subject', () => {
    const hash = hashCode('key', 'user-1', '123456');
    expect(codeMatches(hash, hashCode('key', 'user-1', '123456'))).toBe(true);
    expect(codeMatches(hash, hashCode('key', 'user-2', '123456'))).toBe(false);
    expect(codeMatches(hash, hashCode('other', 'user-1', '123456'))).toBe(false);
  });

  it('may be resent after a 60-second cooldown', () => {
    expect(resendWaitSeconds(null, t0)).toBe(0);
    expect(resendWaitSeconds(t0, at(0))).toBe(60);
    expect(resendWaitSeconds(t0, at(59.5))).toBe(1);
    expect(resendWaitSeconds(t0, at(60))).toBe(0);
  });
});
