import type { Prisma } from '@panda/db';
import {
  applyMarks,
  BoardMaterial,
  IdParams,
  MarkingError,
  MarkTestAttemptBody,
  ShowMaterialBody,
  ShownMaterialList,
  STAFF,
  TestAnswers,
  TestAttempt,
  TestAttemptList,
  TestAttemptParams,
  TestAttemptQuery,
  TestResult,
  toBoardMaterial,
} from '@panda/shared';
import { DomainError, invalidField } from '../../domain-error.js';
import type { ApiModule } from '../../module.js';
import { visibleMaterials } from '../materials/access.js';
import { kindedContent } from '../materials/material-dto.js';
import { requireTeacherSeat, seatInLesson } from './lesson-seat.js';

const boardFields = { id: true, kind: true, title: true, language: true, level: true, content: true } satisfies Prisma.MaterialSelect;

const toBoard = (material: Prisma.MaterialGetPayload<{ select: typeof boardFields }>): BoardMaterial =>
  toBoardMaterial({ ...material, ...kindedContent(material) });

const attemptWithNames = {
  material: { select: { title: true } },
  student: { select: { id: true, name: true } },
} satisfies Prisma.LessonTestAttemptInclude;

type AttemptRecord = Prisma.LessonTestAttemptGetPayload<{ include: typeof attemptWithNames }>;

const storedResult = (attempt: AttemptRecord): TestResult => ({
  score: attempt.score,
  maxScore: attempt.maxScore,
  items: TestResult.shape.items.parse(attempt.itemResults),
});

/** Students see their scores but not the expected answers (the test may be given again). */
function toAttemptDto(attempt: AttemptRecord, withAnswerKey: boolean): TestAttempt {
  const result = storedResult(attempt);
  return {
    id: attempt.id,
    lessonId: attempt.lessonId,
    materialId: attempt.materialId,
    materialTitle: attempt.material.title,
    student: attempt.student,
    answers: TestAnswers.parse(attempt.answers),
    result: withAnswerKey ? result : { ...result, items: result.items.map(({ correct: _key, ...item }) => item) },
    submittedAt: attempt.submittedAt.toISOString(),
  };
}

/** Materials on a lesson's board, and the tests taken there. */
export const lessonMaterialsModule: ApiModule = {
  name: 'lesson-materials',
  register(router, { db, clock }) {
    const tag = 'lesson materials';

    router.operation(
      { method: 'post', path: '/lessons/:id/board-materials', summary: 'Show a material on the lesson’s board (its teacher): what the board displays, tests without answers; the lesson’s students may then read its files', tag, access: STAFF, params: IdParams, body: ShowMaterialBody, response: BoardMaterial },
      async ({ params, body, user }) => {
        const { lesson, seat } = await seatInLesson(db, params.id, user);
        requireTeacherSeat(seat);
        const material = await db.material.findFirst({ where: { AND: [{ id: body.materialId }, visibleMaterials(user)] }, select: boardFields });
        if (!material) throw invalidField('body.materialId', 'no such material in your library');
        const shown = { shownById: user.id, shownAt: clock.now() };
        await db.lessonMaterial.upsert({
          where: { lessonId_materialId: { lessonId: lesson.id, materialId: material.id } },
          create: { lessonId: lesson.id, materialId: material.id, ...shown },
          update: shown,
        });
        return toBoard(material);
      },
    );

    router.operation(
      { method: 'get', path: '/lessons/:id/board-materials', summary: 'The materials shown in a lesson, latest first, as the board shows them', tag, access: 'user', params: IdParams, response: ShownMaterialList },
      async ({ params, user }) => {
        const { lesson } = await seatInLesson(db, params.id, user);
        const shown = await db.lessonMaterial.findMany({
          where: { lessonId: lesson.id },
          include: { material: { select: boardFields } },
          orderBy: { shownAt: 'desc' },
        });
        return { items: shown.map((entry) => ({ shownAt: entry.shownAt.toISOString(), material: toBoard(entry.material) })) };
      },
    );

    router.operation(
      { method: 'get', path: '/lessons/:id/test-attempts', summary: 'Tests taken in a lesson: the teacher sees everyone’s, a student their own', tag, access: 'user', params: IdParams, query: TestAttemptQuery, response: TestAttemptList },
      async ({ params, query, user }) => {
        const { lesson, seat } = await seatInLesson(db, params.id, user);
        const attempts = await db.lessonTestAttempt.findMany({
          where: {
            lessonId: lesson.id,
            ...(query.materialId ? { materialId: query.materialId } : {}),
            ...(seat === 'student' ? { studentId: user.id } : {}),
          },
          include: attemptWithNames,
          orderBy: { submittedAt: 'asc' },
        });
        return { items: attempts.map((attempt) => toAttemptDto(attempt, seat !== 'student')) };
      },
    );

    router.operation(
      { method: 'patch', path: '/lessons/:id/test-attempts/:attemptId', summary: 'Mark free-text answers of a test attempt (or override a score); the total is recomputed', tag, access: STAFF, params: TestAttemptParams, body: MarkTestAttemptBody, response: TestAttempt },
      async ({ params, body, user }) => {
        const { lesson, seat } = await seatInLesson(db, params.id, user);
        requireTeacherSeat(seat);
        const marked = await db.$transaction(async (tx) => {
          // Locked, so that two markings at once cannot undo each other.
          await tx.$queryRaw`SELECT id FROM "LessonTestAttempt" WHERE id = ${params.attemptId}::uuid FOR UPDATE`;
          const attempt = await tx.lessonTestAttempt.findFirst({ where: { id: params.attemptId, lessonId: lesson.id }, include: attemptWithNames });
          if (!attempt) throw new DomainError('not_found', 'no such test attempt in this lesson');
          let result: TestResult;
          try {
            result = applyMarks(storedResult(attempt), body.marks);
          } catch (error) {
            if (error instanceof MarkingError) throw invalidField(`body.marks.${error.index}.${error.field}`, error.message);
            throw error;
          }
          return tx.lessonTestAttempt.update({
            where: { id: attempt.id },
            data: { itemResults: result.items, score: result.score, maxScore: result.maxScore },
            include: attemptWithNames,
          });
        });
        return toAttemptDto(marked, true);
      },
    );
  },
};
