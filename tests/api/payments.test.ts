import { randomUUID } from 'node:crypto';
import { CreditLedger, HOUR_MS, SCHOOL_CREDIT_RULES, YooKassaProvider } from '@panda/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock.js';
import { FakeYooKassa } from '../support/fake-yookassa.js';
import { loginAs, newUser } from '../support/accounts.js';
import type { ApiClient } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * Online payments through the real server against a local YooKassa: create → pay → notification
 * → credits granted once (replayed, and ten at once), forged notifications (not paid, other
 * amount, unknown, wrong address, bad signature) changing nothing, refunds of the unused lessons
 * through the provider and for cash, package types, and bad input to every payments endpoint.
 */

const WEBHOOK_SECRET = 'a-long-enough-webhook-secret';
const PRICE = 1_600_000;

let fake: FakeYooKassa;
let server: TestServer;
/** The same school behind a signing proxy that only YooKassa's network reaches. */
let guarded: TestServer;
/** The same school with online payments off. */
let offline: TestServer;
let clock: TestClock;
let admin: ApiClient;
let packageTypeId: string;

const webhookOf = (s: TestServer) => `${s.localUrl}/api/payments/webhook`;

const login = (email: string, on: TestServer = server) => loginAs(on, email);

const newStudent = () => newUser(server, { name: 'Paying Student', confirmedAt: clock.now() });

const balanceOf = async (client: ApiClient) => (await client.get('/api/me/credits')).body as { balance: number; held: number };

/** A student's payment created and paid at the provider (the notification not yet sent). */
async function paidPayment(client: ApiClient) {
  const created = await client.post('/api/me/payments', { packageTypeId, idempotencyKey: randomUUID() });
  expect(created.status).toBe(201);
  fake.pay(created.body.providerPaymentId);
  return created.body as { id: string; providerPaymentId: string };
}

/** Everything a payment can touch, to show that a refused request changed nothing. */
const snapshot = async () => ({
  payments: await server.db.payment.findMany({ orderBy: { id: 'asc' } }),
  refunds: await server.db.paymentRefund.findMany({ orderBy: { id: 'asc' } }),
  entries: await server.db.creditEntry.findMany({ orderBy: { id: 'asc' } }),
  packageTypes: await server.db.packageType.findMany({ orderBy: { id: 'asc' } }),
});

beforeAll(async () => {
  fake = await FakeYooKassa.start();
  clock = new TestClock(new Date('2026-03-02T09:00:00Z'));
  const yookassa = fake.serverEnv;
  server = await startTestServer({ clock, role: 'api', env: { DEMO_DATA: 'true', ...yookassa } });
  guarded = await startTestServer({
    clock,
    role: 'api',
    shareDatabaseWith: server,
    // Behind a proxy on this host, whose X-Forwarded-For names the sender.
    env: { ...yookassa, TRUST_PROXY: 'loopback', PAYMENT_WEBHOOK_SECRET: WEBHOOK_SECRET, PAYMENT_WEBHOOK_ALLOWED_IPS: '185.71.76.0/27' },
  });
  offline = await startTestServer({ clock, role: 'api', shareDatabaseWith: server });
  admin = await login('admin@example.com');
  packageTypeId = (await server.db.packageType.findFirstOrThrow({ where: { lessons: 8 } })).id;
});
afterAll(async () => {
  await offline?.close();
  await guarded?.close();
  await server?.close();
  await fake?.close();
});

