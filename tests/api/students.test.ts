import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, loginAs } from '../support/accounts.js';
import type { ApiClient } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * The students' cards through the real server: a teacher sees the students assigned to them, in
 * the languages they teach them; a methodist and an admin see every student, searchable; nobody
 * else sees a card.
 */
let server: TestServer;
let anna: ApiClient;
let li: ApiClient;
let methodist: ApiClient;
let admin: ApiClient;
let learner: ApiClient;
const ids: Record<'anna' | 'li' | 'both' | 'lis' | 'unplaced', string> = { anna: '', li: '', both: '', lis: '', unplaced: '' };
const mark = randomUUID().slice(0, 8);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Card {
  student: { id: string; name: string };
  languages: Array<{
    language: string;
    level: string | null;
    goal: string | null;
    teacher: { id: string } | null;
    nextLesson: { id: string } | null;
    summary: { attendance: { present: number; absent: number } };
    dictionary: { words: number; due: number };
  }>;
  credits: { available: number; held: number };
}

beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_DATA: 'true' } });
  const [a, l] = await Promise.all([createUser(server, { role: 'teacher', teaches: ['en'] }), createUser(server, { role: 'teacher', teaches: ['zh'] })]);
  const named = (name: string) => createUser(server, { name: `${name} ${mark}` });
  const [both, lis, unplaced, other] = await Promise.all([named('Both Languages'), named('Only Chinese'), named('Not Placed'), createUser(server)]);
  Object.assign(ids, { anna: a.id, li: l.id, both: both.id, lis: lis.id, unplaced: unplaced.id });
  [anna, li, methodist, admin, learner] = await Promise.all([
    loginAs(server, a.email),
    loginAs(server, l.email),
    loginAs(server, 'methodist@example.com'),
    loginAs(server, 'admin@example.com'),
    loginAs(server, other.email),
  ]);
  await server.db.enrollment.createMany({
    data: [
      { studentId: both.id, language: 'en', teacherId: a.id, level: 'B1', goal: 'Travel' },
      { studentId: both.id, language: 'zh', teacherId: l.id, level: 'HSK2', goal: 'Business' },
      { studentId: lis.id, language: 'zh', teacherId: l.id, level: 'HSK1', goal: 'Exams' },
    ],
  });
  const now = Date.now();
  const lesson = (teacherId: string, language: 'en' | 'zh', studentId: string, startsAt: number, status: 'scheduled' | 'held') =>
    server.db.lesson.create({
      data: { teacherId, language, status, startsAt: new Date(startsAt), endsAt: new Date(startsAt + HOUR), students: { create: [{ studentId }] } },
    });
  const held = await lesson(a.id, 'en', both.id, now - 2 * DAY, 'held');
  await server.db.lessonAttendance.create({ data: { lessonId: held.id, userId: both.id, joinedAt: held.startsAt, leftAt: held.endsAt } });
  await lesson(a.id, 'en', both.id, now + DAY, 'scheduled');
  await lesson(l.id, 'zh', both.id, now + 2 * DAY, 'scheduled');
  await server.db.dictionaryEntry.createMany({
    data: [
      { studentId: both.id, language: 'en', word: 'suitcase', translation: 'чемодан', due: new Date(now - HOUR) },
      { studentId: both.id, language: 'en', word: 'ticket', translation: 'билет', due: new Date(now + 3 * DAY) },
      { studentId: both.id, language: 'zh', word: '你好', translation: 'привет' },
    ],
  });
  const adjusted = await admin.post(`/api/admin/students/${both.id}/credit-adjustments`, { delta: 3, reason: 'a gift for the test', idempotencyKey: randomUUID() });
  expect(adjusted.status).toBe(201);
});
afterAll(() => server?.close());

const list = async (client: ApiClient, query = '') => {
  const response = await client.get(`/api/students?${query}`);
  expect(response.status).toBe(200);
  return response.body as { items: Card[]; total: number };
};

