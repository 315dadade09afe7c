import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, loginAs } from '../support/accounts.js';
import { TestClock } from '../support/clock.js';
import type { ApiClient } from '../support/http.js';
import { testNotifications } from '../support/notifications.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { FILE_SAMPLES, MATERIAL_BODIES } from './library-fixtures.js';

/**
 * Homework through the real server with a moved clock: setting it from the library and on the
 * spot with the deadline at each student's next lesson in the language (or 7 days), the homework
 * clock (tails, done on day 10, closed on day 15), auto-checking and the teacher's marks, file
 * uploads, who sees what, the rating and progress, and bad input to every homework operation.
 */

let server: TestServer;
let clock: TestClock;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = new Date('2026-04-06T09:00:00Z');

interface Person {
  id: string;
  email: string;
}

/** Signed in now, by the server's clock (access tokens live 15 minutes of it). */
const as = (person: Person): Promise<ApiClient> => loginAs(server, person.email);

let teacher: Person;
let otherTeacher: Person;
let ann: Person;
let bob: Person;
let carl: Person;
let materialId: string;

async function lesson(teacherId: string, students: Person[], startsAt: Date, options: { language?: 'en' | 'zh'; status?: 'scheduled' | 'held' | 'no_show' | 'cancelled' } = {}) {
  const created = await server.db.lesson.create({
    data: {
      teacherId,
      language: options.language ?? 'en',
      status: options.status ?? 'scheduled',
      startsAt,
      endsAt: new Date(startsAt.getTime() + HOUR),
      students: { create: students.map((student) => ({ studentId: student.id })) },
    },
  });
  return created.id;
}

const WORKSHEET = [
  { type: 'choice', id: 'w1', prompt: 'She ___ to school every day.', options: [{ id: 'a', text: 'go' }, { id: 'b', text: 'goes' }], correct: ['b'] },
  { type: 'short_answer', id: 'w2', prompt: 'The past of "see"?', accepted: ['saw'] },
  { type: 'free_text', id: 'w3', prompt: 'Write three sentences about your weekend.', points: 3 },
];

function expectFieldError(response: { status: number; body: any }, path: string) {
  expect(response.status, JSON.stringify(response.body)).toBe(400);
  expect(response.body.code).toBe('validation_failed');
  expect(response.body.errors.map((error: { path: string }) => error.path)).toContain(path);
}

/** Runs `work` with the server's clock moved to `instant`, then puts it back. */
async function at<T>(instant: Date, work: () => Promise<T>): Promise<T> {
  const back = clock.now().getTime() - instant.getTime();
  clock.advance(-back);
  try {
    return await work();
  } finally {
    clock.advance(back);
  }
}

const submissionOf = (homework: { submissions: Array<{ id: string; student: { id: string } }> }, student: Person) =>
  homework.submissions.find((line) => line.student.id === student.id)?.id as string;

