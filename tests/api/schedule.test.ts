import { randomUUID } from 'node:crypto';
import { CreditLedger, HOUR_MS, SCHOOL_CREDIT_RULES, ScheduleService, sweepSchedule } from '@panda/api';
import type { Language, Role } from '@panda/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock.js';
import { loginAs, newUser } from '../support/accounts.js';
import type { ApiClient } from '../support/http.js';
import { testNotifications } from '../support/notifications.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * The schedule through the real server: availability and free time, bookings refused by the
 * database when a teacher or student is taken (50 at once for one slot), the 8-hour cancellation
 * boundary with a moved clock, moves with an e-mail, held and no-show, weekly series across DST,
 * the calendar and its iCalendar feed, and bad input to every schedule operation.
 */

let server: TestServer;
let clock: TestClock;
let admin: ApiClient;
let methodist: ApiClient;
let ledger: CreditLedger;
let packageTypeId: string;

const START = new Date('2026-03-02T09:00:00Z'); // a Monday
const ALL_WEEK = Array.from({ length: 7 }, (_, i) => ({ weekday: i + 1, start: '00:00', end: '24:00' }));

/** Runs `work` with the server's clock at `instant`, then puts it back (sign in inside: access tokens live 15 minutes). */
async function at<T>(instant: Date, work: () => Promise<T>): Promise<T> {
  const back = clock.now().getTime() - instant.getTime();
  clock.advance(-back);
  try {
    return await work();
  } finally {
    clock.advance(back);
  }
}

const login = (email: string) => loginAs(server, email);

interface Person {
  id: string;
  email: string;
  client: ApiClient;
}

const newPerson = (role: Role, options: { timeZone?: string; teaches?: Language[] } = {}): Promise<Person> =>
  newUser(server, { role, ...options, confirmedAt: clock.now() });

/** A teacher of English available around the clock (or as given). */
async function newTeacher(options: { timeZone?: string; availability?: unknown[] } = {}): Promise<Person> {
  const teacher = await newPerson('teacher', { timeZone: options.timeZone ?? 'UTC', teaches: ['en', 'zh'] });
  const set = await teacher.client.request('PUT', '/api/me/availability', { intervals: options.availability ?? ALL_WEEK });
  expect(set.status).toBe(200);
  return teacher;
}

/** A student assigned to `teacher` for `language`, with `credits` from a bought package (0: none). */
async function newStudent(teacher: Person, options: { language?: Language; credits?: boolean } = {}): Promise<Person> {
  const student = await newPerson('student');
  await enroll(student, teacher, options.language ?? 'en');
  if (options.credits ?? true) await buy(student);
  return student;
}

const enroll = (student: Person, teacher: Person, language: Language) =>
  server.db.enrollment.create({ data: { studentId: student.id, teacherId: teacher.id, language } });

const buy = (student: Person) => ledger.purchase({ studentId: student.id, packageTypeId, idempotencyKey: randomUUID() });

const account = (student: Person) => server.db.creditAccount.findUniqueOrThrow({ where: { studentId: student.id } });

const book = (client: ApiClient, startsAt: Date, extra: Record<string, unknown> = {}) =>
  client.post('/api/bookings', { language: 'en', startsAt: startsAt.toISOString(), durationMinutes: 60, ...extra });

const hoursAfter = (hours: number, from = START) => new Date(from.getTime() + hours * HOUR_MS);

function sweep() {
  return sweepSchedule({ db: server.db, clock, service: new ScheduleService(server.db, clock, ledger, testNotifications(server, clock), { lessonDurations: [45, 60, 90], weeksAhead: 4 }) });
}

function expectFieldError(response: { status: number; body: any }, path: string) {
  expect(response.status).toBe(400);
  expect(response.body.code).toBe('validation_failed');
  expect(response.body.errors.map((e: { path: string }) => e.path)).toContain(path);
}

beforeAll(async () => {
  clock = new TestClock(START);
  server = await startTestServer({ clock, env: { DEMO_DATA: 'true' } });
  ledger = new CreditLedger(server.db, clock, SCHOOL_CREDIT_RULES);
  packageTypeId = (await server.db.packageType.findFirstOrThrow({ where: { lessons: 8 } })).id;
  admin = await login('admin@example.com');
  methodist = await login('methodist@example.com');
});
afterAll(() => server?.close());

