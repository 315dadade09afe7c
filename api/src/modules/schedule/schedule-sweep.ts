import type { Db } from '@panda/db';
import { DAY_MS, HOUR_MS, type Clock } from '@panda/shared';
import { lessonWithPeople } from '../lessons/lesson-dto.js';
import { consumeHolds } from './lesson-close.js';
import type { ScheduleService } from './schedule-service.js';

export interface ScheduleSweepReport {
  /** Lessons weekly series generated to keep their horizon. */
  generated: number;
  /** Weeks a series could not have: the time was taken meanwhile. */
  skipped: number;
  /** Series lessons that got their credit once the student paid. */
  paid: number;
  /** Series lessons cancelled: still unpaid when the cancellation window opened, or inside a freeze. */
  cancelled: number;
  /** Lessons ended in the lesson room whose held credits are now used. */
  consumed: number;
}

/**
 * The time-driven part of the schedule, run periodically (safe on several processes at once):
 *  - weekly series generate their lessons up to the horizon;
 *  - a series lesson generated before the student paid takes a credit as soon as there is one; one
 *    still unpaid when the cancellation window opens (8 hours before) is cancelled, freeing the
 *    teacher's time — a lesson is only ever taught with a credit held. Inside a freeze it is
 *    cancelled at once (the freeze has returned its credit);
 *  - a held lesson whose credits are still held uses them (the room and the lesson's page use them
 *    as they close the lesson; this catches any written otherwise, such as before they did).
 */
export async function sweepSchedule(deps: { db: Db; clock: Clock; service: ScheduleService }): Promise<ScheduleSweepReport> {
  const { db, clock, service } = deps;
  const report: ScheduleSweepReport = { generated: 0, skipped: 0, paid: 0, cancelled: 0, consumed: 0 };

  for (const slot of await db.weeklySlot.findMany({ where: { endedAt: null } })) {
    const { created, skipped } = await service.topUpSeries(slot);
    report.generated += created;
    report.skipped += skipped.length;
  }

  const now = clock.now();
  const windowMs = service.ledger.rules.cancelWindowHours * HOUR_MS;
  const upcoming = await db.lesson.findMany({
    where: { weeklySlotId: { not: null }, kind: 'regular', status: 'scheduled', startsAt: { gt: now } },
    include: lessonWithPeople,
    orderBy: { startsAt: 'asc' },
  });
  for (const lesson of await service.toCalendar(upcoming)) {
    for (const studentId of lesson.awaitingPayment) {
      const startsAt = new Date(lesson.startsAt);
      const frozen = await db.creditFreeze.count({ where: { studentId, startsAt: { lte: startsAt }, endsAt: { gt: startsAt } } });
      if (frozen === 0 && (await service.tryHold(studentId, lesson.id))) report.paid += 1;
      else if (frozen > 0 || startsAt.getTime() - now.getTime() < windowMs) {
        const cancelled = await db.lesson.updateMany({ where: { id: lesson.id, status: 'scheduled' }, data: { status: 'cancelled' } });
        report.cancelled += cancelled.count;
      }
    }
  }

  const ended = await db.lesson.findMany({
    where: { status: 'held', heldAt: { not: null, gte: new Date(now.getTime() - 30 * DAY_MS) }, creditEntries: { some: { kind: 'hold' } } },
    select: { id: true },
  });
  const open = await service.ledger.lessonHolds(ended.map((l) => l.id));
  for (const lessonId of new Set(open.map((h) => h.lessonId as string))) {
    await db.$transaction((tx) => consumeHolds(tx, service.ledger, lessonId, 'held (ended in the lesson room)'));
    report.consumed += open.filter((h) => h.lessonId === lessonId).length;
  }
  return report;
}
