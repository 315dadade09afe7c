import { scoreTest, TestItem } from '@panda/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs } from '../support/accounts.js';
import type { ApiClient } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { bookLesson, MATERIAL_BODIES, userId } from './library-fixtures.js';

let server: TestServer;
let anna: ApiClient;
let li: ApiClient;
let admin: ApiClient;
let ivan: ApiClient;
let olga: ApiClient;
const material: Record<string, any> = {};

beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_DATA: 'true' } });
  anna = await loginAs(server, 'anna@example.com');
  li = await loginAs(server, 'li@example.com');
  admin = await loginAs(server, 'admin@example.com');
  ivan = await loginAs(server, 'ivan@example.com');
  olga = await loginAs(server, 'olga@example.com');
  for (const kind of ['text', 'test', 'vocabulary', 'link'] as const) {
    material[kind] = (await anna.post('/api/materials', MATERIAL_BODIES[kind])).body;
  }
});
afterAll(() => server?.close());

const titles = (plan: { materials: Array<{ title: string }> }) => plan.materials.map((m) => m.title);

describe('the demo school', () => {
  it('has Anna’s plan "English A2 — lesson 10" on her lesson with Ivan', async () => {
    const lessons = (await ivan.get('/api/me/lessons')).body.items;
    const withAnna = lessons.find((lesson: { teacher: { name: string } }) => lesson.teacher.name === 'Anna Smirnova');
    const plan = await ivan.get(`/api/lessons/${withAnna.id}/plan`);
    expect(plan.body.plan).toMatchObject({ title: 'English A2 — lesson 10', level: 'A2' });
    expect(plan.body.plan.materials.map((m: { kind: string }) => m.kind)).toEqual(['text', 'video', 'vocabulary', 'test', 'link']);
    const test = await anna.get(`/api/materials/${plan.body.plan.materials[3].id}`);
    expect(new Set(test.body.content.items.map((item: { type: string }) => item.type))).toEqual(
      new Set(['choice', 'gap_fill', 'matching', 'word_order', 'short_answer', 'free_text']),
    );
  });
});

