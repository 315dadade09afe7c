import { randomBytes, randomUUID } from 'node:crypto';
import { deriveKey } from '@panda/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loginAs } from '../support/accounts.js';
import { TestBoardClient } from '../support/board.js';
import { FakeTelegram } from '../support/fake-telegram.js';
import { FakeYooKassa } from '../support/fake-yookassa.js';
import { ApiClient } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { TestSignalingClient } from '../support/signaling.js';
import { TestSmtpServer } from '../support/smtp.js';
import { FILE_SAMPLES } from '../support/file-samples.js';

/**
 * Secrets never reach the log, even at its most talkative level: a day of the school driven
 * through HTTP, Socket.IO and the board (sign-in, refresh, a wrong password, sign-up and a password
 * reset with codes from real mail, a lesson joined with TURN credentials, an upload, a payment
 * notification, Telegram linking, a calendar feed) and then every password, token, code and key
 * seen on the way looked for in everything the server logged.
 */

const SECRET_KEY = randomBytes(32).toString('base64url');
const WEBHOOK_SECRET = `webhook-${randomBytes(16).toString('hex')}`;
const TURN_SECRET = `turn-${randomBytes(16).toString('hex')}`;
const WRONG_PASSWORD = `wrong-${randomBytes(6).toString('hex')}`;
const SIGNUP_PASSWORD = `signup-${randomBytes(6).toString('hex')}`;
const NEW_PASSWORD = `reset-${randomBytes(6).toString('hex')}`;
const REFRESH_COOKIE = 'panda_refresh';

let smtp: TestSmtpServer;
let yookassa: FakeYooKassa;
let telegram: FakeTelegram;
let server: TestServer;
let log = '';
/** Every secret met on the way, by what it is. */
const secrets = new Map<string, string>();

const keep = (what: string, value: string | undefined) => {
  expect(value, what).toBeTruthy();
  secrets.set(value as string, what);
};
/** A signed-in client's access token and refresh cookie. */
const keepSession = (what: string, client: ApiClient) => {
  keep(`${what}: access token`, client.accessToken);
  keep(`${what}: refresh token`, client.cookie(REFRESH_COOKIE));
};

beforeAll(async () => {
  smtp = await TestSmtpServer.start();
  yookassa = await FakeYooKassa.start();
  telegram = await FakeTelegram.start();
  server = await startTestServer({
    env: {
      DEMO_DATA: 'true',
      LOG_LEVEL: 'trace',
      SECRET_KEY,
      SMTP_URL: smtp.url,
      ...yookassa.serverEnv,
      PAYMENT_WEBHOOK_SECRET: WEBHOOK_SECRET,
      TELEGRAM_API_URL: telegram.url,
      TELEGRAM_BOT_TOKEN: telegram.token,
      TURN_URLS: 'turn:127.0.0.1:3478',
      TURN_SECRET,
    },
    logTo: { write: (line) => void (log += line) },
  });
});
afterAll(async () => {
  await server?.close();
  await telegram?.close();
  await yookassa?.close();
  await smtp?.close();
});

/** The 6-digit code of the next mail to `to` after the `already` ones. */
async function nextCode(to: string, already: number): Promise<string> {
  await expect.poll(() => smtp.received.filter((mail) => mail.to === to).length).toBe(already + 1);
  return smtp.codeFor(to);
}

/** `value` in `text`; a code only as a number of its own, not as digits of a timestamp. */
const appears = (value: string, text: string) => (/^\d+$/.test(value) ? new RegExp(`(?<!\\d)${value}(?!\\d)`).test(text) : text.includes(value));

