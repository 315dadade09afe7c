import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs } from '../support/accounts.js';
import { launchChromium } from '../support/browser.js';
import { FILE_SAMPLES } from '../support/file-samples.js';
import { ApiClient } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { TestSignalingClient } from '../support/signaling.js';
import { bookLesson } from './room-helpers.js';
import { everyPayload, expectShownAsText, PAYLOADS, watchedPage } from './script-watch.js';

/**
 * Stored XSS: markup and script put through the real API and the lesson room's chat into every
 * field people write and others read — names, a lesson's title, a text material (headings, marks,
 * links, lists, quotes, images), a vocabulary list, a plan, the chat, a note, dictionary words,
 * homework (its prompts, an answer, an uploaded file's name) — then every page that shows them,
 * opened as each person who sees them: the payloads show as text and none of them runs.
 */

// File names keep what follows the last slash, so their payloads have none.
const NAME = `Ivan ${PAYLOADS.img}`;
const NEWCOMER = `Newcomer ${PAYLOADS.svg}`;
const LESSON = `Lesson ${PAYLOADS.script}`;
const TEXT_TITLE = `Text ${PAYLOADS.iframe}`;
const TEXT = {
  heading: `Heading ${PAYLOADS.img}`,
  bold: `Bold ${PAYLOADS.script}`,
  link: `Link ${PAYLOADS.svg}`,
  item: `Item ${PAYLOADS.iframe}`,
  quote: everyPayload('Quote'),
};
const WORDS_TITLE = `Words ${PAYLOADS.svg}`;
const ENTRY = { word: `Word ${PAYLOADS.img}`, translation: `Translation ${PAYLOADS.svg}`, example: everyPayload('Example') };
const PLAN = `Plan ${PAYLOADS.img}`;
const CHAT = everyPayload('Chat');
const NOTE = { title: `Note ${PAYLOADS.script}`, text: everyPayload('Noted') };
/** Written in the note editor, whose markdown has a link that would run script. */
const WRITTEN = { title: `Written ${PAYLOADS.img}`, markdown: `**${PAYLOADS.svg}** [click me](javascript:window.__xss=1) ${PAYLOADS.iframe}` };
const WORD = { word: `Own ${PAYLOADS.svg}`, translation: `Own translation ${PAYLOADS.img}`, example: everyPayload('Own example') };
const HOMEWORK = { title: `Homework ${PAYLOADS.iframe}`, essay: everyPayload('Essay prompt'), photo: `Photo prompt ${PAYLOADS.img}` };
const ANSWER = everyPayload('Answer');
const FILE_NAME = `${PAYLOADS.svg}.png`;

let server: TestServer;
let browser: Browser;
/** Every payload that ran or dialog that opened, in any page. */
const ran: string[] = [];
let anna: ApiClient;
let ivan: ApiClient;
let ivanId: string;
let lessonId: string;
let textId: string;
let submissionId: string;

beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_DATA: 'true' } });
  browser = await launchChromium({ media: true });
  anna = await loginAs(server, 'anna@example.com');
  ivan = await loginAs(server, 'ivan@example.com');
  ivanId = (await ivan.get('/api/me')).body.id;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const watched = (email: string) => watchedPage(browser, server.localUrl, email, ran);

/** Opens `path` and expects `texts` shown as text, nothing run. */
async function visit(page: Page, path: string, texts: readonly string[]): Promise<void> {
  await page.goto(`${server.localUrl}${path}`);
  await expectShownAsText(page, texts, ran);
}

/** A lesson's page with its shown materials unfolded. */
async function visitLesson(page: Page, texts: readonly string[]): Promise<void> {
  await page.goto(`${server.localUrl}/lessons/${lessonId}`);
  const shown = page.getByTestId('shown-material');
  await expect.poll(() => shown.count()).toBe(2);
  for (const summary of await shown.locator('summary').all()) await summary.click();
  await expectShownAsText(page, texts, ran);
}