async function upload(client: ApiClient, submissionId: string, bytes: Buffer, type: string, name = 'work.png') {
  const response = await fetch(`${server.localUrl}/api/homework/submissions/${submissionId}/files?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { 'content-type': type, authorization: `Bearer ${client.accessToken}` },
    body: bytes,
  });
  return { status: response.status, body: (await response.json()) as any };
}

beforeAll(async () => {
  clock = new TestClock(START);
  server = await startTestServer({ clock });
  const confirmedAt = START;
  teacher = await createUser(server, { role: 'teacher', teaches: ['en', 'zh'], confirmedAt });
  otherTeacher = await createUser(server, { role: 'teacher', teaches: ['en'], confirmedAt });
  ann = await createUser(server, { confirmedAt, name: 'Ann' });
  bob = await createUser(server, { confirmedAt, name: 'Bob' });
  carl = await createUser(server, { confirmedAt, name: 'Carl' });
  const created = await (await as(teacher)).post('/api/materials', MATERIAL_BODIES.test);
  expect(created.status).toBe(201);
  materialId = created.body.id;
});
afterAll(() => server?.close());

describe('setting homework', () => {
  it('sets a library test plus items written on the spot, due at each student’s next lesson in the language or in 7 days', async () => {
    const today = await lesson(teacher.id, [ann, bob], new Date(START.getTime() - 2 * HOUR), { status: 'held' });
    // Ann's next lessons: Chinese tomorrow (another language), English in three days; Bob has none.
    await lesson(teacher.id, [ann], new Date(START.getTime() + DAY), { language: 'zh' });
    const annNext = new Date(START.getTime() + 3 * DAY);
    await lesson(teacher.id, [ann], annNext);
    await lesson(teacher.id, [ann], new Date(START.getTime() + 10 * DAY));

    const set = await (await as(teacher)).post(`/api/lessons/${today}/homework`, {
      materialId,
      items: [{ type: 'file_upload', id: 'photo', prompt: 'A photo of exercise 3 in your workbook.', points: 2 }],
    });
    expect(set.status, JSON.stringify(set.body)).toBe(201);
    expect(set.body).toMatchObject({ title: 'Verbs quiz', instructions: 'Answer all questions.', materialId, language: 'en', maxScore: 9 });
    expect(set.body.items.map((item: { id: string }) => item.id)).toEqual(['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'photo']);
    const due = Object.fromEntries(set.body.submissions.map((line: { student: { name: string }; dueAt: string; state: string }) => [line.student.name, [line.dueAt, line.state]]));
    expect(due).toEqual({ Ann: [annNext.toISOString(), 'open'], Bob: [new Date(START.getTime() + 7 * DAY).toISOString(), 'open'] });

    // The student sees the worksheet without its key, shuffled.
    const annClient = await as(ann);
    const mine = await annClient.get('/api/me/homework');
    expect(mine.body.items).toHaveLength(1);
    const sheet = await annClient.get(`/api/homework/submissions/${mine.body.items[0].id}`);
    expect(sheet.status).toBe(200);
    expect(sheet.body.items).toHaveLength(7);
    expect(JSON.stringify(sheet.body.items)).not.toMatch(/"correct"|"accepted"|"pairs"/);
    expect(sheet.body).toMatchObject({ result: null, answers: null, state: 'open', comment: null });

    // Written on the spot, for one student, with the deadline given.
    const spot = await (await as(teacher)).post(`/api/lessons/${today}/homework`, {
      title: 'Weekend',
      items: WORKSHEET,
      studentIds: [bob.id],
      dueAt: new Date(START.getTime() + 2 * DAY).toISOString(),
    });
    expect(spot.status, JSON.stringify(spot.body)).toBe(201);
    expect(spot.body.submissions).toEqual([expect.objectContaining({ student: { id: bob.id, name: 'Bob' }, dueAt: new Date(START.getTime() + 2 * DAY).toISOString() })]);
    expect((await (await as(teacher)).get(`/api/lessons/${today}/homework`)).body.items).toHaveLength(2);
  });

  it('refuses a cancelled lesson, and takes homework back only while nobody has handed it in', async () => {
    const cancelled = await lesson(teacher.id, [carl], new Date(START.getTime() - 30 * DAY), { status: 'cancelled' });
    const refused = await (await as(teacher)).post(`/api/lessons/${cancelled}/homework`, { title: 'x', items: WORKSHEET });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('lesson_cancelled');

    const held = await lesson(teacher.id, [carl], new Date(START.getTime() - 29 * DAY), { status: 'held' });
    const teacherClient = await as(teacher);
    const first = (await teacherClient.post(`/api/lessons/${held}/homework`, { title: 'Mistake', items: WORKSHEET })).body;
    expect((await teacherClient.request('DELETE', `/api/homework/${first.id}`)).status).toBe(204);
    expect(await server.db.homeworkSubmission.count({ where: { homeworkId: first.id } })).toBe(0);

    const second = (await teacherClient.post(`/api/lessons/${held}/homework`, { title: 'Kept', items: WORKSHEET })).body;
    const handedIn = await (await as(carl)).post(`/api/homework/submissions/${submissionOf(second, carl)}/submit`, { answers: { w1: ['b'] } });
    expect(handedIn.status).toBe(200);
    const kept = await teacherClient.request('DELETE', `/api/homework/${second.id}`);
    expect(kept.status).toBe(409);
    expect(await server.db.homework.count({ where: { id: second.id } })).toBe(1);
  });
});

describe('the homework clock, through the API', () => {
  it('assigned → not done → 0 and tails → done on day 10 → the real score; done on day 15 → stays 0', async () => {
    const student = await createUser(server, { confirmedAt: START, name: 'Dana' });
    const given = await lesson(teacher.id, [student], new Date(START.getTime() - HOUR), { status: 'held' });
    const dueAt = new Date(START.getTime() + 2 * DAY);
    const teacherClient = await as(teacher);
    const first = (await teacherClient.post(`/api/lessons/${given}/homework`, { title: 'First', items: WORKSHEET, dueAt: dueAt.toISOString() })).body;
    const second = (await teacherClient.post(`/api/lessons/${given}/homework`, { title: 'Second', items: WORKSHEET, dueAt: dueAt.toISOString() })).body;
    const [firstId, secondId] = [submissionOf(first, student), submissionOf(second, student)];
    const day = (n: number) => new Date(dueAt.getTime() + n * DAY);
    const line = async (client: ApiClient, id: string) => (await client.get('/api/me/homework')).body.items.find((item: { id: string }) => item.id === id);
    const rating = async (client: ApiClient) => (await client.get(`/api/students/${student.id}/progress?language=en`)).body.summary.homework;

    // Before the deadline: open, not in the rating.
    let client = await as(student);
    expect(await line(client, firstId)).toMatchObject({ state: 'open', rating: null, daysLeft: null });
    expect(await rating(client)).toEqual({ rating: null, counted: 0, tails: 0, missed: 0 });

    // The deadline passes with nothing done: 0 in the rating, both in the tails for 14 days.
    await at(day(1), async () => {
      client = await as(student);
      expect(await line(client, firstId)).toMatchObject({ state: 'tail', rating: 0, daysLeft: 13 });
      expect(await rating(client)).toEqual({ rating: 0, counted: 2, tails: 2, missed: 0 });
    });

    // Done on day 10: the real score replaces the 0 (choice right, short answer wrong: 1 of 5 points so far).
    await at(day(10), async () => {
      client = await as(student);
      const done = await client.post(`/api/homework/submissions/${firstId}/submit`, { answers: { w1: ['b'], w2: 'seen', w3: 'I went to the park.' } });
      expect(done.status, JSON.stringify(done.body)).toBe(200);
      expect(done.body).toMatchObject({ state: 'done_late', score: 1, maxScore: 5, rating: 20, awaitingMarking: 1 });
      expect(done.body.result.items.map((item: { status: string }) => item.status)).toEqual(['correct', 'wrong', 'needs_marking']);
      // Which were wrong, not what was right.
      expect(done.body.result.items.some((item: object) => 'correct' in item)).toBe(false);
      expect(await rating(client)).toEqual({ rating: 10, counted: 2, tails: 1, missed: 0 });
    });

    // Done on day 15: refused, closed at 0.
    await at(day(15), async () => {
      client = await as(student);
      const late = await client.post(`/api/homework/submissions/${secondId}/submit`, { answers: { w1: ['b'], w2: 'saw' } });
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('homework_closed');
      expect(await line(client, secondId)).toMatchObject({ state: 'missed', rating: 0, submittedAt: null });
      expect(await line(client, firstId)).toMatchObject({ state: 'done_late', rating: 20 });
      expect(await rating(client)).toEqual({ rating: 10, counted: 2, tails: 0, missed: 1 });
      const upload409 = await client.post(`/api/homework/submissions/${secondId}/submit`, { answers: {} });
      expect(upload409.body.code).toBe('homework_closed');
    });

    // The teacher marks the free text later: the real score (now 4 of 5) counts.
    await at(day(16), async () => {
      const marked = await (await as(teacher)).patch(`/api/homework/submissions/${firstId}`, { marks: [{ itemId: 'w3', score: 3 }] });
      expect(marked.body).toMatchObject({ score: 4, rating: 80, awaitingMarking: 0 });
      expect(await rating(await as(student))).toEqual({ rating: 40, counted: 2, tails: 0, missed: 1 });
    });
  });
});

describe('homework notifications', () => {
  it('tells the student a day before the deadline and when it has passed, unless the work is in by then', async () => {
    const student = await createUser(server, { confirmedAt: START, name: 'Eve' });
    const given = await lesson(teacher.id, [student], new Date(START.getTime() - 3 * HOUR), { status: 'held' });
    const dueAt = new Date(START.getTime() + 3 * DAY);
    const teacherClient = await as(teacher);
    const handedIn = (await teacherClient.post(`/api/lessons/${given}/homework`, { title: 'Handed in', items: WORKSHEET, dueAt: dueAt.toISOString() })).body;
    expect((await teacherClient.post(`/api/lessons/${given}/homework`, { title: 'Forgotten', items: WORKSHEET, dueAt: dueAt.toISOString() })).status).toBe(201);
    const notifications = testNotifications(server, clock);
    const received = async () =>
      (await server.db.notification.findMany({ where: { userId: student.id }, orderBy: [{ createdAt: 'asc' }, { title: 'asc' }] })).map((n) => `${n.kind}: ${n.body.split('"')[1]}`);

    await at(new Date(dueAt.getTime() - DAY - HOUR), async () => {
      await notifications.deliverDue();
      expect(await received()).toEqual([]);
    });
    await at(new Date(dueAt.getTime() - DAY + HOUR), async () => {
      await notifications.deliverDue();
      expect((await received()).sort()).toEqual(['homework_due_soon: Forgotten', 'homework_due_soon: Handed in']);
      const done = await (await as(student)).post(`/api/homework/submissions/${submissionOf(handedIn, student)}/submit`, { answers: { w1: ['b'], w2: 'saw', w3: 'Fine.' } });
      expect(done.status).toBe(200);
    });
    await at(new Date(dueAt.getTime() + HOUR), async () => {
      await notifications.deliverDue();
      expect((await received()).filter((line) => line.startsWith('homework_overdue'))).toEqual(['homework_overdue: Forgotten']);
    });
  });
});

describe('doing and marking homework', () => {
  let homeworkId: string;
  let annSubmission: string;
  let bobSubmission: string;

  beforeAll(async () => {
    const given = await lesson(teacher.id, [ann, bob], new Date(START.getTime() - 5 * HOUR), { status: 'held' });
    const set = await (await as(teacher)).post(`/api/lessons/${given}/homework`, {
      title: 'Worksheet with a photo',
      items: [...WORKSHEET, { type: 'file_upload', id: 'w4', prompt: 'A photo of your notes.', points: 2, maxFiles: 2 }],
    });
    expect(set.status).toBe(201);
    homeworkId = set.body.id;
    annSubmission = submissionOf(set.body, ann);
    bobSubmission = submissionOf(set.body, bob);
  });

  it('scores auto-checked items at once, takes files, and shows the teacher’s marks and comment', async () => {
    const annClient = await as(ann);
    const photo = await upload(annClient, annSubmission, FILE_SAMPLES.png, 'image/png', 'notes.png');
    expect(photo.status, JSON.stringify(photo.body)).toBe(201);
    // A file of another submission cannot be given as an answer.
    const bobPhoto = await upload(await as(bob), bobSubmission, FILE_SAMPLES.pdf, 'application/pdf', 'bob.pdf');
    expect(bobPhoto.status).toBe(201);
    const foreign = await annClient.post(`/api/homework/submissions/${annSubmission}/submit`, { answers: { w4: [bobPhoto.body.id] } });
    expectFieldError(foreign, 'body.answers.w4');

    const done = await annClient.post(`/api/homework/submissions/${annSubmission}/submit`, {
      answers: { w1: ['a'], w2: 'Saw.', w3: 'On Saturday I played football.', w4: [photo.body.id] },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ state: 'done', score: 1, maxScore: 7, awaitingMarking: 2, files: [{ id: photo.body.id, name: 'notes.png', mimeType: 'image/png' }] });
    expect(done.body.result.items.map((item: { status: string }) => item.status)).toEqual(['wrong', 'correct', 'needs_marking', 'needs_marking']);
    const again = await annClient.post(`/api/homework/submissions/${annSubmission}/submit`, { answers: { w1: ['b'] } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('homework_already_submitted');
    expect((await upload(annClient, annSubmission, FILE_SAMPLES.png, 'image/png')).body.code).toBe('homework_already_submitted');

    // The teacher's view: waiting for marks, the key, the file.
    const teacherClient = await as(teacher);
    const waiting = await teacherClient.get('/api/homework/submissions?awaitingMarking=true');
    expect(waiting.body.items.map((item: { id: string }) => item.id)).toContain(annSubmission);
    const view = await teacherClient.get(`/api/homework/submissions/${annSubmission}`);
    expect(view.body.result.items[0]).toMatchObject({ status: 'wrong', correct: ['b'] });
    const link = await teacherClient.post(`/api/homework/submissions/${annSubmission}/files/${photo.body.id}/link`);
    expect(link.status).toBe(200);
    const bytes = await fetch(`${server.localUrl}${link.body.url}`);
    expect(bytes.status).toBe(200);
    expect(Buffer.from(await bytes.arrayBuffer()).equals(FILE_SAMPLES.png)).toBe(true);

    const marked = await teacherClient.patch(`/api/homework/submissions/${annSubmission}`, {
      marks: [{ itemId: 'w3', score: 2.5 }, { itemId: 'w4', score: 2 }],
      comment: 'Good sentences; check "play" in the past.',
    });
    expect(marked.status, JSON.stringify(marked.body)).toBe(200);
    expect(marked.body).toMatchObject({ score: 5.5, awaitingMarking: 0, comment: 'Good sentences; check "play" in the past.', hasComment: true });

    const seen = await (await as(ann)).get(`/api/homework/submissions/${annSubmission}`);
    expect(seen.body).toMatchObject({ score: 5.5, maxScore: 7, comment: 'Good sentences; check "play" in the past.' });
    expect(seen.body.result.items.map((item: { status: string; marked?: boolean }) => [item.status, item.marked ?? false])).toEqual([
      ['wrong', false],
      ['correct', false],
      ['partial', true],
      ['correct', true],
    ]);
    expect(seen.body.result.items.some((item: object) => 'correct' in item)).toBe(false);

    const removed = await teacherClient.patch(`/api/homework/submissions/${annSubmission}`, { comment: null });
    expect(removed.body).toMatchObject({ comment: null, score: 5.5 });
  });

  it('shows a student only their own homework, and refuses another teacher', async () => {
    const annClient = await as(ann);
    const annLines = (await annClient.get('/api/me/homework')).body.items;
    expect(annLines.every((line: { student: { id: string } }) => line.student.id === ann.id)).toBe(true);
    expect((await annClient.get(`/api/homework/submissions/${bobSubmission}`)).status).toBe(404);
    expect((await annClient.post(`/api/homework/submissions/${bobSubmission}/submit`, { answers: {} })).status).toBe(404);
    const bobFile = (await server.db.homeworkSubmission.findUniqueOrThrow({ where: { id: bobSubmission } })).fileIds[0];
    expect((await annClient.post(`/api/homework/submissions/${bobSubmission}/files/${bobFile}/link`)).status).toBe(404);
    expect((await annClient.post(`/api/files/${bobFile}/link`)).status).toBe(404);
    expect((await annClient.get(`/api/students/${bob.id}/progress?language=en`)).status).toBe(403);
    expect((await annClient.get(`/api/homework/${homeworkId}`)).status).toBe(403);
    expect((await annClient.get('/api/homework/submissions')).status).toBe(403);
    expect((await annClient.patch(`/api/homework/submissions/${annSubmission}`, { comment: 'mine' })).status).toBe(403);

    const stranger = await as(otherTeacher);
    const before = await server.db.homeworkSubmission.findUniqueOrThrow({ where: { id: bobSubmission } });
    expect((await stranger.get(`/api/homework/${homeworkId}`)).status).toBe(404);
    expect((await stranger.request('DELETE', `/api/homework/${homeworkId}`)).status).toBe(404);
    expect((await stranger.get(`/api/homework/submissions/${bobSubmission}`)).status).toBe(404);
    expect((await stranger.patch(`/api/homework/submissions/${bobSubmission}`, { comment: 'Mine now' })).status).toBe(404);
    expect((await stranger.post(`/api/homework/submissions/${bobSubmission}/files/${bobFile}/link`)).status).toBe(404);
    expect((await stranger.get('/api/homework/submissions')).body.items).toEqual([]);
    expect((await stranger.get('/api/homework/students')).body.items).toEqual([]);
    expect((await stranger.get(`/api/students/${bob.id}/progress?language=en`)).status).toBe(403);
    const lessonId = (await server.db.homework.findUniqueOrThrow({ where: { id: homeworkId } })).lessonId;
    expect((await stranger.post(`/api/lessons/${lessonId}/homework`, { title: 'x', items: WORKSHEET })).status).toBe(404);
    expect((await stranger.get(`/api/lessons/${lessonId}/homework`)).status).toBe(404);
    expect(await server.db.homeworkSubmission.findUniqueOrThrow({ where: { id: bobSubmission } })).toEqual(before);

    // A teacher cannot hand in for a student; a student cannot upload as the teacher.
    const teacherClient = await as(teacher);
    expect((await teacherClient.post(`/api/homework/submissions/${bobSubmission}/submit`, { answers: {} })).status).toBe(403);
    expect((await upload(teacherClient, bobSubmission, FILE_SAMPLES.png, 'image/png')).status).toBe(403);
    const students = (await teacherClient.get('/api/homework/students')).body.items;
    expect(students.map((entry: { student: { name: string } }) => entry.student.name)).toEqual(expect.arrayContaining(['Ann', 'Bob', 'Carl']));
  });
});

describe('rating and progress', () => {
  it('gives attendance, homework and board tests over time per language, to the student and their teacher', async () => {
    const student = await createUser(server, { confirmedAt: START, name: 'Eve' });
    const base = START.getTime() - 40 * DAY;
    // Held in the room (joined), held in the room without her, marked held by hand, a no-show, and not marked.
    const inRoom = await lesson(teacher.id, [student], new Date(base), { status: 'held' });
    await server.db.lessonAttendance.create({ data: { lessonId: inRoom, userId: student.id, joinedAt: new Date(base), leftAt: new Date(base + HOUR) } });
    const without = await lesson(teacher.id, [student], new Date(base + 7 * DAY), { status: 'held' });
    await server.db.lessonAttendance.create({ data: { lessonId: without, userId: teacher.id, joinedAt: new Date(base + 7 * DAY) } });
    await lesson(teacher.id, [student], new Date(base + 14 * DAY), { status: 'held' });
    await lesson(teacher.id, [student], new Date(base + 21 * DAY), { status: 'no_show' });
    await lesson(teacher.id, [student], new Date(base + 28 * DAY));
    await lesson(teacher.id, [student], new Date(base + 29 * DAY), { status: 'cancelled' });
    await lesson(teacher.id, [student], new Date(base + 30 * DAY), { language: 'zh', status: 'held' });
    await server.db.lessonTestAttempt.create({
      data: { lessonId: inRoom, materialId, studentId: student.id, answers: {}, itemResults: [], score: 6, maxScore: 8, submittedAt: new Date(base + HOUR / 2) },
    });

    const progress = await (await as(student)).get(`/api/students/${student.id}/progress?language=en`);
    expect(progress.status, JSON.stringify(progress.body)).toBe(200);
    expect(progress.body.attendance.map((entry: { mark: string }) => entry.mark)).toEqual(['present', 'absent', 'present', 'absent', 'unmarked']);
    expect(progress.body.summary).toEqual({
      attendance: { present: 2, absent: 2, rate: 50 },
      homework: { rating: null, counted: 0, tails: 0, missed: 0 },
      tests: { average: 75, count: 1 },
    });
    expect(progress.body.tests).toEqual([expect.objectContaining({ title: 'Verbs quiz', score: 6, maxScore: 8, percent: 75 })]);

    // The teacher who taught her sees the same; so do admins; Chinese is another record.
    expect((await (await as(teacher)).get(`/api/students/${student.id}/progress?language=en`)).body.summary).toEqual(progress.body.summary);
    const chinese = await (await as(student)).get(`/api/students/${student.id}/progress?language=zh`);
    expect(chinese.body.summary.attendance).toEqual({ present: 1, absent: 0, rate: 100 });
  });
});

describe('bad input', () => {
  it('names the bad field on every homework operation and changes nothing', async () => {
    const given = await lesson(teacher.id, [carl], new Date(START.getTime() - 60 * DAY), { status: 'held' });
    const teacherClient = await as(teacher);
    const set = (await teacherClient.post(`/api/lessons/${given}/homework`, { title: 'Checks', items: [...WORKSHEET, { type: 'file_upload', id: 'w4', prompt: 'Photo' }], dueAt: new Date(START.getTime() + DAY).toISOString() })).body;
    const submission = submissionOf(set, carl);
    const counts = async () => [await server.db.homework.count(), await server.db.homeworkSubmission.count(), await server.db.uploadedFile.count()];
    const snapshot = async () => [await counts(), await server.db.homeworkSubmission.findUniqueOrThrow({ where: { id: submission } })];
    const before = await snapshot();

    const textMaterial = (await teacherClient.post('/api/materials', MATERIAL_BODIES.link)).body.id;
    const othersPrivate = (await (await as(otherTeacher)).post('/api/materials', MATERIAL_BODIES.test)).body.id;
    const post = (body: unknown) => teacherClient.post(`/api/lessons/${given}/homework`, body);
    expectFieldError(await teacherClient.post('/api/lessons/nope/homework', { title: 'x', items: WORKSHEET }), 'params.id');
    expectFieldError(await post({}), 'body.items');
    expectFieldError(await post({ items: WORKSHEET }), 'body.title');
    expectFieldError(await post({ title: 'x', items: [{ ...WORKSHEET[0], correct: ['z'] }] }), 'body.items.0.correct');
    expectFieldError(await post({ title: 'x', items: [{ type: 'essay', id: 'e', prompt: 'p' }] }), 'body.items.0.type');
    expectFieldError(await post({ title: 'x', items: [{ type: 'file_upload', id: 'f', prompt: 'p', maxFiles: 50 }] }), 'body.items.0.maxFiles');
    expectFieldError(await post({ title: 'x', items: WORKSHEET, studentIds: [bob.id] }), 'body.studentIds');
    expectFieldError(await post({ title: 'x', items: WORKSHEET, studentIds: ['not-a-uuid'] }), 'body.studentIds.0');
    expectFieldError(await post({ title: 'x', items: WORKSHEET, dueAt: new Date(START.getTime() - DAY).toISOString() }), 'body.dueAt');
    expectFieldError(await post({ title: 'x', items: WORKSHEET, dueAt: 'tomorrow' }), 'body.dueAt');
    expectFieldError(await post({ materialId: textMaterial }), 'body.materialId');
    expectFieldError(await post({ materialId: othersPrivate }), 'body.materialId');
    expectFieldError(await post({ materialId, items: [{ type: 'free_text', id: 'q1', prompt: 'Clash' }] }), 'body.items');
    expectFieldError(await teacherClient.get('/api/lessons/nope/homework'), 'params.id');
    expectFieldError(await teacherClient.get('/api/homework/nope'), 'params.id');
    expectFieldError(await teacherClient.request('DELETE', '/api/homework/nope'), 'params.id');
    const badQuery = await teacherClient.get('/api/homework/submissions?state=late&language=fr&studentId=x&awaitingMarking=maybe');
    expect(badQuery.body.errors.map((error: { path: string }) => error.path).sort()).toEqual(['query.awaitingMarking', 'query.language', 'query.state', 'query.studentId']);
    expectFieldError(await teacherClient.get('/api/homework/submissions/nope'), 'params.id');
    expectFieldError(await teacherClient.patch('/api/homework/submissions/nope', { comment: 'x' }), 'params.id');
    expectFieldError(await teacherClient.patch(`/api/homework/submissions/${submission}`, {}), 'body.marks');
    expectFieldError(await teacherClient.patch(`/api/homework/submissions/${submission}`, { marks: [] }), 'body.marks');
    expectFieldError(await teacherClient.patch(`/api/homework/submissions/${submission}`, { comment: '' }), 'body.comment');
    expectFieldError(await teacherClient.patch(`/api/homework/submissions/${submission}`, { marks: [{ itemId: 'w3', score: -1 }] }), 'body.marks.0.score');
    // Marks before it is handed in.
    expectFieldError(await teacherClient.patch(`/api/homework/submissions/${submission}`, { marks: [{ itemId: 'w3', score: 1 }] }), 'body.marks');
    expectFieldError(await teacherClient.post('/api/homework/submissions/nope/files/nope/link'), 'params.fileId');
    expectFieldError(await teacherClient.get('/api/students/nope/progress?language=fr'), 'query.language');
    expectFieldError(await teacherClient.get(`/api/students/${carl.id}/progress`), 'query.language');

    const student = await as(carl);
    expectFieldError(await student.get('/api/me/homework?language=fr'), 'query.language');
    expectFieldError(await student.post('/api/homework/submissions/nope/submit', { answers: {} }), 'params.id');
    expectFieldError(await student.post(`/api/homework/submissions/${submission}/submit`, { answers: 'all of them' }), 'body.answers');
    expectFieldError(await student.post(`/api/homework/submissions/${submission}/submit`, {}), 'body.answers');
    expectFieldError(await student.post(`/api/homework/submissions/${submission}/submit`, { answers: { 'bad id!': 'x' } }), 'body.answers.bad id!');
    expectFieldError(await student.post(`/api/homework/submissions/${submission}/submit`, { answers: { w9: 'x' } }), 'body.answers.w9');
    expectFieldError(await student.post(`/api/homework/submissions/${submission}/submit`, { answers: { w4: ['8d6b2b0c-0000-4000-8000-000000000000'] } }), 'body.answers.w4');
    expectFieldError(await student.post(`/api/homework/submissions/${submission}/submit`, { answers: { w4: 'photo.png' } }), 'body.answers.w4');
    const noName = await fetch(`${server.localUrl}/api/homework/submissions/${submission}/files`, {
      method: 'POST',
      headers: { 'content-type': 'image/png', authorization: `Bearer ${student.accessToken}` },
      body: FILE_SAMPLES.png,
    });
    expect(noName.status).toBe(400);
    expect(((await noName.json()) as any).errors[0].path).toBe('query.name');
    const wrongType = await upload(student, submission, Buffer.from('#!/bin/sh\nrm -rf /\n'), 'text/x-shellscript', 'evil.sh');
    expect(wrongType).toMatchObject({ status: 400, body: { code: 'unsupported_file_type', errors: [{ path: 'headers.content-type' }] } });
    const mismatch = await upload(student, submission, Buffer.concat([Buffer.from('<svg>'), Buffer.alloc(100)]), 'image/png', 'fake.png');
    expect(mismatch).toMatchObject({ status: 400, body: { code: 'file_type_mismatch' } });
    expectFieldError(await upload(student, 'nope', FILE_SAMPLES.png, 'image/png'), 'params.id');

    expect(await snapshot()).toEqual(before);
  });
});
