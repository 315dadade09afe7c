import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { ApiClient } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { DEMO_PASSWORD } from '../support/accounts.js';
import { bookLesson, enterRoom } from './room-helpers.js';

let server: TestServer;
let browser: Browser;
let anna: ApiClient;
let clip: string;

beforeAll(async () => {
  clip = await makeClip();
  server = await startTestServer({ env: { DEMO_DATA: 'true' } });
  // Headless pages have no user to click "play": let shared players start by themselves.
  browser = await launchChromium({ media: true, args: ['--autoplay-policy=no-user-gesture-required'] });
  anna = new ApiClient(server.localUrl);
  anna.accessToken = (await anna.post('/api/auth/login', { email: 'anna@example.com', password: DEMO_PASSWORD })).body.accessToken;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A 20-second test-pattern clip with sound, as a teacher would upload. */
async function makeClip(): Promise<string> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'panda-clip-')), 'clip.webm');
  await promisify(execFile)('ffmpeg', [
    '-loglevel', 'error',
    '-f', 'lavfi', '-i', 'testsrc=duration=20:size=320x180:rate=15',
    '-f', 'lavfi', '-i', 'sine=frequency=440:duration=20',
    '-c:v', 'libvpx', '-b:v', '150k', '-c:a', 'libopus', '-shortest', file,
  ]);
  return file;
}

