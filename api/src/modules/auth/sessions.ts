import type { Db } from '@panda/db';
import type { ActiveSession, Clock } from '@panda/shared';
import { DomainError } from '../../domain-error.js';

/**
 * A person's sessions: one per refresh-token family, i.e. one sign-in and the tokens it rotated
 * through. A session is active while it has a token not yet rotated, revoked or expired. Ending
 * one revokes its refresh tokens; its access token lapses within ACCESS_TOKEN_TTL_SECONDS.
 */
export class Sessions {
  readonly #db: Db;
  readonly #clock: Clock;

  constructor(db: Db, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  /** Most recently used first; `currentId` is the caller's own session. */
  async list(userId: string, currentId: string | undefined): Promise<ActiveSession[]> {
    const live = await this.#db.refreshToken.findMany({
      where: { userId, rotatedAt: null, revokedAt: null, expiresAt: { gt: this.#clock.now() } },
      orderBy: { createdAt: 'desc' },
    });
    // Two tabs refreshing at once leave two live tokens in one family: the newest stands for it.
    const newest = new Map<string, (typeof live)[number]>();
    for (const token of live) if (!newest.has(token.familyId)) newest.set(token.familyId, token);
    const started = await this.#db.refreshToken.groupBy({
      by: ['familyId'],
      where: { familyId: { in: [...newest.keys()] } },
      _min: { createdAt: true },
    });
    const startedAt = new Map(started.map((family) => [family.familyId, family._min.createdAt]));
    return [...newest.values()].map((token) => ({
      id: token.familyId,
      createdAt: (startedAt.get(token.familyId) ?? token.createdAt).toISOString(),
      lastUsedAt: token.createdAt.toISOString(),
      userAgent: token.userAgent,
      ipAddress: token.ipAddress,
      current: token.familyId === currentId,
    }));
  }

  /** Every token of the family, rotated ones too: one still in its grace period could revive it. */
  async revoke(userId: string, id: string): Promise<void> {
    const { count } = await this.#db.refreshToken.updateMany({
      where: { userId, familyId: id, revokedAt: null },
      data: { revokedAt: this.#clock.now() },
    });
    if (count === 0) throw new DomainError('not_found', 'no such session');
  }

  /** Signs out everywhere but the current session; with none named (an older token), everywhere. */
  async revokeOthers(userId: string, currentId: string | undefined): Promise<void> {
    await this.#db.refreshToken.updateMany({
      where: { userId, revokedAt: null, ...(currentId ? { NOT: { familyId: currentId } } : {}) },
      data: { revokedAt: this.#clock.now() },
    });
  }
}
