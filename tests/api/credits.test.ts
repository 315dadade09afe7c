import { randomUUID } from 'node:crypto';
import { CreditLedger, DAY_MS, HOUR_MS, SCHOOL_CREDIT_RULES, sweepCredits } from '@panda/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock.js';
import { loginAs, newUser } from '../support/accounts.js';
import type { ApiClient } from '../support/http.js';
import { cancelOverlapping } from '../support/lessons.js';
import { testNotifications } from '../support/notifications.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * Lesson credits through the real server: the ledger after purchases, adjustments and freezes,
 * idempotent replays, the day-27 choice and expiry with a moved clock, the 8-hour boundary, 20
 * operations at once on a last credit, and bad input to every credits operation.
 */

let server: TestServer;
let clock: TestClock;
let admin: ApiClient;
let packageTypeId: string;

const login = (email: string) => loginAs(server, email);

/** A new confirmed student, signed in. */
const newStudent = () => newUser(server, { name: 'Credit Student', confirmedAt: clock.now() });

const buy = (studentId: string, extra: Record<string, unknown> = {}) =>
  admin.post(`/api/admin/students/${studentId}/purchases`, { packageTypeId, method: 'cash', idempotencyKey: randomUUID(), ...extra });

/** The ledger summed must equal the cached account, and neither may be negative. */
async function expectConsistent(studentId: string) {
  const entries = await server.db.creditEntry.findMany({ where: { studentId } });
  const available = entries.reduce((sum, e) => sum + e.delta, 0);
  const held = entries.reduce((sum, e) => sum + (e.kind === 'hold' ? 1 : ['release', 'consume', 'burn'].includes(e.kind) ? -1 : 0), 0);
  const account = await server.db.creditAccount.findUniqueOrThrow({ where: { studentId } });
  expect({ available: account.available, held: account.held }).toEqual({ available, held });
  expect(available).toBeGreaterThanOrEqual(0);
  expect(held).toBeGreaterThanOrEqual(0);
  return { available, held };
}

async function bookLesson(studentId: string, startsAt: Date): Promise<string> {
  const teacher = await server.db.user.findUniqueOrThrow({ where: { email: 'anna@example.com' } });
  const endsAt = new Date(startsAt.getTime() + HOUR_MS);
  await cancelOverlapping(server.db, [teacher.id, studentId], startsAt, endsAt);
  const lesson = await server.db.lesson.create({
    data: { teacherId: teacher.id, language: 'en', startsAt, endsAt, students: { create: [{ studentId }] } },
  });
  return lesson.id;
}

beforeAll(async () => {
  clock = new TestClock(new Date('2026-03-02T09:00:00Z'));
  server = await startTestServer({ clock, env: { DEMO_DATA: 'true' } });
  admin = await login('admin@example.com');
  packageTypeId = (await server.db.packageType.findFirstOrThrow({ where: { lessons: 8 } })).id;
});
afterAll(() => server?.close());

