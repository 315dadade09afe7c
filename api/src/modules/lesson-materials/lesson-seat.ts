import type { Db } from '@panda/db';
import type { Actor } from '@panda/shared';
import { DomainError } from '../../domain-error.js';

/** How the caller takes part in a lesson; admins see every lesson. */
export type LessonSeat = 'teacher' | 'student' | 'admin';

/** `students` holds the caller's seat among the students, if any. */
function seatOf(lesson: { teacherId: string; students: unknown[] }, user: Actor): LessonSeat | null {
  if (lesson.teacherId === user.id) return 'teacher';
  if (lesson.students.length > 0) return 'student';
  return user.role === 'admin' ? 'admin' : null;
}

/** The lesson and the caller's seat in it; a lesson the caller has no part in is not found. */
export async function seatInLesson(db: Db, lessonId: string, user: Actor) {
  const lesson = await db.lesson.findUnique({
    where: { id: lessonId },
    select: { id: true, teacherId: true, language: true, planId: true, students: { where: { studentId: user.id }, select: { studentId: true } } },
  });
  const seat = lesson && seatOf(lesson, user);
  if (!lesson || !seat) throw new DomainError('not_found', 'no such lesson');
  return { lesson, seat };
}

/** The lesson's teacher (or an admin) runs it; its students do not. */
export function requireTeacherSeat(seat: LessonSeat): void {
  if (seat === 'student') throw new DomainError('forbidden', 'only the lesson’s teacher may do this');
}
