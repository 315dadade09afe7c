import { CreditLedger, type CreditRules } from '@panda/api';
import type { Db, Prisma } from '@panda/db';
import type { CreditBalance } from '@panda/shared';
import type { DemoLesson } from './lessons.js';
import type { DemoPeople } from './people.js';
import type { DemoTimes } from './times.js';

/**
 * The ledger as it was at `at`: every entry it writes is dated then, so the demo's history reads as
 * if it had happened (the purchase, each booking's hold, each lesson's consumption).
 */
const ledgerAt = (db: Db, rules: CreditRules, at: Date) => new CreditLedger(db, { now: () => at }, rules);

/** The school's package: its lessons and validity are the school's standard ones. */
export function seedPackageType(tx: Prisma.TransactionClient, rules: CreditRules) {
  return tx.packageType.create({ data: { name: '8 lessons', lessons: 8, validityDays: rules.validityDays, priceMinor: 1_600_000, currency: 'RUB' } });
}

interface CreditsInput {
  db: Db;
  tx: Prisma.TransactionClient;
  rules: CreditRules;
  packageTypeId: string;
  people: DemoPeople;
  times: DemoTimes;
}

/**
 * Ivan bought a package before his past lessons, each of which held a credit when booked and used
 * it when Anna ended it in the room: he has credits left. Maria's package is on the day of the
 * choice (credits left, the end near), so her credits page shows the banner; she was told once.
 */
export async function seedCredits(input: CreditsInput, pastLessons: readonly DemoLesson[]): Promise<CreditBalance['choice']> {
  const { db, tx, rules, packageTypeId, people, times } = input;
  const ivan = people.ivan.id;
  await ledgerAt(db, rules, times.ivanPaidAt).purchase({ studentId: ivan, packageTypeId, idempotencyKey: 'demo' }, tx);
  for (const lesson of pastLessons) {
    await ledgerAt(db, rules, lesson.bookedAt).hold({ studentId: ivan, lessonId: lesson.id }, tx);
    await ledgerAt(db, rules, lesson.endsAt).consume({ studentId: ivan, lessonId: lesson.id, reason: 'held' }, tx);
  }
  const maria = people.maria.id;
  await ledgerAt(db, rules, times.mariaPaidAt).purchase({ studentId: maria, packageTypeId, idempotencyKey: 'demo' }, tx);
  const { choice } = await ledgerAt(db, rules, times.now).balance(maria, tx);
  // As the credit sweep does when the choice opens: the package is marked told, once.
  if (choice) await tx.purchase.update({ where: { id: choice.purchaseId }, data: { choiceNotifiedAt: new Date(choice.opensAt) } });
  return choice;
}
