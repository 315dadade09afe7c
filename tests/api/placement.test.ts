import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock.js';
import { createUser, loginAs } from '../support/accounts.js';
import { ApiClient } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * The free placement lesson through the real server: a visitor asks on the public page, the
 * methodist schedules the lesson (the visitor is invited by e-mail and can sign in), the lesson is
 * free and visible to both, and the assessment enrolls the student with a teacher per language.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

let server: TestServer;
let clock: TestClock;
let methodist: ApiClient;
let ids: Record<'anna' | 'li' | 'admin', string>;
/** Each test books its lesson on its own day, far from the demo school's lessons. */
let nextDay = 20;

const login = (email: string, password?: string) => loginAs(server, email, password);

const put = (client: ApiClient, path: string, body: unknown) => client.request('PUT', path, body);

/** A visitor's request, as the methodist finds it in the queue. */
async function visitorRequest(contact: string, language = 'en'): Promise<{ id: string; status: string; email: string | null }> {
  const visitor = new ApiClient(server.localUrl);
  const asked = await visitor.post('/api/placement-requests', { name: 'Vera Visitor', contact, language, comment: 'Evenings suit me', consent: true, locale: 'ru', timeZone: 'Asia/Yekaterinburg' });
  expect(asked.status).toBe(202);
  const queue = await methodist.get(`/api/placement/requests?status=new&language=${language}&limit=200`);
  const request = queue.body.items.find((item: { contact: string }) => item.contact === contact);
  expect(request).toBeDefined();
  return request;
}

/** Moves the clock; access tokens live by it, so the methodist signs in again. */
async function moveClockTo(time: number): Promise<void> {
  clock.advance(time - clock.now().getTime());
  methodist = await login('methodist@example.com');
}

function freeStart(): string {
  return new Date(Math.ceil(clock.now().getTime() / HOUR_MS) * HOUR_MS + nextDay++ * DAY_MS).toISOString();
}

/** A request scheduled, and the clock moved into its lesson. */
async function heldPlacement(): Promise<{ id: string; studentId: string; lessonId: string }> {
  const request = await visitorRequest(`held-${randomUUID().slice(0, 8)}@example.com`);
  const startsAt = freeStart();
  const scheduled = await methodist.post(`/api/placement/requests/${request.id}/schedule`, { startsAt, durationMinutes: 45 });
  expect(scheduled.status).toBe(200);
  await moveClockTo(Date.parse(startsAt) + 10 * 60_000);
  return { id: request.id, studentId: scheduled.body.student.id, lessonId: scheduled.body.lesson.id };
}

beforeAll(async () => {
  clock = new TestClock();
  server = await startTestServer({ clock, env: { DEMO_DATA: 'true' } });
  methodist = await login('methodist@example.com');
  const users = await server.db.user.findMany({ where: { email: { in: ['anna@example.com', 'li@example.com', 'admin@example.com'] } } });
  const byEmail = (email: string) => users.find((user) => user.email === email)?.id as string;
  ids = { anna: byEmail('anna@example.com'), li: byEmail('li@example.com'), admin: byEmail('admin@example.com') };
});
afterAll(() => server?.close());

