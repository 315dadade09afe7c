import type { EmailCodePurpose, Prisma } from '@panda/db';
import type { Locale } from '@panda/shared';
import type { ApiDeps } from '../../deps.js';
import { renderMail, type MailKind } from '../../mail/templates.js';
import { DomainError } from '../../domain-error.js';
import {
  codeExpiry,
  codeMatches,
  codeState,
  EMAIL_CODE_RULES,
  generateCode,
  hashCode,
  resendWaitSeconds,
} from './email-codes.js';

interface CodeRecipient {
  id: string;
  email: string;
  name: string;
  locale: Locale;
}

/** Issues, mails and checks the 6-digit codes for confirming an address and resetting a password. */
export class EmailCodeStore {
  readonly #deps: ApiDeps;

  constructor(deps: ApiDeps) {
    this.#deps = deps;
  }

  /** Creates a code inside the caller's transaction; mail it with `send` after commit. */
  async issue(tx: Prisma.TransactionClient, userId: string, purpose: EmailCodePurpose): Promise<string> {
    const code = generateCode();
    const now = this.#deps.clock.now();
    await tx.emailCode.create({
      data: {
        userId,
        purpose,
        codeHash: hashCode(this.#deps.settings.codeSecret, userId, code),
        expiresAt: codeExpiry(now),
        createdAt: now,
      },
    });
    return code;
  }

  async send(kind: MailKind, user: CodeRecipient, code: string): Promise<void> {
    const minutes = EMAIL_CODE_RULES.ttlSeconds / 60;
    await this.#deps.mailer.send(renderMail(kind, user.locale, user.email, { name: user.name, code, minutes }));
  }

  async resendWait(userId: string, purpose: EmailCodePurpose): Promise<number> {
    const last = await this.#latest(userId, purpose);
    return resendWaitSeconds(last?.createdAt ?? null, this.#deps.clock.now());
  }

  /** Accepts the latest code once; every try counts against the attempt limit. */
  async consume(userId: string, purpose: EmailCodePurpose, code: string): Promise<void> {
    const now = this.#deps.clock.now();
    const stored = await this.#latest(userId, purpose);
    const state = codeState(stored, now);
    if (state === 'expired') throw new DomainError('code_expired', 'the code has expired; ask for a new one');
    if (state === 'attempts_exceeded') throw attemptsExceeded();
    if (state === 'invalid' || !stored) throw invalidCode();
    // Reserving the attempt atomically keeps the limit exact under concurrent guesses.
    const reserved = await this.#deps.db.emailCode.updateMany({
      where: { id: stored.id, consumedAt: null, attempts: { lt: EMAIL_CODE_RULES.maxAttempts } },
      data: { attempts: { increment: 1 } },
    });
    if (reserved.count === 0) throw attemptsExceeded();
    if (!codeMatches(stored.codeHash, hashCode(this.#deps.settings.codeSecret, userId, code))) {
      throw invalidCode();
    }
    const consumed = await this.#deps.db.emailCode.updateMany({
      where: { id: stored.id, consumedAt: null },
      data: { consumedAt: now },
    });
    if (consumed.count === 0) throw invalidCode();
  }

  #latest(userId: string, purpose: EmailCodePurpose) {
    return this.#deps.db.emailCode.findFirst({ where: { userId, purpose }, orderBy: { createdAt: 'desc' } });
  }
}

export const invalidCode = () => new DomainError('code_invalid', 'the code is not right');
const attemptsExceeded = () => new DomainError('code_attempts_exceeded', 'too many wrong codes; ask for a new one');
