import { randomUUID } from 'node:crypto';
import type {
  ChangeUnconfirmedEmailBody,
  ConfirmEmailBody,
  LoginBody,
  PasswordResetBody,
  Session,
  SignUpBody,
  SignUpResult,
} from '@panda/shared';
import type { ApiDeps } from '../../deps.js';
import { DomainError } from '../../domain-error.js';
import { toUserDto, userWithLanguages, type UserRecord } from '../users/user-dto.js';
import { noticeAccountExists } from './account-exists-notice.js';
import { type EmailCodeStore, invalidCode } from './email-code-store.js';
import { EMAIL_CODE_RULES } from './email-codes.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from './passwords.js';
import { hashRefreshToken, judgeRefreshToken, newRefreshToken, refreshExpiry } from './refresh-tokens.js';

/** What a session remembers of the device it was last used from, for the person's list of sessions. */
export interface SessionClient {
  userAgent: string | null;
  ipAddress: string | null;
}

/** A session to hand out: the body for the client, the refresh token for its cookie. */
export interface IssuedSession {
  session: Session;
  refreshToken: string;
  refreshExpiresAt: Date;
}

export class AuthService {
  readonly #deps: ApiDeps;
  readonly codes: EmailCodeStore;

  constructor(deps: ApiDeps, codes: EmailCodeStore) {
    this.#deps = deps;
    this.codes = codes;
  }

  async currentAgreement() {
    return this.#deps.db.agreementVersion.findFirst({ orderBy: { version: 'desc' } });
  }

  /**
   * Creates a student account waiting for its e-mail code. An unconfirmed sign-up for the same
   * address is replaced: nobody has proved they own it yet. A confirmed address gets the same
   * answer, so that sign-up does not reveal who has an account; its owner is told by e-mail.
   */
  async signUp(body: SignUpBody): Promise<SignUpResult> {
    const { db } = this.#deps;
    const agreement = await this.currentAgreement();
    if (!agreement || agreement.version !== body.agreementVersion) {
      throw new DomainError('agreement_outdated', 'the user agreement has changed; read and accept the current version');
    }
    const existing = await db.user.findUnique({ where: { email: body.email } });
    // Hashed before a taken address returns, so that it is answered no sooner than a new one.
    const passwordHash = await hashPassword(body.password);
    const answer = { email: body.email, resendAfterSeconds: EMAIL_CODE_RULES.resendCooldownSeconds };
    if (existing?.emailVerifiedAt) {
      await noticeAccountExists(this.#deps, existing);
      return answer;
    }
    if (existing) await this.#ensureResendAllowed(existing.id, 'confirm_email');

    const profile = { name: body.name, timeZone: body.timeZone, locale: body.locale, passwordHash };
    const { user, code } = await db.$transaction(async (tx) => {
      const user = existing
        ? await tx.user.update({ where: { id: existing.id }, data: profile })
        : await tx.user.create({ data: { ...profile, email: body.email, role: 'student' } });
      await tx.agreementAcceptance.upsert({
        where: { userId_version: { userId: user.id, version: agreement.version } },
        create: { userId: user.id, version: agreement.version, acceptedAt: this.#deps.clock.now() },
        update: { acceptedAt: this.#deps.clock.now() },
      });
      return { user, code: await this.codes.issue(tx, user.id, 'confirm_email') };
    });
    await this.codes.send('confirm_email', user, code);
    return answer;
  }

  async confirmEmail(body: ConfirmEmailBody, client: SessionClient): Promise<IssuedSession> {
    const user = await this.#findUnconfirmed(body.email);
    await this.codes.consume(user.id, 'confirm_email', body.code);
    const confirmed = await this.#deps.db.user.update({
      where: { id: user.id },
      data: { emailVerifiedAt: this.#deps.clock.now() },
      include: userWithLanguages,
    });
    return this.#startSession(confirmed, client);
  }

  /** Unknown and confirmed addresses get the same answer, so the endpoint does not reveal who has an account. */
  async resendConfirmation(email: string): Promise<number> {
    const user = await this.#deps.db.user.findUnique({ where: { email } });
    if (!user || user.emailVerifiedAt) return EMAIL_CODE_RULES.resendCooldownSeconds;
    await this.#ensureResendAllowed(user.id, 'confirm_email');
    const code = await this.#deps.db.$transaction((tx) => this.codes.issue(tx, user.id, 'confirm_email'));
    await this.codes.send('confirm_email', user, code);
    return EMAIL_CODE_RULES.resendCooldownSeconds;
  }

  /**
   * Corrects a mistyped address before it is confirmed and sends a code to the new one. A new
   * address that is taken is answered the same way and changes nothing, as in sign-up: otherwise
   * a pending sign-up would let anyone probe who has an account.
   */
  async changeUnconfirmedEmail(body: ChangeUnconfirmedEmailBody): Promise<SignUpResult> {
    const { db } = this.#deps;
    const user = await db.user.findUnique({ where: { email: body.email } });
    if (!(await verifyPassword(body.password, user?.passwordHash ?? DUMMY_HASH)) || !user) {
      throw new DomainError('invalid_credentials', 'e-mail or password is wrong');
    }
    if (user.emailVerifiedAt) throw new DomainError('email_already_confirmed', 'this address is already confirmed');
    const answer = { email: body.newEmail, resendAfterSeconds: EMAIL_CODE_RULES.resendCooldownSeconds };
    const owner = body.newEmail === body.email ? null : await db.user.findUnique({ where: { email: body.newEmail } });
    if (owner) {
      if (owner.emailVerifiedAt) await noticeAccountExists(this.#deps, owner);
      return answer;
    }
    const { updated, code } = await db.$transaction(async (tx) => {
      const updated = await tx.user.update({ where: { id: user.id }, data: { email: body.newEmail } });
      return { updated, code: await this.codes.issue(tx, user.id, 'confirm_email') };
    });
    await this.codes.send('confirm_email', updated, code);
    return answer;
  }

  async login(body: LoginBody, client: SessionClient): Promise<IssuedSession> {
    const user = await this.#deps.db.user.findUnique({ where: { email: body.email }, include: userWithLanguages });
    const passwordOk = await verifyPassword(body.password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !passwordOk) throw new DomainError('invalid_credentials', 'e-mail or password is wrong');
    if (user.disabledAt) throw new DomainError('account_disabled', 'this account is disabled');
    if (!user.emailVerifiedAt) throw new DomainError('email_not_confirmed', 'confirm your e-mail address first');
    return this.#startSession(user, client);
  }

  /** Rotates the refresh token. A rotated token presented again means theft: the family dies. */
  async refresh(token: string | undefined, client: SessionClient): Promise<IssuedSession> {
    const { db, clock } = this.#deps;
    const stored = token ? await db.refreshToken.findUnique({ where: { tokenHash: hashRefreshToken(token) } }) : null;
    if (!stored) throw new DomainError('refresh_token_invalid', 'sign in again');
    const now = clock.now();
    const verdict = judgeRefreshToken(stored, now);
    if (verdict === 'reused') {
      await this.#revokeFamily(stored.familyId);
      this.#deps.logger.warn({ userId: stored.userId, familyId: stored.familyId }, 'refresh token reuse; family revoked');
      throw new DomainError('refresh_token_reused', 'this session was ended for safety; sign in again');
    }
    if (verdict !== 'valid') throw new DomainError('refresh_token_invalid', 'sign in again');
    const user = await db.user.findUniqueOrThrow({ where: { id: stored.userId }, include: userWithLanguages });
    if (user.disabledAt) {
      await this.#revokeFamily(stored.familyId);
      throw new DomainError('account_disabled', 'this account is disabled');
    }
    // The first rotation time is kept, so the grace period cannot be stretched by replays.
    await db.refreshToken.updateMany({ where: { id: stored.id, rotatedAt: null }, data: { rotatedAt: now } });
    return this.#startSession(user, client, stored.familyId);
  }

  async logout(token: string | undefined): Promise<void> {
    if (!token) return;
    const stored = await this.#deps.db.refreshToken.findUnique({ where: { tokenHash: hashRefreshToken(token) } });
    if (stored) await this.#revokeFamily(stored.familyId);
  }

  /** Always answers the same way; a code goes out only to an existing, enabled account. */
  async requestPasswordReset(email: string): Promise<void> {
    const user = await this.#deps.db.user.findUnique({ where: { email } });
    if (!user || user.disabledAt) return;
    if ((await this.codes.resendWait(user.id, 'reset_password')) > 0) return;
    const code = await this.#deps.db.$transaction((tx) => this.codes.issue(tx, user.id, 'reset_password'));
    await this.codes.send('reset_password', user, code);
  }

  /** Sets the new password and ends every session of the account. */
  async resetPassword(body: PasswordResetBody): Promise<void> {
    const { db, clock } = this.#deps;
    const user = await db.user.findUnique({ where: { email: body.email } });
    if (!user) throw invalidCode();
    await this.codes.consume(user.id, 'reset_password', body.code);
    const passwordHash = await hashPassword(body.newPassword);
    const now = clock.now();
    await db.$transaction([
      // Receiving the code proves the mailbox, so the address counts as confirmed.
      db.user.update({ where: { id: user.id }, data: { passwordHash, emailVerifiedAt: user.emailVerifiedAt ?? now } }),
      db.refreshToken.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: now } }),
    ]);
  }

