import type { Db, Prisma } from '@panda/db';
import {
  applyMarks,
  AssignHomeworkBody,
  DAY_MS,
  FileLink,
  Homework,
  HomeworkFileParams,
  homeworkAcceptsAt,
  homeworkDueAt,
  HomeworkList,
  homeworkMaxScore,
  homeworkRating,
  HomeworkStudentList,
  HomeworkSubmission,
  HomeworkSubmissionList,
  HomeworkSubmissionParams,
  HomeworkSubmissionQuery,
  IdParams,
  MarkHomeworkBody,
  MarkingError,
  MyHomeworkQuery,
  ProgressQuery,
  scoreHomework,
  STAFF,
  StudentProgress,
  STUDENTS,
  SubmitHomeworkBody,
  TestContent,
  UploadedFile,
  uploadMediaTypeOf,
  UploadQuery,
  type Actor,
  type HomeworkItem,
  type Language,
  type TestResult,
} from '@panda/shared';
import { DomainError, invalidField } from '../../domain-error.js';
import type { ApiModule } from '../../module.js';
import { UploadRejected } from '../files/file-store.js';
import { fileLinkPath, linkExpiry } from '../files/links.js';
import { rejection, unsupportedFileType } from '../files/routes.js';
import { contentMatchesType } from '../files/sniff.js';
import { requireTeacherSeat, seatInLesson } from '../lesson-materials/lesson-seat.js';
import { visibleMaterials } from '../materials/access.js';
import {
  homeworkWith,
  standingOf,
  storedItems,
  storedResult,
  submissionWith,
  toHomeworkDto,
  toSubmissionDto,
  toSubmissionSummary,
  type SubmissionRecord,
} from './homework-dto.js';
import { notify } from '../notifications/notifications.js';
import { requireProgressAccess, studentProgress } from './progress.js';

/** Staff see the homework they set; admins see all. */
const setBy = (user: Actor): Prisma.HomeworkWhereInput => (user.role === 'admin' ? {} : { teacherId: user.id });

/** How the caller stands to a submission: its student, its homework's teacher (or an admin), or not at all. */
function roleIn(submission: SubmissionRecord, user: Actor): 'student' | 'teacher' | null {
  if (submission.studentId === user.id) return 'student';
  if (submission.homework.teacherId === user.id || user.role === 'admin') return 'teacher';
  return null;
}

/** The first scheduled lesson of the student in the language starting after `after` (not `lessonId`). */
async function nextLessonStart(db: Db, studentId: string, language: Language, after: Date, lessonId: string): Promise<Date | null> {
  const next = await db.lesson.findFirst({
    where: { id: { not: lessonId }, language, status: 'scheduled', startsAt: { gt: after }, students: { some: { studentId } } },
    select: { startsAt: true },
    orderBy: { startsAt: 'asc' },
  });
  return next?.startsAt ?? null;
}

/** Answers checked beyond their shape: known items, and uploads that are this submission's files. */
function checkAnswers(items: readonly HomeworkItem[], answers: SubmitHomeworkBody['answers'], fileIds: readonly string[]): void {
  for (const [itemId, answer] of Object.entries(answers)) {
    const item = items.find((candidate) => candidate.id === itemId);
    const path = `body.answers.${itemId}`;
    if (!item) throw invalidField(path, 'no such item in this homework');
    if (item.type === 'file_upload') {
      if (!Array.isArray(answer) || answer.some((id) => id === null || !fileIds.includes(id))) {
        throw invalidField(path, 'must be ids of files uploaded for this homework');
      }
      if (new Set(answer).size > item.maxFiles) throw invalidField(path, `at most ${item.maxFiles} files`);
    }
    if (item.type === 'free_text' && item.maxLength !== undefined && typeof answer === 'string' && answer.length > item.maxLength) {
      throw invalidField(path, `at most ${item.maxLength} characters`);
    }
  }
}

