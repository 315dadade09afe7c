import type { Locale } from '@panda/shared';
import type { ApiDeps } from '../../deps.js';
import { accountExistsMail } from '../../mail/templates.js';

/** At most one such notice per account in this many seconds, however often its address is tried. */
const NOTICE_INTERVAL_SECONDS = 3600;

/**
 * Tells an address's owner that someone tried to sign up with it. The answer to that sign-up looks
 * like any other so as not to reveal the account; this mail is the only trace, and it is throttled
 * so that repeated tries cannot flood the mailbox.
 */
export async function noticeAccountExists(
  deps: Pick<ApiDeps, 'mailer' | 'rateLimiter'>,
  owner: { id: string; email: string; name: string; locale: Locale },
): Promise<void> {
  const { allowed } = await deps.rateLimiter.hit(`notice:account-exists:${owner.id}`, 1, NOTICE_INTERVAL_SECONDS);
  if (allowed) await deps.mailer.send(accountExistsMail(owner.locale, owner.email, owner.name));
}
