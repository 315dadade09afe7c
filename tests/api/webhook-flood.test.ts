import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser } from '../support/accounts.js';
import { TestClock } from '../support/clock.js';
import { databaseFingerprint } from '../support/database.js';
import { FakeTelegram } from '../support/fake-telegram.js';
import { FakeYooKassa } from '../support/fake-yookassa.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * A flood at the public webhooks costs the database nothing: payment notifications with a bad
 * signature or none, a genuine one replayed, Telegram updates without the secret and a used link
 * code replayed. Refusals are logged, never stored: every table is the same before and after.
 */

const FLOOD = 200;
/** Requests in flight at once. */
const AT_ONCE = 20;
const WEBHOOK_SECRET = 'a-long-enough-webhook-secret';

let yookassa: FakeYooKassa;
let telegram: FakeTelegram;
let server: TestServer;
const clock = new TestClock(new Date('2026-03-02T09:00:00Z'));

const paymentWebhook = () => `${server.localUrl}/api/payments/webhook`;

/** `send` called FLOOD times, AT_ONCE at a time; the statuses answered. */
async function flood(send: (index: number) => Promise<number>): Promise<number[]> {
  const statuses: number[] = [];
  for (let start = 0; start < FLOOD; start += AT_ONCE) {
    statuses.push(...(await Promise.all(Array.from({ length: Math.min(AT_ONCE, FLOOD - start) }, (_, offset) => send(start + offset)))));
  }
  return statuses;
}

beforeAll(async () => {
  yookassa = await FakeYooKassa.start();
  telegram = await FakeTelegram.start();
  server = await startTestServer({
    clock,
    role: 'api',
    env: {
      ...yookassa.serverEnv,
      PAYMENT_WEBHOOK_SECRET: WEBHOOK_SECRET,
      TELEGRAM_API_URL: telegram.url,
      TELEGRAM_BOT_TOKEN: telegram.token,
      // Reminders are not what is measured here.
      NOTIFICATIONS_POLL_SECONDS: '3600',
    },
  });
});
afterAll(async () => {
  await server?.close();
  await telegram?.close();
  await yookassa?.close();
});

describe('a webhook flood', () => {
  it('of forged and replayed payment notifications writes nothing', async () => {
    const packageType = await server.db.packageType.create({ data: { name: '8 lessons', lessons: 8, validityDays: 28, priceMinor: 1_600_000, currency: 'RUB' } });
    const student = await newUser(server, { confirmedAt: clock.now() });
    const created = await student.client.post('/api/me/payments', { packageTypeId: packageType.id, idempotencyKey: randomUUID() });
    expect(created.status).toBe(201);
    const providerId: string = created.body.providerPaymentId;
    yookassa.pay(providerId);
    const genuine = () => yookassa.notify(paymentWebhook(), 'payment.succeeded', providerId, { signWith: WEBHOOK_SECRET });
    expect((await genuine()).status).toBe(200);
    const before = await databaseFingerprint(server.db);

    // No signature, a made-up one, another secret's, and a genuine signature over a changed body.
    const forgeries = [
      () => yookassa.notify(paymentWebhook(), 'payment.succeeded', providerId),
      () => yookassa.notify(paymentWebhook(), 'payment.succeeded', providerId, { headers: { 'X-Payment-Signature': randomBytes(32).toString('hex') } }),
      () => yookassa.notify(paymentWebhook(), 'payment.succeeded', providerId, { signWith: 'another-secret-of-16+' }),
      () => yookassa.notify(paymentWebhook(), 'payment.succeeded', randomUUID(), { headers: { 'X-Payment-Signature': `sha256=${randomBytes(32).toString('hex')}` } }),
    ];
    const forged = await flood(async (index) => (await forgeries[index % forgeries.length]!()).status);
    expect(new Set(forged)).toEqual(new Set([401]));
    const replayed = await flood(async () => (await genuine()).status);
    expect(new Set(replayed)).toEqual(new Set([200]));

    expect(await databaseFingerprint(server.db)).toEqual(before);
    expect((await student.client.get('/api/me/credits')).body).toMatchObject({ balance: 8 });
  }, 120_000);

  it('of Telegram updates without the secret, and a used link code replayed, writes nothing', async () => {
    await expect.poll(() => telegram.webhook).toBeDefined();
    const student = await newUser(server, { confirmedAt: clock.now() });
    const code = await student.client.post('/api/me/telegram/link-code');
    expect(code.status).toBe(201);
    const update = { update_id: 1, message: { chat: { id: 700_001 }, text: `/start ${code.body.code}` } };
    expect(await telegram.deliver(server.localUrl, update)).toBe(204);
    const before = await databaseFingerprint(server.db);

    const forged = await flood((index) => telegram.deliver(server.localUrl, update, index % 2 === 0 ? null : randomBytes(32).toString('base64url')));
    expect(new Set(forged)).toEqual(new Set([403]));
    const replayed = await flood(() => telegram.deliver(server.localUrl, update));
    expect(new Set(replayed)).toEqual(new Set([204]));

    expect(await databaseFingerprint(server.db)).toEqual(before);
    expect(await server.db.telegramLink.count({ where: { userId: student.id } })).toBe(1);
  }, 120_000);
});
