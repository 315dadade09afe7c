import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock.js';
import { ApiClient } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { TestSmtpServer } from '../support/smtp.js';

let server: TestServer;
let smtp: TestSmtpServer;
const clock = new TestClock();

beforeAll(async () => {
  smtp = await TestSmtpServer.start();
  server = await startTestServer({ clock, env: { SMTP_URL: smtp.url, MAIL_FROM: 'school@example.com' } });
});
afterAll(async () => {
  await server?.close();
  await smtp?.close();
});

const signUpBody = (email: string) => ({
  email,
  password: 'correct horse',
  name: 'Test Student',
  timeZone: 'Europe/Moscow',
  locale: 'ru',
  agreementVersion: 2,
});

async function signUpAndConfirm(email: string): Promise<ApiClient> {
  const client = new ApiClient(server.localUrl);
  expect((await client.post('/api/auth/signup', signUpBody(email))).status).toBe(201);
  const confirmed = await client.post('/api/auth/confirm-email', { email, code: await smtp.codeFor(email) });
  expect(confirmed.status).toBe(200);
  client.accessToken = confirmed.body.accessToken;
  return client;
}

describe('sign-up and e-mail confirmation', () => {
  it('creates an unconfirmed student, mails a code over SMTP and records the accepted agreement', async () => {
    const client = new ApiClient(server.localUrl);
    const response = await client.post('/api/auth/signup', signUpBody('New.Student@Example.com'));
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ email: 'new.student@example.com', resendAfterSeconds: 60 });

    const mail = await smtp.lastTo('new.student@example.com');
    expect(mail.subject).toMatch(/код подтверждения \d{6}/);

    const user = await server.db.user.findUniqueOrThrow({
      where: { email: 'new.student@example.com' },
      include: { agreementAcceptances: true },
    });
    expect(user).toMatchObject({ role: 'student', emailVerifiedAt: null, locale: 'ru', timeZone: 'Europe/Moscow' });
    expect(user.passwordHash).toMatch(/^scrypt\$/);
    expect(user.agreementAcceptances.map((a) => a.version)).toEqual([2]);

    const login = await client.post('/api/auth/login', { email: 'new.student@example.com', password: 'correct horse' });
    expect(login.status).toBe(403);
    expect(login.body.code).toBe('email_not_confirmed');
  });

  it('refuses an outdated agreement version and changes nothing', async () => {
    const client = new ApiClient(server.localUrl);
    const response = await client.post('/api/auth/signup', { ...signUpBody('late@example.com'), agreementVersion: 99 });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('agreement_outdated');
    expect(await server.db.user.count({ where: { email: 'late@example.com' } })).toBe(0);
  });

  it('names every bad field and writes nothing', async () => {
    const client = new ApiClient(server.localUrl);
    const before = await server.db.user.count();
    const response = await client.post('/api/auth/signup', {
      email: 'not-an-email',
      password: 'short',
      name: '',
      timeZone: 'Mars/Olympus',
      locale: 'de',
      agreementVersion: 'one',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(response.body.code).toBe('validation_failed');
    const paths = response.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(
      ['body.agreementVersion', 'body.email', 'body.locale', 'body.name', 'body.password', 'body.timeZone'].sort(),
    );
    expect(await server.db.user.count()).toBe(before);
  });

  it('confirms with the right code and signs in; a confirmed address cannot sign up again', async () => {
    const client = await signUpAndConfirm('confirm@example.com');
    const me = await client.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: 'confirm@example.com', emailConfirmed: true, role: 'student' });

    // Answered like a new sign-up, so as not to reveal the account (auth-enumeration.test.ts); nothing changes.
    const again = await new ApiClient(server.localUrl).post('/api/auth/signup', { ...signUpBody('confirm@example.com'), password: 'impostor password' });
    expect(again.status).toBe(201);
    expect((await smtp.lastTo('confirm@example.com')).subject).toBe('Panda Classroom: у вас уже есть учётная запись');
    const login = await new ApiClient(server.localUrl).post('/api/auth/login', { email: 'confirm@example.com', password: 'correct horse' });
    expect(login.status).toBe(200);
  });

  it('allows five attempts, then asks for a new code; a resent code works', async () => {
    const email = 'attempts@example.com';
    const client = new ApiClient(server.localUrl);
    await client.post('/api/auth/signup', signUpBody(email));
    const code = await smtp.codeFor(email);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      const response = await client.post('/api/auth/confirm-email', { email, code: wrong });
      expect(response.body.code).toBe('code_invalid');
    }
    const blocked = await client.post('/api/auth/confirm-email', { email, code });
    expect(blocked.status).toBe(400);
    expect(blocked.body.code).toBe('code_attempts_exceeded');

    const tooSoon = await client.post('/api/auth/resend-code', { email });
    expect(tooSoon.status).toBe(429);
    expect(tooSoon.body).toMatchObject({ code: 'resend_cooldown' });
    expect(tooSoon.body.retryAfterSeconds).toBeGreaterThan(0);

    clock.advance(61_000);
    expect((await client.post('/api/auth/resend-code', { email })).status).toBe(200);
    const fresh = await smtp.codeFor(email);
    expect((await client.post('/api/auth/confirm-email', { email, code: fresh })).status).toBe(200);
  });

  it('expires a code after 15 minutes', async () => {
    const email = 'expiry@example.com';
    const client = new ApiClient(server.localUrl);
    await client.post('/api/auth/signup', signUpBody(email));
    const code = await smtp.codeFor(email);
    clock.advance(15 * 60_000 + 1000);
    const response = await client.post('/api/auth/confirm-email', { email, code });
    expect(response.body.code).toBe('code_expired');
  });

  it('lets a person correct a mistyped address before confirming', async () => {
    const client = new ApiClient(server.localUrl);
    await client.post('/api/auth/signup', signUpBody('typo@exmaple.com'));
    const wrongPassword = await client.post('/api/auth/change-email', {
      email: 'typo@exmaple.com',
      password: 'not it at all',
      newEmail: 'fixed@example.com',
    });
    expect(wrongPassword.status).toBe(401);

    const changed = await client.post('/api/auth/change-email', {
      email: 'typo@exmaple.com',
      password: 'correct horse',
      newEmail: 'fixed@example.com',
    });
    expect(changed.status).toBe(200);
    expect(changed.body.email).toBe('fixed@example.com');
    const code = await smtp.codeFor('fixed@example.com');
    expect((await client.post('/api/auth/confirm-email', { email: 'fixed@example.com', code })).status).toBe(200);
    expect(await server.db.user.count({ where: { email: 'typo@exmaple.com' } })).toBe(0);
  });
});