describe('GET /api/students', () => {
  it('gives a teacher the students assigned to them, each in the languages they teach them, with where they stand', async () => {
    const { items, total } = await list(anna);
    expect(total).toBe(1);
    const [card] = items;
    expect(card?.student.id).toBe(ids.both);
    expect(card?.credits).toEqual({ available: 3, held: 0, expiresAt: null });
    expect(card?.languages).toHaveLength(1);
    expect(card?.languages[0]).toMatchObject({
      language: 'en',
      level: 'B1',
      goal: 'Travel',
      teacher: { id: ids.anna },
      summary: { attendance: { present: 1, absent: 0 } },
      dictionary: { words: 2, due: 1 },
    });
    expect(card?.languages[0]?.nextLesson).not.toBeNull();
    expect((await list(li)).items.map((entry) => entry.student.id).sort()).toEqual([ids.both, ids.lis].sort());
  });

  it('gives a methodist and an admin every student, found by name, placed or not, filtered by language', async () => {
    const found = await list(methodist, `q=${mark}`);
    expect(found.items.map((entry) => entry.student.name).sort()).toEqual([`Both Languages ${mark}`, `Not Placed ${mark}`, `Only Chinese ${mark}`]);
    const both = found.items.find((entry) => entry.student.id === ids.both);
    expect(both?.languages.map((line) => line.language)).toEqual(['en', 'zh']);
    expect(found.items.find((entry) => entry.student.id === ids.unplaced)?.languages).toEqual([]);
    const chinese = await list(admin, `q=${mark}&language=zh`);
    expect(chinese.items.map((entry) => entry.student.id).sort()).toEqual([ids.both, ids.lis].sort());
    // Only the asked-for language is on the card then.
    expect(chinese.items.every((entry) => entry.languages.every((line) => line.language === 'zh'))).toBe(true);
    expect((await list(methodist, `q=${mark}&teacherId=${ids.anna}`)).items.map((entry) => entry.student.id)).toEqual([ids.both]);
  });

  it('pages and refuses a bad query or a student', async () => {
    const first = await list(methodist, `q=${mark}&limit=2`);
    const second = await list(methodist, `q=${mark}&limit=2&offset=2`);
    expect(first.total).toBe(3);
    expect([...first.items, ...second.items].map((entry) => entry.student.id).sort()).toEqual([ids.both, ids.lis, ids.unplaced].sort());
    const bad = await methodist.get('/api/students?limit=0&language=fr');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('validation_failed');
    expect((await learner.get('/api/students')).status).toBe(403);
  });
});

describe('GET /api/students/:id', () => {
  it("shows a teacher their student's card and not another teacher's student", async () => {
    const card = await anna.get(`/api/students/${ids.both}`);
    expect(card.status).toBe(200);
    expect((card.body as Card).languages.map((line) => line.language)).toEqual(['en']);
    const notMine = await anna.get(`/api/students/${ids.lis}`);
    expect(notMine.status).toBe(404);
    expect(notMine.body.code).toBe('not_found');
    expect((await anna.get(`/api/students/${ids.anna}`)).status).toBe(404);
    expect((await learner.get(`/api/students/${ids.both}`)).status).toBe(403);
  });

  it('shows the methodist any student whole', async () => {
    const card = await methodist.get(`/api/students/${ids.both}`);
    expect(card.status).toBe(200);
    expect((card.body as Card).languages.map((line) => `${line.language}:${line.dictionary.words}`)).toEqual(['en:2', 'zh:1']);
  });
});

describe("a student's dictionary and lessons for their teachers", () => {
  it('lists the words of a language the teacher teaches them, and no other', async () => {
    const words = await anna.get(`/api/students/${ids.both}/dictionary?language=en`);
    expect(words.status).toBe(200);
    expect(words.body.items.map((entry: { word: string }) => entry.word).sort()).toEqual(['suitcase', 'ticket']);
    const found = await anna.get(`/api/students/${ids.both}/dictionary?language=en&q=suit`);
    expect(found.body.items.map((entry: { word: string }) => entry.word)).toEqual(['suitcase']);
    expect((await anna.get(`/api/students/${ids.both}/dictionary?language=zh`)).status).toBe(403);
    expect((await li.get(`/api/students/${ids.both}/dictionary?language=zh`)).body.items).toHaveLength(1);
    expect((await anna.get(`/api/students/${ids.both}/dictionary`)).status).toBe(400);
    expect((await learner.get(`/api/students/${ids.both}/dictionary?language=en`)).status).toBe(403);
  });

  it("filters a teacher's journal to one student's lessons", async () => {
    const journal = await li.get(`/api/lessons?when=upcoming&studentId=${ids.both}`);
    expect(journal.status).toBe(200);
    expect(journal.body.items.map((lesson: { language: string; teacher: { id: string } }) => `${lesson.language}:${lesson.teacher.id}`)).toEqual([`zh:${ids.li}`]);
    expect((await li.get(`/api/lessons?when=upcoming&studentId=${ids.lis}`)).body.items).toEqual([]);
  });
});
