import { z } from 'zod';
import { IsoDateTime, Language } from './common.js';
import {
  ChoiceItem,
  FreeTextItem,
  GapFillItem,
  ItemAnswer,
  ItemId,
  ItemResult,
  MatchingItem,
  PublicTestItem,
  round2,
  scoreItem,
  ShortAnswerItem,
  toPublicItems,
  WordOrderItem,
  type TestAnswers,
  type TestResult,
} from './items.js';
import { LessonPerson } from './lessons.js';
import { DAY_MS } from './time.js';

/**
 * Homework: a worksheet the teacher sets at the end of a lesson, due at the start of the student's
 * next lesson in that language. Its items are the board tests' item engine (`items.ts`) plus file
 * uploads; auto-checked items score at once, free text and files wait for the teacher's marks.
 *
 * The homework clock (`homeworkStanding`) is a pure function of the submission and the time.
 */

// --- The clock ---

/** Not done by the deadline, homework sits in the student's "tails" this many days. */
export const HOMEWORK_TAILS_DAYS = 14;
/** Due in this many days when the student has no next lesson in the language scheduled. */
export const HOMEWORK_DEFAULT_DUE_DAYS = 7;

/**
 * Where a student's homework stands:
 * - `open` — not done, the deadline is ahead (not yet in the rating);
 * - `tail` — not done by the deadline: 0 in the rating, and may still be done until `closesAt`;
 * - `missed` — not done by `closesAt`: closed at 0 for good;
 * - `done` — done before the deadline: the real score counts;
 * - `done_late` — done from the tails: the real score replaces the 0.
 */
export const HomeworkState = z.enum(['open', 'tail', 'missed', 'done', 'done_late']);
export type HomeworkState = z.infer<typeof HomeworkState>;

export interface HomeworkClockInput {
  dueAt: Date;
  submittedAt: Date | null;
  score: number | null;
  maxScore: number;
}

export interface HomeworkStanding {
  state: HomeworkState;
  /** The end of the tails: `dueAt` + 14 days. Submissions from then on are refused. */
  closesAt: Date;
  /** In the tails: whole days left to do it (rounded up); otherwise null. */
  daysLeft: number | null;
  /** What it counts in the rating, 0–100 (percent of the points); null while it does not count yet. */
  rating: number | null;
}

/** The end of a homework's tails. */
export const homeworkClosesAt = (dueAt: Date): Date => new Date(dueAt.getTime() + HOMEWORK_TAILS_DAYS * DAY_MS);

/** Whether the student may still hand it in at `now`: until the tails close. Intervals are half-open. */
export const homeworkAcceptsAt = (dueAt: Date, now: Date): boolean => now.getTime() < homeworkClosesAt(dueAt).getTime();

const percent = (score: number, maxScore: number): number => (maxScore > 0 ? round2((score / maxScore) * 100) : 0);

/**
 * The homework clock. A deadline is met by a submission strictly before it; the tails are
 * [dueAt, dueAt + 14 days); a submission at or after their end does not count (the API refuses it).
 */
export function homeworkStanding(input: HomeworkClockInput, now: Date): HomeworkStanding {
  const due = input.dueAt.getTime();
  const closesAt = homeworkClosesAt(input.dueAt);
  const closes = closesAt.getTime();
  const submitted = input.submittedAt?.getTime();
  // A submission from the future (a clock moved back in a test) is not there yet.
  if (submitted !== undefined && submitted <= now.getTime()) {
    const real = percent(input.score ?? 0, input.maxScore);
    if (submitted < due) return { state: 'done', closesAt, daysLeft: null, rating: real };
    if (submitted < closes) return { state: 'done_late', closesAt, daysLeft: null, rating: real };
    return { state: 'missed', closesAt, daysLeft: null, rating: 0 };
  }
  const at = now.getTime();
  if (at < due) return { state: 'open', closesAt, daysLeft: null, rating: null };
  if (at < closes) return { state: 'tail', closesAt, daysLeft: Math.ceil((closes - at) / DAY_MS), rating: 0 };
  return { state: 'missed', closesAt, daysLeft: null, rating: 0 };
}

