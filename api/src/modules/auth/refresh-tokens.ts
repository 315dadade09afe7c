import { createHash, randomBytes } from 'node:crypto';

export const REFRESH_TOKEN_RULES = {
  ttlSeconds: 30 * 24 * 3600,
  /**
   * A token rotated this recently is still honoured once more: two tabs refreshing at the same
   * moment must not look like theft and sign the person out.
   */
  reuseGraceSeconds: 10,
} as const;

export interface StoredRefreshToken {
  expiresAt: Date;
  rotatedAt: Date | null;
  revokedAt: Date | null;
}

export type RefreshVerdict = 'valid' | 'expired' | 'revoked' | 'reused';

/** `reused` means a rotated token came back after the grace period: its family must be revoked. */
export function judgeRefreshToken(token: StoredRefreshToken, now: Date): RefreshVerdict {
  if (token.revokedAt) return 'revoked';
  if (token.rotatedAt) {
    const sinceRotation = (now.getTime() - token.rotatedAt.getTime()) / 1000;
    if (sinceRotation > REFRESH_TOKEN_RULES.reuseGraceSeconds) return 'reused';
  }
  if (now >= token.expiresAt) return 'expired';
  return 'valid';
}

export function newRefreshToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashRefreshToken(token) };
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export function refreshExpiry(now: Date): Date {
  return new Date(now.getTime() + REFRESH_TOKEN_RULES.ttlSeconds * 1000);
}
