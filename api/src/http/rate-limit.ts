import type { RedisClientType } from 'redis';

export interface RateLimitVerdict {
  allowed: boolean;
  retryAfterSeconds: number;
}

/** Fixed-window counters: `max` hits per `windowSeconds` per key. */
export interface RateLimiter {
  hit(key: string, max: number, windowSeconds: number): Promise<RateLimitVerdict>;
}

export class MemoryRateLimiter implements RateLimiter {
  readonly #windows = new Map<string, { count: number; resetAt: number }>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  async hit(key: string, max: number, windowSeconds: number): Promise<RateLimitVerdict> {
    const now = this.#now();
    let window = this.#windows.get(key);
    if (!window || window.resetAt <= now) {
      this.#evictExpired(now);
      window = { count: 0, resetAt: now + windowSeconds * 1000 };
      this.#windows.set(key, window);
    }
    window.count += 1;
    return verdict(window.count, max, (window.resetAt - now) / 1000);
  }

  // Keeps memory bounded by the number of keys active in the current windows.
  #evictExpired(now: number): void {
    for (const [key, window] of this.#windows) if (window.resetAt <= now) this.#windows.delete(key);
  }
}

/** Shared between processes, so that a limit holds however many API processes run. */
export class RedisRateLimiter implements RateLimiter {
  readonly #redis: RedisClientType;
  readonly #prefix: string;

  constructor(redis: RedisClientType, keyPrefix: string) {
    this.#redis = redis;
    this.#prefix = `${keyPrefix}ratelimit:`;
  }

  async hit(key: string, max: number, windowSeconds: number): Promise<RateLimitVerdict> {
    const redisKey = this.#prefix + key;
    const [count, , ttl] = (await this.#redis
      .multi()
      .incr(redisKey)
      .expire(redisKey, windowSeconds, 'NX')
      .ttl(redisKey)
      .exec()) as unknown as [number, number, number];
    return verdict(count, max, ttl);
  }
}

function verdict(count: number, max: number, secondsLeft: number): RateLimitVerdict {
  return { allowed: count <= max, retryAfterSeconds: Math.max(1, Math.ceil(secondsLeft)) };
}