describe('lesson plans', () => {
  let planId: string;

  it('creates a plan with ordered materials, and reorders it with a PUT of the full list', async () => {
    const created = await anna.post('/api/plans', {
      title: 'Beginners 10',
      language: 'en',
      level: 'A2',
      course: 'English for Beginners',
      lessonNumber: 10,
      materialIds: [material.text.id, material.test.id, material.vocabulary.id],
    });
    expect(created.status).toBe(201);
    expect(titles(created.body)).toEqual(['Irregular verbs', 'Verbs quiz', 'Kitchen words']);
    planId = created.body.id;

    const reordered = await anna.request('PUT', `/api/plans/${planId}`, {
      title: 'Beginners 10',
      language: 'en',
      level: 'A2',
      materialIds: [material.vocabulary.id, material.text.id, material.link.id],
    });
    expect(reordered.status).toBe(200);
    expect(titles(reordered.body)).toEqual(['Kitchen words', 'Irregular verbs', 'Grammar reference']);
    // A PUT replaces everything: the course it did not repeat is gone.
    expect(reordered.body).toMatchObject({ course: null, lessonNumber: null });
    expect((await anna.get(`/api/plans/${planId}`)).body.materials.map((m: { id: string }) => m.id)).toEqual([
      material.vocabulary.id,
      material.text.id,
      material.link.id,
    ]);
    const list = await anna.get('/api/plans?mine=true&q=beginners');
    expect(list.body.items).toEqual([expect.objectContaining({ id: planId, materialCount: 3 })]);
  });

  it('refuses a material the author cannot see or a repeated one, naming it', async () => {
    const lisOwn = (await li.post('/api/materials', { ...MATERIAL_BODIES.link, language: 'zh' })).body;
    const foreign = await anna.post('/api/plans', { title: 'X', language: 'en', materialIds: [material.text.id, lisOwn.id] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors).toEqual([{ path: 'body.materialIds.1', message: 'no such material in your library' }]);
    const twice = await anna.post('/api/plans', { title: 'X', language: 'en', materialIds: [material.text.id, material.text.id] });
    expect(twice.body.errors[0].path).toBe('body.materialIds');
  });

  it('keeps plans to their owner; anyone on the staff may copy what they can see', async () => {
    expect((await li.get(`/api/plans/${planId}`)).status).toBe(404);
    expect((await li.post(`/api/plans/${planId}/copy`)).status).toBe(404);
    expect((await ivan.get(`/api/plans/${planId}`)).status).toBe(403);

    const copy = await anna.post(`/api/plans/${planId}/copy`);
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({ title: 'Beginners 10 (copy)', level: 'A2', owner: { name: 'Anna Smirnova' } });
    expect(copy.body.id).not.toBe(planId);
    expect(titles(copy.body)).toEqual(['Kitchen words', 'Irregular verbs', 'Grammar reference']);
    const byAdmin = await admin.post(`/api/plans/${planId}/copy`);
    expect(byAdmin.body.owner.name).toBe('Alla Admin');

    expect((await anna.request('DELETE', `/api/plans/${copy.body.id}`)).status).toBe(204);
    expect((await anna.get(`/api/plans/${copy.body.id}`)).status).toBe(404);
  });

  it('is assigned to a lesson by its teacher; the lesson’s people see titles only', async () => {
    const lessonId = await bookLesson(server, 'anna@example.com', ['ivan@example.com']);
    expect((await li.request('PUT', `/api/lessons/${lessonId}/plan`, { planId })).status).toBe(404);
    expect((await ivan.request('PUT', `/api/lessons/${lessonId}/plan`, { planId })).status).toBe(403);
    const assigned = await anna.request('PUT', `/api/lessons/${lessonId}/plan`, { planId });
    expect(assigned.status).toBe(200);
    expect(assigned.body.plan.materials.map((m: { title: string }) => m.title)).toEqual(['Kitchen words', 'Irregular verbs', 'Grammar reference']);

    const seen = await ivan.get(`/api/lessons/${lessonId}/plan`);
    expect(seen.body).toEqual(assigned.body);
    expect(Object.keys(seen.body.plan.materials[0]).sort()).toEqual(['id', 'kind', 'title']);
    expect((await olga.get(`/api/lessons/${lessonId}/plan`)).status).toBe(404);

    const zhLesson = await bookLesson(server, 'anna@example.com', ['olga@example.com'], 'zh');
    const wrongLanguage = await anna.request('PUT', `/api/lessons/${zhLesson}/plan`, { planId });
    expect(wrongLanguage.body.errors[0]).toEqual({ path: 'body.planId', message: 'the plan is for en, the lesson for zh' });

    expect((await anna.request('PUT', `/api/lessons/${lessonId}/plan`, { planId: null })).body.plan).toBeNull();
  });
});

describe('materials on the board', () => {
  let lessonId: string;

  beforeAll(async () => {
    lessonId = await bookLesson(server, 'anna@example.com', ['ivan@example.com', 'olga@example.com']);
  });

  it('are shown by the lesson’s teacher only, tests without their answers', async () => {
    expect((await ivan.post(`/api/lessons/${lessonId}/board-materials`, { materialId: material.test.id })).status).toBe(403);
    expect((await li.post(`/api/lessons/${lessonId}/board-materials`, { materialId: material.test.id })).status).toBe(404);
    const shown = await anna.post(`/api/lessons/${lessonId}/board-materials`, { materialId: material.test.id });
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ materialId: material.test.id, kind: 'test', title: 'Verbs quiz', language: 'en', level: 'A2' });
    const text = JSON.stringify(shown.body);
    expect(text).not.toMatch(/"correct":|"accepted":|"pairs":/);
    const matching = shown.body.content.items.find((item: { type: string }) => item.type === 'matching');
    expect(matching.left).toEqual(['go', 'see', 'eat']);
    expect([...matching.right].sort()).toEqual(['ate', 'saw', 'went']);
    // The same material shows the same way every time.
    expect((await anna.post(`/api/lessons/${lessonId}/board-materials`, { materialId: material.test.id })).body).toEqual(shown.body);

    const lis = (await li.post('/api/materials', { ...MATERIAL_BODIES.link, language: 'zh' })).body;
    const notMine = await anna.post(`/api/lessons/${lessonId}/board-materials`, { materialId: lis.id });
    expect(notMine.body.errors).toEqual([{ path: 'body.materialId', message: 'no such material in your library' }]);
  });

  it('are listed for the lesson’s people, latest first', async () => {
    await anna.post(`/api/lessons/${lessonId}/board-materials`, { materialId: material.vocabulary.id });
    const listed = await ivan.get(`/api/lessons/${lessonId}/board-materials`);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((item: { material: { title: string } }) => item.material.title)).toEqual(['Kitchen words', 'Verbs quiz']);
    expect(JSON.stringify(listed.body)).not.toContain('"correct":');
    expect(await server.db.lessonMaterial.count({ where: { lessonId } })).toBe(2);
    expect((await li.get(`/api/lessons/${lessonId}/board-materials`)).status).toBe(404);
  });
});