describe('the ledger', () => {
  it('derives the demo student balance from the ledger: 8 bought, two lessons held', async () => {
    const ivan = await login('ivan@example.com');
    const credits = await ivan.get('/api/me/credits');
    expect(credits.status).toBe(200);
    expect(credits.body).toMatchObject({ balance: 6, held: 0, unexpiring: 0, choice: null });
    expect(credits.body.packages).toHaveLength(1);
  });

  it('records a cash payment as a purchase entry by the admin, valid 28 days; a replay returns it and writes nothing', async () => {
    const student = await newStudent();
    const key = randomUUID();
    const paidAt = new Date(clock.now().getTime() - HOUR_MS).toISOString();
    const first = await buy(student.id, { idempotencyKey: key, paidAt });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ lessons: 8, method: 'cash', paidAt, expiresAt: new Date(Date.parse(paidAt) + 28 * DAY_MS).toISOString(), extended: [] });
    expect(first.body.balance).toMatchObject({ balance: 8, held: 0 });

    const again = await buy(student.id, { idempotencyKey: key, paidAt, method: 'bank' });
    expect(again.status).toBe(200);
    expect(again.body.purchaseId).toBe(first.body.purchaseId);
    expect(await server.db.purchase.count({ where: { studentId: student.id } })).toBe(1);

    const adminUser = await server.db.user.findUniqueOrThrow({ where: { email: 'admin@example.com' } });
    const ledger = await admin.get(`/api/admin/students/${student.id}/ledger`);
    expect(ledger.status).toBe(200);
    expect(ledger.body.items).toEqual([
      expect.objectContaining({ kind: 'purchase', delta: 8, purchaseId: first.body.purchaseId, actorId: adminUser.id, reason: expect.stringContaining('cash') }),
    ]);
    expect((await student.client.get('/api/me/credits')).body).toMatchObject({ balance: 8, expiresAt: first.body.expiresAt });
    await expectConsistent(student.id);
  });

  it('keeps an admin adjustment with the admin and the reason; a replay writes nothing', async () => {
    const student = await newStudent();
    const bought = await buy(student.id);
    const key = randomUUID();
    const added = await admin.post(`/api/admin/students/${student.id}/credit-adjustments`, { delta: 2, reason: 'make-up for a dropped lesson', idempotencyKey: key });
    expect(added.status).toBe(201);
    expect(added.body.entries).toEqual([expect.objectContaining({ kind: 'adjustment', delta: 2, purchaseId: null, reason: 'make-up for a dropped lesson' })]);
    expect(added.body.balance).toMatchObject({ balance: 10, unexpiring: 2 });
    const replay = await admin.post(`/api/admin/students/${student.id}/credit-adjustments`, { delta: 2, reason: 'make-up for a dropped lesson', idempotencyKey: key });
    expect(replay.status).toBe(200);
    expect(replay.body.entries[0].id).toBe(added.body.entries[0].id);

    // Credits taken come from the package that expires first.
    const taken = await admin.post(`/api/admin/students/${student.id}/credit-adjustments`, { delta: -3, reason: 'counted twice', idempotencyKey: randomUUID() });
    expect(taken.status).toBe(201);
    expect(taken.body.entries).toEqual([expect.objectContaining({ delta: -3, purchaseId: bought.body.purchaseId })]);
    const tooMany = await admin.post(`/api/admin/students/${student.id}/credit-adjustments`, { delta: -8, reason: 'too many', idempotencyKey: randomUUID() });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.code).toBe('insufficient_credits');
    expect(await expectConsistent(student.id)).toEqual({ available: 7, held: 0 });
  });

  it('freezes a week: the package lasts 7 days longer, a lesson inside comes back, a second freeze is refused', async () => {
    const student = await newStudent();
    const bought = await buy(student.id);
    const ledger = new CreditLedger(server.db, clock, SCHOOL_CREDIT_RULES);
    const lessonId = await bookLesson(student.id, new Date(clock.now().getTime() + 3 * DAY_MS));
    await ledger.hold({ studentId: student.id, lessonId });
    const startsOn = clock.now().toISOString().slice(0, 10);

    const frozen = await student.client.post('/api/me/credits/freezes', { startsOn, days: 7 });
    expect(frozen.status).toBe(201);
    const expiresAt = new Date(Date.parse(bought.body.expiresAt) + 7 * DAY_MS).toISOString();
    expect(frozen.body).toEqual({
      startsAt: `${startsOn}T00:00:00.000Z`,
      endsAt: new Date(Date.parse(`${startsOn}T00:00:00Z`) + 7 * DAY_MS).toISOString(),
      days: 7,
      packages: [{ purchaseId: bought.body.purchaseId, expiresAt }],
      releasedLessonIds: [lessonId],
    });
    expect((await server.db.lesson.findUniqueOrThrow({ where: { id: lessonId } })).status).toBe('cancelled');
    const replay = await student.client.post('/api/me/credits/freezes', { startsOn, days: 7 });
    expect(replay.status).toBe(200);
    expect(replay.body.packages).toEqual(frozen.body.packages);

    const second = await student.client.post('/api/me/credits/freezes', { startsOn: new Date(clock.now().getTime() + 10 * DAY_MS).toISOString().slice(0, 10), days: 2 });
    expect(second.status).toBe(400);
    expect(second.body.errors[0].path).toBe('body.startsOn');

    const kinds = (await admin.get(`/api/admin/students/${student.id}/ledger`)).body.items.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(['purchase', 'hold', 'freeze', 'release']);
    expect((await student.client.get('/api/me/credits')).body).toMatchObject({ balance: 8, held: 0, expiresAt });
    await expectConsistent(student.id);
  });
});

