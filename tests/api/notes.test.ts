import { randomUUID } from 'node:crypto';
import { parseRichText } from '@panda/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, newUser } from '../support/accounts.js';
import type { ApiClient } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { bookLesson } from './library-fixtures.js';

let server: TestServer;
let nina: ApiClient;
let olga: ApiClient;
let lessonId: string;

beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_DATA: 'true' } });
  // A student of their own: the demo school's Ivan has notes already.
  const student = await newUser(server, { name: 'Nina Notes' });
  nina = student.client;
  olga = await loginAs(server, 'olga@example.com');
  lessonId = await bookLesson(server, 'anna@example.com', [student.email]);
});
afterAll(() => server?.close());

const text = (markdown: string) => parseRichText(markdown);

describe('my notes', () => {
  it('keeps notes about a lesson and free-standing ones, in rich text', async () => {
    const lessonNote = await nina.post('/api/me/notes', { title: 'Present Perfect', content: text('**have** + past participle\n\n- I have *never* been'), lessonId });
    expect(lessonNote.status).toBe(201);
    expect(lessonNote.body).toMatchObject({ title: 'Present Perfect', lessonId, content: { blocks: [{ type: 'paragraph' }, { type: 'list' }] } });
    const free = await nina.post('/api/me/notes', { title: 'Phrasal verbs', content: text('look after — присматривать') });
    expect(free.body.lessonId).toBeNull();

    expect((await nina.get(`/api/me/notes?lessonId=${lessonId}`)).body.items.map((n: { title: string }) => n.title)).toEqual(['Present Perfect']);
    expect((await nina.get('/api/me/notes?free=true')).body.items.map((n: { title: string }) => n.title)).toEqual(['Phrasal verbs']);
    expect((await nina.get('/api/me/notes')).body.items.map((n: { title: string }) => n.title)).toEqual(['Phrasal verbs', 'Present Perfect']);
    expect((await nina.get(`/api/me/notes/${lessonNote.body.id}`)).body.title).toBe('Present Perfect');
  });

  it('finds notes by every word of the search, in the title or the text, in any case', async () => {
    const titles = async (q: string) => (await nina.get(`/api/me/notes?q=${encodeURIComponent(q)}`)).body.items.map((n: { title: string }) => n.title);
    expect(await titles('NEVER been')).toEqual(['Present Perfect']);
    expect(await titles('присматривать')).toEqual(['Phrasal verbs']);
    expect(await titles('phrasal never')).toEqual([]);
    const note = (await nina.get('/api/me/notes?q=phrasal')).body.items[0];
    const edited = await nina.request('PATCH', `/api/me/notes/${note.id}`, { content: text('give up — бросать'), lessonId });
    expect(edited.body).toMatchObject({ title: 'Phrasal verbs', lessonId });
    expect(await titles('бросать')).toEqual(['Phrasal verbs']);
    expect(await titles('присматривать')).toEqual([]);
    expect((await nina.request('PATCH', `/api/me/notes/${note.id}`, { lessonId: null })).body.lessonId).toBeNull();
  });

  it('shows a note only to its owner', async () => {
    const note = (await nina.get('/api/me/notes?q=perfect')).body.items[0];
    expect((await olga.get(`/api/me/notes/${note.id}`)).status).toBe(404);
    expect((await olga.get('/api/me/notes?q=perfect')).body.items).toEqual([]);
    expect((await olga.request('PATCH', `/api/me/notes/${note.id}`, { title: 'mine' })).status).toBe(404);
    expect((await olga.request('DELETE', `/api/me/notes/${note.id}`)).status).toBe(404);
    const anna = await loginAs(server, 'anna@example.com');
    expect((await anna.get(`/api/me/notes/${note.id}`)).status).toBe(403);
    expect((await nina.get(`/api/me/notes/${note.id}`)).body.title).toBe('Present Perfect');
    // Nor can a note be pinned to someone else's lesson.
    const stranger = await newUser(server);
    const pinned = await stranger.client.post('/api/me/notes', { title: 'x', content: text('x'), lessonId });
    expect(pinned.body.errors).toEqual([{ path: 'body.lessonId', message: 'no such lesson of yours' }]);
  });

  it('deletes my notes', async () => {
    const note = (await nina.post('/api/me/notes', { title: 'Scratch', content: text('tmp') })).body;
    expect((await nina.request('DELETE', `/api/me/notes/${note.id}`)).status).toBe(204);
    expect((await nina.get(`/api/me/notes/${note.id}`)).status).toBe(404);
  });

  it('answers bad input with 400 naming the field, and changes nothing', async () => {
    const note = (await nina.get('/api/me/notes?q=perfect')).body.items[0];
    const before = await server.db.note.findMany({ orderBy: { id: 'asc' } });
    const cases: Array<[string, string, unknown, string]> = [
      ['POST', '/api/me/notes', { title: '', content: text('x') }, 'body.title'],
      ['POST', '/api/me/notes', { title: 'x', content: { blocks: [{ type: 'paragraph', content: [{ text: 'a', href: 'javascript:alert(1)' }] }] } }, 'body.content.blocks.0.content.0.href'],
      ['POST', '/api/me/notes', { title: 'x', content: text('x'), lessonId: 'x' }, 'body.lessonId'],
      ['GET', '/api/me/notes?free=maybe', undefined, 'query.free'],
      ['GET', '/api/me/notes?q=', undefined, 'query.q'],
      ['GET', '/api/me/notes/nope', undefined, 'params.id'],
      ['PATCH', `/api/me/notes/${note.id}`, { title: ' ' }, 'body.title'],
      ['PATCH', `/api/me/notes/${note.id}`, { content: 'plain' }, 'body.content'],
      ['PATCH', '/api/me/notes/nope', { title: 'x' }, 'params.id'],
      ['DELETE', '/api/me/notes/nope', undefined, 'params.id'],
    ];
    for (const [method, path, body, field] of cases) {
      const response = await nina.request(method, path, body);
      expect({ call: `${method} ${path}`, status: response.status, fields: response.body.errors?.map((e: { path: string }) => e.path) }).toEqual({ call: `${method} ${path}`, status: 400, fields: [field] });
    }
    expect(await server.db.note.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
    expect((await nina.get(`/api/me/notes/${randomUUID()}`)).status).toBe(404);
  });
});