describe('availability and free time', () => {
  it('keeps a teacher’s week in their time zone and refuses overlapping or reversed intervals, changing nothing', async () => {
    const teacher = await newTeacher({ timeZone: 'Europe/Berlin', availability: [{ weekday: 1, start: '10:00', end: '12:00' }, { weekday: 1, start: '12:00', end: '13:00' }] });
    const week = await teacher.client.get('/api/me/availability');
    expect(week.body).toEqual({ timeZone: 'Europe/Berlin', intervals: [{ weekday: 1, start: '10:00', end: '12:00' }, { weekday: 1, start: '12:00', end: '13:00' }] });

    const overlapping = await teacher.client.request('PUT', '/api/me/availability', { intervals: [{ weekday: 2, start: '10:00', end: '12:00' }, { weekday: 2, start: '11:00', end: '13:00' }] });
    expectFieldError(overlapping, 'body.intervals.1');
    expectFieldError(await teacher.client.request('PUT', '/api/me/availability', { intervals: [{ weekday: 2, start: '12:00', end: '11:00' }] }), 'body.intervals.0.end');
    expectFieldError(await teacher.client.request('PUT', '/api/me/availability', { intervals: [{ weekday: 8, start: '25:00', end: '11:00' }] }), 'body.intervals.0.weekday');
    expectFieldError(await teacher.client.request('PUT', '/api/me/availability', {}), 'body.intervals');
    expect((await teacher.client.get('/api/me/availability')).body).toEqual(week.body);
    const student = await newPerson('student');
    expect((await student.client.get('/api/me/availability')).status).toBe(403);
  });

  it('offers the availability minus lessons, in UTC, and keeps Berlin 10:00 across the March change', async () => {
    const teacher = await newTeacher({ timeZone: 'Europe/Berlin', availability: [{ weekday: 1, start: '10:00', end: '12:00' }] });
    const student = await newStudent(teacher);
    const free = await student.client.get(`/api/teachers/${teacher.id}/free-times?from=2026-03-23T00:00:00Z&to=2026-04-06T00:00:00Z&durationMinutes=60`);
    expect(free.status).toBe(200);
    expect(free.body.free).toEqual([
      { startsAt: '2026-03-23T09:00:00.000Z', endsAt: '2026-03-23T11:00:00.000Z' },
      { startsAt: '2026-03-30T08:00:00.000Z', endsAt: '2026-03-30T10:00:00.000Z' },
    ]);
    expect(free.body.starts).toContain('2026-03-23T10:00:00.000Z');
    expect((await student.client.get('/api/me/teachers')).body).toEqual({ items: [{ language: 'en', teacher: { id: teacher.id, name: expect.any(String) } }] });

    expect((await book(student.client, new Date('2026-03-23T09:30:00Z'))).status).toBe(201);
    const after = await student.client.get(`/api/teachers/${teacher.id}/free-times?from=2026-03-23T00:00:00Z&to=2026-03-24T00:00:00Z&durationMinutes=30`);
    expect(after.body.free).toEqual([
      { startsAt: '2026-03-23T09:00:00.000Z', endsAt: '2026-03-23T09:30:00.000Z' },
      { startsAt: '2026-03-23T10:30:00.000Z', endsAt: '2026-03-23T11:00:00.000Z' },
    ]);
    // Outside the published time a student cannot book (staff may).
    const outside = await book(student.client, new Date('2026-03-23T13:00:00Z'));
    expect(outside.status).toBe(409);
    expect(outside.body.code).toBe('slot_taken');
    // Another teacher's free time is not a student's business.
    const stranger = await newTeacher();
    expect((await student.client.get(`/api/teachers/${stranger.id}/free-times?from=2026-03-23T00:00:00Z&to=2026-03-24T00:00:00Z&durationMinutes=60`)).status).toBe(404);
  });
});