describe('sessions', () => {
  it('rotates the refresh token; reusing an old one revokes the whole family', async () => {
    const client = await signUpAndConfirm('rotate@example.com');
    const first = client.cookie('panda_refresh');
    expect(first).toBeTruthy();

    const refreshed = await client.post('/api/auth/refresh');
    expect(refreshed.status).toBe(200);
    const second = client.cookie('panda_refresh');
    expect(second).not.toBe(first);

    // The stolen first token comes back after the grace period: theft.
    clock.advance(30_000);
    const thief = new ApiClient(server.localUrl);
    thief.setCookie('panda_refresh', first as string);
    const stolen = await thief.post('/api/auth/refresh');
    expect(stolen.status).toBe(401);
    expect(stolen.body.code).toBe('refresh_token_reused');

    // The legitimate holder's newer token died with the family.
    const victim = await client.post('/api/auth/refresh');
    expect(victim.status).toBe(401);
    expect(victim.body.code).toBe('refresh_token_invalid');
  });

  it('tolerates two tabs refreshing at the same moment', async () => {
    const client = await signUpAndConfirm('tabs@example.com');
    const token = client.cookie('panda_refresh') as string;
    const otherTab = new ApiClient(server.localUrl);
    otherTab.setCookie('panda_refresh', token);
    expect((await client.post('/api/auth/refresh')).status).toBe(200);
    expect((await otherTab.post('/api/auth/refresh')).status).toBe(200);
    expect((await client.post('/api/auth/refresh')).status).toBe(200);
  });

  it('rejects an expired access token and accepts a refreshed one', async () => {
    const client = await signUpAndConfirm('expired-access@example.com');
    clock.advance(16 * 60_000);
    expect((await client.get('/api/me')).status).toBe(401);
    const refreshed = await client.post('/api/auth/refresh');
    client.accessToken = refreshed.body.accessToken;
    expect((await client.get('/api/me')).status).toBe(200);
  });

  it('logs out: the refresh cookie stops working', async () => {
    const client = await signUpAndConfirm('logout@example.com');
    const token = client.cookie('panda_refresh') as string;
    expect((await client.post('/api/auth/logout')).status).toBe(204);
    const replay = new ApiClient(server.localUrl);
    replay.setCookie('panda_refresh', token);
    expect((await replay.post('/api/auth/refresh')).status).toBe(401);
  });

  it('refuses a wrong password the same way as an unknown account', async () => {
    const client = new ApiClient(server.localUrl);
    await signUpAndConfirm('known@example.com');
    const wrong = await client.post('/api/auth/login', { email: 'known@example.com', password: 'wrong password' });
    const unknown = await client.post('/api/auth/login', { email: 'nobody@example.com', password: 'wrong password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.code).toBe('invalid_credentials');
    expect(unknown.body.code).toBe('invalid_credentials');
  });
});

describe('password reset', () => {
  it('sets a new password with the e-mailed code and ends every other session', async () => {
    const email = 'reset@example.com';
    const oldSession = await signUpAndConfirm(email);
    const client = new ApiClient(server.localUrl);
    clock.advance(61_000);
    expect((await client.post('/api/auth/password-reset/request', { email })).status).toBe(202);
    const code = await smtp.codeFor(email);
    expect((await smtp.lastTo(email)).subject).toMatch(/смены пароля/);

    const done = await client.post('/api/auth/password-reset/confirm', { email, code, newPassword: 'brand new secret' });
    expect(done.status).toBe(204);
    expect((await oldSession.post('/api/auth/refresh')).status).toBe(401);
    expect((await client.post('/api/auth/login', { email, password: 'correct horse' })).status).toBe(401);
    expect((await client.post('/api/auth/login', { email, password: 'brand new secret' })).status).toBe(200);
  });

  it('answers an unknown address like a known one and sends nothing', async () => {
    const before = smtp.received.length;
    const response = await new ApiClient(server.localUrl).post('/api/auth/password-reset/request', {
      email: 'ghost@example.com',
    });
    expect(response.status).toBe(202);
    expect(smtp.received.length).toBe(before);
  });
});

describe('rate limits', () => {
  it('slows down repeated sign-in attempts', async () => {
    const limited = await startTestServer({ env: { AUTH_RATE_LIMIT_PER_MINUTE: '3' } });
    try {
      const client = new ApiClient(limited.localUrl);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        statuses.push((await client.post('/api/auth/login', { email: 'x@example.com', password: 'whatever' })).status);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
      const last = await client.post('/api/auth/login', { email: 'x@example.com', password: 'whatever' });
      expect(last.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(last.body.code).toBe('rate_limited');
    } finally {
      await limited.close();
    }
  });
});
