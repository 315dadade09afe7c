import { CreateLessonBody, IdParams, isOneOf, Lesson, MINUTE_MS, STAFF, TEACHING } from '@panda/shared';
import { DomainError, invalidField } from '../../domain-error.js';
import type { ApiModule } from '../../module.js';
import { lessonWithPeople, toLessonDto } from './lesson-dto.js';

export const lessonsModule: ApiModule = {
  name: 'lessons',
  register(router, { db }) {
    const tag = 'lessons';

    router.operation(
      { method: 'post', path: '/lessons', summary: 'Book a single lesson (teachers for themselves, admins for anyone)', tag, access: STAFF, body: CreateLessonBody, response: Lesson, status: 201 },
      async ({ body, user }) => {
        const teacherId = body.teacherId ?? user.id;
        if (user.role !== 'admin' && teacherId !== user.id) throw new DomainError('forbidden', 'teachers book only their own lessons');
        const [teacher, students] = await Promise.all([
          db.user.findUnique({ where: { id: teacherId } }),
          db.user.findMany({ where: { id: { in: body.studentIds }, role: 'student', disabledAt: null }, select: { id: true } }),
        ]);
        if (!teacher || !isOneOf(TEACHING, teacher.role)) {
          throw invalidField('body.teacherId', 'must be a teacher or methodist');
        }
        if (students.length !== new Set(body.studentIds).size) throw invalidField('body.studentIds', 'must all be active students');
        const startsAt = new Date(body.startsAt);
        const lesson = await db.lesson.create({
          data: {
            teacherId,
            language: body.language,
            kind: body.kind,
            title: body.title ?? null,
            startsAt,
            endsAt: new Date(startsAt.getTime() + body.durationMinutes * MINUTE_MS),
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
        if (!lesson || (!mine && user.role !== 'admin')) throw new DomainError('not_found', 'no such lesson');
        return toLessonDto(lesson);
      },
    );
  },
};
