import type { Db } from '@panda/db';
import type { CreditLedger, CreditTx } from '../credits/credit-ledger.js';

/** Many bookings at once wait for the pool and for each other's rows: give them time. */
export const SCHEDULE_TX_OPTIONS = { maxWait: 20_000, timeout: 30_000 };

export interface LessonClosing {
  lessonId: string;
  status: 'held' | 'no_show';
  at: Date;
  /** Why the credits were used, in the ledger. */
  reason: string;
  /** The teacher ended it in the room: whoever is still in it leaves now. */
  closeAttendance?: boolean;
}

/**
 * How a lesson ended is written in one place, in the caller's transaction: its status, the students'
 * held credits used and, from the room, the attendance still open closed — whether the teacher
 * marks it on the lesson's page or ends it in the room.
 */
export async function closeLesson(tx: CreditTx, ledger: CreditLedger, closing: LessonClosing): Promise<void> {
  const { lessonId, status, at } = closing;
  await tx.lesson.update({ where: { id: lessonId }, data: { status, ...(status === 'held' ? { heldAt: at } : {}) } });
  if (closing.closeAttendance) await tx.lessonAttendance.updateMany({ where: { lessonId, leftAt: null }, data: { leftAt: at } });
  await consumeHolds(tx, ledger, lessonId, closing.reason);
}

/** The teacher pressed "End lesson" in the room: the lesson was held, its credits used, everyone out — at once. */
export function endLessonInRoom(db: Db, ledger: CreditLedger, lessonId: string, at: Date): Promise<void> {
  return db.$transaction((tx) => closeLesson(tx, ledger, { lessonId, status: 'held', at, reason: 'held', closeAttendance: true }), SCHEDULE_TX_OPTIONS);
}

/** The held credits of a lesson that took place (or was missed) are used. */
export async function consumeHolds(tx: CreditTx, ledger: CreditLedger, lessonId: string, reason: string): Promise<void> {
  for (const hold of await ledger.lessonHolds([lessonId], tx)) await ledger.consume({ studentId: hold.studentId, lessonId, reason }, tx);
}
