import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, loginAs } from '../support/accounts.js';
import type { ApiClient } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * The lessons journal through the real server: a person's lessons to come and gone by, with how
 * each went, paged in time order, and one lesson whole — only for those who may see it.
 */
let server: TestServer;
let teacher: ApiClient;
let student: ApiClient;
let other: ApiClient;
let methodist: ApiClient;
let studentId: string;
let otherId: string;
const lessons: Record<string, string> = {};
const HOUR = 3_600_000;

interface Line {
  id: string;
  outcome: string;
  startsAt: string;
}

beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_DATA: 'true' } });
  const t = await createUser(server, { role: 'teacher', teaches: ['en'] });
  const s = await createUser(server);
  const o = await createUser(server);
  studentId = s.id;
  otherId = o.id;
  [teacher, student, other, methodist] = await Promise.all([loginAs(server, t.email), loginAs(server, s.email), loginAs(server, o.email), loginAs(server, 'methodist@example.com')]);
  const now = Date.now();
  const make = async (key: string, hours: number, extra: { status?: 'scheduled' | 'held' | 'cancelled' | 'no_show'; kind?: 'placement'; students?: string[] } = {}) => {
    const startsAt = new Date(Math.floor(now / HOUR) * HOUR + hours * HOUR);
    const lesson = await server.db.lesson.create({
      data: {
        teacherId: t.id,
        language: 'en',
        kind: extra.kind ?? 'regular',
        status: extra.status ?? 'scheduled',
        title: key,
        startsAt,
        endsAt: new Date(startsAt.getTime() + HOUR),
        students: { create: (extra.students ?? [s.id]).map((id) => ({ studentId: id })) },
      },
    });
    lessons[key] = lesson.id;
    return lesson;
  };
  await make('next', 24);
  await make('later', 48);
  await make('much later', 72, { students: [s.id, o.id] });
  await make('placement', 96, { kind: 'placement' });
  const held = await make('held', -48, { status: 'held', students: [s.id, o.id] });
  await make('missed', -72, { status: 'no_show' });
  const burned = await make('burned', -96, { status: 'cancelled' });
  await make('cancelled', -120, { status: 'cancelled' });
  await server.db.creditEntry.create({ data: { studentId: s.id, kind: 'burn', delta: 0, lessonId: burned.id, idempotencyKey: `test-burn:${burned.id}` } });
  // 40 minutes in the room over two stays; the other student never came. Two chat messages.
  const at = (minutes: number) => new Date(held.startsAt.getTime() + minutes * 60_000);
  await server.db.lessonAttendance.createMany({
    data: [
      { lessonId: held.id, userId: s.id, joinedAt: at(0), leftAt: at(25) },
      { lessonId: held.id, userId: s.id, joinedAt: at(30), leftAt: at(45) },
    ],
  });
  await server.db.lessonChatMessage.createMany({
    data: [
      { lessonId: held.id, userId: t.id, text: 'Hello!', createdAt: at(1) },
      { lessonId: held.id, userId: s.id, text: 'Hi, sorry I am late', createdAt: at(2) },
    ],
  });
});
afterAll(() => server?.close());

const titles = async (client: ApiClient, query: string) => {
  const response = await client.get(`/api/lessons?${query}`);
  expect(response.status).toBe(200);
  return (response.body.items as Array<Line & { title: string }>).map((line) => line.title);
};

describe('the lessons journal', () => {
  it('lists lessons to come soonest first and lessons gone by latest first, each with how it went', async () => {
    expect(await titles(student, '')).toEqual(['next', 'later', 'much later', 'placement']);
    expect(await titles(student, 'when=past')).toEqual(['held', 'missed', 'burned', 'cancelled']);
    const past = (await student.get('/api/lessons?when=past')).body.items as Line[];
    expect(past.map((line) => line.outcome)).toEqual(['held', 'no_show', 'burned', 'cancelled']);
    expect((await student.get('/api/lessons')).body.items[0]).toMatchObject({ outcome: 'booked', awaitingPayment: [], planTitle: null, shownCount: 0, homeworkCount: 0 });
  });

  it('filters by how a lesson went, its kind, its language and its teacher', async () => {
    expect(await titles(student, 'when=past&outcome=burned')).toEqual(['burned']);
    expect(await titles(student, 'when=past&outcome=cancelled')).toEqual(['cancelled']);
    expect(await titles(student, 'kind=placement')).toEqual(['placement']);
    expect(await titles(student, 'language=zh')).toEqual([]);
    expect(await titles(other, 'when=past')).toEqual(['held']);
  });

  it('pages through the journal in time order without losing or repeating a lesson', async () => {
    for (const when of ['upcoming', 'past']) {
      const all = await titles(student, `when=${when}`);
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const response = await student.get(`/api/lessons?when=${when}&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
        paged.push(...(response.body.items as Array<{ title: string }>).map((line) => line.title));
        cursor = response.body.nextCursor;
      } while (cursor);
      expect(paged).toEqual(all);
    }
  });

  it('shows each person only their lessons; a methodist every placement lesson', async () => {
    expect(await titles(other, '')).toEqual(['much later']);
    expect(await titles(teacher, '')).toEqual(['next', 'later', 'much later', 'placement']);
    const seenByMethodist = await titles(methodist, 'kind=placement');
    expect(seenByMethodist).toContain('placement');
    expect(await titles(methodist, '')).not.toContain('next');
  });

  it('opens one lesson whole: who came and for how long, the chat, the homework', async () => {
    const overview = await teacher.get(`/api/lessons/${lessons.held}/overview`);
    expect(overview.status).toBe(200);
    expect(overview.body.lesson).toMatchObject({ id: lessons.held, outcome: 'held' });
    const attendance = overview.body.attendance as Array<{ student: { id: string }; present: boolean; minutes: number }>;
    expect(attendance.find((line) => line.student.id === studentId)).toMatchObject({ present: true, minutes: 40 });
    expect(attendance.find((line) => line.student.id === otherId)).toMatchObject({ present: false, minutes: 0 });
    expect((overview.body.chat as Array<{ text: string }>).map((message) => message.text)).toEqual(['Hello!', 'Hi, sorry I am late']);
    expect(overview.body.homework).toEqual([]);
    // A student sees their own line of the attendance.
    const own = await other.get(`/api/lessons/${lessons.held}/overview`);
    expect((own.body.attendance as Array<{ student: { id: string } }>).map((line) => line.student.id)).toEqual([otherId]);
  });

  it('answers a lesson someone has no part in as not found', async () => {
    for (const [client, key] of [
      [other, 'next'],
      [methodist, 'next'],
    ] as const) {
      const response = await client.get(`/api/lessons/${lessons[key]}/overview`);
      expect({ status: response.status, code: response.body.code }).toEqual({ status: 404, code: 'not_found' });
    }
    expect((await methodist.get(`/api/lessons/${lessons.placement}/overview`)).status).toBe(200);
  });

  it('refuses a malformed query with the field named', async () => {
    for (const query of ['when=later', 'outcome=lost', 'cursor=12', 'limit=0', 'teacherId=anna']) {
      const response = await student.get(`/api/lessons?${query}`);
      expect({ query, status: response.status, code: response.body.code }).toEqual({ query, status: 400, code: 'validation_failed' });
    }
  });
});
