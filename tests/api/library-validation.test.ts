import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs } from '../support/accounts.js';
import { ApiClient } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { bookLesson, FILE_SAMPLES, MATERIAL_BODIES, upload, userId } from './library-fixtures.js';

/**
 * Bad input to every operation of the materials library, plans, lesson materials, files and the
 * dictionary: each answers 400 naming the offending field, and nothing in the database or the
 * uploads folder changes.
 */

let server: TestServer;
let anna: ApiClient;
let ivan: ApiClient;
const id: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_DATA: 'true' } });
  anna = await loginAs(server, 'anna@example.com');
  ivan = await loginAs(server, 'ivan@example.com');
  const li = await loginAs(server, 'li@example.com');
  id.material = (await anna.post('/api/materials', MATERIAL_BODIES.test)).body.id;
  id.lisMaterial = (await li.post('/api/materials', { ...MATERIAL_BODIES.link, language: 'zh' })).body.id;
  id.plan = (await anna.post('/api/plans', { title: 'Plan', language: 'en', materialIds: [id.material] })).body.id;
  id.lesson = await bookLesson(server, 'anna@example.com', ['ivan@example.com']);
  id.ivan = await userId(server, 'ivan@example.com');
  id.othersLesson = await bookLesson(server, 'anna@example.com', ['olga@example.com']);
  id.image = (await upload(anna, server, FILE_SAMPLES.png, 'image/png', 'map.png')).body.id;
  const attempt = await server.db.lessonTestAttempt.create({
    data: {
      lessonId: id.lesson,
      materialId: id.material as string,
      studentId: await userId(server, 'ivan@example.com'),
      answers: {},
      itemResults: [{ itemId: 'q6', score: 0, maxScore: 2, status: 'unanswered' }],
      score: 0,
      maxScore: 2,
      submittedAt: new Date(),
    },
  });
  id.attempt = attempt.id;
});
afterAll(() => server?.close());

interface BadCall {
  /** The operation as OpenAPI names it. */
  operation: string;
  as: () => ApiClient;
  method: string;
  path: () => string;
  /** Built when sent: it may name things made in beforeAll. */
  body?: () => unknown;
  headers?: Record<string, string>;
  /** The bad field the answer must name. */
  field: string;
}

const asAnna = () => anna;
const asIvan = () => ivan;
const NOT_AN_ID = 'not-a-uuid';

