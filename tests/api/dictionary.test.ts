import { randomUUID } from 'node:crypto';
import { createEmptyCard, fsrs, Rating, type Card } from 'ts-fsrs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, newUser } from '../support/accounts.js';
import { TestClock } from '../support/clock.js';
import type { ApiClient } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { bookLesson, FILE_SAMPLES, MATERIAL_BODIES, upload } from './library-fixtures.js';

// 15:00 UTC: 23:00 in Shanghai, already 01:00 the next day in Brisbane.
const clock = new TestClock(new Date('2027-02-10T15:00:00Z'));
const HOUR = 3_600_000;
// What the school promises: whole-day FSRS scheduling (no same-day steps), no fuzz.
const reference = fsrs({ enable_short_term: false, enable_fuzz: false });
let server: TestServer;
let anna: ApiClient;
let ivan: ApiClient;
let olga: ApiClient;
let lessonId: string;
let audioId: string;
/** The translations of the demo school's words in Ivan's dictionary, newest first: older than any added here. */
let demoWords: string[];

beforeAll(async () => {
  server = await startTestServer({ clock, env: { DEMO_DATA: 'true' } });
  anna = await loginAs(server, 'anna@example.com');
  ivan = await loginAs(server, 'ivan@example.com');
  olga = await loginAs(server, 'olga@example.com');
  demoWords = (await ivan.get('/api/me/dictionary?limit=100')).body.items.map((entry: { translation: string }) => entry.translation);
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
    expect(all.body.items.map((entry: { translation: string }) => entry.translation)).toEqual(['котёл', 'ложка', 'чайник', ...demoWords]);
    const byText = await ivan.get(`/api/me/dictionary?q=${encodeURIComponent('KETTLE')}`);
    expect(byText.body.items).toHaveLength(2);
    expect((await ivan.get(`/api/me/dictionary?q=${encodeURIComponent('ложк')}`)).body.items.map((e: { word: string }) => e.word)).toEqual(['spoon']);
    expect((await ivan.get(`/api/me/dictionary?lessonId=${lessonId}`)).body.items.map((e: { word: string }) => e.word)).toEqual(['kettle']);
    const paged = await ivan.get('/api/me/dictionary?limit=2');
    expect(paged.body.items).toHaveLength(2);
    const rest = await ivan.get(`/api/me/dictionary?limit=2&cursor=${paged.body.nextCursor}`);
    expect(rest.body.items.map((entry: { translation: string }) => entry.translation)).toEqual(['чайник', ...demoWords.slice(0, 1)]);
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

type Entry = { id: string; schedule: { due: string; reps: number; state: string } };

/** The card ts-fsrs would hold for an entry, from what the API tells about it and the review log. */
async function cardOf(entryId: string): Promise<Card> {
  const e = await server.db.dictionaryEntry.findUniqueOrThrow({ where: { id: entryId } });
  const states = { new: 0, learning: 1, review: 2, relearning: 3 } as const;
  return {
    due: e.due,
    stability: e.stability,
    difficulty: e.difficulty,
    elapsed_days: e.elapsedDays,
    scheduled_days: e.scheduledDays,
    learning_steps: e.learningSteps,
    reps: e.reps,
    lapses: e.lapses,
    state: states[e.state],
    ...(e.lastReview ? { last_review: e.lastReview } : {}),
  };
}

const dueWords = async (client: ApiClient) => {
  const due = await client.get('/api/me/dictionary/due');
  expect(due.status).toBe(200);
  return { total: due.body.total as number, words: due.body.items.map((e: { word: string }) => e.word) as string[], dayEndsAt: due.body.dayEndsAt as string };
};

describe('words from the teacher', () => {
  it('lets a teacher add to their own students’ dictionaries only, in a language they teach them', async () => {
    const ivanId = (await ivan.get('/api/me')).body.id;
    const mariaId = (await (await loginAs(server, 'maria@example.com')).get('/api/me')).body.id;
    const word = { language: 'en', word: 'colander', translation: 'дуршлаг', lessonId, audioFileId: audioId, tags: ['kitchen'] };
    const added = await anna.post(`/api/students/${ivanId}/dictionary`, word);
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ word: 'colander', lessonId, addedBy: { name: expect.any(String) }, schedule: { state: 'new' } });
    expect((await ivan.get('/api/me/dictionary?q=colander')).body.items.map((e: { id: string }) => e.id)).toEqual([added.body.id]);
    expect((await anna.post(`/api/students/${ivanId}/dictionary`, word)).status).toBe(200);

    const before = await server.db.dictionaryEntry.count();
    expect((await anna.post(`/api/students/${mariaId}/dictionary`, { ...word, lessonId: undefined })).status).toBe(404);
    const li = await loginAs(server, 'li@example.com');
    expect((await li.post(`/api/students/${ivanId}/dictionary`, { ...word, language: 'zh', lessonId: undefined, audioFileId: undefined })).status).toBe(404);
    const otherLanguage = await anna.post(`/api/students/${ivanId}/dictionary`, { ...word, language: 'zh' });
    expect(otherLanguage.body.errors).toEqual([{ path: 'body.language', message: 'you do not teach this student this language' }]);
    const othersLesson = await li.post(`/api/students/${(await olga.get('/api/me')).body.id}/dictionary`, { language: 'zh', word: '锅', translation: 'кастрюля', lessonId });
    expect(othersLesson.body.errors).toEqual([{ path: 'body.lessonId', message: 'no such lesson of yours' }]);
    expect((await ivan.post(`/api/students/${ivanId}/dictionary`, word)).status).toBe(403);
    expect(await server.db.dictionaryEntry.count()).toBe(before);
  });
});