describe('stored XSS', () => {
  it('goes in through the API like any text; links and images that would run script are refused', async () => {
    expect((await ivan.patch('/api/me', { name: NAME })).status).toBe(200);
    const signup = await new ApiClient(server.localUrl).post('/api/auth/signup', {
      email: 'newcomer@example.com',
      password: 'newcomer-password',
      name: NEWCOMER,
      timeZone: 'UTC',
      locale: 'en',
      agreementVersion: 2,
    });
    expect(signup.status).toBe(201);

    const text = (blocks: unknown[]) => ({ kind: 'text', title: TEXT_TITLE, language: 'en', content: { doc: { blocks } } });
    for (const href of ['javascript:window.__xss=1', ' JavaScript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)']) {
      const refused = await anna.post('/api/materials', text([{ type: 'paragraph', content: [{ text: 'click', href }] }]));
      expect(refused.status, href).toBe(400);
    }
    const image = await anna.post('/api/materials', text([{ type: 'image', source: { url: 'javascript:window.__xss=1' }, alt: 'x' }]));
    expect(image.status).toBe(400);
    const linkMaterial = await anna.post('/api/materials', { kind: 'link', title: 'Link', language: 'en', content: { url: 'javascript:window.__xss=1' } });
    expect(linkMaterial.status).toBe(400);

    const created = await anna.post(
      '/api/materials',
      text([
        { type: 'heading', level: 1, content: [{ text: TEXT.heading }] },
        { type: 'paragraph', content: [{ text: TEXT.bold, bold: true, italic: true }, { text: ' ' }, { text: TEXT.link, href: 'https://example.com/?q="><script>' }] },
        { type: 'list', ordered: false, items: [[{ text: TEXT.item }]] },
        { type: 'quote', content: [{ text: TEXT.quote }] },
        { type: 'image', source: { url: 'https://example.com/x.png' }, alt: PAYLOADS.img },
      ]),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    textId = created.body.id;
    const words = await anna.post('/api/materials', { kind: 'vocabulary', title: WORDS_TITLE, language: 'en', content: { entries: [{ ...ENTRY, transcription: PAYLOADS.iframe }] } });
    expect(words.status).toBe(201);
    const plan = await anna.post('/api/plans', { title: PLAN, language: 'en', materialIds: [textId, words.body.id] });
    expect(plan.status).toBe(201);

    lessonId = await bookLesson(server, ['ivan@example.com'], LESSON);
    expect((await anna.request('PUT', `/api/lessons/${lessonId}/plan`, { planId: plan.body.id })).status).toBe(200);
    expect((await anna.post(`/api/students/${ivanId}/dictionary`, { language: 'en', ...WORD })).status).toBe(201);
    const note = await ivan.post('/api/me/notes', { title: NOTE.title, content: { blocks: [{ type: 'paragraph', content: [{ text: NOTE.text }] }] }, lessonId });
    expect(note.status).toBe(201);

    const homework = await anna.post(`/api/lessons/${lessonId}/homework`, {
      title: HOMEWORK.title,
      items: [
        { type: 'free_text', id: 'essay', prompt: HOMEWORK.essay, points: 2 },
        { type: 'file_upload', id: 'photo', prompt: HOMEWORK.photo },
      ],
    });
    expect(homework.status, JSON.stringify(homework.body)).toBe(201);
    submissionId = homework.body.submissions.find((line: { student: { id: string } }) => line.student.id === ivanId).id;
    const file = await ivan.upload(`/api/homework/submissions/${submissionId}/files`, FILE_SAMPLES.png, 'image/png', FILE_NAME);
    expect(file.status).toBe(201);
    expect(file.body.name).toBe(FILE_NAME);
    expect((await ivan.post(`/api/homework/submissions/${submissionId}/submit`, { answers: { essay: ANSWER, photo: [file.body.id] } })).status).toBe(200);
  });

  it('the teacher’s lesson room: the chat live, the plan, the materials on the board', async () => {
    const page = await watched('anna@example.com');
    await page.goto(`${server.localUrl}/lessons/${lessonId}/room`);
    await page.getByTestId('prejoin-join').click();
    await page.getByTestId('lesson-room').waitFor();
    await page.waitForFunction(() => window.__pandaBoard?.status() === 'synced', undefined, { timeout: 20_000 });

    // Ivan writes from his own connection; the teacher's room shows it as it comes.
    const student = new TestSignalingClient(server.localUrl, ivan.accessToken as string);
    try {
      await student.next('session:ready');
      await student.request('room:join', { lessonId });
      await student.request('chat:send', { text: CHAT });
      await expectShownAsText(page, [CHAT, NAME], ran);
    } finally {
      student.close();
    }

    const shows = page.getByTestId('materials-panel').locator('li[data-material] button');
    await expect.poll(() => shows.count()).toBe(2);
    await expectShownAsText(page, [PLAN, TEXT_TITLE, WORDS_TITLE], ran);
    for (const show of await shows.all()) await show.click();
    await expect.poll(() => page.evaluate(() => window.__pandaBoard!.editor.getCurrentPageShapes().filter((shape) => shape.type.startsWith('material-')).length)).toBe(2);
    await page.evaluate(() => void window.__pandaBoard!.editor.selectNone().zoomToFit());
    await expectShownAsText(page, [TEXT.heading, TEXT.bold, TEXT.link, TEXT.item, TEXT.quote, ENTRY.word, ENTRY.translation, ENTRY.example], ran);
    await page.context().close();
  }, 90_000);

  it('the teacher’s pages: the lesson, the library, the student’s card, the homework to mark', async () => {
    const page = await watched('anna@example.com');
    await visit(page, '/dashboard', [LESSON]);
    await visitLesson(page, [LESSON, NAME, CHAT, TEXT_TITLE, TEXT.heading, TEXT.quote, WORDS_TITLE, ENTRY.word, ENTRY.example, HOMEWORK.title]);
    await visit(page, '/materials', [TEXT_TITLE, WORDS_TITLE]);
    await visit(page, `/materials/${textId}`, [TEXT_TITLE, TEXT.heading, TEXT.bold, TEXT.link, TEXT.item, TEXT.quote]);
    await visit(page, '/plans', [PLAN]);
    await visit(page, '/students', [NAME]);
    await visit(page, `/students/${ivanId}`, [NAME]);
    await page.getByTestId('student-tab-lessons').click();
    // The lesson is on now: still to come.
    await page.getByTestId('student-lessons-when').selectOption('upcoming');
    await expectShownAsText(page, [LESSON], ran);
    await page.getByTestId('student-tab-homework').click();
    await expectShownAsText(page, [HOMEWORK.title], ran);
    await page.getByTestId('student-tab-dictionary').click();
    await expectShownAsText(page, [WORD.word, WORD.translation], ran);
    await visit(page, `/homework/submissions/${submissionId}`, [NAME, HOMEWORK.title, HOMEWORK.essay, HOMEWORK.photo, ANSWER, FILE_NAME]);
    await page.context().close();
  }, 90_000);

  it('the student’s pages: the lesson and its replay, notes (one written in the editor), dictionary, homework', async () => {
    const page = await watched('ivan@example.com');
    await visit(page, '/dashboard', [NAME, LESSON]);
    await visitLesson(page, [LESSON, NAME, CHAT, TEXT.heading, TEXT.bold, TEXT.link, TEXT.item, ENTRY.word, ENTRY.translation]);
    // Watched again to its end: the chat and the materials shown, beside the board.
    await page.goto(`${server.localUrl}/lessons/${lessonId}/replay`);
    const timeline = page.getByTestId('replay-timeline');
    await timeline.fill((await timeline.getAttribute('max')) as string);
    await expectShownAsText(page, [CHAT, NAME, TEXT_TITLE, WORDS_TITLE], ran);
    await visit(page, '/notes', [NOTE.title, NOTE.text]);
    await page.getByTestId('new-note').click();
    await page.getByTestId('note-title').fill(WRITTEN.title);
    await page.getByTestId('text-markdown').fill(WRITTEN.markdown);
    await page.getByTestId('note-save').click();
    await page.getByTestId('note-editor').waitFor({ state: 'detached' });
    await expectShownAsText(page, [WRITTEN.title, PAYLOADS.svg, 'click me', PAYLOADS.iframe], ran);
    const written = await server.db.note.findFirstOrThrow({ where: { title: WRITTEN.title } });
    // The link kept its words and lost its address.
    expect(JSON.stringify(written.content)).not.toContain('"href"');
    await visit(page, '/dictionary', [WORD.word, WORD.translation, WORD.example]);
    await visit(page, '/homework', [HOMEWORK.title]);
    await visit(page, `/homework/submissions/${submissionId}`, [HOMEWORK.title, HOMEWORK.essay, HOMEWORK.photo, FILE_NAME]);
    await page.context().close();
  }, 90_000);

  it('the admin’s pages: people, a newcomer’s mail in the outbox', async () => {
    const page = await watched('admin@example.com');
    await visit(page, '/admin/users', [NAME, NEWCOMER]);
    await visit(page, `/admin/users/${ivanId}`, [NAME]);
    await visit(page, '/admin/outbox', [NEWCOMER]);
    await page.context().close();
    expect(ran).toEqual([]);
  }, 60_000);
});
