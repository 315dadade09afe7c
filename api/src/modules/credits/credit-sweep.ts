import type { Db } from '@panda/db';
import { DAY_MS, type Clock } from '@panda/shared';
import { notify, type Notifications } from '../notifications/notifications.js';
import type { CreditLedger } from './credit-ledger.js';
import { choiceOpensAt } from './credit-rules.js';

export interface SweepReport {
  /** Students whose packages ended with credits left, now burnt. */
  expired: number;
  /** Day-27 notices sent. */
  notified: number;
}

/**
 * The time-driven part of the credit rules, run periodically (and safely by several processes at
 * once): burns the credits of packages that have ended, and tells each student once, through
 * notifications, when a package's day-27 choice opens (the UI shows it as a banner from GET /me/credits).
 */
export async function sweepCredits(deps: { db: Db; clock: Clock; ledger: CreditLedger; notifications: Notifications }): Promise<SweepReport> {
  const { db, clock, ledger, notifications } = deps;
  const now = clock.now();
  const report: SweepReport = { expired: 0, notified: 0 };

  const ended = await db.creditEntry.groupBy({
    by: ['studentId', 'purchaseId'],
    where: { purchase: { expiresAt: { lte: now } } },
    _sum: { delta: true },
  });
  for (const studentId of new Set(ended.filter((row) => (row._sum.delta ?? 0) > 0).map((row) => row.studentId))) {
    if ((await ledger.expireDue(studentId)).length > 0) report.expired += 1;
  }

  const { validityDays, choiceDay } = ledger.rules;
  const opening = await db.purchase.findMany({
    where: { choiceNotifiedAt: null, expiresAt: { gt: now, lte: new Date(now.getTime() + (validityDays - choiceDay + 1) * DAY_MS) } },
  });
  for (const purchase of opening) {
    const left = (await ledger.balance(purchase.studentId)).packages.find((p) => p.purchaseId === purchase.id);
    if (!left || left.available === 0 || choiceOpensAt(new Date(left.expiresAt), ledger.rules) > now) continue;
    // Whoever marks the package first queues the notice, in the same transaction.
    const queued = await db.$transaction(async (tx) => {
      const claimed = await tx.purchase.updateMany({ where: { id: purchase.id, choiceNotifiedAt: null }, data: { choiceNotifiedAt: now } });
      if (claimed.count === 0) return false;
      const data = { remaining: left.available, expiresAt: left.expiresAt };
      await notify(tx, { userId: purchase.studentId, kind: 'credits_choice', data, dedupeKey: `credits-choice:${purchase.id}` });
      return true;
    });
    if (queued) report.notified += 1;
  }
  if (report.notified > 0) await notifications.flush();
  return report;
}