/** The homework rating: the mean of what counts, 0–100; null when nothing counts yet. */
export function homeworkRating(standings: ReadonlyArray<Pick<HomeworkStanding, 'rating'>>): number | null {
  const counted = standings.flatMap((standing) => (standing.rating === null ? [] : [standing.rating]));
  if (counted.length === 0) return null;
  return round2(counted.reduce((sum, value) => sum + value, 0) / counted.length);
}

/**
 * When homework set at `now` is due: the start of the student's next lesson in the language
 * (`nextLessonStartsAt`, the earliest scheduled one starting after now), else 7 days from now.
 */
export function homeworkDueAt(now: Date, nextLessonStartsAt: Date | null): Date {
  return nextLessonStartsAt && nextLessonStartsAt.getTime() > now.getTime()
    ? nextLessonStartsAt
    : new Date(now.getTime() + HOMEWORK_DEFAULT_DUE_DAYS * DAY_MS);
}

// --- Attendance ---

export const AttendanceMark = z.enum(['present', 'absent', 'unmarked']);
export type AttendanceMark = z.infer<typeof AttendanceMark>;

/**
 * Whether a student was at a past lesson: in the room (an attendance record) is present; a
 * no-show is absent; a lesson marked held by hand (no one joined its room) counts its students
 * present, one held in the room counts those who never joined absent; a lesson nobody marked is
 * unmarked (not counted).
 */
export function attendanceOf(lesson: { status: 'scheduled' | 'held' | 'cancelled' | 'no_show'; studentJoined: boolean; anyoneJoined: boolean }): AttendanceMark {
  if (lesson.studentJoined) return 'present';
  if (lesson.status === 'no_show') return 'absent';
  if (lesson.status === 'held') return lesson.anyoneJoined ? 'absent' : 'present';
  return 'unmarked';
}

// --- Worksheets ---

/** A file the student uploads (a photo of written work, a recording, a PDF), marked by the teacher. */
export const FileUploadItem = z.object({
  type: z.literal('file_upload'),
  id: ItemId,
  points: z.number().positive().max(100).default(1),
  prompt: z.string().trim().min(1).max(2000),
  /** How many files the student may attach. */
  maxFiles: z.number().int().min(1).max(10).default(3),
});
export type FileUploadItem = z.infer<typeof FileUploadItem>;

export const HomeworkItem = z.discriminatedUnion('type', [ChoiceItem, GapFillItem, MatchingItem, WordOrderItem, ShortAnswerItem, FreeTextItem, FileUploadItem]);
export type HomeworkItem = z.infer<typeof HomeworkItem>;
export type HomeworkItemInput = z.input<typeof HomeworkItem>;

const uniqueIds = (items: ReadonlyArray<{ id: string }>, ctx: z.RefinementCtx) => {
  const ids = items.map((item) => item.id);
  const repeated = ids.filter((id, index) => ids.indexOf(id) !== index);
  if (repeated.length > 0) ctx.addIssue({ code: 'custom', message: `item ids must be unique; repeated: ${[...new Set(repeated)].join(', ')}` });
};

export const HomeworkItems = z.array(HomeworkItem).min(1).max(100).superRefine(uniqueIds);

/** What a student sees of an item: test items without their key, uploads as they are. */
export const PublicHomeworkItem = z.union([PublicTestItem, FileUploadItem]);
export type PublicHomeworkItem = z.infer<typeof PublicHomeworkItem>;

const isUpload = (item: HomeworkItem): item is FileUploadItem => item.type === 'file_upload';

/** A worksheet as its student sees it; matching and word order shuffled by `seed`. */
export function toPublicHomeworkItems(items: readonly HomeworkItem[], seed: string): PublicHomeworkItem[] {
  return items.map((item) => (isUpload(item) ? item : (toPublicItems([item], seed)[0] as PublicTestItem)));
}

const hasFiles = (answer: ItemAnswer | undefined): boolean => Array.isArray(answer) && answer.some((value) => typeof value === 'string' && value !== '');

