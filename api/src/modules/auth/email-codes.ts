import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

/** The school's rules for e-mailed codes. */
export const EMAIL_CODE_RULES = {
  ttlSeconds: 15 * 60,
  maxAttempts: 5,
  resendCooldownSeconds: 60,
} as const;

export interface StoredCode {
  attempts: number;
  expiresAt: Date;
  consumedAt: Date | null;
}

export type CodeState = 'usable' | 'invalid' | 'expired' | 'attempts_exceeded';

export function generateCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** Keyed hash: a leaked table does not give codes away even though they are only 6 digits. */
export function hashCode(secret: string, subject: string, code: string): string {
  return createHmac('sha256', secret).update(`${subject}:${code}`).digest('base64url');
}

/** Whether the latest code may still be tried at all (before its value is compared). */
export function codeState(stored: StoredCode | null, now: Date): CodeState {
  if (!stored || stored.consumedAt) return 'invalid';
  if (stored.attempts >= EMAIL_CODE_RULES.maxAttempts) return 'attempts_exceeded';
  if (now >= stored.expiresAt) return 'expired';
  return 'usable';
}

export function codeMatches(storedHash: string, submittedHash: string): boolean {
  const a = Buffer.from(storedHash);
  const b = Buffer.from(submittedHash);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function codeExpiry(now: Date): Date {
  return new Date(now.getTime() + EMAIL_CODE_RULES.ttlSeconds * 1000);
}

/** Seconds to wait before another code may be sent; 0 when one may be sent now. */
export function resendWaitSeconds(lastSentAt: Date | null, now: Date): number {
  if (!lastSentAt) return 0;
  const elapsed = (now.getTime() - lastSentAt.getTime()) / 1000;
  return Math.max(0, Math.ceil(EMAIL_CODE_RULES.resendCooldownSeconds - elapsed));
}