describe('no double booking, enforced by the database', () => {
  it('lets exactly one of 50 simultaneous bookings of one teacher slot through; the others get slot_taken and keep their credits', async () => {
    const teacher = await newTeacher();
    // Made one by one: only the bookings race.
    const students: Person[] = [];
    for (let i = 0; i < 50; i += 1) students.push(await newStudent(teacher));
    const startsAt = hoursAfter(48);
    const answers = await Promise.all(students.map((s) => book(s.client, startsAt)));
    const won = answers.filter((a) => a.status === 201);
    expect(won).toHaveLength(1);
    for (const lost of answers.filter((a) => a.status !== 201)) {
      expect(lost.status).toBe(409);
      expect(lost.body.code).toBe('slot_taken');
    }
    expect(await server.db.lesson.count({ where: { teacherId: teacher.id } })).toBe(1);
    const winner = won[0]?.body.students[0].id;
    for (const student of students) {
      expect(await account(student)).toMatchObject(student.id === winner ? { available: 7, held: 1 } : { available: 8, held: 0 });
    }
  }, 120_000);

  it('refuses a student two teachers at once, and allows two lessons in a row for the student and for the teacher', async () => {
    const anna = await newTeacher();
    const li = await newTeacher();
    const olga = await newStudent(anna);
    await enroll(olga, li, 'zh');
    const ten = hoursAfter(24);
    expect((await book(olga.client, ten)).status).toBe(201);

    const clash = await book(olga.client, hoursAfter(24.5), { language: 'zh' });
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({ code: 'slot_taken', detail: 'the student has another lesson at that time' });
    expect(await account(olga)).toMatchObject({ available: 7, held: 1 });

    // Touching lessons do not overlap: [10:00, 11:00) and [11:00, 11:45).
    const next = await book(olga.client, hoursAfter(25), { language: 'zh', durationMinutes: 45 });
    expect(next.status).toBe(201);
    expect(next.body.teacher.id).toBe(li.id);
    const other = await newStudent(anna);
    expect((await book(other.client, hoursAfter(23))).status).toBe(201);
    expect(await account(olga)).toMatchObject({ available: 6, held: 2 });

    // Staff booking over a taken time meets the same constraint.
    const staff = await book(anna.client, ten, { studentId: other.id });
    expect(staff.status).toBe(409);
    expect(staff.body.detail).toBe('the teacher has another lesson at that time');
  });

  it('frees the time of a cancelled lesson', async () => {
    const teacher = await newTeacher();
    const first = await newStudent(teacher);
    const second = await newStudent(teacher);
    const booked = await book(first.client, hoursAfter(30));
    expect((await first.client.post(`/api/lessons/${booked.body.id}/cancel`)).status).toBe(200);
    expect((await book(second.client, hoursAfter(30))).status).toBe(201);
  });

  it('refuses a booking without credits, and books placement lessons free', async () => {
    const teacher = await newTeacher();
    const poor = await newStudent(teacher, { credits: false });
    const refused = await book(poor.client, hoursAfter(40));
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('insufficient_credits');
    expect(await server.db.lesson.count({ where: { teacherId: teacher.id } })).toBe(0);

    const placement = await book(methodist, hoursAfter(40), { studentId: poor.id, kind: 'placement', durationMinutes: 45 });
    expect(placement.status).toBe(201);
    expect(placement.body).toMatchObject({ kind: 'placement', awaitingPayment: [] });
    const byTeacher = await book(teacher.client, hoursAfter(42), { studentId: poor.id, kind: 'placement' });
    expect(byTeacher.status).toBe(403);
  });
});

