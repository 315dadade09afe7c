import { describe, expect, it } from 'vitest';
import { TokenBucket } from './token-bucket.js';

describe('TokenBucket', () => {
  it('lets a burst through, then refuses until time refills it', () => {
    const bucket = new TokenBucket({ burst: 3, perSecond: 1 }, 0);
    expect([bucket.take(0), bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([true, true, true, false]);
    expect(bucket.take(500)).toBe(false);
    expect(bucket.take(1000)).toBe(true);
    expect(bucket.take(1000)).toBe(false);
  });

  it('never holds more than the burst, however long it waited', () => {
    const bucket = new TokenBucket({ burst: 2, perSecond: 10 }, 0);
    expect(bucket.take(60_000)).toBe(true);
    expect(bucket.take(60_000)).toBe(true);
    expect(bucket.take(60_000)).toBe(false);
  });

  it('charges by cost (bytes) and spends nothing on a refusal', () => {
    const bucket = new TokenBucket({ burst: 1000, perSecond: 100 }, 0);
    expect(bucket.take(0, 800)).toBe(true);
    expect(bucket.take(0, 300)).toBe(false);
    expect(bucket.take(0, 200)).toBe(true);
    expect(bucket.take(1000, 100)).toBe(true);
  });

  it('does not refill when the clock goes backwards', () => {
    const bucket = new TokenBucket({ burst: 1, perSecond: 1 }, 5000);
    expect(bucket.take(5000)).toBe(true);
    expect(bucket.take(1000)).toBe(false);
    expect(bucket.take(5500)).toBe(false);
    expect(bucket.take(6000)).toBe(true);
  });
});
