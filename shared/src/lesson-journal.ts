import { z } from 'zod';
import { Language } from './common.js';
import { HomeworkSubmissionSummary } from './homework.js';
import { LessonKind, LessonPerson, type LessonStatus } from './lessons.js';
import { CursorQuery } from './materials.js';
import { CalendarLesson } from './schedule.js';
import { ChatMessage } from './signaling.js';

/**
 * How a lesson stands for the people in it: `booked` until it happens, then `held` or `no_show`;
 * a cancelled lesson is `burned` when the cancellation cost a credit (too late, see the rules).
 */
export const LessonOutcome = z.enum(['booked', 'held', 'cancelled', 'no_show', 'burned']);
export type LessonOutcome = z.infer<typeof LessonOutcome>;

/** The outcome of a lesson in this status; `burned`: a credit was burned for it (for the viewer). */
export function lessonOutcome(status: z.infer<typeof LessonStatus>, burned: boolean): LessonOutcome {
  switch (status) {
    case 'scheduled':
      return 'booked';
    case 'cancelled':
      return burned ? 'burned' : 'cancelled';
    default:
      return status;
  }
}

/** My lessons to come (soonest first) or gone by (latest first), filtered, a page at a time. */
export const LessonJournalQuery = CursorQuery.extend({
  when: z.enum(['upcoming', 'past']).default('upcoming'),
  language: Language.optional(),
  teacherId: z.uuid().optional(),
  /** Staff: the lessons of one student (among those they may see). */
  studentId: z.uuid().optional(),
  outcome: LessonOutcome.optional(),
  kind: LessonKind.optional(),
});
export type LessonJournalQuery = z.infer<typeof LessonJournalQuery>;

export const LessonJournalEntry = CalendarLesson.extend({
  outcome: LessonOutcome,
  /** The plan prepared for it. */
  planTitle: z.string().nullable(),
  /** Materials the teacher showed on its board. */
  shownCount: z.number().int(),
  /** Homework set in it. */
  homeworkCount: z.number().int(),
});
export type LessonJournalEntry = z.infer<typeof LessonJournalEntry>;

export const LessonJournal = z.object({ items: z.array(LessonJournalEntry), nextCursor: z.uuid().nullable() });
export type LessonJournal = z.infer<typeof LessonJournal>;

/** Who came: minutes in the room over every stay (a reconnect continues a stay). */
export const LessonAttendanceLine = z.object({ student: LessonPerson, present: z.boolean(), minutes: z.number().int() });
export type LessonAttendanceLine = z.infer<typeof LessonAttendanceLine>;

/**
 * One lesson as its page shows it: the facts, who came, the chat and the homework set in it
 * (a student sees their own line). The plan, the materials shown and the tests taken come from
 * the lesson's own endpoints.
 */
export const LessonOverview = z.object({
  lesson: LessonJournalEntry,
  attendance: z.array(LessonAttendanceLine),
  chat: z.array(ChatMessage),
  homework: z.array(HomeworkSubmissionSummary),
});
export type LessonOverview = z.infer<typeof LessonOverview>;