describe('cancelling: the 8-hour rule', () => {
  async function booked() {
    const teacher = await newTeacher();
    const student = await newStudent(teacher);
    const startsAt = hoursAfter(72);
    const lesson = await book(student.client, startsAt);
    expect(lesson.status).toBe(201);
    return { teacher, student, startsAt, lessonId: lesson.body.id as string };
  }

  const cancelAt = async (who: Person, lessonId: string, instant: Date) =>
    at(instant, async () => {
      const client = await login(who.email);
      return { preview: await client.get(`/api/lessons/${lessonId}/cancellation`), cancel: await client.post(`/api/lessons/${lessonId}/cancel`) };
    });

  it('returns the credit 9 hours before, and exactly 8:00:00 before', async () => {
    for (const notice of [9 * HOUR_MS, 8 * HOUR_MS]) {
      const { student, startsAt, lessonId } = await booked();
      const { preview, cancel } = await cancelAt(student, lessonId, new Date(startsAt.getTime() - notice));
      expect(preview.body).toEqual({ outcome: 'release', freeUntil: new Date(startsAt.getTime() - 8 * HOUR_MS).toISOString() });
      expect(cancel.status).toBe(200);
      expect(cancel.body.credits).toEqual([{ studentId: student.id, outcome: 'release' }]);
      expect(cancel.body.lesson.status).toBe('cancelled');
      expect(await account(student)).toMatchObject({ available: 8, held: 0 });
    }
  });

  it('burns the credit 7 hours before, and at 7:59:59', async () => {
    for (const notice of [7 * HOUR_MS, 8 * HOUR_MS - 1000]) {
      const { student, startsAt, lessonId } = await booked();
      const { preview, cancel } = await cancelAt(student, lessonId, new Date(startsAt.getTime() - notice));
      expect(preview.body.outcome).toBe('burn');
      expect(cancel.body.credits).toEqual([{ studentId: student.id, outcome: 'burn' }]);
      expect(await account(student)).toMatchObject({ available: 7, held: 0 });
      const kinds = (await ledger.entries(student.id)).map((e) => e.kind);
      expect(kinds).toEqual(['purchase', 'hold', 'burn']);
    }
  });

  it('always returns the credit when the teacher cancels, and nobody cancels a lesson that has started or ended', async () => {
    const { teacher, student, startsAt, lessonId } = await booked();
    const { preview, cancel } = await cancelAt(teacher, lessonId, new Date(startsAt.getTime() - HOUR_MS));
    expect(preview.body.outcome).toBe('release');
    expect(cancel.body.credits).toEqual([{ studentId: student.id, outcome: 'release' }]);
    expect(await account(student)).toMatchObject({ available: 8, held: 0 });
    expect((await teacher.client.post(`/api/lessons/${lessonId}/cancel`)).status).toBe(409);

    const later = await booked();
    const started = await cancelAt(later.student, later.lessonId, new Date(later.startsAt.getTime() + 60_000));
    expect(started.cancel.status).toBe(409);
    const stranger = await newPerson('student');
    expect((await stranger.client.post(`/api/lessons/${later.lessonId}/cancel`)).status).toBe(404);
  });
});

describe('the teacher moves and marks lessons', () => {
  it('moves a lesson and tells the student by e-mail; a taken time is refused', async () => {
    const teacher = await newTeacher();
    const student = await newStudent(teacher);
    const other = await newStudent(teacher);
    const lesson = await book(student.client, hoursAfter(50));
    await book(other.client, hoursAfter(60));

    const moved = await teacher.client.post(`/api/lessons/${lesson.body.id}/move`, { startsAt: hoursAfter(52).toISOString(), durationMinutes: 90 });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ startsAt: hoursAfter(52).toISOString(), endsAt: hoursAfter(53.5).toISOString(), status: 'scheduled' });
    const mail = await server.db.devOutboxMail.findFirstOrThrow({ where: { to: student.email } });
    expect(mail.subject).toBe('Panda Classroom: your lesson has moved');
    expect(await account(student)).toMatchObject({ held: 1 });

    const taken = await teacher.client.post(`/api/lessons/${lesson.body.id}/move`, { startsAt: hoursAfter(59.5).toISOString() });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('slot_taken');
    expect((await student.client.post(`/api/lessons/${lesson.body.id}/move`, { startsAt: hoursAfter(70).toISOString() })).status).toBe(403);
    expect((await server.db.lesson.findUniqueOrThrow({ where: { id: lesson.body.id } })).startsAt).toEqual(hoursAfter(52));
  });

  it('marks held or no-show once the lesson has started, using the held credit', async () => {
    const teacher = await newTeacher();
    const student = await newStudent(teacher);
    const held = await book(student.client, hoursAfter(20));
    const missed = await book(student.client, hoursAfter(22));
    expect((await teacher.client.post(`/api/lessons/${held.body.id}/mark`, { status: 'held' })).status).toBe(409);

    await at(hoursAfter(23), async () => {
      const teacherNow = await login(teacher.email);
      const studentNow = await login(student.email);
      const marked = await teacherNow.post(`/api/lessons/${held.body.id}/mark`, { status: 'held' });
      expect(marked.status).toBe(200);
      expect(marked.body.status).toBe('held');
      expect((await teacherNow.post(`/api/lessons/${missed.body.id}/mark`, { status: 'no_show' })).body.status).toBe('no_show');
      expect((await teacherNow.post(`/api/lessons/${held.body.id}/mark`, { status: 'no_show' })).status).toBe(409);
      expect((await studentNow.post(`/api/lessons/${held.body.id}/mark`, { status: 'held' })).status).toBe(403);
    });
    expect(await account(student)).toMatchObject({ available: 6, held: 0 });
    expect((await ledger.entries(student.id)).map((e) => e.kind)).toEqual(['purchase', 'hold', 'hold', 'consume', 'consume']);
  });

  it('uses the credit of a lesson ended in the lesson room at the next sweep', async () => {
    const teacher = await newTeacher();
    const student = await newStudent(teacher);
    const lesson = await book(student.client, hoursAfter(5));
    // What the room's "End lesson" records.
    await server.db.lesson.update({ where: { id: lesson.body.id }, data: { status: 'held', heldAt: hoursAfter(6) } });
    await at(hoursAfter(6), async () => expect((await sweep()).consumed).toBeGreaterThanOrEqual(1));
    expect(await account(student)).toMatchObject({ available: 7, held: 0 });
  });
});

