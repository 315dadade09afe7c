import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs } from '../support/accounts.js';
import type { ApiClient } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { bookLesson, FILE_SAMPLES, MATERIAL_BODIES, upload } from './library-fixtures.js';

let server: TestServer;
let anna: ApiClient;
let ivan: ApiClient;
let olga: ApiClient;
let lessonId: string;
let audioId: string;

beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_DATA: 'true' } });
  anna = await loginAs(server, 'anna@example.com');
  ivan = await loginAs(server, 'ivan@example.com');
  olga = await loginAs(server, 'olga@example.com');
  // Ivan hears "kettle" in a lesson: the vocabulary with its recording is shown on the board.
  audioId = (await upload(anna, server, FILE_SAMPLES.mp3, 'audio/mpeg', 'kettle.mp3')).body.id;
  const words = await anna.post('/api/materials', {
    ...MATERIAL_BODIES.vocabulary,
    content: { entries: [{ word: 'kettle', transcription: '/ˈket.əl/', translation: 'чайник', audioFileId: audioId }] },
  });
  lessonId = await bookLesson(server, 'anna@example.com', ['ivan@example.com']);
  await anna.post(`/api/lessons/${lessonId}/board-materials`, { materialId: words.body.id });
});
afterAll(() => server?.close());

const kettle = () => ({ language: 'en', word: 'kettle', transcription: '/ˈket.əl/', translation: 'чайник', example: 'Put the kettle on.' });

describe('my dictionary', () => {
  it('adds a word once: the second click gives back the same entry', async () => {
    const first = await ivan.post('/api/me/dictionary', { ...kettle(), audioFileId: audioId, lessonId, tags: ['kitchen'] });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ ...kettle(), audioFileId: audioId, lessonId, tags: ['kitchen'] });
    const again = await ivan.post('/api/me/dictionary', { ...kettle(), word: '  kettle ' });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const [racing, raced] = await Promise.all([
      ivan.post('/api/me/dictionary', { language: 'en', word: 'spoon', translation: 'ложка' }),
      ivan.post('/api/me/dictionary', { language: 'en', word: 'spoon', translation: 'ложка' }),
    ]);
    expect([racing.status, raced.status].sort()).toEqual([200, 201]);
    expect(racing.body.id).toBe(raced.body.id);
    // Another meaning is another entry.
    expect((await ivan.post('/api/me/dictionary', { language: 'en', word: 'kettle', translation: 'котёл' })).status).toBe(201);
    expect(await server.db.dictionaryEntry.count({ where: { word: 'kettle' } })).toBe(2);
  });

  it('lets me hear my word’s recording for good', async () => {
    expect((await ivan.post(`/api/files/${audioId}/link`)).status).toBe(200);
    // Someone else's dictionary does not count.
    expect((await olga.post(`/api/files/${audioId}/link`)).status).toBe(404);
  });

  it('lists my words newest first, by text or by lesson', async () => {
    const all = await ivan.get('/api/me/dictionary');
    expect(all.body.items.map((entry: { translation: string }) => entry.translation)).toEqual(['котёл', 'ложка', 'чайник']);
    const byText = await ivan.get(`/api/me/dictionary?q=${encodeURIComponent('KETTLE')}`);
    expect(byText.body.items).toHaveLength(2);
    expect((await ivan.get(`/api/me/dictionary?q=${encodeURIComponent('ложк')}`)).body.items.map((e: { word: string }) => e.word)).toEqual(['spoon']);
    expect((await ivan.get(`/api/me/dictionary?lessonId=${lessonId}`)).body.items.map((e: { word: string }) => e.word)).toEqual(['kettle']);
    const paged = await ivan.get('/api/me/dictionary?limit=2');
    expect(paged.body.items).toHaveLength(2);
    const rest = await ivan.get(`/api/me/dictionary?limit=2&cursor=${paged.body.nextCursor}`);
    expect(rest.body).toMatchObject({ items: [{ translation: 'чайник' }], nextCursor: null });
    expect((await olga.get('/api/me/dictionary')).body.items).toEqual([]);
  });

  it('takes a lesson and a recording only from my own lessons', async () => {
    const othersLesson = await bookLesson(server, 'anna@example.com', ['olga@example.com']);
    const lesson = await ivan.post('/api/me/dictionary', { language: 'en', word: 'cup', translation: 'чашка', lessonId: othersLesson });
    expect(lesson.body.errors).toEqual([{ path: 'body.lessonId', message: 'no such lesson of yours' }]);
    const recording = await olga.post('/api/me/dictionary', { language: 'en', word: 'cup', translation: 'чашка', audioFileId: audioId });
    expect(recording.body.errors).toEqual([{ path: 'body.audioFileId', message: 'no such recording' }]);
  });

  it('removes my words, and only mine', async () => {
    const entry = (await ivan.get('/api/me/dictionary?q=spoon')).body.items[0];
    expect((await olga.request('DELETE', `/api/me/dictionary/${entry.id}`)).status).toBe(404);
    expect((await ivan.request('DELETE', `/api/me/dictionary/${entry.id}`)).status).toBe(204);
    expect((await ivan.request('DELETE', `/api/me/dictionary/${entry.id}`)).status).toBe(404);
  });

  it('is for students', async () => {
    expect((await anna.get('/api/me/dictionary')).status).toBe(403);
    expect((await anna.post('/api/me/dictionary', kettle())).status).toBe(403);
  });
});
