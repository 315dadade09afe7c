import type { RedisClientType } from 'redis';

export type Claim = { here: true } | { here: false; nodeUrl: string };

/**
 * Which process hosts each lesson's room: everyone in a lesson must reach the process whose
 * router carries its media.
 */
export interface RoomDirectory {
  /** Takes the room for this process, or tells where it already lives. */
  claim(lessonId: string): Promise<Claim>;
  release(lessonId: string): Promise<void>;
  close(): void;
}

/** One process: every room is here. */
export class LocalRoomDirectory implements RoomDirectory {
  async claim(): Promise<Claim> {
    return { here: true };
  }

  async release(): Promise<void> {}

  close(): void {}
}

// Deletes the entry only if this node still owns it (another node may have taken over).
const RELEASE_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/**
 * Rooms claimed in Redis with a lease this process renews while it hosts them; a process that
 * dies loses its rooms when the lease runs out, and the next join claims them elsewhere.
 */
export class RedisRoomDirectory implements RoomDirectory {
  readonly #redis: RedisClientType;
  readonly #prefix: string;
  readonly #self: string;
  readonly #leaseMs: number;
  readonly #owned = new Set<string>();
  readonly #renewal: NodeJS.Timeout;

  constructor(redis: RedisClientType, keyPrefix: string, self: { nodeId: string; nodeUrl: string }, leaseMs = 30_000) {
    this.#redis = redis;
    this.#prefix = `${keyPrefix}room-node:`;
    this.#self = JSON.stringify(self);
    this.#leaseMs = leaseMs;
    this.#renewal = setInterval(() => void this.#renew(), leaseMs / 3);
    this.#renewal.unref();
  }

  async claim(lessonId: string): Promise<Claim> {
    const key = this.#prefix + lessonId;
    const taken = await this.#redis.set(key, this.#self, { NX: true, PX: this.#leaseMs });
    const owner = taken === 'OK' ? this.#self : await this.#redis.get(key);
    if (owner === this.#self || owner === null) {
      this.#owned.add(lessonId);
      if (owner === null) await this.#redis.set(key, this.#self, { PX: this.#leaseMs });
      return { here: true };
    }
    return { here: false, nodeUrl: (JSON.parse(owner) as { nodeUrl: string }).nodeUrl };
  }

  async release(lessonId: string): Promise<void> {
    this.#owned.delete(lessonId);
    await this.#redis.eval(RELEASE_SCRIPT, { keys: [this.#prefix + lessonId], arguments: [this.#self] });
  }

  close(): void {
    clearInterval(this.#renewal);
  }

  async #renew(): Promise<void> {
    for (const lessonId of this.#owned) {
      await this.#redis.pExpire(this.#prefix + lessonId, this.#leaseMs).catch(() => undefined);
    }
  }
}