export const homeworkModule: ApiModule = {
  name: 'homework',
  register(router, { db, clock, settings, services }) {
    const tag = 'homework';
    const { maxBytes, linkSecret } = settings.uploads;
    const store = services.files;

    async function findSubmission(id: string, user: Actor) {
      const submission = await db.homeworkSubmission.findUnique({ where: { id }, include: submissionWith });
      const role = submission && roleIn(submission, user);
      if (!submission || !role) throw new DomainError('not_found', 'no such homework');
      return { submission, role };
    }

    const filesOf = (submission: { fileIds: string[] }) =>
      submission.fileIds.length === 0
        ? Promise.resolve([])
        : db.uploadedFile.findMany({ where: { id: { in: submission.fileIds } }, select: { id: true, name: true, mimeType: true, size: true } });

    async function submissionDto(id: string, role: 'student' | 'teacher'): Promise<HomeworkSubmission> {
      const submission = await db.homeworkSubmission.findUniqueOrThrow({ where: { id }, include: submissionWith });
      return toSubmissionDto(submission, await filesOf(submission), clock.now(), role === 'teacher');
    }

    // --- the teacher sets homework ---

    router.operation(
      {
        method: 'post',
        path: '/lessons/:id/homework',
        summary: `Set homework for a lesson's students (its teacher): a test from the library (its items are copied), items written on the spot, or both. Each student's copy is due at the start of their next scheduled lesson in the language, or in 7 days when none is scheduled (unless dueAt is given)`,
        tag,
        access: STAFF,
        params: IdParams,
        body: AssignHomeworkBody,
        response: Homework,
        status: 201,
      },
      async ({ params, body, user }) => {
        const { seat } = await seatInLesson(db, params.id, user);
        requireTeacherSeat(seat);
        const lesson = await db.lesson.findUniqueOrThrow({
          where: { id: params.id },
          select: { id: true, teacherId: true, language: true, status: true, startsAt: true, students: { select: { studentId: true } } },
        });
        if (lesson.status === 'cancelled') throw new DomainError('lesson_cancelled', 'the lesson was cancelled');

        let items: HomeworkItem[] = body.items ?? [];
        let title = body.title;
        let instructions = body.instructions;
        if (body.materialId) {
          const material = await db.material.findFirst({ where: { AND: [{ id: body.materialId }, visibleMaterials(user)] }, select: { kind: true, title: true, content: true } });
          if (!material || material.kind !== 'test') throw invalidField('body.materialId', 'must be a test in your library');
          const test = TestContent.parse(material.content);
          const repeated = items.filter((item) => test.items.some((other) => other.id === item.id)).map((item) => item.id);
          if (repeated.length > 0) throw invalidField('body.items', `item ids already used by the test: ${repeated.join(', ')}`);
          items = [...test.items, ...items];
          title ??= material.title;
          instructions ??= test.instructions;
        }

        const seated = lesson.students.map((seat) => seat.studentId);
        const studentIds = body.studentIds ?? seated;
        const strangers = studentIds.filter((id) => !seated.includes(id));
        if (strangers.length > 0) throw invalidField('body.studentIds', `not students of this lesson: ${strangers.join(', ')}`);
        if (studentIds.length === 0) throw invalidField('body.studentIds', 'the lesson has no students');

        const now = clock.now();
        if (body.dueAt && new Date(body.dueAt).getTime() <= now.getTime()) throw invalidField('body.dueAt', 'must be in the future');
        const after = new Date(Math.max(now.getTime(), lesson.startsAt.getTime()));
        const dueDates = await Promise.all(
          studentIds.map(async (studentId) =>
            body.dueAt ? new Date(body.dueAt) : homeworkDueAt(now, await nextLessonStart(db, studentId, lesson.language, after, lesson.id)),
          ),
        );

        const maxScore = homeworkMaxScore(items);
        const homework = await db.$transaction(async (tx) => {
          const created = await tx.homework.create({
            data: {
              lessonId: lesson.id,
              teacherId: user.role === 'admin' ? lesson.teacherId : user.id,
              language: lesson.language,
              title: title as string,
              instructions: instructions ?? null,
              items,
              maxScore,
              materialId: body.materialId ?? null,
              createdAt: now,
              submissions: { create: studentIds.map((studentId, index) => ({ studentId, dueAt: dueDates[index] as Date, maxScore, createdAt: now })) },
            },
            include: homeworkWith,
          });
          for (const submission of created.submissions) await notifyHomeworkDue(tx, created, submission, now);
          return created;
        });
        return toHomeworkDto(homework, now);
      },
    );

    router.operation(
      { method: 'get', path: '/lessons/:id/homework', summary: 'The homework set in a lesson, with every student’s line (its teacher)', tag, access: STAFF, params: IdParams, response: HomeworkList },
      async ({ params, user }) => {
        const { seat } = await seatInLesson(db, params.id, user);
        requireTeacherSeat(seat);
        const homework = await db.homework.findMany({ where: { lessonId: params.id }, include: homeworkWith, orderBy: { createdAt: 'asc' } });
        const now = clock.now();
        return { items: homework.map((entry) => toHomeworkDto(entry, now)) };
      },
    );

    router.operation(
      { method: 'delete', path: '/homework/:id', summary: 'Take back homework set by mistake, while no student has handed it in (409 otherwise)', tag, access: STAFF, params: IdParams, status: 204 },
      async ({ params, user }) => {
        await db.$transaction(async (tx) => {
          const homework = await tx.homework.findFirst({ where: { id: params.id, ...setBy(user) }, select: { id: true } });
          if (!homework) throw new DomainError('not_found', 'no such homework');
          // Handing in locks the submission row; so does this, so neither slips past the other.
          const handedIn = await tx.$queryRaw<Array<{ id: string }>>`
            SELECT id FROM "HomeworkSubmission" WHERE "homeworkId" = ${homework.id}::uuid FOR UPDATE`;
          const submitted = await tx.homeworkSubmission.count({ where: { id: { in: handedIn.map((row) => row.id) }, submittedAt: { not: null } } });
          if (submitted > 0) throw new DomainError('conflict', 'students have handed it in already');
          await tx.homework.delete({ where: { id: homework.id } });
        });
      },
    );

    // --- lists of homework ---

    router.operation(
      { method: 'get', path: '/homework/submissions', summary: 'The homework I set, a line per student, newest deadline first; filter by student, language, where it stands, or waiting for my marks', tag, access: STAFF, query: HomeworkSubmissionQuery, response: HomeworkSubmissionList },
      async ({ query, user }) => {
        const submissions = await db.homeworkSubmission.findMany({
          where: {
            homework: { ...setBy(user), ...(query.language ? { language: query.language } : {}) },
            ...(query.studentId ? { studentId: query.studentId } : {}),
          },
          include: submissionWith,
          orderBy: [{ dueAt: 'desc' }, { id: 'asc' }],
          take: 500,
        });
        const now = clock.now();
        const lines = submissions.map((submission) => toSubmissionSummary(submission, now));
        return {
          items: lines.filter(
            (line) => (!query.state || line.state === query.state) && (query.awaitingMarking === undefined || line.awaitingMarking > 0 === query.awaitingMarking),
          ),
        };
      },
    );

    router.operation(
      { method: 'get', path: '/me/homework', summary: 'My homework: current, in the tails (with the days left), done and missed, by deadline', tag, access: STUDENTS, query: MyHomeworkQuery, response: HomeworkSubmissionList },
      async ({ query, user }) => {
        const submissions = await db.homeworkSubmission.findMany({
          where: { studentId: user.id, ...(query.language ? { homework: { language: query.language } } : {}) },
          include: submissionWith,
          orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
        });
        const now = clock.now();
        return { items: submissions.map((submission) => toSubmissionSummary(submission, now)) };
      },
    );

    router.operation(
      { method: 'get', path: '/homework/students', summary: 'The students I teach or set homework for, with their homework waiting for marks, in the tails and open, and their rating', tag, access: STAFF, response: HomeworkStudentList },
      async ({ user }) => {
        const [enrollments, submissions] = await Promise.all([
          db.enrollment.findMany({ where: user.role === 'admin' ? {} : { teacherId: user.id }, select: { language: true, student: { select: { id: true, name: true } } } }),
          db.homeworkSubmission.findMany({
            where: { homework: setBy(user) },
            select: { studentId: true, dueAt: true, submittedAt: true, score: true, maxScore: true, itemResults: true, student: { select: { id: true, name: true } }, homework: { select: { language: true } } },
          }),
        ]);
        const now = clock.now();
        const students = new Map<string, { student: { id: string; name: string }; languages: Set<Language> }>();
        const add = (student: { id: string; name: string }, language: Language) => {
          const entry = students.get(student.id) ?? { student, languages: new Set<Language>() };
          entry.languages.add(language);
          students.set(student.id, entry);
        };
        for (const enrollment of enrollments) add(enrollment.student, enrollment.language);
        for (const submission of submissions) add(submission.student, submission.homework.language);
        const items = [...students.values()].map(({ student, languages }) => {
          const own = submissions.filter((submission) => submission.studentId === student.id);
          const standings = own.map((submission) => standingOf(submission, now));
          return {
            student,
            languages: [...languages].sort(),
            awaitingMarking: own.filter((submission) => storedResult(submission)?.items.some((item) => item.status === 'needs_marking')).length,
            tails: standings.filter((standing) => standing.state === 'tail').length,
            open: standings.filter((standing) => standing.state === 'open').length,
            rating: homeworkRating(standings),
          };
        });
        items.sort((a, b) => a.student.name.localeCompare(b.student.name));
        return { items };
      },
    );

    // After the lists: `/homework/submissions` and `/homework/students` are not ids.
    router.operation(
      { method: 'get', path: '/homework/:id', summary: 'Homework I set, with its items (and their key) and every student’s line', tag, access: STAFF, params: IdParams, response: Homework },
      async ({ params, user }) => {
        const homework = await db.homework.findFirst({ where: { id: params.id, ...setBy(user) }, include: homeworkWith });
        if (!homework) throw new DomainError('not_found', 'no such homework');
        return toHomeworkDto(homework, clock.now());
      },
    );

    // --- one submission ---

    router.operation(
      { method: 'get', path: '/homework/submissions/:id', summary: 'One student’s homework: the worksheet, the answers and the result (the student: which items were wrong, not the key; the teacher: with the key)', tag, access: 'user', params: HomeworkSubmissionParams, response: HomeworkSubmission },
      async ({ params, user }) => {
        const { submission, role } = await findSubmission(params.id, user);
        return toSubmissionDto(submission, await filesOf(submission), clock.now(), role === 'teacher');
      },
    );

    router.operation(
      {
        method: 'post',
        path: '/homework/submissions/:id/files',
        summary: `Upload a file for my homework (a photo of written work, a recording, a PDF): the raw bytes as the body, its type as Content-Type, ?name= its name; the types and size limit of POST /files. Then give its id as the answer to a file-upload item`,
        tag,
        access: STUDENTS,
        params: HomeworkSubmissionParams,
        query: UploadQuery,
        response: UploadedFile,
        status: 201,
      },
      async ({ params, query, user, request }) => {
        const { submission, role } = await findSubmission(params.id, user);
        if (role !== 'student') throw new DomainError('not_found', 'no such homework');
        const uploads = storedItems(submission.homework.items).filter((item) => item.type === 'file_upload');
        if (uploads.length === 0) throw invalidField('params.id', 'this homework asks for no files');
        if (submission.submittedAt) throw new DomainError('homework_already_submitted', 'this homework was handed in already');
        if (!homeworkAcceptsAt(submission.dueAt, clock.now())) throw new DomainError('homework_closed', 'this homework closed two weeks after its deadline');
        const limit = uploads.reduce((sum, item) => sum + item.maxFiles, 0) * 2;
        if (submission.fileIds.length >= limit) throw invalidField('body', `at most ${limit} files for this homework`);

        const mimeType = uploadMediaTypeOf(request.headers['content-type']);
        if (!mimeType) throw unsupportedFileType();
        if (Number(request.headers['content-length'] ?? 0) > maxBytes) throw rejection(new UploadRejected('too_large'), mimeType, maxBytes);
        const stored = await store.save(request, { maxBytes, accepts: (head) => contentMatchesType(head, mimeType) }).catch((error: unknown) => {
          throw error instanceof UploadRejected ? rejection(error, mimeType, maxBytes) : error;
        });
        try {
          const file = await db.$transaction(async (tx) => {
            const created = await tx.uploadedFile.create({ data: { ownerId: user.id, name: query.name, mimeType, ...stored } });
            await tx.homeworkSubmission.update({ where: { id: submission.id }, data: { fileIds: { push: created.id } } });
            return created;
          });
          return { id: file.id, name: file.name, mimeType: file.mimeType, size: file.size, sha256: file.sha256, createdAt: file.createdAt.toISOString() };
        } catch (error) {
          await store.remove(stored.storageKey);
          throw error;
        }
      },
    );

    router.operation(
      { method: 'post', path: '/homework/submissions/:id/files/:fileId/link', summary: 'A signed link to a file of a homework (its student, its teacher), like POST /files/{id}/link', tag, access: 'user', params: HomeworkFileParams, response: FileLink },
      async ({ params, user }) => {
        const { submission } = await findSubmission(params.id, user);
        if (!submission.fileIds.includes(params.fileId)) throw new DomainError('not_found', 'no such file in this homework');
        const expires = linkExpiry(clock.now());
        return { url: fileLinkPath(linkSecret, params.fileId, expires), expiresAt: new Date(expires * 1000).toISOString() };
      },
    );

    router.operation(
      {
        method: 'post',
        path: '/homework/submissions/:id/submit',
        summary: 'Hand in my homework, once: auto-checked items are scored at once (the answer says which were wrong), free text and files wait for the teacher. Refused when handed in already (409 homework_already_submitted) or two weeks after the deadline (409 homework_closed)',
        tag,
        access: STUDENTS,
        params: HomeworkSubmissionParams,
        body: SubmitHomeworkBody,
        response: HomeworkSubmission,
      },
      async ({ params, body, user }) => {
        const { submission, role } = await findSubmission(params.id, user);
        if (role !== 'student') throw new DomainError('not_found', 'no such homework');
        const items = storedItems(submission.homework.items);
        await db.$transaction(async (tx) => {
          // Locked, so that a double click cannot hand it in twice.
          await tx.$queryRaw`SELECT id FROM "HomeworkSubmission" WHERE id = ${submission.id}::uuid FOR UPDATE`;
          const current = await tx.homeworkSubmission.findUniqueOrThrow({ where: { id: submission.id }, select: { submittedAt: true, dueAt: true, fileIds: true } });
          const now = clock.now();
          if (current.submittedAt) throw new DomainError('homework_already_submitted', 'this homework was handed in already');
          if (!homeworkAcceptsAt(current.dueAt, now)) throw new DomainError('homework_closed', 'this homework closed two weeks after its deadline');
          checkAnswers(items, body.answers, current.fileIds);
          const result = scoreHomework(items, body.answers);
          await tx.homeworkSubmission.update({
            where: { id: submission.id },
            data: { answers: body.answers, itemResults: result.items, score: result.score, maxScore: result.maxScore, submittedAt: now },
          });
        });
        return submissionDto(submission.id, 'student');
      },
    );

    router.operation(
      {
        method: 'patch',
        path: '/homework/submissions/:id',
        summary: 'Mark a student’s homework (its teacher): scores for free text and files (or overrides of automatic ones), the total recomputed; and a comment for the student (null removes it)',
        tag,
        access: STAFF,
        params: HomeworkSubmissionParams,
        body: MarkHomeworkBody,
        response: HomeworkSubmission,
      },
      async ({ params, body, user }) => {
        const { submission, role } = await findSubmission(params.id, user);
        if (role !== 'teacher') throw new DomainError('not_found', 'no such homework');
        await db.$transaction(async (tx) => {
          // Locked, so that two markings at once cannot undo each other.
          await tx.$queryRaw`SELECT id FROM "HomeworkSubmission" WHERE id = ${submission.id}::uuid FOR UPDATE`;
          const current = await tx.homeworkSubmission.findUniqueOrThrow({ where: { id: submission.id } });
          const data: Prisma.HomeworkSubmissionUpdateInput = { markedAt: clock.now() };
          if (body.marks) {
            const stored = storedResult(current);
            if (!stored) throw invalidField('body.marks', 'the student has not handed it in yet');
            let result: TestResult;
            try {
              result = applyMarks(stored, body.marks);
            } catch (error) {
              if (error instanceof MarkingError) throw invalidField(`body.marks.${error.index}.${error.field}`, error.message);
              throw error;
            }
            Object.assign(data, { itemResults: result.items, score: result.score, maxScore: result.maxScore });
          }
          if (body.comment !== undefined) data.comment = body.comment;
          await tx.homeworkSubmission.update({ where: { id: submission.id }, data });
        });
        return submissionDto(submission.id, 'teacher');
      },
    );

    // --- rating and progress ---

    router.operation(
      {
        method: 'get',
        path: '/students/:id/progress',
        summary: 'A student’s progress in a language: attendance, homework (rated by the homework clock: tails and missed ones count 0) and board test results over time. The student, their teachers of the language, methodists and admins',
        tag,
        access: 'user',
        params: IdParams,
        query: ProgressQuery,
        response: StudentProgress,
      },
      async ({ params, query, user }) => {
        const student = await requireProgressAccess(db, user, params.id, query.language);
        return studentProgress(db, student, query.language, clock.now());
      },
    );
  },
};

/**
 * A day before the deadline (when that is still ahead) and at the deadline; the dispatcher drops
 * either one if the work was handed in, taken back or its deadline changed by then.
 */
async function notifyHomeworkDue(
  tx: Prisma.TransactionClient,
  homework: { id: string; title: string },
  submission: { studentId: string; dueAt: Date },
  now: Date,
): Promise<void> {
  const data = { homeworkId: homework.id, title: homework.title, dueAt: submission.dueAt.toISOString() };
  const key = `${homework.id}:${submission.studentId}:${data.dueAt}`;
  const soon = new Date(submission.dueAt.getTime() - HOMEWORK_DUE_SOON_MS);
  if (soon > now) await notify(tx, { userId: submission.studentId, kind: 'homework_due_soon', data, sendAt: soon, dedupeKey: `homework-due-soon:${key}` });
  await notify(tx, { userId: submission.studentId, kind: 'homework_overdue', data, sendAt: submission.dueAt, dedupeKey: `homework-overdue:${key}` });
}

const HOMEWORK_DUE_SOON_MS = DAY_MS;