describe('test attempts', () => {
  let lessonId: string;
  let ivansAttempt: string;

  beforeAll(async () => {
    lessonId = await bookLesson(server, 'anna@example.com', ['ivan@example.com', 'olga@example.com']);
    const items = (material.test.content.items as unknown[]).map((item) => TestItem.parse(item));
    // What the live lesson stores when a student submits (scored by the same engine).
    const submit = async (email: string, answers: Record<string, unknown>) => {
      const result = scoreTest(items, answers as never);
      const attempt = await server.db.lessonTestAttempt.create({
        data: {
          lessonId,
          materialId: material.test.id,
          studentId: await userId(server, email),
          answers: answers as never,
          itemResults: result.items,
          score: result.score,
          maxScore: result.maxScore,
          submittedAt: new Date(),
        },
      });
      return attempt.id;
    };
    ivansAttempt = await submit('ivan@example.com', { q1: ['b'], q5: 'saw', q6: 'I went to work and met friends.' });
    await submit('olga@example.com', { q1: ['a'] });
  });

  it('shows the teacher everyone’s attempts and a student only their own, without the key', async () => {
    const all = await anna.get(`/api/lessons/${lessonId}/test-attempts`);
    expect(all.body.items.map((a: { student: { name: string } }) => a.student.name).sort()).toEqual(['Ivan Petrov', 'Olga Kuznetsova']);
    const ivans = all.body.items.find((a: { id: string }) => a.id === ivansAttempt);
    expect(ivans).toMatchObject({ materialTitle: 'Verbs quiz', result: { score: 2, maxScore: 7 } });
    expect(ivans.result.items.find((r: { itemId: string }) => r.itemId === 'q6')).toMatchObject({ status: 'needs_marking' });
    expect(ivans.result.items[0].correct).toEqual(['b']);

    const own = await ivan.get(`/api/lessons/${lessonId}/test-attempts?materialId=${material.test.id}`);
    expect(own.body.items.map((a: { id: string }) => a.id)).toEqual([ivansAttempt]);
    expect(JSON.stringify(own.body)).not.toContain('"correct":');
    expect((await li.get(`/api/lessons/${lessonId}/test-attempts`)).status).toBe(404);
  });

  it('lets the teacher mark free text; the total is recomputed', async () => {
    const marked = await anna.patch(`/api/lessons/${lessonId}/test-attempts/${ivansAttempt}`, { marks: [{ itemId: 'q6', score: 1.5 }] });
    expect(marked.status).toBe(200);
    expect(marked.body.result.score).toBe(3.5);
    expect(marked.body.result.items.find((r: { itemId: string }) => r.itemId === 'q6')).toMatchObject({ score: 1.5, status: 'partial', marked: true });
    const stored = await server.db.lessonTestAttempt.findUniqueOrThrow({ where: { id: ivansAttempt } });
    expect(stored.score).toBe(3.5);

    const tooMuch = await anna.patch(`/api/lessons/${lessonId}/test-attempts/${ivansAttempt}`, { marks: [{ itemId: 'q6', score: 3 }] });
    expect(tooMuch.body.errors).toEqual([{ path: 'body.marks.0.score', message: 'must be between 0 and 2' }]);
    const unknown = await anna.patch(`/api/lessons/${lessonId}/test-attempts/${ivansAttempt}`, { marks: [{ itemId: 'q6', score: 2 }, { itemId: 'zz', score: 1 }] });
    expect(unknown.body.errors[0].path).toBe('body.marks.1.itemId');
    expect((await server.db.lessonTestAttempt.findUniqueOrThrow({ where: { id: ivansAttempt } })).score).toBe(3.5);

    expect((await ivan.patch(`/api/lessons/${lessonId}/test-attempts/${ivansAttempt}`, { marks: [{ itemId: 'q6', score: 2 }] })).status).toBe(403);
    const otherLesson = await bookLesson(server, 'anna@example.com', ['ivan@example.com']);
    expect((await anna.patch(`/api/lessons/${otherLesson}/test-attempts/${ivansAttempt}`, { marks: [{ itemId: 'q6', score: 2 }] })).status).toBe(404);
  });
});
