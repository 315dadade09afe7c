import type { EventRate } from '@panda/shared';
import { TokenBucket } from '../token-bucket.js';
import type { BoardWriteAccess, UpdateVerdict } from './write-guard.js';

const MiB = 1024 * 1024;

/**
 * What one board connection may send. The browser batches a drawing's changes every 50 ms (at
 * most 20 updates a second) and throttles its cursor, so these leave real use far behind; a
 * pasted image is stored inline in its asset record, hence the megabytes.
 */
export const BOARD_LIMITS = {
  /** The largest single update from someone who may only draw; the teacher's may be a whole board. */
  drawerUpdateBytes: 8 * MiB,
  updates: { burst: 200, perSecond: 40 },
  /** Bytes of updates from someone who may only draw. */
  drawerBytes: { burst: 16 * MiB, perSecond: 1 * MiB },
  /** Cursor and selection messages; those beyond it (or larger) are dropped, not answered. */
  awareness: { burst: 100, perSecond: 30 },
  awarenessBytes: 64 * 1024,
} satisfies Record<string, EventRate | number>;

/**
 * One connection's budget on a board. A refusal's reason is a stable code (`payload_too_large`,
 * `rate_limited`): it reaches the browser as y-websocket's "permission denied".
 */
export class BoardAllowance {
  readonly #limitsBytes: boolean;
  readonly #updates: TokenBucket;
  readonly #bytes: TokenBucket;
  readonly #awareness: TokenBucket;

  constructor(access: BoardWriteAccess, now: number) {
    this.#limitsBytes = access !== 'full';
    this.#updates = new TokenBucket(BOARD_LIMITS.updates, now);
    this.#bytes = new TokenBucket(BOARD_LIMITS.drawerBytes, now);
    this.#awareness = new TokenBucket(BOARD_LIMITS.awareness, now);
  }

  update(bytes: number, now: number): UpdateVerdict {
    if (this.#limitsBytes && bytes > BOARD_LIMITS.drawerUpdateBytes) return { ok: false, reason: 'payload_too_large' };
    if (!this.#updates.take(now)) return { ok: false, reason: 'rate_limited' };
    if (this.#limitsBytes && !this.#bytes.take(now, bytes)) return { ok: false, reason: 'rate_limited' };
    return { ok: true };
  }

  awareness(bytes: number, now: number): boolean {
    return bytes <= BOARD_LIMITS.awarenessBytes && this.#awareness.take(now);
  }
}