describe('buying a package online', () => {
  it('lists the packages on sale', async () => {
    const student = await newStudent();
    const packages = await student.client.get('/api/packages');
    expect(packages.status).toBe(200);
    expect(packages.body.items).toContainEqual({ id: packageTypeId, name: '8 lessons', lessons: 8, validityDays: 28, priceMinor: PRICE, currency: 'RUB', active: true });
  });

  it('create → pay → notification: the credits are granted, and the payer comes back to the app', async () => {
    const student = await newStudent();
    const key = randomUUID();
    const created = await student.client.post('/api/me/payments', { packageTypeId, idempotencyKey: key });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'pending', provider: 'yookassa', amountMinor: PRICE, currency: 'RUB', package: { id: packageTypeId, lessons: 8 } });
    const providerId: string = created.body.providerPaymentId;
    expect(created.body.confirmationUrl).toBe(`${fake.baseUrl}/checkout/${providerId}`);
    expect(fake.payments.get(providerId)).toMatchObject({ amount: { value: '16000.00', currency: 'RUB' }, metadata: { paymentId: created.body.id } });

    // A double click: the same payment, not a second one at the provider.
    const again = await student.client.post('/api/me/payments', { packageTypeId, idempotencyKey: key });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(created.body.id);
    expect(fake.requests.filter((r) => r.idempotenceKey === `payment:${created.body.id}`)).toHaveLength(1);

    // The payer pays on the provider's page and is sent back to the payment's page in the app.
    const paid = await fetch(`${fake.baseUrl}/checkout/${providerId}/pay`, { method: 'POST', redirect: 'manual' });
    expect(paid.status).toBe(302);
    expect(new URL(paid.headers.get('location') ?? '').pathname).toBe(`/payments/${created.body.id}`);

    expect(await fake.notify(webhookOf(server), 'payment.succeeded', providerId)).toMatchObject({ status: 200 });
    expect(await balanceOf(student.client)).toMatchObject({ balance: 8 });
    const shown = await student.client.get(`/api/me/payments/${created.body.id}`);
    expect(shown.body).toMatchObject({ status: 'succeeded', confirmationUrl: null, purchaseId: expect.any(String), paidAt: clock.now().toISOString() });
    const purchase = await server.db.purchase.findUniqueOrThrow({ where: { id: shown.body.purchaseId } });
    expect(purchase).toMatchObject({ amountMinor: PRICE, lessons: 8, method: null });
    expect((await student.client.get('/api/me/payments')).body).toMatchObject({ total: 1, items: [{ id: created.body.id, status: 'succeeded' }] });
  });

  it('grants once: the notification replayed, and ten at once', async () => {
    const student = await newStudent();
    const payment = await paidPayment(student.client);
    expect((await fake.notify(webhookOf(server), 'payment.succeeded', payment.providerPaymentId)).status).toBe(200);
    expect((await fake.notify(webhookOf(server), 'payment.succeeded', payment.providerPaymentId)).status).toBe(200);
    expect(await balanceOf(student.client)).toMatchObject({ balance: 8 });

    const second = await paidPayment(student.client);
    const answers = await Promise.all(Array.from({ length: 10 }, () => fake.notify(webhookOf(server), 'payment.succeeded', second.providerPaymentId)));
    expect(answers.map((a) => a.status)).toEqual(Array<number>(10).fill(200));
    expect(await balanceOf(student.client)).toMatchObject({ balance: 16 });
    const purchases = await server.db.creditEntry.findMany({ where: { studentId: student.id, kind: 'purchase' } });
    expect(purchases.map((e) => e.idempotencyKey).sort()).toEqual(
      [`purchase:${student.id}:payment:${payment.providerPaymentId}`, `purchase:${student.id}:payment:${second.providerPaymentId}`].sort(),
    );
  });

  it('settles a payment when the payer’s page asks, before the notification; the late notification grants nothing more', async () => {
    const student = await newStudent();
    const payment = await paidPayment(student.client);
    expect((await student.client.get(`/api/me/payments/${payment.id}`)).body).toMatchObject({ status: 'succeeded' });
    expect(await balanceOf(student.client)).toMatchObject({ balance: 8 });
    expect((await fake.notify(webhookOf(server), 'payment.succeeded', payment.providerPaymentId)).status).toBe(200);
    expect(await balanceOf(student.client)).toMatchObject({ balance: 8 });
  });

  it('grants a paid package even if it was taken off sale meanwhile, at the price paid', async () => {
    const student = await newStudent();
    const created = await admin.post('/api/admin/package-types', { name: 'Short-lived offer', lessons: 4, validityDays: 14, priceMinor: 700_000 });
    const payment = await student.client.post('/api/me/payments', { packageTypeId: created.body.id });
    expect(payment.status).toBe(201);
    await admin.patch(`/api/admin/package-types/${created.body.id}`, { active: false, priceMinor: 900_000 });
    fake.pay(payment.body.providerPaymentId);
    expect((await fake.notify(webhookOf(server), 'payment.succeeded', payment.body.providerPaymentId)).status).toBe(200);
    const credits = (await student.client.get('/api/me/credits')).body;
    expect(credits).toMatchObject({ balance: 4, expiresAt: new Date(clock.now().getTime() + 14 * 24 * HOUR_MS).toISOString() });
    expect(await server.db.purchase.findFirstOrThrow({ where: { studentId: student.id } })).toMatchObject({ amountMinor: 700_000 });
  });

  it('closes a payment the payer gave up on, without credits', async () => {
    const student = await newStudent();
    const created = await student.client.post('/api/me/payments', { packageTypeId });
    fake.cancel(created.body.providerPaymentId);
    expect((await fake.notify(webhookOf(server), 'payment.canceled', created.body.providerPaymentId)).status).toBe(200);
    expect((await student.client.get(`/api/me/payments/${created.body.id}`)).body).toMatchObject({ status: 'cancelled', confirmationUrl: null, purchaseId: null });
    expect(await balanceOf(student.client)).toMatchObject({ balance: 0 });
  });

  it('a student sees only their own payments', async () => {
    const [owner, other] = [await newStudent(), await newStudent()];
    const created = await owner.client.post('/api/me/payments', { packageTypeId });
    expect((await other.client.get(`/api/me/payments/${created.body.id}`)).status).toBe(404);
    expect((await other.client.get('/api/me/payments')).body).toEqual({ items: [], total: 0 });
    expect((await owner.client.get('/api/admin/payments')).status).toBe(403);
  });

  it('answers 503 payments_unavailable when online payments are off', async () => {
    const student = await newStudent();
    const client = await login(student.email, offline);
    const before = await snapshot();
    const created = await client.post('/api/me/payments', { packageTypeId });
    expect(created.status).toBe(503);
    expect(created.body.code).toBe('payments_unavailable');
    const notified = await fake.notify(webhookOf(offline), 'payment.succeeded', randomUUID());
    expect(notified.status).toBe(503);
    expect((await client.get('/api/packages')).status).toBe(200);
    expect(await snapshot()).toEqual(before);
  });

  it('answers 503 and keeps the payment when the provider is down; a retry with the same key carries on', async () => {
    const student = await newStudent();
    const key = randomUUID();
    fake.failNext(1, 500);
    const failed = await student.client.post('/api/me/payments', { packageTypeId, idempotencyKey: key });
    expect(failed.status).toBe(503);
    expect(failed.body.code).toBe('payment_provider_unavailable');
    const retried = await student.client.post('/api/me/payments', { packageTypeId, idempotencyKey: key });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ status: 'pending', confirmationUrl: expect.stringContaining('/checkout/') });
    expect(await server.db.payment.count({ where: { studentId: student.id } })).toBe(1);
  });
});