  async #startSession(user: UserRecord, client: SessionClient, familyId: string = randomUUID()): Promise<IssuedSession> {
    const { db, clock, accessTokens } = this.#deps;
    const now = clock.now();
    const { token, hash } = newRefreshToken();
    const refreshExpiresAt = refreshExpiry(now);
    await db.refreshToken.create({
      data: { familyId, userId: user.id, tokenHash: hash, expiresAt: refreshExpiresAt, createdAt: now, ...client },
    });
    const accessToken = await accessTokens.issue({ id: user.id, role: user.role, sessionId: familyId });
    return {
      session: { accessToken, expiresInSeconds: accessTokens.ttlSeconds, user: toUserDto(user) },
      refreshToken: token,
      refreshExpiresAt,
    };
  }

  async #revokeFamily(familyId: string): Promise<void> {
    await this.#deps.db.refreshToken.updateMany({
      where: { familyId, revokedAt: null },
      data: { revokedAt: this.#deps.clock.now() },
    });
  }

  /** A confirmed address is answered like an unknown one, so that it reveals no account. */
  async #findUnconfirmed(email: string) {
    const user = await this.#deps.db.user.findUnique({ where: { email } });
    if (!user || user.emailVerifiedAt) throw invalidCode();
    return user;
  }

  async #ensureResendAllowed(userId: string, purpose: 'confirm_email' | 'reset_password'): Promise<void> {
    const wait = await this.codes.resendWait(userId, purpose);
    if (wait > 0) throw new DomainError('resend_cooldown', `wait ${wait} s before asking for another code`, { retryAfterSeconds: wait });
  }
}
