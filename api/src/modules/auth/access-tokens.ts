import { Role, type Clock } from '@panda/shared';
import { jwtVerify, SignJWT } from 'jose';
import type { AuthUser } from '../../http/authenticate.js';

const ISSUER = 'panda-classroom';

/** Short-lived JWTs (HS256) proving who the caller is and their role. */
export class AccessTokens {
  readonly #key: Uint8Array;
  readonly #clock: Clock;
  readonly ttlSeconds: number;

  constructor(secret: string, ttlSeconds: number, clock: Clock) {
    this.#key = new TextEncoder().encode(secret);
    this.ttlSeconds = ttlSeconds;
    this.#clock = clock;
  }

  async issue(user: AuthUser): Promise<string> {
    const issuedAt = Math.floor(this.#clock.now().getTime() / 1000);
    return new SignJWT({ role: user.role, ...(user.sessionId ? { sid: user.sessionId } : {}) })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(user.id)
      .setIssuer(ISSUER)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + this.ttlSeconds)
      .sign(this.#key);
  }

  /** The user, or null for a token that is malformed, forged or expired. */
  async verify(token: string): Promise<AuthUser | null> {
    try {
      const { payload } = await jwtVerify(token, this.#key, {
        issuer: ISSUER,
        algorithms: ['HS256'],
        currentDate: this.#clock.now(),
      });
      const role = Role.safeParse(payload.role);
      if (!payload.sub || !role.success) return null;
      return { id: payload.sub, role: role.data, ...(typeof payload.sid === 'string' ? { sessionId: payload.sid } : {}) };
    } catch {
      return null;
    }
  }
}
