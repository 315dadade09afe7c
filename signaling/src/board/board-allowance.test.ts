import { describe, expect, it } from 'vitest';
import { BOARD_LIMITS, BoardAllowance } from './board-allowance.js';

describe('BoardAllowance', () => {
  it('refuses a drawer an update larger than the limit, but not the teacher', () => {
    const big = BOARD_LIMITS.drawerUpdateBytes + 1;
    expect(new BoardAllowance('student', 0).update(big, 0)).toEqual({ ok: false, reason: 'payload_too_large' });
    expect(new BoardAllowance('full', 0).update(big, 0)).toEqual({ ok: true });
  });

  it('lets a burst of updates through, then refuses with rate_limited until time refills it', () => {
    const allowance = new BoardAllowance('full', 0);
    for (let i = 0; i < BOARD_LIMITS.updates.burst; i++) expect(allowance.update(10, 0).ok).toBe(true);
    expect(allowance.update(10, 0)).toEqual({ ok: false, reason: 'rate_limited' });
    expect(allowance.update(10, 1000 / BOARD_LIMITS.updates.perSecond).ok).toBe(true);
  });

  it('limits the bytes a drawer sends over time', () => {
    const allowance = new BoardAllowance('student', 0);
    const chunk = BOARD_LIMITS.drawerUpdateBytes;
    const fits = Math.floor(BOARD_LIMITS.drawerBytes.burst / chunk);
    for (let i = 0; i < fits; i++) expect(allowance.update(chunk, 0).ok).toBe(true);
    expect(allowance.update(chunk, 0)).toEqual({ ok: false, reason: 'rate_limited' });
  });

  it('drops cursor messages beyond their rate', () => {
    const allowance = new BoardAllowance('student', 0);
    expect(allowance.awareness(BOARD_LIMITS.awarenessBytes + 1, 0)).toBe(false);
    const taken = Array.from({ length: BOARD_LIMITS.awareness.burst + 5 }, () => allowance.awareness(100, 0));
    expect(taken.filter(Boolean)).toHaveLength(BOARD_LIMITS.awareness.burst);
  });
});
