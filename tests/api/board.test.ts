import { randomUUID } from 'node:crypto';
import { BOARD_PLAYBACK, BOARD_SEED_RECORDS, BoardCloseCode } from '@panda/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { TestBoardClient } from '../support/board.js';
import { TestSignalingClient } from '../support/signaling.js';
import { ApiClient } from '../support/http.js';
import { bookTestLesson } from '../support/lessons.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
const clients: TestBoardClient[] = [];

const page = { id: 'page:plan', typeName: 'page', name: 'Lesson 10', index: 'a1', meta: {} };
const video = { id: 'shape:video', typeName: 'shape', type: 'material-media', x: 0, y: 0, props: { title: 'Clip' } };
const drawing = (id: string, x = 0) => ({ id, typeName: 'shape', type: 'draw', x, y: 0, props: {} });

async function login(url: string, name: string): Promise<string> {
  const response = await new ApiClient(url).post('/api/auth/login', { email: `${name}@example.com`, password: 'panda-demo' });
  return response.body.accessToken as string;
}

beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_DATA: 'true', BOARD_UNLOAD_AFTER_SECONDS: '0.3' } });
  for (const user of await server.db.user.findMany()) ids[user.email.split('@')[0] as string] = user.id;
  for (const name of ['anna', 'ivan', 'olga', 'li', 'admin']) tokens[name] = await login(server.localUrl, name);
});
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});
afterAll(() => server?.close());

function lesson(studentNames = ['ivan'], startsInMinutes = 0): Promise<string> {
  const teacher = new ApiClient(server.localUrl);
  teacher.accessToken = tokens.anna;
  return bookTestLesson(server, teacher, { startsInMinutes, studentIds: studentNames.map((name) => ids[name] as string) });
}

function open(lessonId: string, name: string, target: TestServer = server): TestBoardClient {
  const client = new TestBoardClient(target.localUrl, lessonId, tokens[name] as string);
  clients.push(client);
  return client;
}

async function metric(name: string, target: TestServer = server): Promise<number> {
  const text = await (await fetch(`${target.localUrl}/metrics`)).text();
  return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
}

