import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { TestSmtpServer } from '../support/smtp.js';

/** The auth endpoints answer an address with an account exactly as one without. */
let server: TestServer;
let smtp: TestSmtpServer;
let anonymous: ApiClient;

beforeAll(async () => {
  smtp = await TestSmtpServer.start();
  server = await startTestServer({ env: { SMTP_URL: smtp.url, MAIL_FROM: 'school@example.com' } });
  anonymous = new ApiClient(server.localUrl);
});
afterAll(async () => {
  await server?.close();
  await smtp?.close();
});

const signUpBody = (email: string, password = 'correct horse') => ({
  email,
  password,
  name: 'Test Student',
  timeZone: 'Europe/Moscow',
  locale: 'en',
  agreementVersion: 2,
});

async function confirmedAccount(email: string): Promise<void> {
  expect((await anonymous.post('/api/auth/signup', signUpBody(email))).status).toBe(201);
  const confirmed = await anonymous.post('/api/auth/confirm-email', { email, code: await smtp.codeFor(email) });
  expect(confirmed.status).toBe(200);
}

/** Status and body, with the address the caller gave put back to a placeholder. */
async function answer(path: string, body: Record<string, unknown>) {
  const response = await anonymous.post(path, body);
  const text = JSON.stringify(response.body ?? null).replaceAll(String(body.newEmail ?? body.email), '<email>');
  return { status: response.status, body: JSON.parse(text) as unknown };
}

const mailsTo = (email: string) => smtp.received.filter((mail) => mail.to === email);

describe('no account enumeration', () => {
  it('signs up a taken address like a free one, changes nothing and tells the owner once', async () => {
    const owner = 'owner@example.com';
    await confirmedAccount(owner);
    const before = await server.db.user.findUniqueOrThrow({ where: { email: owner } });

    const fresh = await answer('/api/auth/signup', signUpBody('fresh@example.com'));
    const taken = await answer('/api/auth/signup', signUpBody(owner, 'impostor password'));
    expect(taken).toEqual(fresh);
    expect(fresh).toEqual({ status: 201, body: { email: '<email>', resendAfterSeconds: 60 } });

    expect(await server.db.user.findUniqueOrThrow({ where: { email: owner } })).toEqual(before);
    const notice = await smtp.lastTo(owner);
    expect(notice.subject).toBe('Panda Classroom: you already have an account');
    expect(notice.text).not.toMatch(/\b\d{6}\b/);
    // Repeated tries do not flood the owner's mailbox.
    const mails = mailsTo(owner).length;
    await anonymous.post('/api/auth/signup', signUpBody(owner));
    expect(mailsTo(owner).length).toBe(mails);

    // Nor does what follows a sign-up tell the addresses apart.
    for (const [path, body] of [
      ['/api/auth/confirm-email', (email: string) => ({ email, code: '000000' })],
      ['/api/auth/resend-code', (email: string) => ({ email })],
    ] as const) {
      expect(await answer(path, body(owner)), path).toEqual(await answer(path, body('nobody@example.com')));
    }
    expect(mailsTo(owner).length).toBe(mails);
  });

  it('refuses a wrong password, an unknown address and an account without a password alike', async () => {
    await confirmedAccount('known@example.com');
    const staff = await server.db.user.create({
      data: { email: 'no-password-yet@example.com', name: 'New Teacher', role: 'teacher', timeZone: 'UTC', locale: 'en', passwordHash: 'unusable' },
    });
    const wrong = await answer('/api/auth/login', { email: 'known@example.com', password: 'wrong password' });
    expect(wrong).toMatchObject({ status: 401, body: { code: 'invalid_credentials' } });
    expect(await answer('/api/auth/login', { email: 'nobody@example.com', password: 'wrong password' })).toEqual(wrong);
    expect(await answer('/api/auth/login', { email: staff.email, password: 'wrong password' })).toEqual(wrong);
  });

  it('answers a password-reset request the same for a known and an unknown address', async () => {
    await confirmedAccount('forgetful@example.com');
    const known = await answer('/api/auth/password-reset/request', { email: 'forgetful@example.com' });
    expect(known).toEqual({ status: 202, body: null });
    expect(await answer('/api/auth/password-reset/request', { email: 'ghost@example.com' })).toEqual(known);
    expect((await smtp.lastTo('forgetful@example.com')).subject).toMatch(/password reset code/);
  });

  it('answers moving a pending sign-up to a taken address like a free one, and moves nothing', async () => {
    const owner = 'taken@example.com';
    await confirmedAccount(owner);
    for (const pending of ['first-typo@exmaple.com', 'second-typo@exmaple.com']) {
      expect((await anonymous.post('/api/auth/signup', signUpBody(pending))).status).toBe(201);
    }
    const change = (email: string, newEmail: string) => answer('/api/auth/change-email', { email, password: 'correct horse', newEmail });

    const free = await change('first-typo@exmaple.com', 'free@example.com');
    expect(free).toEqual({ status: 200, body: { email: '<email>', resendAfterSeconds: 60 } });
    expect(await change('second-typo@exmaple.com', owner)).toEqual(free);
    expect(await server.db.user.count({ where: { email: 'second-typo@exmaple.com' } })).toBe(1);
    expect((await smtp.lastTo(owner)).subject).toBe('Panda Classroom: you already have an account');
  });
});
