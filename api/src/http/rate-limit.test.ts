import { randomUUID } from 'node:crypto';
import { createClient, type RedisClientType } from 'redis';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryRateLimiter, RedisRateLimiter, type RateLimiter } from './rate-limit.js';

async function exercise(limiter: RateLimiter) {
  const key = randomUUID();
  const verdicts = [];
  for (let i = 0; i < 4; i++) verdicts.push(await limiter.hit(key, 3, 60));
  return verdicts;
}

describe('memory rate limiter', () => {
  it('allows max hits per window, then says how long to wait; a new window starts fresh', async () => {
    let now = 0;
    const limiter = new MemoryRateLimiter(() => now);
    const verdicts = await exercise(limiter);
    expect(verdicts.map((v) => v.allowed)).toEqual([true, true, true, false]);
    expect(verdicts[3]?.retryAfterSeconds).toBe(60);
    now = 30_000;
    expect((await limiter.hit('other', 1, 60)).allowed).toBe(true);
    expect((await limiter.hit('other', 1, 60)).allowed).toBe(false);
    now = 90_000;
    expect((await limiter.hit('other', 1, 60)).allowed).toBe(true);
  });
});

describe.runIf(process.env.REDIS_URL)('redis rate limiter', () => {
  let redis: RedisClientType;
  afterAll(() => redis?.quit());

  it('counts across processes in Redis', async () => {
    redis = createClient({ url: process.env.REDIS_URL });
    await redis.connect();
    const verdicts = await exercise(new RedisRateLimiter(redis, `test:${randomUUID()}:`));
    expect(verdicts.map((v) => v.allowed)).toEqual([true, true, true, false]);
    expect(verdicts[3]?.retryAfterSeconds).toBeGreaterThan(50);
  });
});
