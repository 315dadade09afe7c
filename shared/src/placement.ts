import { z } from 'zod';
import { AuditReason } from './audit.js';
import { Email, IsoDateTime, Language, Locale, Pagination, PersonName, TimeZone } from './common.js';
import { LessonPerson, LessonStatus } from './lessons.js';
import { checkLevelFitsLanguage, Level } from './materials.js';
import { DurationMinutes } from './schedule.js';

/**
 * new → scheduled (a lesson with a methodist) → held (the lesson took place) → assessed (level,
 * goal and teacher recorded); or cancelled.
 */
export const PlacementStatus = z.enum(['new', 'scheduled', 'held', 'assessed', 'cancelled']);
export type PlacementStatus = z.infer<typeof PlacementStatus>;

const PHONE = /^\+?[\d\s()-]{7,20}$/;
const TELEGRAM = /^@[A-Za-z0-9_]{5,32}$/;

/** How to reach a visitor: an e-mail address, a phone number or a Telegram @handle. */
export const PlacementContact = z
  .string()
  .trim()
  .max(254)
  .refine((value) => Email.safeParse(value).success || PHONE.test(value) || TELEGRAM.test(value), {
    message: 'must be an e-mail address, a phone number or a Telegram @handle',
  });

/** The e-mail address in a contact, lower-cased, or null for a phone or Telegram contact. */
export function contactEmail(contact: string): string | null {
  const email = Email.safeParse(contact);
  return email.success ? email.data : null;
}

const Comment = z.string().trim().max(1000);

/** A visitor asks for the free placement lesson from the public page, before having an account. */
export const VisitorPlacementBody = z.object({
  name: PersonName,
  contact: PlacementContact,
  language: Language,
  comment: Comment.optional(),
  consent: z.literal(true, { message: 'must be given to be contacted' }),
  /** For the account made when the lesson is scheduled: the page's language and the browser's zone. */
  locale: Locale.default('en'),
  timeZone: TimeZone.default('UTC'),
});
export type VisitorPlacementBody = z.infer<typeof VisitorPlacementBody>;

/** A signed-in student asks from their cabinet. */
export const StudentPlacementBody = z.object({ language: Language, comment: Comment.optional() });
export type StudentPlacementBody = z.infer<typeof StudentPlacementBody>;

export const PlacementLesson = z.object({ id: z.uuid(), startsAt: z.string(), endsAt: z.string(), status: LessonStatus });

export const PlacementRequest = z.object({
  id: z.uuid(),
  name: z.string(),
  contact: z.string(),
  email: z.string().nullable(),
  language: Language,
  comment: z.string().nullable(),
  status: PlacementStatus,
  createdAt: z.string(),
  student: LessonPerson.nullable(),
  methodist: LessonPerson.nullable(),
  lesson: PlacementLesson.nullable(),
});
export type PlacementRequest = z.infer<typeof PlacementRequest>;

/** One language's result of a placement lesson as it stands now: a later change of teacher shows here. */
export const PlacementResult = z.object({
  language: Language,
  level: z.string().nullable(),
  goal: z.string().nullable(),
  teacher: LessonPerson.nullable(),
});
export type PlacementResult = z.infer<typeof PlacementResult>;

/**
 * A free lesson in the student's cabinet: a request of theirs, or a placement lesson booked for them
 * without one (staff may book it directly), with the result once the methodist has recorded it.
 */
export const MyPlacement = z.object({
  /** The request's id; the lesson's for a lesson booked without a request. */
  id: z.uuid(),
  language: Language,
  status: PlacementStatus,
  /** When the student asked; null for a lesson booked without a request. */
  askedAt: z.string().nullable(),
  comment: z.string().nullable(),
  methodist: LessonPerson.nullable(),
  lesson: PlacementLesson.nullable(),
  /** Level, goal and teacher per language assessed at the lesson; empty until assessed. */
  results: z.array(PlacementResult),
});
export type MyPlacement = z.infer<typeof MyPlacement>;

/** The student's free lessons, newest first, and what they may still ask for. */
export const MyPlacementList = z.object({
  items: z.array(MyPlacement),
  /** Languages with no free lesson under way and no enrollment yet. */
  languagesToAsk: z.array(Language),
});
export type MyPlacementList = z.infer<typeof MyPlacementList>;

/** Oldest first, so the queue is worked in order. */
export const PlacementListQuery = Pagination.extend({ status: PlacementStatus.optional(), language: Language.optional() });
export type PlacementListQuery = z.infer<typeof PlacementListQuery>;

export const PlacementList = z.object({ items: z.array(PlacementRequest), total: z.number().int() });
export type PlacementList = z.infer<typeof PlacementList>;

/**
 * The methodist books the lesson with themselves (again, to move it). A visitor without an account
 * gets one, invited by e-mail: `email` is needed when their contact is a phone or Telegram.
 */
export const SchedulePlacementBody = z.object({
  startsAt: IsoDateTime,
  durationMinutes: DurationMinutes,
  email: Email.optional(),
});
export type SchedulePlacementBody = z.infer<typeof SchedulePlacementBody>;

/** A student learning a language, with their level and goal and the teacher assigned to them. */
export const Enrollment = z.object({
  id: z.uuid(),
  student: LessonPerson,
  language: Language,
  level: z.string().nullable(),
  goal: z.string().nullable(),
  notes: z.string().nullable(),
  teacher: LessonPerson.nullable(),
  updatedAt: z.string(),
});
export type Enrollment = z.infer<typeof Enrollment>;

export const PlacementRequestDetail = PlacementRequest.extend({
  /** The student's enrollments so far (empty before the first assessment). */
  enrollments: z.array(Enrollment),
});
export type PlacementRequestDetail = z.infer<typeof PlacementRequestDetail>;

/** The result for one language: CEFR A1–C2 for English, HSK1–HSK6 for Chinese. */
export const LanguageAssessment = z
  .object({
    language: Language,
    level: Level,
    goal: z.string().trim().min(1).max(500),
    notes: z.string().trim().max(5000).optional(),
    /** The teacher who will teach the student this language: must teach it. */
    teacherId: z.uuid(),
  })
  .superRefine(checkLevelFitsLanguage);
export type LanguageAssessment = z.infer<typeof LanguageAssessment>;

export const PlacementAssessmentBody = z.object({
  assessments: z
    .array(LanguageAssessment)
    .min(1)
    .max(Language.options.length)
    .refine((items) => new Set(items.map((item) => item.language)).size === items.length, { message: 'must not repeat a language' }),
});
export type PlacementAssessmentBody = z.infer<typeof PlacementAssessmentBody>;

/** Teachers see their own students; methodists and admins filter by anything. */
export const EnrollmentListQuery = Pagination.extend({
  studentId: z.uuid().optional(),
  teacherId: z.uuid().optional(),
  language: Language.optional(),
});
export type EnrollmentListQuery = z.infer<typeof EnrollmentListQuery>;

export const EnrollmentList = z.object({ items: z.array(Enrollment), total: z.number().int() });
export type EnrollmentList = z.infer<typeof EnrollmentList>;

/** Active teachers and methodists with the languages they teach: whom a student can be assigned to. */
export const TeacherList = z.object({ items: z.array(LessonPerson.extend({ teaches: z.array(Language) })) });
export type TeacherList = z.infer<typeof TeacherList>;

/** The explicit change of a student's teacher for a language; audited with the reason. */
export const ReassignTeacherBody = z.object({ teacherId: z.uuid(), reason: AuditReason });
export type ReassignTeacherBody = z.infer<typeof ReassignTeacherBody>;