describe('editing, tags and recordings', () => {
  it('changes a word’s details, filters by tag and takes my own recording', async () => {
    const { client } = await newUser(server);
    const entry = (await client.post('/api/me/dictionary', { language: 'en', word: 'grater', translation: 'тёрка', tags: ['kitchen'] })).body as Entry;
    const recording = await upload(client, server, FILE_SAMPLES.mp3, 'audio/mpeg', 'grater.webm');
    expect(recording.status).toBe(201);
    const edited = await client.request('PATCH', `/api/me/dictionary/${entry.id}`, { example: 'Where is the grater?', audioFileId: recording.body.id, tags: ['kitchen', 'tools'] });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ example: 'Where is the grater?', audioFileId: recording.body.id, tags: ['kitchen', 'tools'] });
    expect((await client.request('PATCH', `/api/me/dictionary/${entry.id}`, { example: null })).body.example).toBeNull();
    await client.post('/api/me/dictionary', { language: 'en', word: 'hammer', translation: 'молоток', tags: ['tools'] });
    expect((await client.get('/api/me/dictionary/tags')).body.items).toEqual(['kitchen', 'tools']);
    expect((await client.get('/api/me/dictionary/tags?language=zh')).body.items).toEqual([]);
    expect((await client.get('/api/me/dictionary?tag=kitchen')).body.items.map((e: { word: string }) => e.word)).toEqual(['grater']);
    expect((await client.get('/api/me/dictionary?tag=tools')).body.items).toHaveLength(2);
    // Someone else's word cannot be changed, nor can I take their recording.
    expect((await olga.request('PATCH', `/api/me/dictionary/${entry.id}`, { tags: [] })).status).toBe(404);
    const mine = (await olga.post('/api/me/dictionary', { language: 'en', word: 'sieve', translation: 'сито' })).body as Entry;
    const taken = await olga.request('PATCH', `/api/me/dictionary/${mine.id}`, { audioFileId: recording.body.id });
    expect(taken.body.errors).toEqual([{ path: 'body.audioFileId', message: 'no such recording' }]);
  });
});