describe('weekly series', () => {
  it('stays at 10:00 Berlin time across the March change; lessons beyond the credits wait for payment and take it when it comes', async () => {
    const teacher = await newTeacher({ timeZone: 'Europe/Berlin' });
    const student = await newStudent(teacher, { credits: false });
    await ledger.adjust({ studentId: student.id, delta: 2, reason: 'two credits', actorId: (await server.db.user.findFirstOrThrow({ where: { role: 'admin' } })).id, idempotencyKey: randomUUID() });
    const created = await at(new Date('2026-03-16T12:00:00Z'), () =>
      login('methodist@example.com').then((now) =>
        now.post('/api/weekly-slots', { studentId: student.id, teacherId: teacher.id, language: 'en', weekday: 2, startTime: '10:00', durationMinutes: 60, startsOn: '2026-03-17' }),
      ),
    );
    expect(created.status).toBe(201);
    expect(created.body.slot).toMatchObject({ weekday: 2, startTime: '10:00', timeZone: 'Europe/Berlin', startsOn: '2026-03-17', endedAt: null });
    expect(created.body.lessons.map((l: { startsAt: string }) => l.startsAt)).toEqual([
      '2026-03-17T09:00:00.000Z',
      '2026-03-24T09:00:00.000Z',
      '2026-03-31T08:00:00.000Z',
      '2026-04-07T08:00:00.000Z',
    ]);
    expect(created.body.lessons.map((l: { awaitingPayment: string[] }) => l.awaitingPayment.length)).toEqual([0, 0, 1, 1]);

    // Bought now: valid for all four lessons.
    await at(new Date('2026-03-16T12:30:00Z'), () => buy(student));
    const report = await at(new Date('2026-03-16T13:00:00Z'), sweep);
    expect(report.paid).toBeGreaterThanOrEqual(2);
    expect(await account(student)).toMatchObject({ held: 4 });

    // A week later the series has its fifth lesson (still 10:00 in Berlin).
    await at(new Date('2026-03-23T12:00:00Z'), sweep);
    const lessons = await server.db.lesson.findMany({ where: { weeklySlotId: created.body.slot.id }, orderBy: { startsAt: 'asc' } });
    expect(lessons.map((l) => l.startsAt.toISOString()).at(-1)).toBe('2026-04-14T08:00:00.000Z');
  });

  it('stays at 10:00 Berlin time across the October change', async () => {
    const teacher = await newTeacher({ timeZone: 'Europe/Berlin' });
    const student = await newStudent(teacher);
    const created = await at(new Date('2026-10-12T12:00:00Z'), () =>
      login('methodist@example.com').then((now) =>
        now.post('/api/weekly-slots', { studentId: student.id, teacherId: teacher.id, language: 'en', weekday: 2, startTime: '10:00', durationMinutes: 45 }),
      ),
    );
    expect(created.status).toBe(201);
    expect(created.body.lessons.map((l: { startsAt: string }) => l.startsAt)).toEqual([
      '2026-10-13T08:00:00.000Z',
      '2026-10-20T08:00:00.000Z',
      '2026-10-27T09:00:00.000Z',
      '2026-11-03T09:00:00.000Z',
    ]);
  });

  it('cancels a series lesson still unpaid when the cancellation window opens', async () => {
    const teacher = await newTeacher();
    const student = await newStudent(teacher, { credits: false });
    const created = await methodist.post('/api/weekly-slots', { studentId: student.id, teacherId: teacher.id, language: 'en', weekday: 3, startTime: '12:00', durationMinutes: 60 });
    expect(created.status).toBe(201);
    const first = created.body.lessons[0];
    expect(first.startsAt).toBe('2026-03-04T12:00:00.000Z');
    await at(new Date('2026-03-04T03:00:00Z'), sweep);
    expect((await server.db.lesson.findUniqueOrThrow({ where: { id: first.id } })).status).toBe('scheduled');
    await at(new Date('2026-03-04T04:30:00Z'), sweep);
    expect((await server.db.lesson.findUniqueOrThrow({ where: { id: first.id } })).status).toBe('cancelled');
  });

  it('refuses a series over a taken week or with a teacher not assigned, creating nothing; ending one cancels its coming lessons and returns the credits', async () => {
    const teacher = await newTeacher();
    const student = await newStudent(teacher);
    const busy = await newStudent(teacher);
    await book(busy.client, new Date('2026-03-18T12:30:00Z'));
    const body = { studentId: student.id, teacherId: teacher.id, language: 'en', weekday: 3, startTime: '12:00', durationMinutes: 60 };
    const taken = await methodist.post('/api/weekly-slots', body);
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('slot_taken');
    const stranger = await newTeacher();
    expectFieldError(await methodist.post('/api/weekly-slots', { ...body, teacherId: stranger.id }), 'body.teacherId');
    expectFieldError(await methodist.post('/api/weekly-slots', { ...body, durationMinutes: 50 }), 'body.durationMinutes');
    expectFieldError(await methodist.post('/api/weekly-slots', { ...body, startsOn: '2026-03-01' }), 'body.startsOn');
    expect(await server.db.weeklySlot.count({ where: { studentId: student.id } })).toBe(0);
    expect(await account(student)).toMatchObject({ available: 8, held: 0 });

    const created = await methodist.post('/api/weekly-slots', { ...body, weekday: 4 });
    expect(created.status).toBe(201);
    expect(await account(student)).toMatchObject({ available: 4, held: 4 });
    expect((await student.client.get('/api/weekly-slots')).body.items).toHaveLength(1);
    expect((await teacher.client.post(`/api/weekly-slots/${created.body.slot.id}/end`)).status).toBe(403);
    const ended = await methodist.post(`/api/weekly-slots/${created.body.slot.id}/end`);
    expect(ended.status).toBe(200);
    expect(ended.body.cancelledLessonIds).toHaveLength(4);
    expect(await account(student)).toMatchObject({ available: 8, held: 0 });
    expect((await methodist.post(`/api/weekly-slots/${created.body.slot.id}/end`)).status).toBe(409);
  });
});

