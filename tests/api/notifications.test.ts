import { randomUUID } from 'node:crypto';
import { LEASE_MS, TelegramBot } from '@panda/api';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TestClock } from '../support/clock.js';
import { loginAs, newUser } from '../support/accounts.js';
import { FakeTelegram } from '../support/fake-telegram.js';
import { testNotifications } from '../support/notifications.js';
import { TestSignalingClient } from '../support/signaling.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * Notifications through the real server: lesson reminders sent exactly once (also when the
 * process that claimed one dies, and with two processes on one database), Telegram linking and
 * delivery through a fake Bot API, the bell's live events and unread count, the channels a user
 * chooses, and bad input refused.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let clock: TestClock;
let fake: FakeTelegram;

beforeAll(async () => {
  clock = new TestClock();
  fake = await FakeTelegram.start();
});

afterAll(async () => {
  await fake.close();
});

function serverEnv(pollSeconds: string) {
  return { TELEGRAM_API_URL: fake.url, TELEGRAM_BOT_TOKEN: fake.token, NOTIFICATIONS_POLL_SECONDS: pollSeconds };
}

/** A teacher and a student with a lesson `startsIn` from the test clock's now. */
async function lessonSoon(server: TestServer, startsIn: number) {
  const teacher = await newUser(server, { role: 'teacher', teaches: ['en'] });
  const student = await newUser(server);
  const booked = await teacher.client.post('/api/lessons', { language: 'en', startsAt: new Date(clock.now().getTime() + startsIn).toISOString(), durationMinutes: 60, studentIds: [student.id] });
  expect(booked.status, JSON.stringify(booked.body)).toBe(201);
  return { teacher, student, lessonId: booked.body.id as string };
}

const inApp = (server: TestServer, userId: string, kind?: string) =>
  server.db.notification.findMany({ where: { userId, ...(kind ? { kind: kind as never } : {}) }, orderBy: { createdAt: 'asc' } });

function expectFieldError(response: { status: number; body: any }, path: string) {
  expect(response.status, JSON.stringify(response.body)).toBe(400);
  expect(response.body.code).toBe('validation_failed');
  expect(response.body.errors.map((e: { path: string }) => e.path)).toContain(path);
}