describe('bad input', () => {
  it('answers 400 naming the field, and changes nothing', async () => {
    const entry = (await ivan.get('/api/me/dictionary')).body.items[0] as Entry;
    const ivanId = (await ivan.get('/api/me')).body.id;
    const snapshot = async () => ({
      entries: await server.db.dictionaryEntry.findMany({ orderBy: { id: 'asc' } }),
      reviews: await server.db.dictionaryReview.count(),
    });
    const before = await snapshot();
    const cases: Array<[ApiClient, string, string, unknown, string]> = [
      [ivan, 'POST', '/api/me/dictionary', { language: 'fr', word: 'chat', translation: 'кот' }, 'body.language'],
      [ivan, 'POST', '/api/me/dictionary', { language: 'en', word: '   ', translation: 'кот' }, 'body.word'],
      [ivan, 'POST', '/api/me/dictionary', { language: 'en', word: 'cat', translation: 'кот', lessonId: 'x' }, 'body.lessonId'],
      [anna, 'POST', `/api/students/${ivanId}/dictionary`, { language: 'en', word: 'cat' }, 'body.translation'],
      [anna, 'POST', '/api/students/nope/dictionary', { language: 'en', word: 'cat', translation: 'кот' }, 'params.id'],
      [ivan, 'GET', '/api/me/dictionary?limit=0', undefined, 'query.limit'],
      [ivan, 'GET', '/api/me/dictionary?tag=', undefined, 'query.tag'],
      [ivan, 'GET', '/api/me/dictionary/due?limit=many', undefined, 'query.limit'],
      [ivan, 'GET', '/api/me/dictionary/tags?language=fr', undefined, 'query.language'],
      [ivan, 'PATCH', `/api/me/dictionary/${entry.id}`, { translation: '' }, 'body.translation'],
      [ivan, 'PATCH', `/api/me/dictionary/${entry.id}`, { tags: 'food' }, 'body.tags'],
      [ivan, 'PATCH', '/api/me/dictionary/nope', { tags: [] }, 'params.id'],
      [ivan, 'POST', `/api/me/dictionary/${entry.id}/reviews`, { source: 'review', grade: 'great' }, 'body.grade'],
      [ivan, 'POST', `/api/me/dictionary/${entry.id}/reviews`, { source: 'matching', mistakes: -1 }, 'body.mistakes'],
      [ivan, 'POST', `/api/me/dictionary/${entry.id}/reviews`, { source: 'flashcards' }, 'body.knew'],
      [ivan, 'POST', `/api/me/dictionary/${entry.id}/reviews`, { source: 'quiz' }, 'body.source'],
      [ivan, 'POST', '/api/me/dictionary/nope/reviews', { source: 'review', grade: 'good' }, 'params.id'],
      [ivan, 'DELETE', '/api/me/dictionary/nope', undefined, 'params.id'],
    ];
    for (const [client, method, path, body, field] of cases) {
      const response = await client.request(method, path, body);
      expect({ call: `${method} ${path}`, status: response.status, code: response.body.code, fields: response.body.errors.map((e: { path: string }) => e.path) }).toEqual({
        call: `${method} ${path}`,
        status: 400,
        code: 'validation_failed',
        fields: [field],
      });
    }
    expect(await snapshot()).toEqual(before);
    expect((await ivan.post(`/api/me/dictionary/${randomUUID()}/reviews`, { source: 'review', grade: 'good' })).status).toBe(404);
  });
});

