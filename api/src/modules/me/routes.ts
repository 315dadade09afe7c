import type { Prisma } from '@panda/db';
import { DAY_MS, LessonList, LessonListQuery, UpdateProfileBody, User, type Role } from '@panda/shared';
import { invalidField } from '../../domain-error.js';
import type { ApiModule } from '../../module.js';
import { toUserDto, userWithLanguages } from '../users/user-dto.js';
import { toLessonDto, lessonWithPeople } from '../lessons/lesson-dto.js';

const DEFAULT_WINDOW_DAYS = 7;

export const meModule: ApiModule = {
  name: 'me',
  register(router, { db, clock }) {
    const tag = 'me';

    router.operation(
      { method: 'get', path: '/me', summary: 'The signed-in user', tag, access: 'user', response: User },
      async ({ user }) => toUserDto(await db.user.findUniqueOrThrow({ where: { id: user.id }, include: userWithLanguages })),
    );

    router.operation(
      { method: 'patch', path: '/me', summary: 'Update name, time zone, interface language or (students) the opt-out from recordings', tag, access: 'user', body: UpdateProfileBody, response: User },
      async ({ user, body }) => {
        // Only a student's opt-out leaves anything out of a recording (see isRecorded).
        if (body.recordingOptOut && user.role !== 'student') {
          throw invalidField('body.recordingOptOut', 'only students may opt out of recordings');
        }
        return toUserDto(await db.user.update({ where: { id: user.id }, data: body, include: userWithLanguages }));
      },
    );

    router.operation(
      { method: 'get', path: '/me/lessons', summary: 'My lessons in a time window (default: the next 7 days)', tag, access: 'user', query: LessonListQuery, response: LessonList },
      async ({ user, query }) => {
        const from = query.from ? new Date(query.from) : clock.now();
        const to = query.to ? new Date(query.to) : new Date(from.getTime() + DEFAULT_WINDOW_DAYS * DAY_MS);
        const lessons = await db.lesson.findMany({
          where: { AND: [lessonsOf(user.id, user.role), { endsAt: { gt: from } }, { startsAt: { lt: to } }] },
          include: lessonWithPeople,
          orderBy: { startsAt: 'asc' },
        });
        return { items: lessons.map(toLessonDto) };
      },
    );
  },
};

/** Admins see every lesson; others see the lessons they teach or attend. */
function lessonsOf(userId: string, role: Role): Prisma.LessonWhereInput {
  if (role === 'admin') return {};
  return { OR: [{ teacherId: userId }, { students: { some: { studentId: userId } } }] };
}