describe('the log', () => {
  it('holds no password, token, code or key of a day at school', async () => {
    for (const [value, what] of [
      [DEMO_PASSWORD, 'the demo password'],
      [WRONG_PASSWORD, 'a wrong password'],
      [SIGNUP_PASSWORD, 'a sign-up password'],
      [NEW_PASSWORD, 'a new password'],
      [SECRET_KEY, 'SECRET_KEY'],
      [WEBHOOK_SECRET, 'PAYMENT_WEBHOOK_SECRET'],
      [TURN_SECRET, 'TURN_SECRET'],
      [yookassa.secretKey, 'YOOKASSA_SECRET_KEY'],
      [Buffer.from(`${yookassa.shopId}:${yookassa.secretKey}`).toString('base64'), 'YooKassa basic auth'],
      [telegram.token, 'TELEGRAM_BOT_TOKEN'],
      ...['access-token', 'telegram-webhook', 'email-code', 'file-link'].map((purpose) => [deriveKey(SECRET_KEY, purpose), `the ${purpose} key`]),
    ] as const) {
      keep(what, value);
    }

    // Sign-in, refresh, a wrong password.
    const ivan = await loginAs(server, 'ivan@example.com');
    keepSession('login', ivan);
    const refreshed = await ivan.post('/api/auth/refresh');
    expect(refreshed.status).toBe(200);
    ivan.accessToken = refreshed.body.accessToken;
    keepSession('refresh', ivan);
    expect((await new ApiClient(server.localUrl).post('/api/auth/login', { email: 'ivan@example.com', password: WRONG_PASSWORD })).status).toBe(401);

    // Sign-up confirmed with the mailed code; a password reset with another.
    const email = `secrets-${randomUUID().slice(0, 8)}@example.com`;
    const newcomer = new ApiClient(server.localUrl);
    const signup = await newcomer.post('/api/auth/signup', { email, password: SIGNUP_PASSWORD, name: 'New Student', timeZone: 'UTC', locale: 'en', agreementVersion: 2 });
    expect(signup.status).toBe(201);
    const confirmCode = await nextCode(email, 0);
    keep('a confirmation code', confirmCode);
    const confirmed = await newcomer.post('/api/auth/confirm-email', { email, code: confirmCode });
    expect(confirmed.status).toBe(200);
    newcomer.accessToken = confirmed.body.accessToken;
    keepSession('confirmation', newcomer);
    expect((await newcomer.post('/api/auth/password-reset/request', { email })).status).toBe(202);
    const resetCode = await nextCode(email, 1);
    keep('a password reset code', resetCode);
    expect((await newcomer.post('/api/auth/password-reset/confirm', { email, code: resetCode, newPassword: NEW_PASSWORD })).status).toBe(204);
    keepSession('login after the reset', await loginAs(server, email, NEW_PASSWORD));

    // The lesson on now: signaling with the access token (TURN credentials come back), and the board.
    const lesson = await server.db.lesson.findFirstOrThrow({ where: { title: 'Present Perfect in everyday talk' } });
    const signaling = new TestSignalingClient(server.localUrl, ivan.accessToken as string);
    await signaling.next('session:ready');
    const joined = await signaling.request('room:join', { lessonId: lesson.id });
    keep('a TURN credential', joined.iceServers.find((ice) => ice.credential)?.credential);
    await signaling.request('chat:send', { text: 'Hello from the secrets test' });
    signaling.close();
    const board = new TestBoardClient(server.localUrl, lesson.id, ivan.accessToken as string);
    await board.synced();
    board.close();

    // An upload and its signed link.
    const anna = await loginAs(server, 'anna@example.com');
    keepSession('a teacher', anna);
    const uploaded = await anna.upload('/api/files', FILE_SAMPLES.pdf, 'application/pdf', 'worksheet.pdf');
    expect(uploaded.status).toBe(201);
    const link = await anna.post(`/api/files/${uploaded.body.id}/link`);
    keep('a file link signature', new URL(link.body.url, server.localUrl).searchParams.get('signature') ?? undefined);
    expect((await fetch(`${server.localUrl}${link.body.url}`)).status).toBe(200);

    // A payment, its signed notification.
    const packageType = await server.db.packageType.findFirstOrThrow({ where: { active: true } });
    const payment = await ivan.post('/api/me/payments', { packageTypeId: packageType.id });
    expect(payment.status).toBe(201);
    yookassa.pay(payment.body.providerPaymentId);
    expect((await yookassa.notify(`${server.localUrl}/api/payments/webhook`, 'payment.succeeded', payment.body.providerPaymentId, { signWith: WEBHOOK_SECRET })).status).toBe(200);

    // Telegram linked with a one-time code, over the webhook and its secret.
    await expect.poll(() => telegram.webhook).toBeDefined();
    keep('the Telegram webhook secret', telegram.webhook?.secret);
    const linkCode = await ivan.post('/api/me/telegram/link-code');
    keep('a Telegram link code', linkCode.body.code);
    expect(await telegram.deliver(server.localUrl, { update_id: 1, message: { chat: { id: 700_002 }, text: `/start ${linkCode.body.code}` } })).toBe(204);

    // The calendar feed, whose address is its key.
    const feed = await ivan.post('/api/me/calendar-feed');
    keep('a calendar feed token', new URL(feed.body.url).pathname.split('/').at(-1));
    expect((await fetch(`${server.localUrl}${new URL(feed.body.url).pathname}`)).status).toBe(200);

    expect((await ivan.post('/api/auth/logout')).status).toBe(204);

    // The log was written, with the request lines where headers and addresses would show.
    expect(log).toContain('"msg":"request completed"');
    expect(log).toContain('[redacted]');
    const leaked = [...secrets].filter(([value]) => appears(value, log)).map(([, what]) => what);
    expect(leaked).toEqual([]);
  }, 120_000);
});