// These move the clock (days ahead): every client is signed in again afterwards.
describe('review', () => {
  it('lists what is due by the end of the student’s own day', async () => {
    expect(clock.now().toISOString()).toBe('2027-02-10T15:00:00.000Z');
    const shanghai = await newUser(server, { timeZone: 'Asia/Shanghai' });
    const brisbane = await newUser(server, { timeZone: 'Australia/Brisbane' });
    for (const { client } of [shanghai, brisbane]) {
      const entry = (await client.post('/api/me/dictionary', { language: 'en', word: 'whisk', translation: 'венчик' })).body as Entry;
      // Due in 90 minutes: after midnight in Shanghai, still in the Brisbane day.
      await server.db.dictionaryEntry.update({ where: { id: entry.id }, data: { due: new Date(clock.now().getTime() + 1.5 * HOUR) } });
    }
    const [inShanghai, inBrisbane] = [await dueWords(shanghai.client), await dueWords(brisbane.client)];
    expect(inShanghai.total).toBe(0);
    expect(new Date(inShanghai.dayEndsAt).getTime()).toBeLessThan(clock.now().getTime() + 1.5 * HOUR);
    expect(inBrisbane.words).toEqual(['whisk']);
    // An hour later it is the next day in Shanghai too.
    clock.advance(HOUR);
    expect((await dueWords(await loginAs(server, shanghai.email))).words).toEqual(['whisk']);
  });

  it('grades a word and schedules it exactly as ts-fsrs does; it leaves today’s list and comes back when due', async () => {
    const student = await newUser(server);
    let client = student.client;
    const added = await client.post('/api/me/dictionary', { language: 'en', word: 'ladle', translation: 'половник' });
    expect(added.body.schedule).toMatchObject({ due: clock.now().toISOString(), state: 'new', reps: 0 });
    expect(await dueWords(client)).toEqual({ total: 1, words: ['ladle'], dayEndsAt: '2027-02-11T00:00:00.000Z' });

    let expected = reference.next(createEmptyCard(clock.now()), clock.now(), Rating.Good).card;
    const good = await client.post(`/api/me/dictionary/${added.body.id}/reviews`, { source: 'review', grade: 'good' });
    expect(good.status).toBe(201);
    expect(good.body).toMatchObject({ grade: 'good', entry: { schedule: { due: expected.due.toISOString(), state: 'review', reps: 1, scheduledDays: expected.scheduled_days } } });
    expect((await dueWords(client)).total).toBe(0);

    clock.advance(new Date(good.body.entry.schedule.due).getTime() - clock.now().getTime() + HOUR);
    client = await loginAs(server, student.email);
    expect((await dueWords(client)).words).toEqual(['ladle']);
    expected = reference.next(expected, clock.now(), Rating.Again).card;
    const again = await client.post(`/api/me/dictionary/${added.body.id}/reviews`, { source: 'review', grade: 'again' });
    expect(again.body.entry.schedule).toMatchObject({ due: expected.due.toISOString(), reps: 2, lapses: 1, state: 'review' });
    const log = await server.db.dictionaryReview.findMany({ where: { entryId: added.body.id }, orderBy: { reviewedAt: 'asc' } });
    expect(log.map((r) => [r.source, r.rating, r.state])).toEqual([['review', 3, 'new'], ['review', 1, 'review']]);
  });

  it('counts a game result as a review, mapped to a grade', async () => {
    const { client } = await newUser(server);
    const add = async (word: string, translation: string) => (await client.post('/api/me/dictionary', { language: 'en', word, translation })).body as Entry;
    const [fork, plate, bowl] = [await add('fork', 'вилка'), await add('plate', 'тарелка'), await add('bowl', 'миска')];
    const cases = [
      { entry: fork, result: { source: 'flashcards', knew: false }, grade: 'again', rating: Rating.Again },
      { entry: plate, result: { source: 'matching', mistakes: 1 }, grade: 'hard', rating: Rating.Hard },
      { entry: bowl, result: { source: 'typing', answer: ' Bowl ' }, grade: 'good', rating: Rating.Good },
      { entry: fork, result: { source: 'typing', answer: 'spoon' }, grade: 'again', rating: Rating.Again },
    ] as const;
    for (const { entry, result, grade, rating } of cases) {
      const expected = reference.next(await cardOf(entry.id), clock.now(), rating).card;
      const reviewed = await client.post(`/api/me/dictionary/${entry.id}/reviews`, result);
      expect({ status: reviewed.status, grade: reviewed.body.grade, due: reviewed.body.entry.schedule.due }).toEqual({ status: 201, grade, due: expected.due.toISOString() });
    }
    expect((await server.db.dictionaryReview.findMany({ where: { entryId: fork.id }, orderBy: { reviewedAt: 'asc' } })).map((r) => r.source)).toEqual(['flashcards', 'typing']);
    expect((await dueWords(client)).total).toBe(0);
  });

  it('reviews only my own words', async () => {
    const [owner, other] = [await newUser(server), await newUser(server)];
    const mine = (await owner.client.post('/api/me/dictionary', { language: 'en', word: 'tongs', translation: 'щипцы' })).body as Entry;
    expect((await other.client.post(`/api/me/dictionary/${mine.id}/reviews`, { source: 'review', grade: 'easy' })).status).toBe(404);
    expect((await server.db.dictionaryEntry.findUniqueOrThrow({ where: { id: mine.id } })).reps).toBe(mine.schedule.reps);
  });
});