/** Scores a worksheet: test items by the item engine, uploads wait for the teacher's mark. */
export function scoreHomework(items: readonly HomeworkItem[], answers: TestAnswers): TestResult {
  const results: ItemResult[] = items.map((item) => {
    const answer = Object.hasOwn(answers, item.id) ? answers[item.id] : undefined;
    if (!isUpload(item)) return scoreItem(item, answer);
    return { itemId: item.id, score: 0, maxScore: round2(item.points), status: hasFiles(answer) ? 'needs_marking' : 'unanswered' };
  });
  return {
    score: round2(results.reduce((sum, result) => sum + result.score, 0)),
    maxScore: round2(results.reduce((sum, result) => sum + result.maxScore, 0)),
    items: results,
  };
}

export const homeworkMaxScore = (items: readonly HomeworkItem[]): number => round2(items.reduce((sum, item) => sum + item.points, 0));

// --- Bodies and answers ---

const Title = z.string().trim().min(1).max(200);
const Instructions = z.string().trim().min(1).max(5000);

/**
 * Homework for a lesson's students (its teacher): a test from the library (`materialId`, its items
 * copied), items written on the spot, or both (the written ones follow the material's). Due at each
 * student's next lesson in the language unless `dueAt` is given.
 */
export const AssignHomeworkBody = z
  .object({
    title: Title.optional(),
    instructions: Instructions.optional(),
    materialId: z.uuid().optional(),
    items: HomeworkItems.optional(),
    /** Some of the lesson's students; all of them when left out. */
    studentIds: z
      .array(z.uuid())
      .min(1)
      .max(30)
      .refine((ids) => new Set(ids).size === ids.length, { message: 'a student appears once' })
      .optional(),
    /** Overrides the computed deadline; must be in the future. */
    dueAt: IsoDateTime.optional(),
  })
  .superRefine((body, ctx) => {
    if (!body.materialId && !body.items) ctx.addIssue({ code: 'custom', path: ['items'], message: 'give a test from the library (materialId) or items' });
    if (!body.materialId && !body.title) ctx.addIssue({ code: 'custom', path: ['title'], message: 'homework written on the spot needs a title' });
  });
export type AssignHomeworkBody = z.infer<typeof AssignHomeworkBody>;

export const SubmitHomeworkBody = z.object({
  /** By item id; a file-upload item's answer is the ids of files uploaded to this submission. */
  answers: z
    .record(ItemId, ItemAnswer)
    .refine((answers) => Object.keys(answers).length <= 100, { message: 'at most 100 answers' }),
});
export type SubmitHomeworkBody = z.infer<typeof SubmitHomeworkBody>;

/** The teacher's marks (free text, files, or overrides) and a comment for the student; either or both. */
export const MarkHomeworkBody = z
  .object({
    marks: z
      .array(z.object({ itemId: ItemId, score: z.number().min(0).max(100) }))
      .min(1)
      .max(100)
      .refine((marks) => new Set(marks.map((mark) => mark.itemId)).size === marks.length, { message: 'one mark per item' })
      .optional(),
    /** Null takes the comment away. */
    comment: z.string().trim().min(1).max(5000).nullable().optional(),
  })
  .refine((body) => body.marks !== undefined || body.comment !== undefined, { message: 'give marks or a comment', path: ['marks'] });
export type MarkHomeworkBody = z.infer<typeof MarkHomeworkBody>;

export const HomeworkSubmissionParams = z.object({ id: z.uuid() });
export const HomeworkFileParams = z.object({ id: z.uuid(), fileId: z.uuid() });

export const HomeworkSubmissionQuery = z.object({
  studentId: z.uuid().optional(),
  language: Language.optional(),
  state: HomeworkState.optional(),
  /** Only those with free text or files waiting for a mark. */
  awaitingMarking: z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
});
export type HomeworkSubmissionQuery = z.infer<typeof HomeworkSubmissionQuery>;

export const MyHomeworkQuery = z.object({ language: Language.optional() });

export const ProgressQuery = z.object({ language: Language });
export type ProgressQuery = z.infer<typeof ProgressQuery>;

// --- Answers the API gives ---

export const HomeworkFile = z.object({ id: z.uuid(), name: z.string(), mimeType: z.string(), size: z.number().int() });
export type HomeworkFile = z.infer<typeof HomeworkFile>;

