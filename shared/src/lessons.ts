import { z } from 'zod';
import { IsoDateTime, Language } from './common.js';

export const LessonKind = z.enum(['regular', 'placement']);
export const LessonStatus = z.enum(['scheduled', 'held', 'cancelled', 'no_show']);

export const LessonPerson = z.object({ id: z.uuid(), name: z.string() });

export const Lesson = z.object({
  id: z.uuid(),
  language: Language,
  kind: LessonKind,
  status: LessonStatus,
  title: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  teacher: LessonPerson,
  students: z.array(LessonPerson),
});
export type Lesson = z.infer<typeof Lesson>;

/** Lessons of the signed-in person overlapping [from, to). Defaults: now → 7 days ahead. */
export const LessonListQuery = z.object({ from: IsoDateTime.optional(), to: IsoDateTime.optional() });
export type LessonListQuery = z.infer<typeof LessonListQuery>;

export const LessonList = z.object({ items: z.array(Lesson) });
export type LessonList = z.infer<typeof LessonList>;

/**
 * A single lesson, until scheduling takes over: a teacher books their own, an admin books for any
 * teacher. Durations are in minutes.
 */
export const CreateLessonBody = z.object({
  teacherId: z.uuid().optional(),
  language: Language,
  kind: LessonKind.default('regular'),
  title: z.string().trim().min(1).max(200).optional(),
  startsAt: IsoDateTime,
  durationMinutes: z.number().int().min(15).max(240),
  studentIds: z.array(z.uuid()).min(1).max(30),
});
export type CreateLessonBody = z.infer<typeof CreateLessonBody>;
