import { expect } from 'vitest';
import type { ApiClient } from './http.js';
import type { TestServer } from './server.js';

export interface TestLesson {
  studentIds: string[];
  /** Minutes from now (negative: already started). */
  startsInMinutes?: number;
  durationMinutes?: number;
  title?: string;
}

/**
 * Tests book "now" again and again with the same demo people, and the database lets no one be in
 * two lessons at once: this cancels these people's lessons that overlap [startsAt, endsAt) (the demo
 * school's, earlier tests'), straight in the database, before a test books its own.
 */
export async function cancelOverlapping(db: TestServer['db'], people: string[], startsAt: Date, endsAt: Date): Promise<void> {
  await db.lesson.updateMany({
    where: {
      status: { not: 'cancelled' },
      startsAt: { lt: endsAt },
      endsAt: { gt: startsAt },
      OR: [{ teacherId: { in: people } }, { students: { some: { studentId: { in: people } } } }],
    },
    data: { status: 'cancelled' },
  });
}

/** Books a lesson of the signed-in teacher (English) through the API, after `cancelOverlapping`. */
export async function bookTestLesson(server: Pick<TestServer, 'db'>, teacher: ApiClient, lesson: TestLesson): Promise<string> {
  const startsAt = new Date(Date.now() + (lesson.startsInMinutes ?? 0) * 60_000);
  const durationMinutes = lesson.durationMinutes ?? 60;
  const endsAt = new Date(startsAt.getTime() + durationMinutes * 60_000);
  const me = await teacher.get('/api/me');
  await cancelOverlapping(server.db, [me.body.id as string, ...lesson.studentIds], startsAt, endsAt);
  const response = await teacher.post('/api/lessons', {
    language: 'en',
    ...(lesson.title ? { title: lesson.title } : {}),
    startsAt: startsAt.toISOString(),
    durationMinutes,
    studentIds: lesson.studentIds,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id as string;
}
