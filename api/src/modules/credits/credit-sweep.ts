import type { Db } from '@panda/db';
import type { Clock, Locale } from '@panda/shared';
import type { Mailer } from '../../mail/mailer.js';
import type { CreditLedger } from './credit-ledger.js';
import { choiceOpensAt, DAY_MS } from './credit-rules.js';

export interface SweepReport {
  /** Students whose packages ended with credits left, now burnt. */
  expired: number;
  /** Day-27 notices sent. */
  notified: number;
}

const CHOICE_MAIL: Record<Locale, (v: { name: string; remaining: number; expiresAt: string }) => { subject: string; text: string }> = {
  en: ({ name, remaining, expiresAt }) => ({
    subject: 'Panda Classroom: your lessons are about to expire',
    text: `Hello, ${name}!\n\nYou have ${remaining} lesson(s) left in your package, valid until ${expiresAt} (UTC).\nBuy another package before then and all of them stay valid for the whole new package; otherwise the remaining lessons burn.`,
  }),
  ru: ({ name, remaining, expiresAt }) => ({
    subject: 'Panda Classroom: срок ваших уроков заканчивается',
    text: `Здравствуйте, ${name}!\n\nВ вашем пакете осталось уроков: ${remaining}; они действуют до ${expiresAt} (UTC).\nКупите новый пакет до этого срока — и все оставшиеся уроки будут действовать вместе с новыми; иначе они сгорят.`,
  }),
};

/**
 * The time-driven part of the credit rules, run periodically (and safely by several processes at
 * once): burns the credits of packages that have ended, and tells each student once, by e-mail,
 * when a package's day-27 choice opens (the UI shows it as a banner from GET /me/credits).
 */
export async function sweepCredits(deps: { db: Db; clock: Clock; ledger: CreditLedger; mailer: Mailer }): Promise<SweepReport> {
  const { db, clock, ledger, mailer } = deps;
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
    include: { student: true },
  });
  for (const purchase of opening) {
    const left = (await ledger.balance(purchase.studentId)).packages.find((p) => p.purchaseId === purchase.id);
    if (!left || left.available === 0 || choiceOpensAt(new Date(left.expiresAt), ledger.rules) > now) continue;
    // Whoever marks the package first sends the notice.
    const claimed = await db.purchase.updateMany({ where: { id: purchase.id, choiceNotifiedAt: null }, data: { choiceNotifiedAt: now } });
    if (claimed.count === 0) continue;
    const { student } = purchase;
    const mail = CHOICE_MAIL[student.locale]({ name: student.name, remaining: left.available, expiresAt: left.expiresAt.slice(0, 16).replace('T', ' ') });
    await mailer.send({ to: student.email, ...mail });
    report.notified += 1;
  }
  return report;
}
