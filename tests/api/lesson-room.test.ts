import { CreditLedger, SCHOOL_CREDIT_RULES } from '@panda/api';
import type { ClientEventName } from '@panda/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/http.js';
import { bookTestLesson } from '../support/lessons.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { TestSignalingClient } from '../support/signaling.js';

let server: TestServer;
let teacherApi: ApiClient;
const clients: TestSignalingClient[] = [];
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_DATA: 'true', RECONNECT_GRACE_SECONDS: '2' } });
  for (const user of await server.db.user.findMany()) ids[user.email.split('@')[0] as string] = user.id;
  teacherApi = new ApiClient(server.localUrl);
  teacherApi.accessToken = (await teacherApi.post('/api/auth/login', { email: 'anna@example.com', password: 'panda-demo' })).body.accessToken;
});
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});
afterAll(() => server?.close());

function lessonStartingIn(minutes: number, studentKeys = ['ivan', 'olga'], durationMinutes = 60): Promise<string> {
  return bookTestLesson(server, teacherApi, { title: 'Room test', startsInMinutes: minutes, durationMinutes, studentIds: studentKeys.map((key) => ids[key] as string) });
}

async function connect(name: string): Promise<TestSignalingClient> {
  const client = await TestSignalingClient.connect(server.localUrl, `${name}@example.com`);
  clients.push(client);
  return client;
}

/** Connects these demo people and seats them in the lesson's room, in order. */
async function seat<const Names extends readonly string[]>(
  lessonId: string,
  ...names: Names
): Promise<{ [K in keyof Names]: TestSignalingClient }> {
  const seated: TestSignalingClient[] = [];
  for (const name of names) {
    const client = await connect(name);
    await client.request('room:join', { lessonId });
    seated.push(client);
  }
  return seated as { [K in keyof Names]: TestSignalingClient };
}

