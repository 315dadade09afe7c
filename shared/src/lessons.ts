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

export const CreditBalance = z.object({
  balance: z.number().int(),
  /** The earliest expiry among purchases that still have credits, if any. */
  expiresAt: z.string().nullable(),
});
export type CreditBalance = z.infer<typeof CreditBalance>;