describe('one server, notifications sent by hand', () => {
  let server: TestServer;

  beforeAll(async () => {
    // The server's own round runs hourly here: the tests decide when notifications go out.
    server = await startTestServer({ clock, env: serverEnv('3600') });
  });

  afterAll(async () => {
    await server.close();
  });

  it('sends the 1-hour reminder once, to the student and the teacher, and no "tomorrow" one for a lesson booked today', async () => {
    const { teacher, student, lessonId } = await lessonSoon(server, 3 * HOUR);
    const notifications = testNotifications(server, clock);

    clock.advance(2 * HOUR - MINUTE);
    await notifications.tick();
    expect(await inApp(server, student.id)).toEqual([]);

    clock.advance(MINUTE);
    await notifications.tick();
    await notifications.tick();
    await testNotifications(server, clock).tick();
    for (const person of [student, teacher]) {
      expect(await inApp(server, person.id)).toEqual([expect.objectContaining({ kind: 'lesson_reminder_1h', title: 'Lesson in an hour', link: '/dashboard', readAt: null })]);
    }
    const jobs = await server.db.notificationJob.findMany({ where: { data: { path: ['lessonId'], equals: lessonId } } });
    expect(jobs.map((j) => [j.kind, j.status, j.attempts])).toEqual([
      ['lesson_reminder_1h', 'sent', 1],
      ['lesson_reminder_1h', 'sent', 1],
    ]);
    // The 1-hour reminder does not go by e-mail unless chosen.
    expect(await server.db.devOutboxMail.count({ where: { to: student.email } })).toBe(0);
  });

  it('a reminder claimed by a process that died before sending is sent once, after the lease runs out', async () => {
    const { student, lessonId } = await lessonSoon(server, 90 * MINUTE);
    clock.advance(30 * MINUTE);
    const dying = testNotifications(server, clock);
    await dying.scheduleReminders();
    const claimed = await dying.claim(50);
    expect(claimed.map((c) => c.job.data)).toContainEqual(expect.objectContaining({ lessonId }));

    const survivor = testNotifications(server, clock);
    await survivor.tick();
    expect(await inApp(server, student.id)).toEqual([]);

    clock.advance(LEASE_MS);
    await survivor.tick();
    expect(await inApp(server, student.id, 'lesson_reminder_1h')).toHaveLength(1);
    // The stalled process wakes up: the job is no longer its own.
    for (const job of claimed) await dying.deliver(job);
    await survivor.tick();
    expect(await inApp(server, student.id, 'lesson_reminder_1h')).toHaveLength(1);
  });

  it('a reminder of a lesson cancelled or moved since is not sent', async () => {
    const { teacher, student, lessonId } = await lessonSoon(server, 65 * MINUTE);
    const notifications = testNotifications(server, clock);
    expect(await notifications.scheduleReminders()).toBeGreaterThanOrEqual(2);
    const moved = await (await loginAs(server, teacher.email)).post(`/api/lessons/${lessonId}/move`, { startsAt: new Date(clock.now().getTime() + 5 * HOUR).toISOString() });
    expect(moved.status).toBe(200);
    clock.advance(5 * MINUTE);
    await notifications.tick();
    expect(await inApp(server, student.id, 'lesson_reminder_1h')).toEqual([]);
    expect(await server.db.notificationJob.findFirst({ where: { userId: student.id, kind: 'lesson_reminder_1h' } })).toMatchObject({ status: 'obsolete' });
    // …but the move itself was told, in the student's language and time zone.
    expect(await inApp(server, student.id, 'lesson_moved')).toEqual([expect.objectContaining({ title: 'Your lesson has moved' })]);
  });

  it('links Telegram with a one-time code and delivers there', async () => {
    const { teacher, student, lessonId } = await lessonSoon(server, 10 * HOUR);
    expect(fake.webhook?.url).toMatch(/\/api\/telegram\/webhook$/);
    const code = await student.client.post('/api/me/telegram/link-code');
    expect(code.status).toBe(201);
    expect(code.body).toMatchObject({ command: `/start ${code.body.code}`, url: `https://t.me/${fake.username}?start=${code.body.code}` });

    const chatId = 700_000 + Math.floor(Math.random() * 100_000);
    const update = (text: string) => ({ update_id: Math.floor(Math.random() * 1e9), message: { chat: { id: chatId }, text } });
    expect(await fake.deliver(server.localUrl, update(`/start ${code.body.code}`), 'not-the-secret')).toBe(403);
    expect(await fake.deliver(server.localUrl, update(`/start ${code.body.code}`), null)).toBe(403);
    expect(await server.db.telegramLink.count({ where: { userId: student.id } })).toBe(0);

    expect(await fake.deliver(server.localUrl, update(`/start ${code.body.code}`))).toBe(204);
    expect(fake.to(chatId)).toEqual([expect.stringContaining('Panda Classroom will send your notifications here')]);
    expect((await student.client.get('/api/me/notification-settings')).body.telegram).toEqual({ available: true, linked: true });
    // The code works once.
    expect(await fake.deliver(server.localUrl, update(`/start ${code.body.code}`))).toBe(204);
    expect(fake.to(chatId)[1]).toContain('not valid');

    expect((await teacher.client.post(`/api/lessons/${lessonId}/cancel`)).status).toBe(200);
    expect(fake.to(chatId)[2]).toMatch(/^Lesson cancelled\n\n.*cancelled the English lesson of/);
    expect(fake.to(chatId)[2]).toMatch(/\/schedule$/);
    expect(fake.messages.map((m) => m.text).join('\n')).not.toContain(fake.token);

    expect((await student.client.request('DELETE', '/api/me/telegram')).status).toBe(204);
    expect((await student.client.get('/api/me/notification-settings')).body.telegram.linked).toBe(false);
  });

  it('pushes a new notification to the bell over Socket.IO; reading it lowers the unread count', async () => {
    const { teacher, student, lessonId } = await lessonSoon(server, 10 * HOUR);
    const socket = await TestSignalingClient.connect(server.localUrl, student.email);
    try {
      expect((await teacher.client.post(`/api/lessons/${lessonId}/cancel`)).status).toBe(200);
      const event = await socket.next('notification:new');
      expect(event).toMatchObject({ unread: 1, notification: { kind: 'lesson_cancelled', title: 'Lesson cancelled', readAt: null } });

      const list = await student.client.get('/api/me/notifications');
      expect(list.body).toMatchObject({ unread: 1, items: [{ id: event.notification.id }] });
      expect((await student.client.post(`/api/me/notifications/${event.notification.id}/read`)).body).toEqual({ unread: 0 });
      expect((await student.client.get('/api/me/notifications')).body.items[0].readAt).not.toBeNull();
      // Someone else's notification is not found.
      expect((await teacher.client.post(`/api/me/notifications/${event.notification.id}/read`)).status).toBe(404);
      expect((await student.client.post('/api/me/notifications/read-all')).body).toEqual({ unread: 0 });
    } finally {
      socket.close();
    }
  });

  it("respects the student's channels: in the app only, or not at all", async () => {
    const { teacher, student, lessonId } = await lessonSoon(server, 10 * HOUR);
    const defaults = await student.client.get('/api/me/notification-settings');
    expect(defaults.body.preferences).toContainEqual({ kind: 'lesson_cancelled', channels: ['in_app', 'email', 'telegram'] });
    expect(defaults.body.preferences.map((p: { kind: string }) => p.kind)).not.toContain('placement_request');

    const chosen = await student.client.request('PUT', '/api/me/notification-settings', { preferences: [{ kind: 'lesson_cancelled', channels: ['in_app'] }, { kind: 'lesson_moved', channels: [] }] });
    expect(chosen.status).toBe(200);
    expect(chosen.body.preferences).toContainEqual({ kind: 'lesson_moved', channels: [] });

    const later = new Date(clock.now().getTime() + 12 * HOUR).toISOString();
    expect((await teacher.client.post(`/api/lessons/${lessonId}/move`, { startsAt: later })).status).toBe(200);
    expect((await teacher.client.post(`/api/lessons/${lessonId}/cancel`)).status).toBe(200);
    expect((await inApp(server, student.id)).map((n) => n.kind)).toEqual(['lesson_cancelled']);
    expect(await server.db.devOutboxMail.count({ where: { to: student.email } })).toBe(0);
    expect(await server.db.notificationJob.count({ where: { userId: student.id, status: 'sent' } })).toBe(2);
  });

  it('tells the methodists about a new placement request', async () => {
    const methodist = await newUser(server, { role: 'methodist', teaches: ['en'] });
    const asked = await (await loginAs(server, (await newUser(server)).email)).post('/api/me/placement-requests', { language: 'zh' });
    expect(asked.status, JSON.stringify(asked.body)).toBeLessThan(300);
    expect(await inApp(server, methodist.id)).toEqual([expect.objectContaining({ kind: 'placement_request', title: 'New placement request', link: '/placement' })]);
  });

  it('refuses bad input on every endpoint with 400 naming the field, changing nothing', async () => {
    const student = await newUser(server);
    const before = await student.client.get('/api/me/notification-settings');
    expectFieldError(await student.client.get('/api/me/notifications?limit=0'), 'query.limit');
    expectFieldError(await student.client.get('/api/me/notifications?before=yesterday'), 'query.before');
    expectFieldError(await student.client.post('/api/me/notifications/not-an-id/read'), 'params.id');
    expectFieldError(await student.client.request('PUT', '/api/me/notification-settings', {}), 'body.preferences');
    expectFieldError(await student.client.request('PUT', '/api/me/notification-settings', { preferences: [] }), 'body.preferences');
    expectFieldError(await student.client.request('PUT', '/api/me/notification-settings', { preferences: [{ kind: 'gossip', channels: [] }] }), 'body.preferences.0.kind');
    expectFieldError(await student.client.request('PUT', '/api/me/notification-settings', { preferences: [{ kind: 'lesson_moved', channels: ['fax'] }] }), 'body.preferences.0.channels.0');
    expectFieldError(await student.client.request('PUT', '/api/me/notification-settings', { preferences: [{ kind: 'lesson_moved', channels: ['email', 'email'] }] }), 'body.preferences.0.channels');
    expectFieldError(
      await student.client.request('PUT', '/api/me/notification-settings', { preferences: [{ kind: 'lesson_moved', channels: [] }, { kind: 'lesson_moved', channels: ['email'] }] }),
      'body.preferences',
    );
    // A kind that does not concern students.
    expectFieldError(
      await student.client.request('PUT', '/api/me/notification-settings', { preferences: [{ kind: 'lesson_moved', channels: [] }, { kind: 'placement_request', channels: [] }] }),
      'body.preferences.1.kind',
    );
    expect((await student.client.get('/api/me/notification-settings')).body).toEqual(before.body);
    expect(await server.db.notificationPreference.count({ where: { userId: student.id } })).toBe(0);

    const webhook = (body: unknown) => fetch(`${server.localUrl}/api/telegram/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': fake.webhook?.secret ?? '' }, body: JSON.stringify(body) });
    const bad = await webhook({ message: { chat: { id: 1 }, text: '/start x' } });
    expectFieldError({ status: bad.status, body: await bad.json() }, 'body.update_id');
    const badChat = await webhook({ update_id: 1, message: { chat: { id: 'one' } } });
    expectFieldError({ status: badChat.status, body: await badChat.json() }, 'body.message.chat.id');
    expect(await server.db.telegramLink.count({ where: { userId: student.id } })).toBe(0);
  });
});

describe('two server processes on one database', () => {
  let nodeA: TestServer;
  let nodeB: TestServer;

  beforeAll(async () => {
    // Both poll often: they race for every due notification.
    const shared = { ...serverEnv('0.05'), SECRET_KEY: randomUUID() + randomUUID() };
    nodeA = await startTestServer({ clock, env: shared });
    nodeB = await startTestServer({ clock, shareDatabaseWith: nodeA, env: shared });
  });

  afterAll(async () => {
    await nodeB?.close();
    await nodeA?.close();
  });

  it('send each reminder once', async () => {
    const lessons = await Promise.all([lessonSoon(nodeA, 3 * HOUR), lessonSoon(nodeB, 3 * HOUR), lessonSoon(nodeA, 3 * HOUR)]);
    clock.advance(2 * HOUR);
    const people = lessons.flatMap((l) => [l.teacher.id, l.student.id]);
    await vi.waitFor(async () => expect(await nodeA.db.notification.count({ where: { userId: { in: people } } })).toBe(people.length), { timeout: 10_000, interval: 50 });
    // A few more rounds of both processes.
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const id of people) expect(await inApp(nodeA, id, 'lesson_reminder_1h')).toHaveLength(1);
    const jobs = await nodeA.db.notificationJob.findMany({ where: { userId: { in: people } } });
    expect(jobs.map((j) => [j.status, j.attempts])).toEqual(people.map(() => ['sent', 1]));
  });
});

it('the bot client never puts its token into an error', async () => {
  const bot = new TelegramBot({ apiUrl: 'http://127.0.0.1:9', token: 'secret-token-123', webhookSecret: 'x' });
  await expect(bot.sendMessage(1n, 'hi')).rejects.toThrow(/^telegram sendMessage: unreachable$/);
  const wrong = new TelegramBot({ apiUrl: fake.url, token: 'secret-token-123', webhookSecret: 'x' });
  const error = await wrong.sendMessage(1n, 'hi').catch((e: Error) => e);
  expect(String(error)).toMatch(/401 Unauthorized/);
  expect(String(error)).not.toContain('secret-token-123');
});