describe('who may join a lesson room', () => {
  it('seats the teacher and the student, each seeing the other, with the router’s capabilities', async () => {
    const lessonId = await lessonStartingIn(5);
    const anna = await connect('anna');
    const ivan = await connect('ivan');
    const annaJoin = await anna.request('room:join', { lessonId });
    expect(annaJoin.self).toMatchObject({ id: ids.anna, role: 'teacher', presence: 'online' });
    expect(annaJoin.routerRtpCapabilities.codecs?.map((c) => c.mimeType)).toEqual(
      expect.arrayContaining(['audio/opus', 'video/VP8', 'video/H264']),
    );
    const ivanJoin = await ivan.request('room:join', { lessonId });
    expect(ivanJoin.room.participants.map((p) => p.id).sort()).toEqual([ids.anna, ids.ivan].sort());
    expect((await anna.next('participant:joined')).id).toBe(ids.ivan);

    const attendance = await server.db.lessonAttendance.findMany({ where: { lessonId } });
    expect(attendance.map((a) => a.userId).sort()).toEqual([ids.anna, ids.ivan].sort());

    const metrics = await (await fetch(`${server.localUrl}/metrics`)).text();
    expect(metrics).toMatch(/^panda_rooms [1-9]/m);
    expect(metrics).toMatch(/^panda_peers [2-9]/m);
    expect(metrics).toMatch(/^panda_consumers \d+/m);
    expect(metrics).toMatch(/^panda_sfu_routers\{worker="0"\} [1-9]/m);
  });

  it('refuses a stranger, lets an admin observe, and keeps the room shut until 15 minutes before', async () => {
    const lessonId = await lessonStartingIn(5, undefined, 45);
    const maria = await connect('maria');
    expect(await maria.send('room:join', { lessonId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const admin = await connect('admin');
    expect((await admin.request('room:join', { lessonId })).self.role).toBe('observer');

    const later = await lessonStartingIn(60);
    const ivan = await connect('ivan');
    expect(await ivan.send('room:join', { lessonId: later })).toMatchObject({ ok: false, error: { code: 'room_not_open' } });
    expect(await ivan.send('room:join', { lessonId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });
});

describe('moving between lessons', () => {
  it('gives up the seat in one lesson when the same connection joins another', async () => {
    // One after the other (no one is in two lessons at once); the first's room is still open.
    const first = await lessonStartingIn(-50, undefined, 45);
    const second = await lessonStartingIn(0);
    const [anna, ivan] = await seat(first, 'anna', 'ivan');
    expect((await ivan.send('room:join', { lessonId: second })).ok).toBe(true);
    expect(await anna.next('participant:left', (e) => e.participantId === ids.ivan)).toBeTruthy();
  });
});

describe('teacher actions', () => {
  it('are refused to a student with a stable code, and nothing changes', async () => {
    const lessonId = await lessonStartingIn(0);
    const [, ivan, olga] = await seat(lessonId, 'anna', 'ivan', 'olga');

    const attempts: Array<[ClientEventName, unknown]> = [
      ['moderation:mute', { participantId: ids.olga }],
      ['moderation:ask-unmute', { participantId: ids.olga }],
      ['moderation:remove', { participantId: ids.olga }],
      ['room:lock', { locked: true }],
      ['lesson:end', {}],
    ];
    for (const [event, payload] of attempts) {
      expect({ event, answer: await ivan.send(event, payload) }).toEqual({
        event,
        answer: { ok: false, error: { code: 'forbidden', message: expect.any(String) } },
      });
    }
    expect(olga.received.map((r) => r.event)).not.toContain('room:removed');
    const lesson = await server.db.lesson.findUniqueOrThrow({ where: { id: lessonId } });
    expect(lesson.status).toBe('scheduled');
    // The room is not locked: a late participant still gets in.
    const late = await connect('olga');
    expect((await late.send('room:join', { lessonId })).ok).toBe(true);
  });

  it('locks the room, removes a participant for good, and ends the lesson as held with attendance', async () => {
    const lessonId = await lessonStartingIn(0);
    const [anna, ivan] = await seat(lessonId, 'anna', 'ivan');

    await anna.request('room:lock', { locked: true });
    expect(await ivan.next('room:locked')).toEqual({ locked: true });
    const olga = await connect('olga');
    expect(await olga.send('room:join', { lessonId })).toMatchObject({ ok: false, error: { code: 'room_locked' } });
    await anna.request('room:lock', { locked: false });
    await olga.request('room:join', { lessonId });

    await anna.request('moderation:remove', { participantId: ids.ivan });
    expect(await ivan.next('room:removed')).toEqual({ reason: 'removed_by_teacher' });
    expect(await ivan.send('room:join', { lessonId })).toMatchObject({ ok: false, error: { code: 'removed_from_room' } });
    expect(await ivan.send('chat:send', { text: 'still here?' })).toMatchObject({ ok: false, error: { code: 'not_in_room' } });

    await anna.request('lesson:end', {});
    expect(await olga.next('room:ended')).toEqual({ reason: 'ended_by_teacher' });
    const lesson = await server.db.lesson.findUniqueOrThrow({ where: { id: lessonId }, include: { attendance: true } });
    expect(lesson.status).toBe('held');
    expect(lesson.heldAt).not.toBeNull();
    expect(lesson.attendance.map((a) => a.userId).sort()).toEqual([ids.anna, ids.ivan, ids.olga].sort());
    expect(lesson.attendance.every((a) => a.leftAt !== null)).toBe(true);
    expect(await olga.send('room:join', { lessonId })).toMatchObject({ ok: false, error: { code: 'room_closed' } });
  });

  it('ending the lesson in the room uses the students’ held credits in the same write, not at a later sweep', async () => {
    const lessonId = await lessonStartingIn(0, ['ivan']);
    // A teacher's own booking holds no credit; a student's booking would have held this one.
    await new CreditLedger(server.db, { now: () => new Date() }, SCHOOL_CREDIT_RULES).hold({ studentId: ids.ivan as string, lessonId });
    const entries = () => server.db.creditEntry.findMany({ where: { lessonId }, orderBy: { createdAt: 'asc' } });
    expect((await entries()).map((e) => [e.studentId, e.kind])).toEqual([[ids.ivan, 'hold']]);
    const [anna] = await seat(lessonId, 'anna', 'ivan');

    await anna.request('lesson:end', {});
    const lesson = await server.db.lesson.findUniqueOrThrow({ where: { id: lessonId }, include: { attendance: true } });
    expect(lesson.status).toBe('held');
    expect((await entries()).map((e) => [e.studentId, e.kind])).toEqual([
      [ids.ivan, 'hold'],
      [ids.ivan, 'consume'],
    ]);
    expect(lesson.attendance.every((a) => a.leftAt !== null)).toBe(true);
  });
});

describe('chat and hands', () => {
  it('delivers chat live, stores it with the lesson and replays it on join', async () => {
    const lessonId = await lessonStartingIn(0);
    const [anna, ivan] = await seat(lessonId, 'anna', 'ivan');
    const sent = await ivan.request('chat:send', { text: '  Good morning!  ' });
    expect(sent.text).toBe('Good morning!');
    expect(await anna.next('chat:message')).toMatchObject({ text: 'Good morning!', participantId: ids.ivan, name: 'Ivan Petrov' });

    await ivan.request('hand:set', { raised: true });
    expect(await anna.next('participant:updated', (p) => p.id === ids.ivan && p.handRaised)).toBeTruthy();

    const olga = await connect('olga');
    const join = await olga.request('room:join', { lessonId });
    expect(join.chat.map((m) => m.text)).toEqual(['Good morning!']);
    expect(await server.db.lessonChatMessage.count({ where: { lessonId } })).toBe(1);
  });
});

describe('presence', () => {
  it('keeps a dropped participant’s seat for the grace period, then lets them go', async () => {
    const lessonId = await lessonStartingIn(0);
    const [anna, ivan] = await seat(lessonId, 'anna', 'ivan');
    ivan.socket.io.engine.close();
    expect(await anna.next('participant:updated', (p) => p.id === ids.ivan && p.presence === 'reconnecting')).toBeTruthy();
    expect(await anna.next('participant:left', (e) => e.participantId === ids.ivan, 5000)).toBeTruthy();
  });
});

describe('reconnecting', () => {
  it('gives the seat back to a recovered connection with what was sent to it meanwhile', async () => {
    const lessonId = await lessonStartingIn(0);
    const [anna, ivan] = await seat(lessonId, 'anna', 'ivan');
    ivan.socket.io.engine.close();
    await anna.next('participant:updated', (p) => p.id === ids.ivan && p.presence === 'reconnecting');

    // Said to Ivan while he was away: it waits for him.
    await anna.request('moderation:ask-unmute', { participantId: ids.ivan });
    ivan.socket.connect();
    await anna.next('participant:updated', (p) => p.id === ids.ivan && p.presence === 'online');
    expect(ivan.socket.recovered).toBe(true);
    await ivan.next('moderation:unmute-requested');
    expect((await ivan.request('chat:send', { text: 'back' })).text).toBe('back');
  });
});