describe('calendar', () => {
  it('shows each person their own lessons, and a methodist every placement lesson', async () => {
    const teacher = await newTeacher();
    const student = await newStudent(teacher);
    const lesson = await book(student.client, hoursAfter(26));
    const placement = await book(methodist, hoursAfter(27), { studentId: student.id, kind: 'placement', durationMinutes: 45 });
    const range = `from=${START.toISOString()}&to=${hoursAfter(24 * 7).toISOString()}`;
    const mine = await student.client.get(`/api/calendar?${range}`);
    expect(mine.status).toBe(200);
    expect(mine.body.timeZone).toBe('UTC');
    expect(mine.body.items.map((l: { id: string }) => l.id)).toEqual([lesson.body.id, placement.body.id]);
    expect((await teacher.client.get(`/api/calendar?${range}`)).body.items.map((l: { id: string }) => l.id)).toEqual([lesson.body.id]);
    expect((await methodist.get(`/api/calendar?${range}`)).body.items.map((l: { id: string }) => l.id)).toContain(placement.body.id);
  });

  it('serves an iCalendar feed at a secret address, in UTC with UIDs, folded lines and CRLF endings', async () => {
    const teacher = await newTeacher();
    const student = await newStudent(teacher);
    const lesson = await book(student.client, new Date('2026-03-05T15:00:00Z'), { title: 'A long title about the Present Perfect, commas; and semicolons, repeated until the line folds' });
    const feed = await student.client.post('/api/me/calendar-feed');
    expect(feed.status).toBe(201);
    const path = new URL(feed.body.url).pathname;
    const response = await fetch(`${server.localUrl}${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/calendar');
    const text = await response.text();
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(text.replace(/\r\n /g, '').split('\r\n').some((line) => line.startsWith('DESCRIPTION:') && line.includes('commas\\; and semicolons\\,'))).toBe(true);
    expect(text).toContain(`UID:${lesson.body.id}@localhost`);
    expect(text).toContain('DTSTART:20260305T150000Z\r\nDTEND:20260305T160000Z\r\n');
    expect(text).toContain(`DTSTAMP:20260302T090000Z`);
    expect(text).toContain('SUMMARY:English lesson: teacher');
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(1);

    // Asking again replaces the address.
    await student.client.post('/api/me/calendar-feed');
    expect((await fetch(`${server.localUrl}${path}`)).status).toBe(404);
    expect((await fetch(`${server.localUrl}/api/calendar/ics/not-a-token`)).status).toBe(400);
  });
});

describe('bad input to every schedule operation: 400 naming the field, nothing changed', () => {
  it('answers each with the field', async () => {
    const teacher = await newTeacher();
    const student = await newStudent(teacher);
    const lesson = await book(student.client, hoursAfter(100));
    const before = { lessons: await server.db.lesson.count(), slots: await server.db.weeklySlot.count(), entries: await server.db.creditEntry.count() };

    expectFieldError(await book(student.client, hoursAfter(110), { durationMinutes: 50 }), 'body.durationMinutes');
    expectFieldError(await book(student.client, hoursAfter(110), { language: 'fr' }), 'body.language');
    expectFieldError(await student.client.post('/api/bookings', { language: 'en', startsAt: 'tomorrow', durationMinutes: 60 }), 'body.startsAt');
    expectFieldError(await book(student.client, hoursAfter(-1)), 'body.startsAt');
    expectFieldError(await book(teacher.client, hoursAfter(110)), 'body.studentId');
    expectFieldError(await student.client.get(`/api/teachers/${teacher.id}/free-times?to=2026-03-03T00:00:00Z&durationMinutes=60`), 'query.from');
    expectFieldError(await student.client.get(`/api/teachers/${teacher.id}/free-times?from=2026-03-03T00:00:00Z&to=2026-03-02T00:00:00Z&durationMinutes=60`), 'query.to');
    expectFieldError(await student.client.get('/api/teachers/nope/free-times?from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z&durationMinutes=60'), 'params.id');
    expectFieldError(await student.client.get('/api/calendar?from=2026-03-02&to=2026-03-03'), 'query.from');
    expectFieldError(await student.client.get('/api/calendar?from=2026-03-02T00:00:00Z&to=2026-06-02T00:00:00Z'), 'query.to');
    expectFieldError(await student.client.post('/api/lessons/nope/cancel'), 'params.id');
    expectFieldError(await student.client.get('/api/lessons/nope/cancellation'), 'params.id');
    expectFieldError(await teacher.client.post(`/api/lessons/${lesson.body.id}/move`, { startsAt: 'later' }), 'body.startsAt');
    expectFieldError(await teacher.client.post(`/api/lessons/${lesson.body.id}/move`, { startsAt: hoursAfter(120).toISOString(), durationMinutes: 50 }), 'body.durationMinutes');
    expectFieldError(await teacher.client.post(`/api/lessons/${lesson.body.id}/mark`, { status: 'late' }), 'body.status');
    expectFieldError(await methodist.post('/api/weekly-slots', { studentId: student.id, teacherId: teacher.id, language: 'en', weekday: 8, startTime: '25:00', durationMinutes: 60 }), 'body.weekday');
    expectFieldError(await methodist.post('/api/weekly-slots', { studentId: student.id, teacherId: teacher.id, language: 'en', weekday: 1, startTime: '25:00', durationMinutes: 60 }), 'body.startTime');
    expectFieldError(await methodist.post('/api/weekly-slots', {}), 'body.studentId');
    expectFieldError(await methodist.get('/api/weekly-slots?studentId=nope'), 'query.studentId');
    expectFieldError(await methodist.post('/api/weekly-slots/nope/end'), 'params.id');
    expectFieldError(await teacher.client.request('PUT', '/api/me/availability', { intervals: 'all' }), 'body.intervals');

    expect({ lessons: await server.db.lesson.count(), slots: await server.db.weeklySlot.count(), entries: await server.db.creditEntry.count() }).toEqual(before);
    expect(await admin.get('/api/meta')).toMatchObject({ body: { lessonDurations: [45, 60, 90] } });
  });
});
