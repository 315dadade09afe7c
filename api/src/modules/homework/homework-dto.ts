import type { Prisma } from '@panda/db';
import {
  homeworkStanding,
  HomeworkItems,
  ItemResult,
  TestAnswers,
  toPublicHomeworkItems,
  type Homework,
  type HomeworkItem,
  type HomeworkStanding,
  type HomeworkSubmission,
  type HomeworkSubmissionSummary,
  type TestResult,
} from '@panda/shared';
import { z } from 'zod';

const person = { select: { id: true, name: true } } as const;

/** A submission with what its lines and pages show. */
export const submissionWith = {
  student: person,
  homework: { select: { id: true, lessonId: true, teacherId: true, title: true, language: true, instructions: true, items: true, createdAt: true, teacher: person } },
} satisfies Prisma.HomeworkSubmissionInclude;

export type SubmissionRecord = Prisma.HomeworkSubmissionGetPayload<{ include: typeof submissionWith }>;

export const homeworkWith = {
  teacher: person,
  submissions: { include: { student: person }, orderBy: { student: { name: 'asc' } } },
} satisfies Prisma.HomeworkInclude;

export type HomeworkRecord = Prisma.HomeworkGetPayload<{ include: typeof homeworkWith }>;

/** Items as stored: they were valid when set. */
export const storedItems = (items: Prisma.JsonValue): HomeworkItem[] => HomeworkItems.parse(items);

const StoredResults = z.array(ItemResult);

/** The submission's result, once handed in. */
export function storedResult(submission: { itemResults: Prisma.JsonValue; score: number | null; maxScore: number }): TestResult | null {
  if (submission.itemResults === null || submission.score === null) return null;
  return { score: submission.score, maxScore: submission.maxScore, items: StoredResults.parse(submission.itemResults) };
}

export const standingOf = (submission: { dueAt: Date; submittedAt: Date | null; score: number | null; maxScore: number }, now: Date): HomeworkStanding =>
  homeworkStanding(submission, now);

const awaiting = (result: TestResult | null): number => result?.items.filter((item) => item.status === 'needs_marking').length ?? 0;

type SummaryParts = Pick<SubmissionRecord, 'id' | 'dueAt' | 'submittedAt' | 'score' | 'maxScore' | 'itemResults' | 'comment' | 'student' | 'createdAt'>;
type HomeworkParts = Pick<SubmissionRecord['homework'], 'id' | 'lessonId' | 'title' | 'language' | 'teacher'> & { createdAt: Date };

export function toSummaryDto(submission: SummaryParts, homework: HomeworkParts, now: Date): HomeworkSubmissionSummary {
  const standing = standingOf(submission, now);
  return {
    id: submission.id,
    homeworkId: homework.id,
    lessonId: homework.lessonId,
    title: homework.title,
    language: homework.language,
    student: submission.student,
    teacher: homework.teacher,
    assignedAt: homework.createdAt.toISOString(),
    dueAt: submission.dueAt.toISOString(),
    closesAt: standing.closesAt.toISOString(),
    state: standing.state,
    daysLeft: standing.daysLeft,
    rating: standing.rating,
    submittedAt: submission.submittedAt?.toISOString() ?? null,
    score: submission.score,
    maxScore: submission.maxScore,
    awaitingMarking: awaiting(storedResult(submission)),
    hasComment: submission.comment !== null,
  };
}

export const toSubmissionSummary = (submission: SubmissionRecord, now: Date): HomeworkSubmissionSummary => toSummaryDto(submission, submission.homework, now);

/**
 * A submission whole. Items are shown as the student sees them (shuffled by the submission's id);
 * the student's result leaves out the expected answers, the teacher's keeps them.
 */
export function toSubmissionDto(
  submission: SubmissionRecord,
  files: Array<{ id: string; name: string; mimeType: string; size: number }>,
  now: Date,
  withAnswerKey: boolean,
): HomeworkSubmission {
  const result = storedResult(submission);
  return {
    ...toSubmissionSummary(submission, now),
    instructions: submission.homework.instructions,
    items: toPublicHomeworkItems(storedItems(submission.homework.items), submission.id),
    answers: submission.answers === null ? null : TestAnswers.parse(submission.answers),
    result: result && (withAnswerKey ? result : { ...result, items: result.items.map(({ correct: _key, ...item }) => item) }),
    files: submission.fileIds.flatMap((id) => files.filter((file) => file.id === id)),
    comment: submission.comment,
    markedAt: submission.markedAt?.toISOString() ?? null,
  };
}

export function toHomeworkDto(homework: HomeworkRecord, now: Date): Homework {
  return {
    id: homework.id,
    lessonId: homework.lessonId,
    title: homework.title,
    language: homework.language,
    instructions: homework.instructions,
    materialId: homework.materialId,
    items: storedItems(homework.items),
    maxScore: homework.maxScore,
    createdAt: homework.createdAt.toISOString(),
    submissions: homework.submissions.map((submission) => toSummaryDto(submission, homework, now)),
  };
}
