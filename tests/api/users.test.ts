import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs } from '../support/accounts.js';
import { ApiClient } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;

// No SMTP_URL: mail goes to the dev outbox.
beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_DATA: 'true' } });
});
afterAll(() => server?.close());

describe('demo data', () => {
  it('has an admin, a methodist, two teachers and three students, one learning both languages', async () => {
    const byRole = await server.db.user.groupBy({ by: ['role'], _count: true });
    expect(Object.fromEntries(byRole.map((row) => [row.role, row._count]))).toEqual({
      admin: 1,
      methodist: 1,
      teacher: 2,
      student: 3,
    });
    const olga = await server.db.user.findUniqueOrThrow({ where: { email: 'olga@example.com' }, include: { enrollments: true } });
    expect(olga.enrollments.map((e) => e.language).sort()).toEqual(['en', 'zh']);
  });

  it('shows a student their lessons this week and their credits', async () => {
    const ivan = await loginAs(server, 'ivan@example.com');
    const lessons = await ivan.get('/api/me/lessons');
    expect(lessons.status).toBe(200);
    expect(lessons.body.items.length).toBeGreaterThanOrEqual(2);
    expect(lessons.body.items[0].teacher.name).toBe('Anna Smirnova');
    const credits = await ivan.get('/api/me/credits');
    expect(credits.body.balance).toBe(6);
    expect(new Date(credits.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
  });

  it('shows a teacher only the lessons they teach', async () => {
    const li = await loginAs(server, 'li@example.com');
    const lessons = await li.get('/api/me/lessons');
    expect(lessons.body.items.length).toBeGreaterThan(0);
    expect(lessons.body.items.every((lesson: { teacher: { name: string } }) => lesson.teacher.name === 'Li Wei')).toBe(true);
    expect((await li.get('/api/me/credits')).status).toBe(403);
  });
});

describe('profile', () => {
  it('stores the interface language and time zone per user', async () => {
    const olga = await loginAs(server, 'olga@example.com');
    const updated = await olga.patch('/api/me', { locale: 'ru', timeZone: 'Asia/Tokyo' });
    expect(updated.status).toBe(200);
    expect((await olga.get('/api/me')).body).toMatchObject({ locale: 'ru', timeZone: 'Asia/Tokyo' });
    const bad = await olga.patch('/api/me', { locale: 'fr' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('body.locale');
    expect((await olga.patch('/api/me', {})).status).toBe(400);
  });
});

describe('admin', () => {
  it('creates a teacher, who sets a password with the code from the outbox', async () => {
    const admin = await loginAs(server, 'admin@example.com');
    const created = await admin.post('/api/admin/users', {
      email: 'new.teacher@example.com',
      name: 'New Teacher',
      role: 'teacher',
      timeZone: 'Europe/Moscow',
      locale: 'en',
      teaches: ['en', 'zh'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ role: 'teacher', teaches: ['en', 'zh'], emailConfirmed: false });

    const outbox = await admin.get('/api/admin/outbox?to=new.teacher@example.com');
    expect(outbox.body.total).toBe(1);
    const code = /\b(\d{6})\b/.exec(outbox.body.items[0].text)?.[1];
    const client = new ApiClient(server.localUrl);
    const reset = await client.post('/api/auth/password-reset/confirm', {
      email: 'new.teacher@example.com',
      code,
      newPassword: 'teaching is fun',
    });
    expect(reset.status).toBe(204);
    const login = await client.post('/api/auth/login', { email: 'new.teacher@example.com', password: 'teaching is fun' });
    expect(login.status).toBe(200);
    expect(login.body.user.emailConfirmed).toBe(true);
  });

  it('refuses languages for roles that do not teach, and self-demotion', async () => {
    const admin = await loginAs(server, 'admin@example.com');
    const student = await admin.post('/api/admin/users', {
      email: 'lang@example.com',
      name: 'X',
      role: 'student',
      timeZone: 'UTC',
      locale: 'en',
      teaches: ['en'],
    });
    expect(student.status).toBe(400);
    expect(student.body.errors[0].path).toBe('body.teaches');
    expect(await server.db.user.count({ where: { email: 'lang@example.com' } })).toBe(0);

    const me = (await admin.get('/api/me')).body;
    const demote = await admin.patch(`/api/admin/users/${me.id}`, { role: 'student' });
    expect(demote.status).toBe(400);
  });

  it('disables an account: its sessions end and it cannot sign in', async () => {
    const admin = await loginAs(server, 'admin@example.com');
    const maria = await loginAs(server, 'maria@example.com');
    const id = (await maria.get('/api/me')).body.id;
    expect((await admin.patch(`/api/admin/users/${id}`, { disabled: true })).body.disabled).toBe(true);
    expect((await maria.post('/api/auth/refresh')).status).toBe(401);
    const login = await new ApiClient(server.localUrl).post('/api/auth/login', { email: 'maria@example.com', password: 'panda-demo' });
    expect(login.status).toBe(403);
    expect(login.body.code).toBe('account_disabled');
  });

  it('lists and searches users', async () => {
    const admin = await loginAs(server, 'admin@example.com');
    const teachers = await admin.get('/api/admin/users?role=teacher');
    expect(teachers.body.items.map((u: { email: string }) => u.email)).toEqual(
      expect.arrayContaining(['anna@example.com', 'li@example.com']),
    );
    const search = await admin.get('/api/admin/users?search=PETROV');
    expect(search.body.items.map((u: { email: string }) => u.email)).toEqual(['ivan@example.com']);
  });
});
