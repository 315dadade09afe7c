import { z } from 'zod';
import { IsoDateTime, Language } from './common.js';
import { Lesson, LessonKind, LessonPerson } from './lessons.js';

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export const Weekday = z.number().int().min(1, { message: 'must be 1 (Monday) to 7 (Sunday)' }).max(7, { message: 'must be 1 (Monday) to 7 (Sunday)' });

/** A wall-clock time of day, 24-hour `HH:MM`. */
export const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a time such as 09:30' });

/** The end of a wall-clock interval: `HH:MM`, or `24:00` for the end of the day. */
export const LocalEndTime = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, { message: 'must be a time such as 18:00 (or 24:00)' });

/** A lesson's length in minutes; the lengths offered are a setting (`LESSON_DURATIONS`, default 45, 60, 90). */
export const DurationMinutes = z.number().int().min(15).max(240);

/** A calendar date, e.g. `2026-03-01`. */
export const LocalDate = z.iso.date({ message: 'must be a date such as 2026-03-01' });

// --- Weekly availability ---

/** One interval of a teacher's week, in the teacher's own time zone. */
export const AvailabilityInterval = z.object({
  weekday: Weekday,
  start: LocalTime,
  end: LocalEndTime,
});
export type AvailabilityInterval = z.infer<typeof AvailabilityInterval>;

/** A teacher's (or methodist's) weekly availability; the times are wall-clock times in `timeZone`. */
export const Availability = z.object({
  timeZone: z.string(),
  intervals: z.array(AvailabilityInterval),
});
export type Availability = z.infer<typeof Availability>;

/** Replaces the whole week. Intervals of a day must not overlap; touching ones are fine. */
export const UpdateAvailabilityBody = z.object({
  intervals: z.array(AvailabilityInterval).max(100),
});
export type UpdateAvailabilityBody = z.infer<typeof UpdateAvailabilityBody>;

/** A window of time, as UTC instants. */
export const TimeRange = z.object({ startsAt: z.string(), endsAt: z.string() });
export type TimeRange = z.infer<typeof TimeRange>;

/** A student's teacher for each language they learn: whom they book with. */
export const MyTeachers = z.object({ items: z.array(z.object({ language: Language, teacher: LessonPerson })) });
export type MyTeachers = z.infer<typeof MyTeachers>;

/** Free times of a teacher in [from, to): at most 31 days. */
export const FreeTimesQuery = z.object({
  from: IsoDateTime,
  to: IsoDateTime,
  durationMinutes: z.coerce.number().int().min(15).max(240),
});
export type FreeTimesQuery = z.infer<typeof FreeTimesQuery>;

export const FreeTimes = z.object({
  /** The teacher's time zone (availability is set in it). */
  timeZone: z.string(),
  /** Availability minus lessons and weekly series, merged: where a lesson of any length could go. */
  free: z.array(TimeRange),
  /** Every start (on the quarter hour) where a lesson of `durationMinutes` fits. */
  starts: z.array(z.string()),
});
export type FreeTimes = z.infer<typeof FreeTimes>;

// --- Lessons in the calendar ---

export const CalendarLesson = Lesson.extend({
  /** The weekly series the lesson belongs to, if any. */
  weeklySlotId: z.uuid().nullable(),
  /**
   * Students of a scheduled weekly-series lesson with no credit held for it: generated before
   * they paid. It is paid as soon as credits arrive, or cancelled when the
   * cancellation window opens without one.
   */
  awaitingPayment: z.array(z.uuid()),
});
export type CalendarLesson = z.infer<typeof CalendarLesson>;

/** Lessons overlapping [from, to): at most 62 days. */
export const CalendarQuery = z.object({ from: IsoDateTime, to: IsoDateTime });
export type CalendarQuery = z.infer<typeof CalendarQuery>;

export const Calendar = z.object({
  /** The viewer's time zone, in which the UI lays the calendar out. */
  timeZone: z.string(),
  items: z.array(CalendarLesson),
});
export type Calendar = z.infer<typeof Calendar>;

/**
 * Books one lesson. A student books with the teacher assigned to them for the language, at one of
 * the teacher's free times; a teacher or methodist books their own lessons (a methodist also
 * placement lessons, which are free); an admin books for anyone. A regular lesson holds a credit.
 */
