import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, loginAs } from '../support/accounts.js';
import { launchChromium } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { bookLesson, signIn as signInAt } from './room-helpers.js';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_DATA: 'true' } });
  // The fake microphone lets the page record a pronunciation without a prompt.
  browser = await launchChromium({ media: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signIn(email: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(10_000);
  await signInAt(page, server.localUrl, email);
  return page;
}

describe('the dictionary in a browser', () => {
  it('a word from the board comes up for review, leaves today’s list once graded, and plays in a flashcards round', async () => {
    // A student of her own: the demo school's Ivan has words due already.
    const kira = await createUser(server, { name: 'Kira Words' });
    // What the board's "To my dictionary" button sends for a vocabulary card shown in a lesson.
    const lessonId = await bookLesson(server, [kira.email]);
    const student = await loginAs(server, kira.email);
    const kept = await student.post('/api/me/dictionary', { language: 'en', word: 'kettle', transcription: '/ˈket.əl/', translation: 'чайник', lessonId });
    expect(kept.status).toBe(201);

    const page = await signIn(kira.email);
    await expect.poll(() => page.getByTestId('due-words').textContent()).toBe('1');
    await page.goto(`${server.localUrl}/dictionary`);
    await expect.poll(() => page.getByTestId('dictionary-word').allTextContents()).toEqual([expect.stringContaining('kettle')]);

    // The student types a word of their own and records how it sounds.
    await page.getByTestId('word-word').fill('saucepan');
    await page.getByTestId('word-translation').fill('кастрюля');
    await page.getByTestId('record-start').click();
    await page.waitForTimeout(800);
    await page.getByTestId('record-stop').click();
    await page.getByText('recording.webm').waitFor();
    await page.getByTestId('word-save').click();
    await expect.poll(() => page.getByTestId('dictionary-word').count()).toBe(2);
    const saucepan = await server.db.dictionaryEntry.findFirstOrThrow({ where: { word: 'saucepan' }, include: { audioFile: true } });
    expect(saucepan.audioFile?.mimeType).toMatch(/^audio\//);
    // …and adds an example to it later.
    await page.getByTestId('dictionary-word').filter({ hasText: 'saucepan' }).getByTestId('word-edit').click();
    await page.getByTestId('edit-word').getByTestId('word-example').fill('Boil the milk in a saucepan.');
    await page.getByTestId('edit-word').getByTestId('word-save').click();
    await page.getByTestId('edit-word').waitFor({ state: 'detached' });
    await page.getByTestId('dictionary-word').filter({ hasText: 'Boil the milk in a saucepan.' }).waitFor();
    expect(await server.db.dictionaryEntry.findUniqueOrThrow({ where: { id: saucepan.id } })).toMatchObject({ example: 'Boil the milk in a saucepan.', audioFileId: saucepan.audioFileId });

    // Both are due today; the student grades them.
    await page.getByTestId('dictionary-tab-review').click();
    await expect.poll(() => page.getByTestId('review-left').textContent()).toContain('2');
    for (let left = 2; left > 0; left--) {
      await page.getByTestId('show-answer').click();
      await page.getByTestId('word-answer').waitFor();
      await page.getByTestId('grade-good').click();
      await expect.poll(() => page.getByTestId('review-left').textContent()).toContain(String(left - 1));
    }
    await page.getByTestId('review-done').waitFor();
    const kettle = await server.db.dictionaryEntry.findUniqueOrThrow({ where: { id: kept.body.id } });
    expect(kettle.due.getTime()).toBeGreaterThan(Date.now() + 12 * 3_600_000);
    expect((await student.get('/api/me/dictionary/due')).body.total).toBe(0);

    // A flashcards round over the words: each answer is a review.
    await page.getByTestId('dictionary-tab-games').click();
    await page.getByTestId('game-flashcards').click();
    for (let card = 0; card < 2; card++) {
      await page.getByTestId('flashcard-flip').click();
      await page.getByTestId(card === 0 ? 'flashcard-knew' : 'flashcard-forgot').click();
    }
    await page.getByTestId('game-over').waitFor();
    expect(await page.getByTestId('game-over').textContent()).toMatch(/1 (of|из) 2/);
    const reviews = await server.db.dictionaryReview.findMany({ where: { studentId: kettle.studentId, source: 'flashcards' } });
    expect(reviews.map((r) => r.rating).sort()).toEqual([1, 3]);
    expect((await server.db.dictionaryEntry.findMany({ where: { studentId: kettle.studentId } })).map((e) => e.reps)).toEqual([2, 2]);

    await page.goto(`${server.localUrl}/dashboard`);
    await expect.poll(() => page.getByTestId('due-words').textContent()).toBe('0');
  }, 90_000);

  it('keeps a note and finds it by a word of its text', async () => {
    const page = await signIn('olga@example.com');
    await page.goto(`${server.localUrl}/notes`);
    await page.getByTestId('new-note').click();
    await page.getByTestId('note-title').fill('Phrasal verbs');
    await page.getByTestId('text-markdown').fill('**look after** — присматривать\n\n- give up');
    await page.getByTestId('note-save').click();
    await expect.poll(() => page.getByTestId('note').count()).toBe(1);
    expect(await page.locator('[data-testid="note"] strong').textContent()).toBe('look after');
    await page.getByTestId('notes-search').fill('GIVE');
    await expect.poll(() => page.getByTestId('note').count()).toBe(1);
    await page.getByTestId('notes-search').fill('nothing like it');
    await expect.poll(() => page.getByTestId('note').count()).toBe(0);
  }, 60_000);

  it('lets a teacher put a word into their student’s dictionary', async () => {
    const olgaEnglish = await server.db.enrollment.findFirstOrThrow({ where: { student: { email: 'olga@example.com' }, language: 'en' } });
    const page = await signIn('anna@example.com');
    await page.goto(`${server.localUrl}/dictionary`);
    await page.getByTestId('word-student').selectOption(olgaEnglish.id);
    await page.getByTestId('word-word').fill('ladle');
    await page.getByTestId('word-translation').fill('половник');
    await page.getByTestId('word-save').click();
    await expect.poll(() => server.db.dictionaryEntry.count({ where: { studentId: olgaEnglish.studentId, word: 'ladle', addedBy: { email: 'anna@example.com' } } })).toBe(1);
    const olga = await loginAs(server, 'olga@example.com');
    expect((await olga.get('/api/me/dictionary/due')).body.items.map((e: { word: string }) => e.word)).toContain('ladle');
  }, 60_000);
});
