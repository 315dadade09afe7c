import { DomainError } from '../../domain-error.js';

/** The schedule's no-double-booking constraints (EXCLUDE over lessons' time ranges) and what each means. */
const OVERLAP_CONSTRAINTS: Record<string, string> = {
  Lesson_teacher_no_overlap: 'the teacher has another lesson at that time',
  LessonStudent_student_no_overlap: 'the student has another lesson at that time',
};

/** PostgreSQL's exclusion_violation (23P01), however Prisma and its driver adapter wrap it: the slot is taken. */
export function doubleBookingOf(error: unknown): DomainError | null {
  const queue: unknown[] = [error];
  const seen = new Set<unknown>();
  while (queue.length > 0) {
    const current = queue.shift();
    if (!current || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const record = current as { originalCode?: unknown; originalMessage?: unknown; cause?: unknown; meta?: unknown; driverAdapterError?: unknown };
    if (record.originalCode === '23P01') {
      const message = String(record.originalMessage);
      const detail = Object.entries(OVERLAP_CONSTRAINTS).find(([name]) => message.includes(`"${name}"`))?.[1] ?? 'that time is taken';
      return new DomainError('slot_taken', detail);
    }
    queue.push(record.cause, record.meta, record.driverAdapterError);
  }
  return null;
}