describe('forged and unknown notifications change nothing', () => {
  it('refuses a payment the provider does not say succeeded, another amount, an unknown id, and junk', async () => {
    const student = await newStudent();
    const created = await student.client.post('/api/me/payments', { packageTypeId });
    const id: string = created.body.providerPaymentId;
    const paidLooking = { ...fake.payments.get(id), status: 'succeeded', paid: true };
    const before = await snapshot();
    const forged = [
      await fake.notify(webhookOf(server), 'payment.succeeded', id, { object: paidLooking }),
      await fake.notify(webhookOf(server), 'payment.succeeded', randomUUID(), { object: { id: randomUUID(), status: 'succeeded' } }),
      await fake.notify(webhookOf(server), 'payment.succeeded', id, { object: { id: '../../admin', status: 'succeeded' } }),
      await fake.notify(webhookOf(server), 'refund.succeeded', randomUUID(), { object: { id: randomUUID(), status: 'succeeded' } }),
    ];
    expect(forged.map((f) => f.status)).toEqual([400, 400, 400, 400]);
    expect(JSON.parse(forged[0]?.body ?? '{}')).toMatchObject({ code: 'webhook_refused' });
    const junk = await fetch(webhookOf(server), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"notification"' });
    expect(junk.status).toBe(400);

    // Paid, but the notification claims another amount.
    fake.pay(id);
    const cheaper = { ...fake.payments.get(id), amount: { value: '1.00', currency: 'RUB' } };
    expect((await fake.notify(webhookOf(server), 'payment.succeeded', id, { object: cheaper })).status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });

  it('behind a signing proxy: refuses a wrong address and a bad signature, accepts a signed one from YooKassa’s network', async () => {
    const student = await newStudent();
    const payment = await paidPayment(student.client);
    const fromYooKassa = { 'X-Forwarded-For': '185.71.76.5' };
    const before = await snapshot();
    const refused = [
      await fake.notify(webhookOf(guarded), 'payment.succeeded', payment.providerPaymentId, { signWith: WEBHOOK_SECRET, headers: { 'X-Forwarded-For': '203.0.113.9' } }),
      await fake.notify(webhookOf(guarded), 'payment.succeeded', payment.providerPaymentId, { signWith: WEBHOOK_SECRET }),
      await fake.notify(webhookOf(guarded), 'payment.succeeded', payment.providerPaymentId, { signWith: 'another-secret-of-16+', headers: fromYooKassa }),
      await fake.notify(webhookOf(guarded), 'payment.succeeded', payment.providerPaymentId, { headers: fromYooKassa }),
    ];
    expect(refused.map((r) => r.status)).toEqual([403, 403, 401, 401]);
    expect(await snapshot()).toEqual(before);
    expect((await fake.notify(webhookOf(guarded), 'payment.succeeded', payment.providerPaymentId, { signWith: WEBHOOK_SECRET, headers: fromYooKassa })).status).toBe(200);
    expect(await balanceOf(student.client)).toMatchObject({ balance: 8 });
  });
});

describe('refunds', () => {
  async function bookLesson(studentId: string): Promise<void> {
    const teacher = await server.db.user.findUniqueOrThrow({ where: { email: 'anna@example.com' } });
    const startsAt = new Date(clock.now().getTime() + 48 * HOUR_MS);
    const lesson = await server.db.lesson.create({
      data: { teacherId: teacher.id, language: 'en', startsAt, endsAt: new Date(startsAt.getTime() + HOUR_MS), students: { create: [{ studentId }] } },
    });
    await new CreditLedger(server.db, clock, SCHOOL_CREDIT_RULES).hold({ studentId, lessonId: lesson.id });
  }

  it('refunds the unused lessons through the provider: the credits go, a booked one stays; asking again changes nothing', async () => {
    const student = await newStudent();
    const payment = await paidPayment(student.client);
    await fake.notify(webhookOf(server), 'payment.succeeded', payment.providerPaymentId);
    await bookLesson(student.id);
    expect(await balanceOf(student.client)).toMatchObject({ balance: 7, held: 1 });

    const refunded = await admin.post(`/api/admin/payments/${payment.id}/refunds`, { reason: 'moving abroad' });
    expect(refunded.status).toBe(201);
    const amount = Math.floor((PRICE * 7) / 8);
    expect(refunded.body).toMatchObject({ status: 'refunded', refunds: [{ credits: 7, amountMinor: amount, status: 'succeeded', reason: 'moving abroad' }] });
    const atProvider = [...fake.refunds.values()].filter((r) => r.payment_id === payment.providerPaymentId);
    expect(atProvider).toEqual([expect.objectContaining({ amount: { value: '14000.00', currency: 'RUB' }, status: 'succeeded' })]);
    expect(await balanceOf(student.client)).toMatchObject({ balance: 0, held: 1 });
    const entries = await server.db.creditEntry.findMany({ where: { studentId: student.id, kind: 'refund' } });
    expect(entries).toEqual([expect.objectContaining({ delta: -7, idempotencyKey: `refund:${refunded.body.refunds[0].id}` })]);

    const again = await admin.post(`/api/admin/payments/${payment.id}/refunds`, { reason: 'moving abroad' });
    expect(again.status).toBe(200);
    expect((await fake.notify(webhookOf(server), 'refund.succeeded', atProvider[0]?.id ?? '')).status).toBe(200);
    expect(await server.db.paymentRefund.count({ where: { paymentId: payment.id } })).toBe(1);
    expect(await balanceOf(student.client)).toMatchObject({ balance: 0, held: 1 });
    expect(await server.db.auditEntry.count({ where: { action: 'payment.refund', targetId: payment.id } })).toBe(1);
  });

  it('keeps a refund pending while the provider is down, and carries it on when asked again', async () => {
    const student = await newStudent();
    const payment = await paidPayment(student.client);
    await fake.notify(webhookOf(server), 'payment.succeeded', payment.providerPaymentId);
    fake.failNext(1, 500);
    const failed = await admin.post(`/api/admin/payments/${payment.id}/refunds`, { reason: 'changed their mind' });
    expect(failed.status).toBe(503);
    expect(failed.body.code).toBe('payment_provider_unavailable');
    // The credits are already taken back, so none can be booked in between.
    expect(await balanceOf(student.client)).toMatchObject({ balance: 0 });
    expect(await server.db.paymentRefund.findFirstOrThrow({ where: { paymentId: payment.id } })).toMatchObject({ status: 'pending', credits: 8 });

    const carried = await admin.post(`/api/admin/payments/${payment.id}/refunds`, { reason: 'changed their mind' });
    expect(carried.status).toBe(200);
    expect(carried.body).toMatchObject({ status: 'refunded', refunds: [{ status: 'succeeded', credits: 8, amountMinor: PRICE }] });
  });

  it('gives the credits back when the provider refuses the refund', async () => {
    const student = await newStudent();
    const payment = await paidPayment(student.client);
    await fake.notify(webhookOf(server), 'payment.succeeded', payment.providerPaymentId);
    fake.failNext(1, 400);
    const refused = await admin.post(`/api/admin/payments/${payment.id}/refunds`, { reason: 'duplicate payment' });
    expect(refused.status).toBe(502);
    expect(refused.body.code).toBe('payment_provider_refused');
    expect(await balanceOf(student.client)).toMatchObject({ balance: 8 });
    expect((await server.db.payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe('succeeded');
    const retried = await admin.post(`/api/admin/payments/${payment.id}/refunds`, { reason: 'duplicate payment' });
    expect(retried.status).toBe(201);
    expect(retried.body.refunds.map((r: { status: string }) => r.status)).toEqual(['failed', 'succeeded']);
    expect(await balanceOf(student.client)).toMatchObject({ balance: 0 });
  });

  it('takes back the unused credits of a refund made in the provider’s own back office, once', async () => {
    const student = await newStudent();
    const payment = await paidPayment(student.client);
    await fake.notify(webhookOf(server), 'payment.succeeded', payment.providerPaymentId);
    const outside = new YooKassaProvider({ apiUrl: fake.apiUrl, shopId: fake.shopId, secretKey: fake.secretKey, webhook: { secret: undefined, allowedNetworks: [] } });
    const half = await outside.refund({ providerPaymentId: payment.providerPaymentId, amountMinor: PRICE / 2, currency: 'RUB', idempotenceKey: randomUUID() });
    const answers = await Promise.all([1, 2, 3].map(() => fake.notify(webhookOf(server), 'refund.succeeded', half.providerRefundId)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(await balanceOf(student.client)).toMatchObject({ balance: 4 });
    expect(await server.db.paymentRefund.findMany({ where: { paymentId: payment.id } })).toEqual([
      expect.objectContaining({ providerRefundId: half.providerRefundId, credits: 4, amountMinor: PRICE / 2, status: 'succeeded', actorId: null }),
    ]);
  });

  it('refunds a cash payment in the ledger only; refuses a payment with nothing left, and one not paid', async () => {
    const student = await newStudent();
    const recorded = await admin.post(`/api/admin/students/${student.id}/purchases`, { packageTypeId, method: 'cash', idempotencyKey: randomUUID() });
    expect(recorded.status).toBe(201);
    const listed = await admin.get(`/api/admin/payments?provider=cash&studentId=${student.id}`);
    expect(listed.body).toMatchObject({ total: 1, items: [{ provider: 'cash', status: 'succeeded', providerPaymentId: null, purchaseId: recorded.body.purchaseId, amountMinor: PRICE }] });
    const paymentId: string = listed.body.items[0].id;
    const refundsAtProvider = fake.refunds.size;

    await admin.post(`/api/admin/students/${student.id}/credit-adjustments`, { delta: -2, reason: 'two lessons held', idempotencyKey: randomUUID() });
    const refunded = await admin.post(`/api/admin/payments/${paymentId}/refunds`, { reason: 'paid back in cash' });
    expect(refunded.status).toBe(201);
    expect(refunded.body).toMatchObject({ status: 'refunded', refunds: [{ credits: 6, amountMinor: (PRICE * 6) / 8, status: 'succeeded' }] });
    expect(fake.refunds.size).toBe(refundsAtProvider);
    expect(await balanceOf(student.client)).toMatchObject({ balance: 0 });

    const other = await newStudent();
    const used = await paidPayment(other.client);
    await fake.notify(webhookOf(server), 'payment.succeeded', used.providerPaymentId);
    await admin.post(`/api/admin/students/${other.id}/credit-adjustments`, { delta: -8, reason: 'all lessons held', idempotencyKey: randomUUID() });
    const pending = await other.client.post('/api/me/payments', { packageTypeId });
    const before = await snapshot();
    for (const id of [used.id, pending.body.id]) {
      const refused = await admin.post(`/api/admin/payments/${id}/refunds`, { reason: 'try it anyway' });
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('payment_not_refundable');
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('admin', () => {
  it('lists payments by status and student name', async () => {
    const student = await newStudent();
    const payment = await paidPayment(student.client);
    await fake.notify(webhookOf(server), 'payment.succeeded', payment.providerPaymentId);
    const found = await admin.get(`/api/admin/payments?status=succeeded&search=${encodeURIComponent(student.email)}`);
    expect(found.body).toMatchObject({ total: 1, items: [{ id: payment.id, student: { id: student.id, email: student.email } }] });
    expect((await admin.get(`/api/admin/payments?status=pending&studentId=${student.id}`)).body.total).toBe(0);
  });

  it('puts a package type on sale, changes it, and takes it off sale, audited', async () => {
    const created = await admin.post('/api/admin/package-types', { name: '16 lessons', lessons: 16, validityDays: 56, priceMinor: 3_000_000 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: '16 lessons', lessons: 16, validityDays: 56, priceMinor: 3_000_000, currency: 'RUB', active: true });
    const changed = await admin.patch(`/api/admin/package-types/${created.body.id}`, { priceMinor: 2_900_000, active: false });
    expect(changed.body).toMatchObject({ priceMinor: 2_900_000, active: false });
    const standard = await admin.post('/api/admin/package-types', { name: '4 lessons', lessons: 4, priceMinor: 800_000 });
    expect(standard.body).toMatchObject({ validityDays: 28, currency: 'RUB', active: true });
    const student = await newStudent();
    expect((await student.client.get('/api/packages')).body.items.map((p: { id: string }) => p.id)).not.toContain(created.body.id);
    expect((await admin.get('/api/admin/package-types?active=false')).body.items.map((p: { id: string }) => p.id)).toContain(created.body.id);
    const bought = await student.client.post('/api/me/payments', { packageTypeId: created.body.id });
    expect(bought.status).toBe(400);
    expect(bought.body.errors).toEqual([{ path: 'body.packageTypeId', message: 'must be a package on sale' }]);
    const audited = await server.db.auditEntry.findMany({ where: { targetId: created.body.id }, orderBy: { at: 'asc' } });
    expect(audited.map((a) => [a.action, a.before, a.after])).toEqual([
      ['package_type.create', null, expect.objectContaining({ priceMinor: 3_000_000 })],
      ['package_type.update', { priceMinor: 3_000_000, active: true }, { priceMinor: 2_900_000, active: false }],
    ]);
  });
});

describe('bad input', () => {
  it('answers 400 naming the field on every payments endpoint, and changes nothing', async () => {
    const student = await newStudent();
    const pkg = `/api/admin/package-types/${packageTypeId}`;
    const good = { name: 'Ten', lessons: 10, validityDays: 30, priceMinor: 100 };
    const calls: { as: ApiClient; method: string; path: string; body?: unknown; field: string }[] = [
      { as: student.client, method: 'POST', path: '/api/me/payments', body: {}, field: 'body.packageTypeId' },
      { as: student.client, method: 'POST', path: '/api/me/payments', body: { packageTypeId: 'eight' }, field: 'body.packageTypeId' },
      { as: student.client, method: 'POST', path: '/api/me/payments', body: { packageTypeId: randomUUID() }, field: 'body.packageTypeId' },
      { as: student.client, method: 'POST', path: '/api/me/payments', body: { packageTypeId, idempotencyKey: 'short' }, field: 'body.idempotencyKey' },
      { as: student.client, method: 'GET', path: '/api/me/payments?limit=0', field: 'query.limit' },
      { as: student.client, method: 'GET', path: '/api/me/payments/not-a-uuid', field: 'params.id' },
      { as: admin, method: 'GET', path: '/api/admin/payments?status=paid', field: 'query.status' },
      { as: admin, method: 'GET', path: '/api/admin/payments?studentId=me', field: 'query.studentId' },
      { as: admin, method: 'GET', path: '/api/admin/payments?offset=-1', field: 'query.offset' },
      { as: admin, method: 'POST', path: '/api/admin/payments/not-a-uuid/refunds', body: { reason: 'a good reason' }, field: 'params.id' },
      { as: admin, method: 'POST', path: `/api/admin/payments/${randomUUID()}/refunds`, body: { reason: 'no' }, field: 'body.reason' },
      { as: admin, method: 'POST', path: `/api/admin/payments/${randomUUID()}/refunds`, body: {}, field: 'body.reason' },
      { as: admin, method: 'GET', path: '/api/admin/package-types?active=maybe', field: 'query.active' },
      { as: admin, method: 'POST', path: '/api/admin/package-types', body: { ...good, name: ' ' }, field: 'body.name' },
      { as: admin, method: 'POST', path: '/api/admin/package-types', body: { ...good, lessons: 0 }, field: 'body.lessons' },
      { as: admin, method: 'POST', path: '/api/admin/package-types', body: { ...good, validityDays: 2.5 }, field: 'body.validityDays' },
      { as: admin, method: 'POST', path: '/api/admin/package-types', body: { ...good, priceMinor: 99.5 }, field: 'body.priceMinor' },
      { as: admin, method: 'POST', path: '/api/admin/package-types', body: { ...good, priceMinor: -1 }, field: 'body.priceMinor' },
      { as: admin, method: 'POST', path: '/api/admin/package-types', body: { ...good, currency: 'rub' }, field: 'body.currency' },
      { as: admin, method: 'POST', path: '/api/admin/package-types', body: { ...good, active: 'yes' }, field: 'body.active' },
      { as: admin, method: 'PATCH', path: pkg, body: {}, field: 'body' },
      { as: admin, method: 'PATCH', path: pkg, body: { lessons: -8 }, field: 'body.lessons' },
      { as: admin, method: 'PATCH', path: '/api/admin/package-types/not-a-uuid', body: { active: false }, field: 'params.id' },
    ];
    const before = await snapshot();
    for (const call of calls) {
      const { status, body } = await call.as.request(call.method, call.path, call.body);
      const named = (body?.errors ?? []).map((error: { path: string }) => error.path);
      const label = `${call.method} ${call.path} ${JSON.stringify(call.body)}`;
      expect({ label, status, named: named.includes(call.field) ? call.field : named }).toEqual({ label, status: 400, named: call.field });
    }
    expect(await snapshot()).toEqual(before);
  });
});
