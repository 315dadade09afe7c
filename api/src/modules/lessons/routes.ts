import { CreateLessonBody, IdParams, Lesson } from '@panda/shared';
import { fieldProblem, forbidden, notFound } from '../../http/problem.js';
import type { ApiModule } from '../../module.js';
import { lessonWithPeople, toLessonDto } from './lesson-dto.js';

export const lessonsModule: ApiModule = {
  name: 'lessons',
  register(router, { db }) {
    const tag = 'lessons';

    router.operation(
      { method: 'post', path: '/lessons', summary: 'Book a single lesson (teachers for themselves, admins for anyone)', tag, access: ['teacher', 'methodist', 'admin'], body: CreateLessonBody, response: Lesson, status: 201 },
      async ({ body, user }) => {
        const teacherId = body.teacherId ?? user.id;
        if (user.role !== 'admin' && teacherId !== user.id) throw forbidden('forbidden', 'teachers book only their own lessons');
        const [teacher, students] = await Promise.all([
          db.user.findUnique({ where: { id: teacherId } }),
          db.user.findMany({ where: { id: { in: body.studentIds }, role: 'student', disabledAt: null }, select: { id: true } }),
        ]);
        if (!teacher || (teacher.role !== 'teacher' && teacher.role !== 'methodist')) {
          throw fieldProblem('body.teacherId', 'must be a teacher or methodist');
        }
        if (students.length !== new Set(body.studentIds).size) throw fieldProblem('body.studentIds', 'must all be active students');
        const startsAt = new Date(body.startsAt);
        const lesson = await db.lesson.create({
          data: {
            teacherId,
            language: body.language,
            kind: body.kind,
            title: body.title ?? null,
            startsAt,
            endsAt: new Date(startsAt.getTime() + body.durationMinutes * 60_000),
            students: { create: students.map(({ id }) => ({ studentId: id })) },
          },
          include: lessonWithPeople,
        });
        return toLessonDto(lesson);
      },
    );

    router.operation(
      { method: 'get', path: '/lessons/:id', summary: 'A lesson of mine (admins: any)', tag, access: 'user', params: IdParams, response: Lesson },
      async ({ params, user }) => {
        const lesson = await db.lesson.findUnique({ where: { id: params.id }, include: lessonWithPeople });
        const mine = lesson && (lesson.teacherId === user.id || lesson.students.some((s) => s.student.id === user.id));
        if (!lesson || (!mine && user.role !== 'admin')) throw notFound('no such lesson');
        return toLessonDto(lesson);
      },
    );
  },
};