/** One student's homework, as a line in a list: the standing by the clock, no items. */
export const HomeworkSubmissionSummary = z.object({
  id: z.uuid(),
  homeworkId: z.uuid(),
  lessonId: z.uuid(),
  title: z.string(),
  language: Language,
  student: LessonPerson,
  teacher: LessonPerson,
  assignedAt: z.string(),
  dueAt: z.string(),
  closesAt: z.string(),
  state: HomeworkState,
  daysLeft: z.number().int().nullable(),
  /** What it counts in the rating, 0–100; null while it does not count yet. */
  rating: z.number().nullable(),
  submittedAt: z.string().nullable(),
  score: z.number().nullable(),
  maxScore: z.number(),
  /** Items (free text, files) waiting for the teacher. */
  awaitingMarking: z.number().int(),
  hasComment: z.boolean(),
});
export type HomeworkSubmissionSummary = z.infer<typeof HomeworkSubmissionSummary>;

export const HomeworkSubmissionList = z.object({ items: z.array(HomeworkSubmissionSummary) });
export type HomeworkSubmissionList = z.infer<typeof HomeworkSubmissionList>;

/**
 * One student's homework whole: the items as the student sees them (no answer key, shuffled by the
 * submission's id). The student's result says which items were wrong, not what was right; the
 * teacher's carries each item's expected answer.
 */
export const HomeworkSubmission = HomeworkSubmissionSummary.extend({
  instructions: z.string().nullable(),
  items: z.array(PublicHomeworkItem),
  answers: z.record(z.string(), ItemAnswer).nullable(),
  result: z.object({ score: z.number(), maxScore: z.number(), items: z.array(ItemResult) }).nullable(),
  files: z.array(HomeworkFile),
  comment: z.string().nullable(),
  markedAt: z.string().nullable(),
});
export type HomeworkSubmission = z.infer<typeof HomeworkSubmission>;

/** Homework as set in a lesson, with every student's line. */
export const Homework = z.object({
  id: z.uuid(),
  lessonId: z.uuid(),
  title: z.string(),
  language: Language,
  instructions: z.string().nullable(),
  materialId: z.uuid().nullable(),
  items: z.array(HomeworkItem),
  maxScore: z.number(),
  createdAt: z.string(),
  submissions: z.array(HomeworkSubmissionSummary),
});
export type Homework = z.infer<typeof Homework>;

export const HomeworkList = z.object({ items: z.array(Homework) });
export type HomeworkList = z.infer<typeof HomeworkList>;

/** A student a teacher teaches, with what waits in their homework. */
export const HomeworkStudent = z.object({
  student: LessonPerson,
  languages: z.array(Language),
  awaitingMarking: z.number().int(),
  tails: z.number().int(),
  open: z.number().int(),
  rating: z.number().nullable(),
});
export const HomeworkStudentList = z.object({ items: z.array(HomeworkStudent) });
export type HomeworkStudentList = z.infer<typeof HomeworkStudentList>;

// --- Rating and progress ---

export const StudentProgress = z.object({
  student: LessonPerson,
  language: Language,
  summary: z.object({
    /** Past lessons: present, absent; `rate` is present / (present + absent) in percent. */
    attendance: z.object({ present: z.number().int(), absent: z.number().int(), rate: z.number().nullable() }),
    /** The homework rating (0 for tails and missed ones), and how many are in the tails now. */
    homework: z.object({ rating: z.number().nullable(), counted: z.number().int(), tails: z.number().int(), missed: z.number().int() }),
    /** Tests taken on the board: their mean in percent. */
    tests: z.object({ average: z.number().nullable(), count: z.number().int() }),
  }),
  /** Past lessons, oldest first. */
  attendance: z.array(z.object({ lessonId: z.uuid(), startsAt: z.string(), mark: AttendanceMark })),
  /** Homework by deadline, oldest first. */
  homework: z.array(
    z.object({ submissionId: z.uuid(), title: z.string(), dueAt: z.string(), state: HomeworkState, rating: z.number().nullable(), daysLeft: z.number().int().nullable() }),
  ),
  /** Board tests by when they were taken, oldest first. */
  tests: z.array(
    z.object({ attemptId: z.uuid(), lessonId: z.uuid(), title: z.string(), submittedAt: z.string(), score: z.number(), maxScore: z.number(), percent: z.number() }),
  ),
});
export type StudentProgress = z.infer<typeof StudentProgress>;
