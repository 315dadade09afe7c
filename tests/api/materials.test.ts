import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs } from '../support/accounts.js';
import type { ApiClient } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { bookLesson, MATERIAL_BODIES } from './library-fixtures.js';

let server: TestServer;
let anna: ApiClient;
let li: ApiClient;
let methodist: ApiClient;
let ivan: ApiClient;

beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_DATA: 'true' } });
  anna = await loginAs(server, 'anna@example.com');
  li = await loginAs(server, 'li@example.com');
  methodist = await loginAs(server, 'methodist@example.com');
  ivan = await loginAs(server, 'ivan@example.com');
});
afterAll(() => server?.close());

const ids = (list: { items: Array<{ id: string }> }) => list.items.map((item) => item.id);

describe('the library', () => {
  const created: Record<string, any> = {};

  it('creates a material of every kind and gives it back whole, test answers included', async () => {
    for (const [kind, body] of Object.entries(MATERIAL_BODIES)) {
      const response = await anna.post('/api/materials', body);
      expect({ kind, status: response.status }).toEqual({ kind, status: 201 });
      expect(response.body).toMatchObject({ kind, title: body.title, shared: false, archived: false, owner: { name: 'Anna Smirnova' } });
      created[kind] = response.body;
    }
    expect(created.text.level).toBe('A2');
    expect(created.test.content.items[0]).toMatchObject({ correct: ['b'], points: 1, multiple: false });
    const read = await anna.get(`/api/materials/${created.test.id}`);
    expect(read.status).toBe(200);
    expect(read.body.content.items[1].gaps[0].accepted).toEqual(['seen']);
  });

  it('answers "English for beginners, lesson 10: what materials exist" with filters', async () => {
    const lesson10 = await anna.get('/api/materials?language=en&course=english%20for%20beginners&lessonNumber=10');
    expect(lesson10.status).toBe(200);
    expect(ids(lesson10.body).sort()).toEqual([created.text.id, created.test.id].sort());
    expect(lesson10.body.items[0]).not.toHaveProperty('content');
    const tests = await anna.get('/api/materials?course=English%20for%20Beginners&kind=test');
    expect(ids(tests.body)).toEqual([created.test.id]);
    const a2 = await anna.get('/api/materials?level=a2&course=English%20for%20Beginners');
    expect(ids(a2.body).sort()).toEqual([created.text.id, created.test.id].sort());
  });

  it('searches titles, tags and the words of the content, in any case', async () => {
    const search = async (q: string) => ids((await anna.get(`/api/materials?mine=true&q=${encodeURIComponent(q)}`)).body);
    expect(await search('GONE')).toEqual(expect.arrayContaining([created.text.id, created.test.id]));
    expect(await search('Completely VERBS')).toEqual([created.text.id]);
    expect(await search('чайник')).toEqual([created.vocabulary.id]);
    expect(await search('grammar')).toEqual(expect.arrayContaining([created.text.id, created.link.id]));
    expect(await search('handy tables')).toEqual([created.link.id]);
    expect(await search('nothing like this')).toEqual([]);
  });

  it('pages newest first with a cursor', async () => {
    const first = await anna.get('/api/materials?mine=true&limit=2');
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toBe(first.body.items[1].id);
    const second = await anna.get(`/api/materials?mine=true&limit=2&cursor=${first.body.nextCursor}`);
    expect(ids(second.body)).not.toContain(first.body.items[0].id);
    expect(second.body.items[0].createdAt <= first.body.items[1].createdAt).toBe(true);
  });

  it('refuses a level that is not one of the language’s, naming the field', async () => {
    const wrong = await anna.post('/api/materials', { ...MATERIAL_BODIES.link, language: 'zh', level: 'B2' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual([{ path: 'body.level', message: expect.stringContaining('HSK1') }]);
    const query = await anna.get('/api/materials?language=en&level=HSK3');
    expect(query.body.errors[0].path).toBe('query.level');
  });

  it('updates details and content, checking the content against the kind', async () => {
    const updated = await anna.patch(`/api/materials/${created.test.id}`, {
      title: 'Verbs quiz (v2)',
      topic: 'Irregular verbs',
      content: { items: [{ type: 'short_answer', id: 'only', prompt: 'Past of eat?', accepted: ['ate'] }] },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ title: 'Verbs quiz (v2)', topic: 'Irregular verbs', content: { items: [{ id: 'only' }] } });
    expect(ids((await anna.get('/api/materials?mine=true&q=eat')).body)).toContain(created.test.id);

    const badContent = await anna.patch(`/api/materials/${created.test.id}`, { content: { items: [{ type: 'choice', id: 'x', prompt: 'p', options: [], correct: [] }] } });
    expect(badContent.status).toBe(400);
    expect(badContent.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['body.content.items.0.options']));
    const wrongKind = await anna.patch(`/api/materials/${created.link.id}`, { content: { entries: [{ word: 'a', translation: 'b' }] } });
    expect(wrongKind.body.errors[0].path).toBe('body.content.url');
    const badLevel = await anna.patch(`/api/materials/${created.text.id}`, { language: 'zh' });
    expect(badLevel.body.errors).toEqual([{ path: 'body.language', message: expect.stringContaining('HSK') }]);
    const cleared = await anna.patch(`/api/materials/${created.text.id}`, { language: 'zh', level: null, course: null });
    expect(cleared.body).toMatchObject({ language: 'zh', level: null, course: null });
    expect((await anna.patch(`/api/materials/${created.text.id}`, {})).status).toBe(400);
  });

  it('keeps materials private to their owner until a methodist shares them', async () => {
    const hidden = created.audio.id;
    expect((await li.get(`/api/materials/${hidden}`)).status).toBe(404);
    expect((await li.patch(`/api/materials/${hidden}`, { title: 'Mine now' })).status).toBe(404);
    expect((await li.request('DELETE', `/api/materials/${hidden}`)).status).toBe(404);
    expect(ids((await li.get('/api/materials?q=airport')).body)).not.toContain(hidden);

    const selfShare = await anna.patch(`/api/materials/${hidden}`, { shared: true });
    expect(selfShare.status).toBe(403);
    expect((await anna.post('/api/materials', { ...MATERIAL_BODIES.link, shared: true })).status).toBe(403);

    expect((await methodist.get(`/api/materials/${hidden}`)).status).toBe(200);
    const shared = await methodist.patch(`/api/materials/${hidden}`, { shared: true });
    expect(shared.body.shared).toBe(true);
    expect((await li.get(`/api/materials/${hidden}`)).status).toBe(200);
    expect(ids((await li.get('/api/materials?q=airport')).body)).toContain(hidden);
    // Seeing is not owning.
    expect((await li.patch(`/api/materials/${hidden}`, { title: 'Mine now' })).status).toBe(403);
  });

  it('is not for students', async () => {
    expect((await ivan.get('/api/materials')).status).toBe(403);
    expect((await ivan.get(`/api/materials/${created.text.id}`)).status).toBe(403);
    expect((await ivan.post('/api/materials', MATERIAL_BODIES.link)).status).toBe(403);
  });

  it('deletes an unused material, and archives one a plan or a lesson uses', async () => {
    const unused = await anna.request('DELETE', `/api/materials/${created.video.id}`);
    expect(unused.body).toEqual({ outcome: 'deleted' });
    expect((await anna.get(`/api/materials/${created.video.id}`)).status).toBe(404);

    const plan = await anna.post('/api/plans', { title: 'Uses the vocabulary', language: 'en', materialIds: [created.vocabulary.id] });
    expect(plan.status).toBe(201);
    const lessonId = await bookLesson(server, 'anna@example.com', ['ivan@example.com']);
    expect((await anna.post(`/api/lessons/${lessonId}/board-materials`, { materialId: created.link.id })).status).toBe(200);

    for (const id of [created.vocabulary.id, created.link.id]) {
      expect((await anna.request('DELETE', `/api/materials/${id}`)).body).toEqual({ outcome: 'archived' });
      expect(await server.db.material.count({ where: { id } })).toBe(1);
    }
    const active = ids((await anna.get('/api/materials?mine=true')).body);
    expect(active).not.toContain(created.vocabulary.id);
    const archived = await anna.get('/api/materials?mine=true&archived=true');
    expect(ids(archived.body).sort()).toEqual([created.vocabulary.id, created.link.id].sort());
    expect(archived.body.items[0].archived).toBe(true);
    // The plan still lists it, and it can come back.
    expect((await anna.get(`/api/plans/${plan.body.id}`)).body.materials[0]).toMatchObject({ id: created.vocabulary.id, archived: true });
    expect((await anna.patch(`/api/materials/${created.vocabulary.id}`, { archived: false })).body.archived).toBe(false);
  });
});
