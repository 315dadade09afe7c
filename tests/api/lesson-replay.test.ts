import { BOARD_RECORDS, momentsUntil, type LessonReplay } from '@panda/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { loginAs } from '../support/accounts.js';
import { TestBoardClient } from '../support/board.js';
import type { ApiClient } from '../support/http.js';
import { bookTestLesson } from '../support/lessons.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { TestSignalingClient } from '../support/signaling.js';

let server: TestServer;
const api: Record<string, ApiClient> = {};
const ids: Record<string, string> = {};
const clients: Array<TestBoardClient | TestSignalingClient> = [];

beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_DATA: 'true' } });
  for (const user of await server.db.user.findMany()) ids[user.email.split('@')[0] as string] = user.id;
  for (const name of ['anna', 'ivan', 'maria', 'methodist', 'admin']) api[name] = await loginAs(server, `${name}@example.com`);
});
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});
afterAll(() => server?.close());

const drawing = (id: string, x = 0) => ({ id, typeName: 'shape', type: 'draw', x, y: 0, props: {} });

/** The board's records as the replay shows them at `at`: every stored batch up to then, in order. */
function boardAt(replay: LessonReplay, at: number): Record<string, unknown> {
  const doc = new Y.Doc();
  for (const moment of momentsUntil(replay.board, at)) Y.applyUpdate(doc, Buffer.from(moment.update, 'base64'));
  return doc.getMap(BOARD_RECORDS).toJSON();
}

/** Resolves once the server has stored the board's changes so far (one more batch in its history). */
async function stored(lessonId: string, batchesBefore: number): Promise<number> {
  let batches = batchesBefore;
  await vi.waitFor(async () => {
    batches = await server.db.boardHistory.count({ where: { lessonId } });
    expect(batches).toBeGreaterThan(batchesBefore);
  });
  return batches;
}

describe('lesson replay', () => {
  it('gives the board, the chat and the materials on one timeline; the board at t is the board as it was at t', async () => {
    const lessonId = await bookTestLesson(server, api.anna!, { title: 'Replayed', studentIds: [ids.ivan as string] });
    const board = new TestBoardClient(server.localUrl, lessonId, api.anna!.accessToken as string);
    clients.push(board);
    await board.synced();
    // A new board's first pages are stored first.
    let batches = await stored(lessonId, 0);

    board.records.set('shape:first', drawing('shape:first'));
    batches = await stored(lessonId, batches);
    const first = { at: Date.now(), records: board.records.toJSON() };

    const ivan = await TestSignalingClient.connect(server.localUrl, 'ivan@example.com');
    clients.push(ivan);
    await ivan.request('room:join', { lessonId });
    await ivan.request('chat:send', { text: 'I see a line' });
    const material = await server.db.material.findFirstOrThrow({ where: { kind: 'text' } });
    expect((await api.anna!.post(`/api/lessons/${lessonId}/board-materials`, { materialId: material.id })).status).toBe(200);

    await new Promise((resolve) => setTimeout(resolve, 20));
    board.doc.transact(() => {
      board.records.delete('shape:first');
      board.records.set('shape:second', drawing('shape:second', 50));
    });
    await stored(lessonId, batches);
    const second = { at: Date.now(), records: board.records.toJSON() };

    const response = await api.ivan!.get(`/api/lessons/${lessonId}/replay`);
    expect(response.status).toBe(200);
    const replay = response.body as LessonReplay;
    expect(boardAt(replay, first.at)).toEqual(first.records);
    expect(boardAt(replay, second.at)).toEqual(second.records);
    expect(boardAt(replay, first.at)).toHaveProperty(['shape:first']);
    expect(boardAt(replay, second.at)).not.toHaveProperty(['shape:first']);

    expect(replay.chat).toEqual([expect.objectContaining({ text: 'I see a line', participantId: ids.ivan })]);
    const chatAt = Date.parse(replay.chat[0]!.sentAt);
    expect(chatAt).toBeGreaterThanOrEqual(first.at - 1000);
    expect(chatAt).toBeLessThanOrEqual(second.at);
    expect(replay.materials).toEqual([expect.objectContaining({ materialId: material.id, title: material.title, kind: 'text' })]);
  });

  it('is for the lesson’s teacher and students, methodists and admins; a stranger gets not_found', async () => {
    const lessonId = await bookTestLesson(server, api.anna!, { title: 'Private', studentIds: [ids.ivan as string] });
    for (const name of ['anna', 'ivan', 'methodist', 'admin']) {
      expect({ name, status: (await api[name]!.get(`/api/lessons/${lessonId}/replay`)).status }).toEqual({ name, status: 200 });
    }
    const stranger = await api.maria!.get(`/api/lessons/${lessonId}/replay`);
    expect(stranger.status).toBe(404);
    expect(stranger.body.code).toBe('not_found');
  });
});