describe('the lesson board', () => {
  it('syncs what the teacher and a student draw, with each other’s cursors', async () => {
    const lessonId = await lesson();
    const anna = open(lessonId, 'anna');
    const ivan = open(lessonId, 'ivan');
    await Promise.all([anna.synced(), ivan.synced()]);
    anna.records.set(page.id, page);
    ivan.records.set('shape:ivan', drawing('shape:ivan'));
    await vi.waitFor(() => {
      expect(ivan.records.get(page.id)).toEqual(page);
      expect(anna.records.get('shape:ivan')).toEqual(drawing('shape:ivan'));
    });
    anna.provider.awareness.setLocalStateField('user', { name: 'Anna' });
    await vi.waitFor(() => expect([...ivan.provider.awareness.getStates().values()]).toContainEqual({ user: { name: 'Anna' } }));
  });

  it('refuses a student changing or removing what the teacher showed, and the players', async () => {
    const lessonId = await lesson();
    const anna = open(lessonId, 'anna');
    const ivan = open(lessonId, 'ivan');
    await Promise.all([anna.synced(), ivan.synced()]);
    anna.records.set(video.id, video);
    anna.doc.getMap(BOARD_PLAYBACK).set(video.id, { playing: false, position: 0, at: 1 });
    await vi.waitFor(() => expect(ivan.records.get(video.id)).toEqual(video));

    ivan.records.delete(video.id);
    await vi.waitFor(() => expect(ivan.refusals).toHaveLength(1));
    ivan.doc.getMap(BOARD_PLAYBACK).set(video.id, { playing: true, position: 5, at: 2 });
    await vi.waitFor(() => expect(ivan.refusals.length).toBeGreaterThanOrEqual(2));

    // A fresh look at the board (as the UI does after a refusal) still has the video, unchanged.
    const again = open(lessonId, 'ivan');
    await again.synced();
    expect(again.records.get(video.id)).toEqual(video);
    expect(again.doc.getMap(BOARD_PLAYBACK).get(video.id)).toEqual({ playing: false, position: 0, at: 1 });
    expect(anna.records.get(video.id)).toEqual(video);
    expect(await metric('panda_board_refused_updates_total')).toBeGreaterThanOrEqual(2);
  });

  it('lets a student only read the board outside the lesson’s time, and admins always', async () => {
    const lessonId = await lesson(['ivan'], 24 * 60);
    const ivan = open(lessonId, 'ivan');
    await ivan.synced();
    ivan.records.set('shape:early', drawing('shape:early'));
    await vi.waitFor(() => expect(ivan.refusals).toContain('this board is read-only for you'));
    const admin = open(lessonId, 'admin');
    await admin.synced();
    expect(admin.records.has('shape:early')).toBe(false);
  });

  it('closes the connection of a stranger (4403), a bad token (4401) and an unknown lesson (4404)', async () => {
    const lessonId = await lesson();
    expect((await open(lessonId, 'olga').closed).code).toBe(BoardCloseCode.forbidden);
    expect((await open(lessonId, 'li').closed).code).toBe(BoardCloseCode.forbidden);
    const forged = new TestBoardClient(server.localUrl, lessonId, `${tokens.ivan}x`);
    clients.push(forged);
    expect((await forged.closed).code).toBe(BoardCloseCode.unauthorized);
    expect((await open(randomUUID(), 'anna').closed).code).toBe(BoardCloseCode.notFound);
    expect((await open('not-a-lesson', 'anna').closed).code).toBe(BoardCloseCode.unauthorized);
  });

  it('stores the board: unloaded when nobody has it open, identical when opened again', async () => {
    const lessonId = await lesson();
    const anna = open(lessonId, 'anna');
    await anna.synced();
    anna.doc.transact(() => {
      anna.records.set(page.id, page);
      for (let i = 0; i < 50; i++) anna.records.set(`shape:${i}`, drawing(`shape:${i}`, i));
    });
    for (let i = 0; i < 50; i += 2) anna.records.delete(`shape:${i}`);
    const expected = anna.records.toJSON();
    await vi.waitFor(async () => expect(await server.db.boardUpdate.count({ where: { lessonId } })).toBeGreaterThan(0));
    anna.close();
    clients.splice(clients.indexOf(anna), 1);
    await vi.waitFor(async () => expect(await server.db.boardDocument.count({ where: { lessonId } })).toBe(1));
    await vi.waitFor(async () => expect(await metric('panda_board_documents')).toBe(0));
    expect(await server.db.boardUpdate.count({ where: { lessonId } })).toBe(0);

    const later = open(lessonId, 'ivan');
    await later.synced();
    expect(later.records.toJSON()).toEqual(expected);
  });

  it('comes back identical after a server restart in the middle of a lesson; clients reconnect and resync', async () => {
    const lessonId = await lesson();
    const env = { SECRET_KEY: randomUUID() + randomUUID() };
    const first = await startTestServer({ shareDatabaseWith: server, env });
    const anna = new TestBoardClient(first.localUrl, lessonId, await login(first.localUrl, 'anna'));
    const ivan = new TestBoardClient(first.localUrl, lessonId, await login(first.localUrl, 'ivan'));
    clients.push(anna, ivan);
    await Promise.all([anna.synced(), ivan.synced()]);
    for (let i = 0; i < 20; i++) anna.records.set(`shape:${i}`, drawing(`shape:${i}`, i));
    await vi.waitFor(() => expect(ivan.records.size).toBe(20 + BOARD_SEED_RECORDS.length));
    await first.close();
    // Drawn while the server is away: arrives when the connection comes back.
    ivan.records.set('shape:offline', drawing('shape:offline'));

    const second = await startTestServer({ shareDatabaseWith: server, env: { ...env, PORT: String(first.port) } });
    try {
      await vi.waitFor(() => expect(anna.records.has('shape:offline')).toBe(true), { timeout: 10_000 });
      const fresh = new TestBoardClient(second.localUrl, lessonId, await login(second.localUrl, 'anna'));
      clients.push(fresh);
      await fresh.synced();
      expect(fresh.records.toJSON()).toEqual(ivan.records.toJSON());
      expect(fresh.records.size).toBe(21 + BOARD_SEED_RECORDS.length);
    } finally {
      await second.close();
    }
  });

  it('scores a student’s answers to a shown test, tells the teacher, and refuses everyone else', async () => {
    const lessonId = await lesson(['ivan', 'olga']);
    const teacherApi = new ApiClient(server.localUrl);
    teacherApi.accessToken = tokens.anna;
    const created = await teacherApi.post('/api/materials', {
      kind: 'test',
      title: 'Quiz',
      language: 'en',
      content: {
        items: [
          { id: 'q1', type: 'choice', prompt: 'Pick b', options: [{ id: 'a', text: 'a' }, { id: 'b', text: 'b' }], correct: ['b'] },
          { id: 'q2', type: 'short_answer', prompt: 'Say yes', accepted: ['yes'] },
        ],
      },
    });
    expect(created.status).toBe(201);
    const materialId = created.body.id as string;
    const [anna, ivan, olga] = await Promise.all(['anna', 'ivan', 'olga'].map((name) => TestSignalingClient.connect(server.localUrl, `${name}@example.com`)));
    try {
      for (const client of [anna, ivan, olga]) await client!.request('room:join', { lessonId });
      // Not shown in this lesson yet: no such test here.
      expect(await ivan!.send('board:test-answer', { materialId, answers: {} })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect((await teacherApi.post(`/api/lessons/${lessonId}/board-materials`, { materialId })).status).toBe(200);

      const feedback = await ivan!.request('board:test-answer', { materialId, answers: { q1: ['b'], q2: 'no' } });
      expect(feedback).toEqual({
        score: 1,
        maxScore: 2,
        items: [
          { itemId: 'q1', status: 'correct', score: 1, maxScore: 1 },
          { itemId: 'q2', status: 'wrong', score: 0, maxScore: 1 },
        ],
      });
      const live = await anna!.next('board:test-result');
      expect(live).toMatchObject({ studentId: ids.ivan, materialId, answers: { q1: ['b'], q2: 'no' }, result: { score: 1, maxScore: 2 } });
      expect(olga!.received.some((entry) => entry.event === 'board:test-result')).toBe(false);

      // A second try replaces the first; the teacher can read everyone's latest answers.
      await ivan!.request('board:test-answer', { materialId, answers: { q1: ['b'], q2: 'Yes' } });
      const { attempts } = await anna!.request('board:test-results', { materialId });
      expect(attempts.map((a) => [a.studentId, a.result.score])).toEqual([[ids.ivan, 2]]);
      expect(await server.db.lessonTestAttempt.count({ where: { lessonId, materialId } })).toBe(1);

      expect(await anna!.send('board:test-answer', { materialId, answers: {} })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await olga!.send('board:test-results', { materialId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await olga!.send('board:test-answer', { materialId, answers: { q1: 'not-a-list-of-options'.repeat(1000) } })).toMatchObject({
        ok: false,
        error: { code: 'validation_failed' },
      });
    } finally {
      for (const client of [anna, ivan, olga]) client?.close();
    }
  });

  it.runIf(process.env.REDIS_URL)('syncs one board across two processes through Redis', async () => {
    const shared = { REDIS_KEY_PREFIX: `test:${randomUUID()}:`, DEMO_DATA: 'true' };
    const nodeA = await startTestServer({ env: shared });
    const nodeB = await startTestServer({ env: shared, shareDatabaseWith: nodeA });
    try {
      const teacher = new ApiClient(nodeA.localUrl);
      teacher.accessToken = await login(nodeA.localUrl, 'anna');
      const ivanId = (await nodeA.db.user.findUniqueOrThrow({ where: { email: 'ivan@example.com' } })).id;
      const lessonId = await bookTestLesson(nodeA, teacher, { studentIds: [ivanId] });
      const anna = new TestBoardClient(nodeA.localUrl, lessonId, teacher.accessToken);
      clients.push(anna);
      await anna.synced();
      anna.records.set(page.id, page);
      const ivan = new TestBoardClient(nodeB.localUrl, lessonId, await login(nodeB.localUrl, 'ivan'));
      clients.push(ivan);
      await ivan.synced();
      await vi.waitFor(() => expect(ivan.records.get(page.id)).toEqual(page));
      ivan.records.set('shape:far', drawing('shape:far'));
      await vi.waitFor(() => expect(anna.records.get('shape:far')).toEqual(drawing('shape:far')));
      anna.provider.awareness.setLocalStateField('user', { name: 'Anna' });
      await vi.waitFor(() => expect([...ivan.provider.awareness.getStates().values()]).toContainEqual({ user: { name: 'Anna' } }));
      expect(ivan.records.toJSON()).toEqual(anna.records.toJSON());
    } finally {
      await nodeB.close();
      await nodeA.close();
    }
  });
});