describe('the placement lesson', () => {
  it('goes from a visitor’s request to an enrolled student with a level, a goal and a teacher', async () => {
    const email = `vera-${randomUUID().slice(0, 8)}@example.com`;
    const request = await visitorRequest(email);
    expect(request).toMatchObject({ status: 'new', email, language: 'en' });

    // The same visitor asking again while the request is open adds nothing to the queue.
    const again = await new ApiClient(server.localUrl).post('/api/placement-requests', { name: 'Vera Visitor', contact: email, language: 'en', consent: true });
    expect(again.status).toBe(202);
    expect(await server.db.placementRequest.count({ where: { contact: email } })).toBe(1);

    const startsAt = freeStart();
    const scheduled = await methodist.post(`/api/placement/requests/${request.id}/schedule`, { startsAt, durationMinutes: 45 });
    expect(scheduled.status).toBe(200);
    expect(scheduled.body).toMatchObject({ status: 'scheduled', methodist: { name: 'Marina Methodist' }, lesson: { startsAt, status: 'scheduled' } });

    // The visitor became a student in their own time zone and language, invited by e-mail.
    const student = await server.db.user.findUniqueOrThrow({ where: { email } });
    expect(student).toMatchObject({ role: 'student', name: 'Vera Visitor', timeZone: 'Asia/Yekaterinburg', locale: 'ru' });
    const mail = await server.db.devOutboxMail.findFirstOrThrow({ where: { to: email } });
    expect(mail.subject).toContain('пробный урок');
    const code = /\b(\d{6})\b/.exec(mail.text)?.[1];
    const visitor = new ApiClient(server.localUrl);
    expect((await visitor.post('/api/auth/password-reset/confirm', { email, code, newPassword: 'placement please' })).status).toBe(204);
    const vera = await login(email, 'placement please');

    // The lesson is free and on both calendars.
    const lessonId = scheduled.body.lesson.id as string;
    const lesson = await server.db.lesson.findUniqueOrThrow({ where: { id: lessonId } });
    expect(lesson).toMatchObject({ kind: 'placement', teacherId: (await methodist.get('/api/me')).body.id });
    expect(await server.db.creditEntry.count({ where: { lessonId } })).toBe(0);
    const window = `from=${encodeURIComponent(clock.now().toISOString())}&to=${encodeURIComponent(new Date(Date.parse(startsAt) + DAY_MS).toISOString())}`;
    for (const client of [vera, methodist]) {
      const lessons = await client.get(`/api/me/lessons?${window}`);
      expect(lessons.body.items.map((item: { id: string }) => item.id)).toContain(lessonId);
    }
    expect((await vera.get(`/api/lessons/${lessonId}`)).body).toMatchObject({ kind: 'placement', students: [{ id: student.id }] });

    // Not before the lesson has started.
    const early = await put(methodist, `/api/placement/requests/${request.id}/assessment`, { assessments: [{ language: 'en', level: 'B1', goal: 'Work', teacherId: ids.anna }] });
    expect(early.status).toBe(409);

    // The room records the lesson as held.
    await moveClockTo(Date.parse(startsAt) + 50 * 60_000);
    await server.db.lesson.update({ where: { id: lessonId }, data: { status: 'held', heldAt: clock.now() } });
    expect((await methodist.get(`/api/placement/requests/${request.id}`)).body.status).toBe('held');
    expect((await methodist.get('/api/placement/requests?status=held&limit=200')).body.items.map((item: { id: string }) => item.id)).toContain(request.id);

    const assessed = await put(methodist, `/api/placement/requests/${request.id}/assessment`, {
      assessments: [
        { language: 'en', level: 'b1', goal: 'Job interviews in English', notes: 'Good listening, weak past tenses', teacherId: ids.anna },
        { language: 'zh', level: 'HSK 1', goal: 'Travel', teacherId: ids.li },
      ],
    });
    expect(assessed.status).toBe(200);
    expect(assessed.body.status).toBe('assessed');
    expect(assessed.body.enrollments).toEqual([
      expect.objectContaining({ language: 'en', level: 'B1', goal: 'Job interviews in English', notes: 'Good listening, weak past tenses', teacher: { id: ids.anna, name: 'Anna Smirnova' } }),
      expect.objectContaining({ language: 'zh', level: 'HSK1', goal: 'Travel', notes: null, teacher: expect.objectContaining({ id: ids.li }) }),
    ]);
    const audit = await server.db.auditEntry.findMany({ where: { action: 'enrollment.assess', targetId: { in: assessed.body.enrollments.map((e: { id: string }) => e.id) } } });
    expect(audit).toHaveLength(2);

    // The student's Free lessons show the result of both languages assessed at the lesson.
    const freeLessons = await (await login(email, 'placement please')).get('/api/me/placement-requests');
    expect(freeLessons.body).toEqual({
      items: [
        expect.objectContaining({
          id: request.id,
          status: 'assessed',
          methodist: expect.objectContaining({ name: 'Marina Methodist' }),
          results: [
            { language: 'en', level: 'B1', goal: 'Job interviews in English', teacher: { id: ids.anna, name: 'Anna Smirnova' } },
            { language: 'zh', level: 'HSK1', goal: 'Travel', teacher: expect.objectContaining({ id: ids.li }) },
          ],
        }),
      ],
      languagesToAsk: [],
    });

    const teachers = (await methodist.get('/api/teachers')).body.items;
    expect(teachers).toEqual(expect.arrayContaining([{ id: ids.anna, name: 'Anna Smirnova', teaches: ['en'] }, expect.objectContaining({ id: ids.li, teaches: ['zh'] })]));

    // The teacher sees their new student; reassigning is explicit and audited.
    const anna = await login('anna@example.com');
    const mine = await anna.get(`/api/enrollments?studentId=${student.id}`);
    expect(mine.body.items).toEqual([expect.objectContaining({ language: 'en', student: { id: student.id, name: 'Vera Visitor' } })]);
    const enrollmentId = assessed.body.enrollments[0].id as string;
    const sameTeacher = await methodist.post(`/api/enrollments/${enrollmentId}/reassign`, { teacherId: ids.anna, reason: 'no change' });
    expect(sameTeacher.status).toBe(400);
    expect(sameTeacher.body.errors[0].path).toBe('body.teacherId');
  });

  it('lets a student ask from the cabinet; an open request for the language is returned, not doubled', async () => {
    const ivan = await login('ivan@example.com');
    const asked = await ivan.post('/api/me/placement-requests', { language: 'zh', comment: 'I want to start Chinese' });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ status: 'new', language: 'zh', name: 'Ivan Petrov', email: 'ivan@example.com', student: { name: 'Ivan Petrov' } });
    const again = await ivan.post('/api/me/placement-requests', { language: 'zh' });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(asked.body.id);
    const mine = await ivan.get('/api/me/placement-requests');
    expect(mine.body.items.map((item: { id: string }) => item.id)).toEqual([asked.body.id]);
    // Ivan learns English and has asked for Chinese: nothing is left to ask for.
    expect(mine.body).toMatchObject({ items: [{ status: 'new', askedAt: asked.body.createdAt, comment: 'I want to start Chinese', lesson: null, results: [] }], languagesToAsk: [] });

    // The methodist books it for the student they already are: no new account, no invitation.
    const scheduled = await methodist.post(`/api/placement/requests/${asked.body.id}/schedule`, { startsAt: freeStart(), durationMinutes: 60 });
    expect(scheduled.status).toBe(200);
    expect(scheduled.body.student.name).toBe('Ivan Petrov');
    expect(await server.db.devOutboxMail.count({ where: { to: 'ivan@example.com', subject: { contains: 'placement' } } })).toBe(0);

    // Moving it cancels the first lesson; cancelling the request cancels the second.
    const first = scheduled.body.lesson.id as string;
    const moved = await methodist.post(`/api/placement/requests/${asked.body.id}/schedule`, { startsAt: freeStart(), durationMinutes: 45 });
    expect(moved.status).toBe(200);
    expect(moved.body.lesson.id).not.toBe(first);
    expect((await server.db.lesson.findUniqueOrThrow({ where: { id: first } })).status).toBe('cancelled');
    const cancelled = await methodist.post(`/api/placement/requests/${asked.body.id}/cancel`);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', lesson: { status: 'cancelled' } });
    // The lesson given up by the move is no free lesson of its own; Chinese may be asked for again.
    expect((await ivan.get('/api/me/placement-requests')).body).toMatchObject({ items: [{ id: asked.body.id, status: 'cancelled' }], languagesToAsk: ['zh'] });
    expect((await methodist.post(`/api/placement/requests/${asked.body.id}/schedule`, { startsAt: freeStart(), durationMinutes: 45 })).status).toBe(409);
  });

  it('asks the methodist for an e-mail when the visitor left a phone, and refuses a busy time', async () => {
    const request = await visitorRequest('+7 912 345-67-89', 'zh');
    expect(request.email).toBeNull();
    const startsAt = freeStart();
    const noEmail = await methodist.post(`/api/placement/requests/${request.id}/schedule`, { startsAt, durationMinutes: 45 });
    expect(noEmail.status).toBe(400);
    expect(noEmail.body.errors[0].path).toBe('body.email');
    const staff = await methodist.post(`/api/placement/requests/${request.id}/schedule`, { startsAt, durationMinutes: 45, email: 'anna@example.com' });
    expect(staff.status).toBe(400);
    expect(staff.body.errors[0].path).toBe('body.email');

    const other = await visitorRequest('@busy_visitor', 'zh');
    const email = `phone-${randomUUID().slice(0, 8)}@example.com`;
    expect((await methodist.post(`/api/placement/requests/${other.id}/schedule`, { startsAt, durationMinutes: 45, email })).status).toBe(200);
    const clash = await methodist.post(`/api/placement/requests/${request.id}/schedule`, { startsAt: new Date(Date.parse(startsAt) + 30 * 60_000).toISOString(), durationMinutes: 45, email: `x-${email}` });
    expect(clash.status).toBe(409);
    expect(clash.body.code).toBe('slot_taken');
    expect(await server.db.user.count({ where: { email: `x-${email}` } })).toBe(0);
    expect((await methodist.get(`/api/placement/requests/${request.id}`)).body.status).toBe('new');
  });

  it('refuses a level of another language and a teacher who does not teach the language, changing nothing', async () => {
    const { id, studentId } = await heldPlacement();
    const before = await server.db.enrollment.count({ where: { studentId } });

    const wrongLevel = await put(methodist, `/api/placement/requests/${id}/assessment`, { assessments: [{ language: 'en', level: 'HSK3', goal: 'Travel', teacherId: ids.anna }] });
    expect(wrongLevel.status).toBe(400);
    expect(wrongLevel.body.errors).toEqual([expect.objectContaining({ path: 'body.assessments.0.level', message: expect.stringContaining('A1') })]);
    const wrongChinese = await put(methodist, `/api/placement/requests/${id}/assessment`, { assessments: [{ language: 'zh', level: 'C1', goal: 'Travel', teacherId: ids.li }] });
    expect(wrongChinese.body.errors[0].path).toBe('body.assessments.0.level');

    // Li teaches Chinese only; the second item fails after the first was valid: neither is kept.
    const wrongTeacher = await put(methodist, `/api/placement/requests/${id}/assessment`, {
      assessments: [
        { language: 'zh', level: 'HSK2', goal: 'Travel', teacherId: ids.li },
        { language: 'en', level: 'A2', goal: 'Work', teacherId: ids.li },
      ],
    });
    expect(wrongTeacher.status).toBe(400);
    expect(wrongTeacher.body.errors[0].path).toBe('body.assessments.1.teacherId');
    const notATeacher = await put(methodist, `/api/placement/requests/${id}/assessment`, { assessments: [{ language: 'en', level: 'A2', goal: 'Work', teacherId: ids.admin }] });
    expect(notATeacher.body.errors[0].path).toBe('body.assessments.0.teacherId');
    expect(await server.db.enrollment.count({ where: { studentId } })).toBe(before);
    expect((await methodist.get(`/api/placement/requests/${id}`)).body.status).toBe('scheduled');
  });

  it('keeps the assigned teacher until the methodist reassigns, with a reason in the audit log', async () => {
    const { id, studentId } = await heldPlacement();
    const assess = (teacherId: string) => put(methodist, `/api/placement/requests/${id}/assessment`, { assessments: [{ language: 'en', level: 'A2', goal: 'Work', teacherId }] });
    expect((await assess(ids.anna)).status).toBe(200);
    const newTeacher = await createUser(server, { role: 'teacher', name: 'Tom Teacher', teaches: ['en'], confirmedAt: null });
    const changed = await assess(newTeacher.id);
    expect(changed.status).toBe(409);
    expect(changed.body.code).toBe('teacher_already_assigned');

    const enrollment = await server.db.enrollment.findUniqueOrThrow({ where: { studentId_language: { studentId, language: 'en' } } });
    const noReason = await methodist.post(`/api/enrollments/${enrollment.id}/reassign`, { teacherId: newTeacher.id });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].path).toBe('body.reason');
    const reassigned = await methodist.post(`/api/enrollments/${enrollment.id}/reassign`, { teacherId: newTeacher.id, reason: 'Evening hours suit the student' });
    expect(reassigned.status).toBe(200);
    expect(reassigned.body.teacher).toEqual({ id: newTeacher.id, name: 'Tom Teacher' });
    const admin = await login('admin@example.com');
    const log = await admin.get(`/api/admin/audit?action=enrollment.reassign&targetId=${enrollment.id}`);
    expect(log.body.items).toEqual([
      expect.objectContaining({ actor: expect.objectContaining({ name: 'Marina Methodist' }), before: { teacherId: ids.anna }, after: { teacherId: newTeacher.id }, reason: 'Evening hours suit the student' }),
    ]);
  });

  it('is for methodists: others are refused, and visitors are told what is wrong', async () => {
    const request = await visitorRequest(`who-${randomUUID().slice(0, 8)}@example.com`);
    const anna = await login('anna@example.com');
    const ivan = await login('ivan@example.com');
    const admin = await login('admin@example.com');
    const body = { startsAt: freeStart(), durationMinutes: 45 };
    expect((await anna.get('/api/placement/requests')).status).toBe(403);
    expect((await ivan.get('/api/placement/requests')).status).toBe(403);
    expect((await new ApiClient(server.localUrl).get('/api/placement/requests')).status).toBe(401);
    for (const client of [anna, ivan, admin]) {
      expect((await client.post(`/api/placement/requests/${request.id}/schedule`, body)).status).toBe(403);
      expect((await put(client, `/api/placement/requests/${request.id}/assessment`, { assessments: [] })).status).toBe(403);
      expect((await client.post(`/api/placement/requests/${request.id}/cancel`)).status).toBe(403);
    }
    expect((await ivan.post(`/api/enrollments/${randomUUID()}/reassign`, { teacherId: ids.anna, reason: 'because' })).status).toBe(403);
    expect((await ivan.get('/api/enrollments')).status).toBe(403);
    expect((await anna.get('/api/teachers')).status).toBe(403);
    expect((await admin.get(`/api/placement/requests/${request.id}`)).status).toBe(200);
    expect((await methodist.get(`/api/placement/requests/${request.id}`)).body.status).toBe('new');
  });

  it('answers bad input with 400 naming the field, and stores nothing', async () => {
    const count = await server.db.placementRequest.count();
    const visitor = new ApiClient(server.localUrl);
    const good = { name: 'V', contact: 'v@example.com', language: 'en', consent: true };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...good, contact: 'call me maybe' }, 'body.contact'],
      [{ ...good, language: 'fr' }, 'body.language'],
      [{ ...good, consent: false }, 'body.consent'],
      [{ ...good, name: '' }, 'body.name'],
      [{ ...good, timeZone: 'Mars/Olympus' }, 'body.timeZone'],
      [{ ...good, comment: 'x'.repeat(1001) }, 'body.comment'],
    ];
    for (const [body, path] of cases) {
      const response = await visitor.post('/api/placement-requests', body);
      expect(response.status, path).toBe(400);
      expect(response.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect(await server.db.placementRequest.count()).toBe(count);

    const request = await visitorRequest(`bad-${randomUUID().slice(0, 8)}@example.com`);
    const schedule = (body: unknown) => methodist.post(`/api/placement/requests/${request.id}/schedule`, body);
    expect((await schedule({ startsAt: 'tomorrow', durationMinutes: 45 })).body.errors[0].path).toBe('body.startsAt');
    expect((await schedule({ startsAt: freeStart(), durationMinutes: 5 })).body.errors[0].path).toBe('body.durationMinutes');
    expect((await schedule({ startsAt: new Date(clock.now().getTime() - HOUR_MS).toISOString(), durationMinutes: 45 })).body.errors[0].path).toBe('body.startsAt');
    expect((await schedule({ startsAt: freeStart(), durationMinutes: 45, email: 'nope' })).body.errors[0].path).toBe('body.email');
    expect((await methodist.post('/api/placement/requests/not-a-uuid/schedule', { startsAt: freeStart(), durationMinutes: 45 })).body.errors[0].path).toBe('params.id');
    expect((await methodist.post(`/api/placement/requests/${randomUUID()}/schedule`, { startsAt: freeStart(), durationMinutes: 45 })).status).toBe(404);

    const assess = (body: unknown) => put(methodist, `/api/placement/requests/${request.id}/assessment`, body);
    const item = { language: 'en', level: 'A1', goal: 'Work', teacherId: ids.anna };
    expect((await assess({ assessments: [] })).body.errors[0].path).toBe('body.assessments');
    expect((await assess({ assessments: [item, item] })).body.errors[0].path).toBe('body.assessments');
    expect((await assess({ assessments: [{ ...item, goal: '' }] })).body.errors[0].path).toBe('body.assessments.0.goal');
    expect((await assess({ assessments: [{ ...item, teacherId: 'anna' }] })).body.errors[0].path).toBe('body.assessments.0.teacherId');
    expect((await assess({ assessments: [item] })).status).toBe(409);
    expect((await methodist.get(`/api/placement/requests?status=done`)).body.errors[0].path).toBe('query.status');
    expect((await methodist.post(`/api/enrollments/${randomUUID()}/reassign`, { teacherId: ids.anna, reason: 'x' })).body.errors[0].path).toBe('body.reason');
    expect((await methodist.post(`/api/enrollments/${randomUUID()}/reassign`, { teacherId: ids.anna, reason: 'valid reason' })).status).toBe(404);
    expect((await methodist.get('/api/enrollments?language=fr')).body.errors[0].path).toBe('query.language');
    expect(await server.db.lesson.count({ where: { placementRequest: { id: request.id } } })).toBe(0);
  });

  it('limits the public form per client address', async () => {
    const limited = await startTestServer({ env: { AUTH_RATE_LIMIT_PER_MINUTE: '2' } });
    try {
      const visitor = new ApiClient(limited.localUrl);
      const ask = (n: number) => visitor.post('/api/placement-requests', { name: 'V', contact: `v${n}@example.com`, language: 'en', consent: true });
      expect((await ask(1)).status).toBe(202);
      expect((await ask(2)).status).toBe(202);
      const third = await ask(3);
      expect(third.status).toBe(429);
      expect(third.body.code).toBe('rate_limited');
      expect(await limited.db.placementRequest.count()).toBe(2);
    } finally {
      await limited.close();
    }
  });
});
