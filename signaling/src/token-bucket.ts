import type { EventRate } from '@panda/shared';

/**
 * A connection's allowance for one kind of message: up to `burst` at once, refilled continuously
 * at `perSecond`. Time is passed in (milliseconds, monotonic) so the rule is tested directly.
 */
export class TokenBucket {
  readonly #rate: EventRate;
  #tokens: number;
  #at: number;

  constructor(rate: EventRate, now: number) {
    this.#rate = rate;
    this.#tokens = rate.burst;
    this.#at = now;
  }

  /** Spends `cost` if there is that much left; false (and nothing spent) otherwise. */
  take(now: number, cost = 1): boolean {
    const elapsedSeconds = Math.max(0, now - this.#at) / 1000;
    this.#tokens = Math.min(this.#rate.burst, this.#tokens + elapsedSeconds * this.#rate.perSecond);
    this.#at = Math.max(this.#at, now);
    if (this.#tokens < cost) return false;
    this.#tokens -= cost;
    return true;
  }
}