describe('holds and the 8-hour boundary', () => {
  it('releases a cancellation at 8:00:00 and 8:00:01 before the start and burns one at 7:59:59; held and no-show lessons consume', async () => {
    const student = await newStudent();
    await buy(student.id);
    const ledger = new CreditLedger(server.db, clock, SCHOOL_CREDIT_RULES);
    const startsAt = new Date(clock.now().getTime() + 2 * DAY_MS);
    const cancelAt = async (secondsBefore: number) => {
      const lessonId = await bookLesson(student.id, startsAt);
      await ledger.hold({ studentId: student.id, lessonId });
      return (await ledger.cancel({ studentId: student.id, lessonId, cancelledAt: new Date(startsAt.getTime() - secondsBefore * 1000) })).entry.kind;
    };
    expect(await cancelAt(8 * 3600 + 1)).toBe('release');
    expect(await cancelAt(8 * 3600)).toBe('release');
    expect(await cancelAt(8 * 3600 - 1)).toBe('burn');

    const held = await bookLesson(student.id, startsAt);
    const first = await ledger.hold({ studentId: student.id, lessonId: held });
    expect((await ledger.hold({ studentId: student.id, lessonId: held })).entry.id).toBe(first.entry.id);
    expect((await ledger.consume({ studentId: student.id, lessonId: held })).entry.kind).toBe('consume');
    // Settling twice returns the first settlement.
    expect((await ledger.release({ studentId: student.id, lessonId: held })).entry.kind).toBe('consume');
    expect(await expectConsistent(student.id)).toEqual({ available: 6, held: 0 });

    // Only a student booked into the lesson holds a credit for it.
    const other = await newStudent();
    await expect(ledger.hold({ studentId: student.id, lessonId: await bookLesson(other.id, startsAt) })).rejects.toMatchObject({ code: 'conflict' });
  });
});

describe('20 operations at once on the last credit', () => {
  async function studentWithOneCredit() {
    const student = await newStudent();
    await buy(student.id);
    await admin.post(`/api/admin/students/${student.id}/credit-adjustments`, { delta: -7, reason: 'leave one', idempotencyKey: randomUUID() });
    expect((await student.client.get('/api/me/credits')).body.balance).toBe(1);
    return student;
  }

  it('lets exactly one of 20 adjustments of -1 through', async () => {
    const student = await studentWithOneCredit();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        admin.post(`/api/admin/students/${student.id}/credit-adjustments`, { delta: -1, reason: 'race', idempotencyKey: randomUUID() }),
      ),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409 && a.body.code === 'insufficient_credits')).toHaveLength(19);
    expect(await expectConsistent(student.id)).toEqual({ available: 0, held: 0 });
  });

  it('lets exactly one of 20 holds for different lessons through', async () => {
    const student = await studentWithOneCredit();
    const ledger = new CreditLedger(server.db, clock, SCHOOL_CREDIT_RULES);
    const lessons = await Promise.all(Array.from({ length: 20 }, (_, i) => bookLesson(student.id, new Date(clock.now().getTime() + (i + 1) * DAY_MS))));
    const results = await Promise.allSettled(lessons.map((lessonId) => ledger.hold({ studentId: student.id, lessonId })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason.code)).toEqual(Array(19).fill('insufficient_credits'));
    expect(await expectConsistent(student.id)).toEqual({ available: 0, held: 1 });
  });

  it('has the database refuse a negative balance even when the code would write one', async () => {
    const student = await studentWithOneCredit();
    await expect(server.db.$executeRaw`UPDATE "CreditAccount" SET "available" = "available" - 2 WHERE "studentId" = ${student.id}::uuid`).rejects.toThrow();
    expect(await expectConsistent(student.id)).toEqual({ available: 1, held: 0 });
  });
});

