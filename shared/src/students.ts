import { z } from 'zod';
import { Language, Pagination } from './common.js';
import { StudentProgress } from './homework.js';
import { LessonPerson } from './lessons.js';

/**
 * The students a teacher teaches (by the languages assigned to them), or every student for a
 * methodist and an admin; `q` matches a name or an e-mail address.
 */
export const StudentListQuery = Pagination.extend({
  q: z.string().trim().min(1).max(120).optional(),
  language: Language.optional(),
  teacherId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type StudentListQuery = z.infer<typeof StudentListQuery>;

/** One language of a student: where they stand in it, as the card shows it. */
export const StudentLanguageCard = z.object({
  enrollmentId: z.uuid(),
  language: Language,
  /** From the placement lesson. */
  level: z.string().nullable(),
  goal: z.string().nullable(),
  teacher: LessonPerson.nullable(),
  nextLesson: z.object({ id: z.uuid(), startsAt: z.string() }).nullable(),
  /** Attendance, homework rating and tails, board tests: as on the progress charts. */
  summary: StudentProgress.shape.summary,
  /** Words in the student's dictionary, and how many are due for review by now. */
  dictionary: z.object({ words: z.number().int(), due: z.number().int() }),
});
export type StudentLanguageCard = z.infer<typeof StudentLanguageCard>;

/** A student with each language the viewer may see, and their lessons left (credits are not per language). */
export const StudentCard = z.object({
  student: LessonPerson.extend({ email: z.string() }),
  languages: z.array(StudentLanguageCard),
  credits: z.object({ available: z.number().int(), held: z.number().int(), expiresAt: z.string().nullable() }),
});
export type StudentCard = z.infer<typeof StudentCard>;

export const StudentList = z.object({ items: z.array(StudentCard), total: z.number().int() });
export type StudentList = z.infer<typeof StudentList>;