async function uploadClip(): Promise<string> {
  const response = await fetch(`${server.localUrl}/api/files?name=clip.webm`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${anna.accessToken}`, 'Content-Type': 'video/webm' },
    body: fs.readFileSync(clip),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function createMaterial(body: Record<string, unknown>): Promise<string> {
  const response = await anna.post('/api/materials', { language: 'en', level: 'A2', ...body });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id as string;
}

/** A plan with a video, a text, a test and a vocabulary set, prepared for the lesson. */
async function prepareLesson(lessonId: string): Promise<void> {
  const fileId = await uploadClip();
  const materialIds = [
    await createMaterial({ kind: 'video', title: 'Clip', content: { source: { fileId } } }),
    await createMaterial({
      kind: 'text',
      title: 'Reading',
      content: { doc: { blocks: [{ type: 'heading', level: 2, content: [{ text: 'Past simple' }] }, { type: 'paragraph', content: [{ text: 'Yesterday I went to school.' }] }] } },
    }),
    await createMaterial({
      kind: 'test',
      title: 'Quiz',
      content: {
        items: [
          { id: 'q1', type: 'choice', prompt: 'Yesterday I ___ to school.', options: [{ id: 'a', text: 'go' }, { id: 'b', text: 'went' }], correct: ['b'] },
          { id: 'q2', type: 'short_answer', prompt: 'The past of "see"?', accepted: ['saw'] },
        ],
      },
    }),
    await createMaterial({ kind: 'vocabulary', title: 'Words', content: { entries: [{ word: 'apple', transcription: 'ˈæp.əl', translation: 'яблоко' }] } }),
  ];
  const plan = await anna.post('/api/plans', { title: 'Lesson 10', language: 'en', materialIds });
  expect(plan.status, JSON.stringify(plan.body)).toBe(201);
  expect((await anna.post('/api/plans', { title: 'Lesson 11', language: 'en', materialIds: materialIds.slice(1, 2) })).status).toBe(201);
  expect((await anna.request('PUT', `/api/lessons/${lessonId}/plan`, { planId: plan.body.id })).status).toBe(200);
}

async function boardReady(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__pandaBoard?.status() === 'synced', undefined, { timeout: 20_000 });
}

const shapesOf = (page: Page, type?: string) =>
  page.evaluate((wanted) => window.__pandaBoard!.editor.getCurrentPageShapes().filter((shape) => !wanted || shape.type === wanted), type);

const player = (page: Page) =>
  page.evaluate(() => {
    const video = document.querySelector<HTMLVideoElement>('[data-testid="board-player"]');
    return video ? { paused: video.paused, time: video.currentTime } : null;
  });

describe('the board in a lesson (two Chromium pages)', () => {
  it('syncs drawing, shows pushed materials to the student, scores a test live, keeps the player in sync, refuses a student’s change to a material, and takes the student to another plan’s page', async () => {
    const lessonId = await bookLesson(server, ['ivan@example.com'], 'Board lesson');
    await prepareLesson(lessonId);
    const teacher = await enterRoom(browser, server.localUrl, 'anna@example.com', lessonId);
    const student = await enterRoom(browser, server.localUrl, 'ivan@example.com', lessonId);
    await Promise.all([boardReady(teacher), boardReady(student)]);

    // The teacher draws with the mouse; the stroke appears on the student's board, and back.
    const canvas = await teacher.locator('.tl-canvas').boundingBox();
    if (!canvas) throw new Error('no canvas');
    // In the middle of the canvas, clear of the panels over its corners.
    const [x0, y0] = [canvas.x + canvas.width * 0.4, canvas.y + canvas.height * 0.4];
    await teacher.keyboard.press('d');
    await teacher.mouse.move(x0, y0);
    await teacher.mouse.down();
    for (let step = 1; step <= 10; step++) await teacher.mouse.move(x0 + step * 15, y0 + step * 8);
    await teacher.mouse.up();
    await expect.poll(async () => (await shapesOf(student, 'draw')).length, { timeout: 10_000 }).toBe(1);
    await student.evaluate(() => void window.__pandaBoard!.editor.createShape({ type: 'geo', x: 50, y: 50, props: { w: 80, h: 60 } }));
    await expect.poll(async () => (await shapesOf(teacher, 'geo')).length, { timeout: 10_000 }).toBe(1);
    // Each sees the other's cursor and name (awareness, sent only by its owner).
    const collaborators = (page: Page) => page.evaluate(() => window.__pandaBoard!.editor.getCollaborators().map((c) => c.userName));
    await expect.poll(() => collaborators(student), { timeout: 10_000 }).toEqual(['Anna Smirnova']);
    await expect.poll(() => collaborators(teacher), { timeout: 10_000 }).toEqual(['Ivan Petrov']);

    // The teacher shows the plan's four materials.
    const panel = teacher.getByTestId('materials-panel');
    for (const title of ['Clip', 'Reading', 'Quiz', 'Words']) {
      await panel.locator(`li[data-material="${title}"] button`).click();
      await expect.poll(async () => (await shapesOf(student)).filter((s) => s.type.startsWith('material-')).length).toBeGreaterThan(0);
    }
    await expect.poll(async () => (await shapesOf(student)).filter((s) => s.type.startsWith('material-')).length, { timeout: 10_000 }).toBe(4);
    await student.evaluate(() => void window.__pandaBoard!.editor.selectNone().zoomToFit());
    await student.getByText('Yesterday I went to school.').waitFor();
    await student.locator('tr[data-word="apple"]').waitFor();

    // The student answers the test on the board; the teacher sees the answer and the score.
    const sheet = student.getByTestId('test-sheet');
    await sheet.getByTestId('test-player-item').nth(0).getByText('went').click();
    await sheet.getByTestId('test-player-item').nth(1).locator('input').fill('saw');
    await sheet.getByTestId('test-submit').click();
    await expect.poll(() => sheet.getByTestId('test-score').textContent()).toContain('2');
    await expect.poll(() => teacher.getByTestId('attempt-score').first().textContent(), { timeout: 10_000 }).toMatch(/^2 \/ 2$/);
    const attempts = await server.db.lessonTestAttempt.findMany({ where: { lessonId } });
    expect(attempts.map((a) => ({ score: a.score, maxScore: a.maxScore }))).toEqual([{ score: 2, maxScore: 2 }]);

    // One click (here: the keyboard, as tldraw's style panel sits over that corner) keeps a word.
    await student.locator('tr[data-word="apple"]').getByTestId('add-to-dictionary').focus();
    await student.keyboard.press('Enter');
    await expect.poll(() => server.db.dictionaryEntry.count({ where: { word: 'apple', lessonId } })).toBe(1);

    // The teacher plays the clip: the student's player plays too; pause stops both at the same spot.
    await teacher.evaluate(() => void document.querySelector<HTMLVideoElement>('[data-testid="board-player"]')!.play());
    await expect.poll(async () => (await player(student))?.paused, { timeout: 10_000 }).toBe(false);
    await expect.poll(async () => (await player(student))?.time ?? 0, { timeout: 10_000 }).toBeGreaterThan(1);
    await teacher.evaluate(() => document.querySelector<HTMLVideoElement>('[data-testid="board-player"]')!.pause());
    await expect.poll(async () => (await player(student))?.paused, { timeout: 10_000 }).toBe(true);
    await expect
      .poll(async () => Math.abs((await player(student))!.time - (await player(teacher))!.time), { timeout: 10_000 })
      .toBeLessThan(0.5);

    // The student's editor won't delete a material; a change sent past it is refused by the server.
    const quiz = (await shapesOf(student, 'material-test'))[0]!;
    await student.evaluate((id) => void window.__pandaBoard!.editor.deleteShapes([id]), quiz.id);
    expect((await shapesOf(student, 'material-test')).length).toBe(1);
    await student.evaluate((id) => window.__pandaBoard!.doc().getMap('records').delete(id), quiz.id);
    await expect.poll(() => student.evaluate(() => window.__pandaBoard!.resets()), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => student.evaluate(() => window.__pandaBoard!.status()), { timeout: 10_000 }).toBe('synced');
    await expect.poll(async () => (await shapesOf(student, 'material-test')).length, { timeout: 10_000 }).toBe(1);
    expect((await shapesOf(teacher, 'material-test')).length).toBe(1);

    // Another plan, opened mid-lesson, gets its own page; the student is taken to it.
    await panel.getByRole('combobox').selectOption({ label: 'Lesson 11' });
    await expect.poll(() => student.evaluate(() => window.__pandaBoard!.editor.getCurrentPage().name), { timeout: 10_000 }).toBe('Lesson 11');
    await panel.locator('li[data-material="Reading"] button').click();
    await expect.poll(async () => (await shapesOf(student, 'material-text')).length, { timeout: 10_000 }).toBe(1);

    await teacher.close();
    await student.close();
  }, 120_000);
});