describe('bad input', () => {
  it('is answered 400 with the field named, and changes nothing', async () => {
    const student = await newStudent();
    await buy(student.id);
    const today = clock.now().toISOString().slice(0, 10);
    const yesterday = new Date(clock.now().getTime() - DAY_MS).toISOString().slice(0, 10);
    const adjust = `/api/admin/students/${student.id}/credit-adjustments`;
    const purchases = `/api/admin/students/${student.id}/purchases`;
    const key = randomUUID();
    const calls: { as: ApiClient; method: string; path: string; body?: unknown; field: string }[] = [
      { as: student.client, method: 'POST', path: '/api/me/credits/freezes', body: { startsOn: '2026-13-01', days: 7 }, field: 'body.startsOn' },
      { as: student.client, method: 'POST', path: '/api/me/credits/freezes', body: { startsOn: today, days: 0 }, field: 'body.days' },
      { as: student.client, method: 'POST', path: '/api/me/credits/freezes', body: { startsOn: today, days: 8 }, field: 'body.days' },
      { as: student.client, method: 'POST', path: '/api/me/credits/freezes', body: { startsOn: yesterday, days: 3 }, field: 'body.startsOn' },
      { as: student.client, method: 'POST', path: '/api/me/credits/freezes', body: { startsOn: today, days: 3, idempotencyKey: 'short' }, field: 'body.idempotencyKey' },
      { as: admin, method: 'GET', path: '/api/admin/students/not-a-uuid/ledger', field: 'params.id' },
      { as: admin, method: 'POST', path: adjust, body: { delta: 0, reason: 'nothing', idempotencyKey: key }, field: 'body.delta' },
      { as: admin, method: 'POST', path: adjust, body: { delta: 1.5, reason: 'half', idempotencyKey: key }, field: 'body.delta' },
      { as: admin, method: 'POST', path: adjust, body: { delta: 1, reason: ' ', idempotencyKey: key }, field: 'body.reason' },
      { as: admin, method: 'POST', path: adjust, body: { delta: 1, reason: 'no key' }, field: 'body.idempotencyKey' },
      { as: admin, method: 'POST', path: '/api/admin/students/not-a-uuid/credit-adjustments', body: { delta: 1, reason: 'a fine reason', idempotencyKey: key }, field: 'params.id' },
      { as: admin, method: 'POST', path: purchases, body: { packageTypeId, method: 'card', idempotencyKey: key }, field: 'body.method' },
      { as: admin, method: 'POST', path: purchases, body: { packageTypeId: randomUUID(), method: 'cash', idempotencyKey: key }, field: 'body.packageTypeId' },
      { as: admin, method: 'POST', path: purchases, body: { packageTypeId, method: 'cash', paidAt: 'yesterday', idempotencyKey: key }, field: 'body.paidAt' },
      { as: admin, method: 'POST', path: purchases, body: { packageTypeId, method: 'cash', paidAt: new Date(clock.now().getTime() + HOUR_MS).toISOString(), idempotencyKey: key }, field: 'body.paidAt' },
      { as: admin, method: 'POST', path: '/api/admin/students/not-a-uuid/purchases', body: { packageTypeId, method: 'cash', idempotencyKey: key }, field: 'params.id' },
    ];
    const snapshot = async () => ({
      entries: await server.db.creditEntry.findMany({ orderBy: { id: 'asc' } }),
      purchases: await server.db.purchase.findMany({ orderBy: { id: 'asc' } }),
      accounts: await server.db.creditAccount.findMany({ orderBy: { studentId: 'asc' } }),
      freezes: await server.db.creditFreeze.findMany({ orderBy: { id: 'asc' } }),
    });
    const before = await snapshot();
    for (const call of calls) {
      const { status, body } = await call.as.request(call.method, call.path, call.body);
      const named = (body?.errors ?? []).map((error: { path: string }) => error.path);
      expect({ call: `${call.method} ${call.path} ${JSON.stringify(call.body)}`, status, named: named.includes(call.field) ? call.field : named }).toEqual({
        call: `${call.method} ${call.path} ${JSON.stringify(call.body)}`,
        status: 400,
        named: call.field,
      });
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('day 27 and the end of day 28, with the clock moved', () => {
  it('asks from the start of day 27; buying again carries the rest over 28 days from the new payment', async () => {
    const student = await newStudent();
    const paidAt = clock.now();
    const bought = await buy(student.id, { paidAt: paidAt.toISOString() });
    await admin.post(`/api/admin/students/${student.id}/credit-adjustments`, { delta: -5, reason: 'five lessons used', idempotencyKey: randomUUID() });

    clock.advance(26 * DAY_MS - 1);
    let client = await login((await server.db.user.findUniqueOrThrow({ where: { id: student.id } })).email);
    expect((await client.get('/api/me/credits')).body.choice).toBeNull();
    clock.advance(1);
    client = await login((await server.db.user.findUniqueOrThrow({ where: { id: student.id } })).email);
    expect((await client.get('/api/me/credits')).body.choice).toEqual({
      purchaseId: bought.body.purchaseId,
      remaining: 3,
      opensAt: new Date(paidAt.getTime() + 26 * DAY_MS).toISOString(),
      expiresAt: new Date(paidAt.getTime() + 28 * DAY_MS).toISOString(),
    });

    admin = await login('admin@example.com');
    const again = await buy(student.id);
    const newExpiry = new Date(clock.now().getTime() + 28 * DAY_MS).toISOString();
    expect(again.body.extended).toEqual([{ purchaseId: bought.body.purchaseId, expiresAt: newExpiry }]);
    expect(again.body.balance).toMatchObject({ balance: 11, choice: null, expiresAt: newExpiry });
  });

  it('burns the rest at the end of day 28, not a millisecond before', async () => {
    const student = await newStudent();
    const email = (await server.db.user.findUniqueOrThrow({ where: { id: student.id } })).email;
    await buy(student.id, { paidAt: clock.now().toISOString() });
    clock.advance(28 * DAY_MS - 1);
    expect((await (await login(email)).get('/api/me/credits')).body).toMatchObject({ balance: 8, choice: { remaining: 8 } });
    clock.advance(1);
    expect((await (await login(email)).get('/api/me/credits')).body).toMatchObject({ balance: 0, choice: null, packages: [] });
    admin = await login('admin@example.com');
    const kinds = (await admin.get(`/api/admin/students/${student.id}/ledger`)).body.items.map((e: { kind: string; delta: number }) => [e.kind, e.delta]);
    expect(kinds).toEqual([
      ['purchase', 8],
      ['expire', -8],
    ]);
    await expectConsistent(student.id);
  });

  it('the periodic sweep mails the day-27 notice once and burns ended packages', async () => {
    const student = await newStudent();
    const email = (await server.db.user.findUniqueOrThrow({ where: { id: student.id } })).email;
    await buy(student.id, { paidAt: clock.now().toISOString() });
    const sweep = () => sweepCredits({ db: server.db, clock, ledger: new CreditLedger(server.db, clock, SCHOOL_CREDIT_RULES), notifications: testNotifications(server, clock) });
    const mails = () => server.db.devOutboxMail.findMany({ where: { to: email } });

    clock.advance(26 * DAY_MS - 1);
    await sweep();
    expect(await mails()).toEqual([]);
    clock.advance(1);
    await sweep();
    await sweep();
    expect(await mails()).toEqual([expect.objectContaining({ subject: 'Panda Classroom: your lessons are about to expire', text: expect.stringContaining('8 lesson(s) left') })]);

    clock.advance(2 * DAY_MS);
    const report = await sweep();
    expect(report.expired).toBeGreaterThanOrEqual(1);
    expect(await server.db.creditEntry.findMany({ where: { studentId: student.id }, select: { kind: true, delta: true }, orderBy: { createdAt: 'asc' } })).toEqual([
      { kind: 'purchase', delta: 8 },
      { kind: 'expire', delta: -8 },
    ]);
    await expectConsistent(student.id);
  });
});