export const BookLessonBody = z.object({
  /** Staff only: whom the lesson is for (a student books for themselves). */
  studentId: z.uuid().optional(),
  /** Admins only (teachers and methodists book their own; a student gets their assigned teacher). */
  teacherId: z.uuid().optional(),
  language: Language,
  kind: LessonKind.default('regular'),
  startsAt: IsoDateTime,
  durationMinutes: DurationMinutes,
  title: z.string().trim().min(1).max(200).optional(),
});
export type BookLessonBody = z.infer<typeof BookLessonBody>;

export const CreditOutcome = z.enum(['release', 'burn', 'none']);
export type CreditOutcome = z.infer<typeof CreditOutcome>;

/** What cancelling now would do to the canceller's credit (the UI's 8-hour warning). */
export const CancellationPreview = z.object({
  /** `release`: the credit comes back; `burn`: it is lost; `none`: no credit is held (free or unpaid lesson). */
  outcome: CreditOutcome,
  /** Until when cancelling returns the credit. */
  freeUntil: z.string(),
});
export type CancellationPreview = z.infer<typeof CancellationPreview>;

export const CancelledLesson = z.object({
  lesson: CalendarLesson,
  credits: z.array(z.object({ studentId: z.uuid(), outcome: CreditOutcome })),
});
export type CancelledLesson = z.infer<typeof CancelledLesson>;

/** The teacher moves a lesson; its students are told by e-mail. */
export const MoveLessonBody = z.object({
  startsAt: IsoDateTime,
  /** Default: the lesson's current length. */
  durationMinutes: DurationMinutes.optional(),
});
export type MoveLessonBody = z.infer<typeof MoveLessonBody>;

/** The teacher records how a lesson went: held, or the student did not come. Either uses the held credit. */
export const MarkLessonBody = z.object({ status: z.enum(['held', 'no_show']) });
export type MarkLessonBody = z.infer<typeof MarkLessonBody>;

// --- Weekly series ---

/**
 * A regular weekly lesson agreed with the student (at the placement lesson, or later): every
 * `weekday` at `startTime` in the teacher's time zone, from `startsOn`. The series generates
 * scheduled lessons a few weeks ahead; each holds a credit when the student has one.
 */
export const CreateWeeklySlotBody = z.object({
  studentId: z.uuid(),
  teacherId: z.uuid(),
  language: Language,
  weekday: Weekday,
  /** Wall-clock time in the teacher's time zone; it stays the same across DST changes. */
  startTime: LocalTime,
  durationMinutes: DurationMinutes,
  /** The first date (in the teacher's time zone) the series may have a lesson on; default: today. */
  startsOn: LocalDate.optional(),
});
export type CreateWeeklySlotBody = z.infer<typeof CreateWeeklySlotBody>;

export const WeeklySlot = z.object({
  id: z.uuid(),
  student: LessonPerson,
  teacher: LessonPerson,
  language: Language,
  weekday: Weekday,
  startTime: LocalTime,
  durationMinutes: z.number().int(),
  /** The teacher's time zone when the series was agreed; its wall-clock time is in this zone. */
  timeZone: z.string(),
  startsOn: z.string(),
  endedAt: z.string().nullable(),
});
export type WeeklySlot = z.infer<typeof WeeklySlot>;

export const CreatedWeeklySlot = z.object({
  slot: WeeklySlot,
  /** The lessons generated for the coming weeks. */
  lessons: z.array(CalendarLesson),
});
export type CreatedWeeklySlot = z.infer<typeof CreatedWeeklySlot>;

export const WeeklySlotQuery = z.object({
  studentId: z.uuid().optional(),
  teacherId: z.uuid().optional(),
  /** Also the ended series. */
  includeEnded: z.enum(['true', 'false']).default('false').transform((value) => value === 'true'),
});
export type WeeklySlotQuery = z.infer<typeof WeeklySlotQuery>;

export const WeeklySlotList = z.object({ items: z.array(WeeklySlot) });
export type WeeklySlotList = z.infer<typeof WeeklySlotList>;

/** Ending a series cancels its lessons from now on (their credits come back). */
export const EndedWeeklySlot = z.object({
  slot: WeeklySlot,
  cancelledLessonIds: z.array(z.uuid()),
});
export type EndedWeeklySlot = z.infer<typeof EndedWeeklySlot>;

// --- iCalendar feed ---

/** A secret address of the person's lessons in iCalendar form; asking again replaces it. */
export const CalendarFeed = z.object({ url: z.string() });
export type CalendarFeed = z.infer<typeof CalendarFeed>;

export const CalendarFeedParams = z.object({ token: z.string().regex(/^[\w-]{32,64}$/, { message: 'must be a calendar token' }) });