const BAD_CALLS: BadCall[] = [
  { operation: 'post /api/materials', as: asAnna, method: 'POST', path: () => '/api/materials', body: () => ({ ...MATERIAL_BODIES.text, title: ' ' }), field: 'body.title' },
  { operation: 'post /api/materials', as: asAnna, method: 'POST', path: () => '/api/materials', body: () => ({ ...MATERIAL_BODIES.text, language: 'zh' }), field: 'body.level' },
  { operation: 'post /api/materials', as: asAnna, method: 'POST', path: () => '/api/materials', body: () => ({ ...MATERIAL_BODIES.test, content: { items: [] } }), field: 'body.content.items' },
  {
    operation: 'post /api/materials',
    as: asAnna,
    method: 'POST',
    path: () => '/api/materials',
    body: () => ({ kind: 'audio', title: 'A', language: 'en', content: { source: { fileId: id.image } } }),
    field: 'body.content.source.fileId',
  },
  { operation: 'get /api/materials', as: asAnna, method: 'GET', path: () => '/api/materials?kind=quiz', field: 'query.kind' },
  { operation: 'get /api/materials', as: asAnna, method: 'GET', path: () => '/api/materials?limit=0', field: 'query.limit' },
  { operation: 'get /api/materials/{id}', as: asAnna, method: 'GET', path: () => `/api/materials/${NOT_AN_ID}`, field: 'params.id' },
  { operation: 'patch /api/materials/{id}', as: asAnna, method: 'PATCH', path: () => `/api/materials/${id.material}`, body: () => ({ lessonNumber: 0 }), field: 'body.lessonNumber' },
  { operation: 'patch /api/materials/{id}', as: asAnna, method: 'PATCH', path: () => `/api/materials/${id.material}`, body: () => ({ language: 'zh' }), field: 'body.language' },
  { operation: 'patch /api/materials/{id}', as: asAnna, method: 'PATCH', path: () => `/api/materials/${id.material}`, body: () => ({ content: { items: 'none' } }), field: 'body.content.items' },
  { operation: 'delete /api/materials/{id}', as: asAnna, method: 'DELETE', path: () => `/api/materials/${NOT_AN_ID}`, field: 'params.id' },

  { operation: 'post /api/plans', as: asAnna, method: 'POST', path: () => '/api/plans', body: () => ({ title: 'P', language: 'fr', materialIds: [] }), field: 'body.language' },
  { operation: 'post /api/plans', as: asAnna, method: 'POST', path: () => '/api/plans', body: () => ({ title: 'P', language: 'en', materialIds: [id.lisMaterial] }), field: 'body.materialIds.0' },
  { operation: 'get /api/plans', as: asAnna, method: 'GET', path: () => '/api/plans?mine=maybe', field: 'query.mine' },
  { operation: 'get /api/plans/{id}', as: asAnna, method: 'GET', path: () => `/api/plans/${NOT_AN_ID}`, field: 'params.id' },
  { operation: 'put /api/plans/{id}', as: asAnna, method: 'PUT', path: () => `/api/plans/${id.plan}`, body: () => ({ title: 'P', language: 'en', materialIds: ['x'] }), field: 'body.materialIds.0' },
  { operation: 'put /api/plans/{id}', as: asAnna, method: 'PUT', path: () => `/api/plans/${id.plan}`, body: () => ({ title: 'P', language: 'en', materialIds: [id.material, id.lisMaterial] }), field: 'body.materialIds.1' },
  { operation: 'delete /api/plans/{id}', as: asAnna, method: 'DELETE', path: () => `/api/plans/${NOT_AN_ID}`, field: 'params.id' },
  { operation: 'post /api/plans/{id}/copy', as: asAnna, method: 'POST', path: () => `/api/plans/${NOT_AN_ID}/copy`, field: 'params.id' },
  { operation: 'put /api/lessons/{id}/plan', as: asAnna, method: 'PUT', path: () => `/api/lessons/${id.lesson}/plan`, body: () => ({ planId: 'abc' }), field: 'body.planId' },
  { operation: 'put /api/lessons/{id}/plan', as: asAnna, method: 'PUT', path: () => `/api/lessons/${id.lesson}/plan`, body: () => ({ planId: id.lisMaterial }), field: 'body.planId' },
  { operation: 'get /api/lessons/{id}/plan', as: asIvan, method: 'GET', path: () => `/api/lessons/${NOT_AN_ID}/plan`, field: 'params.id' },

  { operation: 'post /api/lessons/{id}/board-materials', as: asAnna, method: 'POST', path: () => `/api/lessons/${id.lesson}/board-materials`, body: () => ({}), field: 'body.materialId' },
  { operation: 'post /api/lessons/{id}/board-materials', as: asAnna, method: 'POST', path: () => `/api/lessons/${id.lesson}/board-materials`, body: () => ({ materialId: id.lisMaterial }), field: 'body.materialId' },
  { operation: 'get /api/lessons/{id}/board-materials', as: asIvan, method: 'GET', path: () => `/api/lessons/${NOT_AN_ID}/board-materials`, field: 'params.id' },
  { operation: 'get /api/lessons/{id}/test-attempts', as: asIvan, method: 'GET', path: () => `/api/lessons/${id.lesson}/test-attempts?materialId=x`, field: 'query.materialId' },
  {
    operation: 'patch /api/lessons/{id}/test-attempts/{attemptId}',
    as: asAnna,
    method: 'PATCH',
    path: () => `/api/lessons/${id.lesson}/test-attempts/${NOT_AN_ID}`,
    body: () => ({ marks: [{ itemId: 'q6', score: 1 }] }),
    field: 'params.attemptId',
  },
  { operation: 'patch /api/lessons/{id}/test-attempts/{attemptId}', as: asAnna, method: 'PATCH', path: () => `/api/lessons/${id.lesson}/test-attempts/${id.attempt}`, body: () => ({ marks: [] }), field: 'body.marks' },
  {
    operation: 'patch /api/lessons/{id}/test-attempts/{attemptId}',
    as: asAnna,
    method: 'PATCH',
    path: () => `/api/lessons/${id.lesson}/test-attempts/${id.attempt}`,
    body: () => ({ marks: [{ itemId: 'q6', score: 2.5 }] }),
    field: 'body.marks.0.score',
  },

  { operation: 'post /api/files', as: asAnna, method: 'POST', path: () => '/api/files', body: () => FILE_SAMPLES.png, headers: { 'content-type': 'image/png' }, field: 'query.name' },
  { operation: 'post /api/files', as: asAnna, method: 'POST', path: () => '/api/files?name=a.exe', body: () => FILE_SAMPLES.png, headers: { 'content-type': 'application/x-msdownload' }, field: 'headers.content-type' },
  { operation: 'post /api/files/{id}/link', as: asAnna, method: 'POST', path: () => `/api/files/${NOT_AN_ID}/link`, field: 'params.id' },
  { operation: 'get /api/files/{id}/content', as: asIvan, method: 'GET', path: () => `/api/files/${id.image}/content?expires=1`, field: 'query.signature' },

  { operation: 'post /api/me/dictionary', as: asIvan, method: 'POST', path: () => '/api/me/dictionary', body: () => ({ language: 'en', word: '', translation: 'x' }), field: 'body.word' },
  { operation: 'post /api/me/dictionary', as: asIvan, method: 'POST', path: () => '/api/me/dictionary', body: () => ({ language: 'en', word: 'w', translation: 'x', lessonId: id.othersLesson }), field: 'body.lessonId' },
  { operation: 'post /api/me/dictionary', as: asIvan, method: 'POST', path: () => '/api/me/dictionary', body: () => ({ language: 'en', word: 'w', translation: 'x', audioFileId: id.image }), field: 'body.audioFileId' },
  { operation: 'get /api/me/dictionary', as: asIvan, method: 'GET', path: () => '/api/me/dictionary?limit=500', field: 'query.limit' },
  { operation: 'delete /api/me/dictionary/{id}', as: asIvan, method: 'DELETE', path: () => `/api/me/dictionary/${NOT_AN_ID}`, field: 'params.id' },
  { operation: 'patch /api/me/dictionary/{id}', as: asIvan, method: 'PATCH', path: () => `/api/me/dictionary/${NOT_AN_ID}`, body: () => ({ tags: [] }), field: 'params.id' },
  { operation: 'get /api/me/dictionary/tags', as: asIvan, method: 'GET', path: () => '/api/me/dictionary/tags?language=fr', field: 'query.language' },
  { operation: 'get /api/me/dictionary/due', as: asIvan, method: 'GET', path: () => '/api/me/dictionary/due?limit=0', field: 'query.limit' },
  { operation: 'post /api/me/dictionary/{id}/reviews', as: asIvan, method: 'POST', path: () => `/api/me/dictionary/${NOT_AN_ID}/reviews`, body: () => ({ source: 'review', grade: 'good' }), field: 'params.id' },
  { operation: 'get /api/students/{id}/dictionary', as: asAnna, method: 'GET', path: () => `/api/students/${id.ivan}/dictionary`, field: 'query.language' },
  { operation: 'post /api/students/{id}/dictionary', as: asAnna, method: 'POST', path: () => `/api/students/${id.ivan}/dictionary`, body: () => ({ language: 'en', word: 'w' }), field: 'body.translation' },
];

