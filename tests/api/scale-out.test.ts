import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/http.js';
import { bookTestLesson } from '../support/lessons.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { TestSignalingClient } from '../support/signaling.js';

// Two processes of one school need a shared PostgreSQL and Redis: CI's second pass has both.
describe.runIf(process.env.TEST_DATABASE_URL && process.env.REDIS_URL)('two signaling processes', () => {
  let nodeA: TestServer;
  let nodeB: TestServer;
  const clients: TestSignalingClient[] = [];

  beforeAll(async () => {
    // What a deployment shares: database, Redis (and its prefix) and the secret key.
    const shared = { REDIS_KEY_PREFIX: `test:${randomUUID()}:`, SECRET_KEY: randomUUID() + randomUUID() };
    nodeA = await startTestServer({ env: { ...shared, DEMO_DATA: 'true', RTC_NODE_URL: 'http://node-a.test' } });
    nodeB = await startTestServer({ shareDatabaseWith: nodeA, env: { ...shared, RTC_NODE_URL: 'http://node-b.test' } });
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await nodeB?.close();
    await nodeA?.close();
  });

  async function connect(node: TestServer, email: string) {
    const client = await TestSignalingClient.connect(node.localUrl, email);
    clients.push(client);
    return client;
  }

  it('send everyone in a lesson to the process that hosts its room, until the room closes', async () => {
    const teacherApi = new ApiClient(nodeA.localUrl);
    teacherApi.accessToken = (await teacherApi.post('/api/auth/login', { email: 'anna@example.com', password: 'panda-demo' })).body.accessToken;
    const ivan = await nodeA.db.user.findUniqueOrThrow({ where: { email: 'ivan@example.com' } });
    const lessonId = await bookTestLesson(nodeA, teacherApi, { durationMinutes: 45, studentIds: [ivan.id] });

    const anna = await connect(nodeA, 'anna@example.com');
    await anna.request('room:join', { lessonId });

    const ivanOnB = await connect(nodeB, 'ivan@example.com');
    const refused = await ivanOnB.send('room:join', { lessonId });
    expect(refused).toEqual({
      ok: false,
      error: { code: 'room_elsewhere', message: expect.any(String), nodeUrl: 'http://node-a.test' },
    });

    const ivanOnA = await connect(nodeA, 'ivan@example.com');
    expect((await ivanOnA.send('room:join', { lessonId })).ok).toBe(true);

    await ivanOnA.request('room:leave', {});
    await anna.request('room:leave', {});
    // The room closed on A and gave up its claim: B may host it now.
    await expect.poll(async () => (await ivanOnB.send('room:join', { lessonId })).ok).toBe(true);
  });
});