/** Everything these operations could change. */
async function snapshot() {
  const db = server.db;
  const uploads = path.join(server.dataDir, 'uploads');
  return {
    materials: await db.material.findMany({ orderBy: { id: 'asc' } }),
    plans: await db.lessonPlan.findMany({ orderBy: { id: 'asc' }, include: { items: true } }),
    lessonPlans: await db.lesson.findMany({ orderBy: { id: 'asc' }, select: { id: true, planId: true } }),
    shown: await db.lessonMaterial.findMany({ orderBy: [{ lessonId: 'asc' }, { materialId: 'asc' }] }),
    attempts: await db.lessonTestAttempt.findMany({ orderBy: { id: 'asc' } }),
    files: await db.uploadedFile.findMany({ orderBy: { id: 'asc' } }),
    dictionary: await db.dictionaryEntry.findMany({ orderBy: { id: 'asc' } }),
    storedFiles: fs.readdirSync(uploads, { recursive: true }).length,
  };
}

/** JSON through the client; raw bytes (uploads) with fetch, as the UI sends them. */
async function send(call: BadCall): Promise<{ status: number; body: any }> {
  const client = call.as();
  const body = call.body?.();
  if (!Buffer.isBuffer(body)) return client.request(call.method, call.path(), body, call.headers);
  const response = await fetch(`${server.localUrl}${call.path()}`, {
    method: call.method,
    headers: { ...call.headers, authorization: `Bearer ${client.accessToken}` },
    body,
  });
  return { status: response.status, body: await response.json() };
}

const LIBRARY_TAGS = new Set(['materials', 'lesson plans', 'lesson materials', 'files', 'dictionary']);

describe('bad input', () => {
  it('covers every operation of the library, plans, lesson materials, files and the dictionary', async () => {
    const doc = (await new ApiClient(server.localUrl).get('/api/openapi.json')).body;
    const operations = Object.entries(doc.paths as Record<string, Record<string, { tags: string[] }>>).flatMap(([route, methods]) =>
      Object.entries(methods)
        .filter(([, operation]) => operation.tags.some((tag) => LIBRARY_TAGS.has(tag)))
        .map(([method]) => `${method} ${route}`),
    );
    expect(operations.length).toBe(29);
    expect([...new Set(BAD_CALLS.map((call) => call.operation))].sort()).toEqual(operations.sort());
  });

  it('is answered 400 with the offending field named, and changes nothing', async () => {
    const before = await snapshot();
    for (const call of BAD_CALLS) {
      const { status, body } = await send(call);
      const named = (body?.errors ?? []).map((error: { path: string }) => error.path);
      expect({ call: `${call.method} ${call.path()}`, status, named: named.includes(call.field) ? call.field : named }).toEqual({
        call: `${call.method} ${call.path()}`,
        status: 400,
        named: call.field,
      });
    }
    expect(await snapshot()).toEqual(before);
  });
});
