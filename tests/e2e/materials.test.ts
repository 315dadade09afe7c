import type { Locator, Page } from 'playwright-core';
import { scoreTest, TestItem } from '@panda/shared';
import { beforeAll, describe, expect, it } from 'vitest';
// Anna's interface is in Russian (her profile in the demo school).
import { ru } from '../../classroom-ui/src/i18n/ru.js';
import { loginAs } from '../support/accounts.js';
import type { ApiClient } from '../support/http.js';
import { browserSchool } from '../support/browser-school.js';
import { signIn } from './room-helpers.js';

const school = browserSchool();
let page: Page;
let anna: ApiClient;
/** The test built in the browser, for the attempt a student makes in a lesson. */
let testMaterialId: string;

const COURSE = 'English for Beginners';
/** A 1×1 PNG. */
const PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const TITLES = { text: 'Present Perfect: a postcard', test: 'Present Perfect: check yourself', vocabulary: 'At the airport' };

beforeAll(async () => {
  page = await school.browser.newPage({ viewport: { width: 1280, height: 900 } });
  anna = await loginAs(school.server, 'anna@example.com');
});

/** The details every material of this test shares: English, A2, the course's lesson 10. */
async function fillAbout(title: string) {
  await page.getByTestId('material-title').fill(title);
  await page.getByTestId('catalog-language').selectOption('en');
  await page.getByTestId('catalog-level').selectOption('A2');
  await page.getByTestId('catalog-course').fill(COURSE);
  await page.getByTestId('catalog-topic').fill('Travel');
  await page.getByTestId('catalog-lesson-number').fill('10');
}

async function newMaterial(kind: string) {
  await page.goto(`${school.server.localUrl}/materials`);
  await page.getByTestId('new-material').click();
  await page.getByTestId(`new-${kind}`).click();
  await page.getByTestId('material-form').waitFor();
}

async function save() {
  await page.getByTestId('material-save').click();
  await page.getByTestId('materials-page').waitFor();
}

const titlesIn = (list: Locator) => list.locator('.list-card-title a').allTextContents();

describe('a teacher in the materials library', () => {
  it('signs in', async () => {
    await signIn(page, school.server.localUrl, 'anna@example.com');
  });

  it('writes a text with a live preview', async () => {
    await newMaterial('text');
    await fillAbout(TITLES.text);
    await page.getByTestId('text-markdown').fill('# Dear Tom\n\nI **have** just *arrived* in London.\n\n- I have seen Big Ben\n- I have never been so happy');
    // The preview is the same renderer the board uses: real elements, not HTML.
    await expect.poll(() => page.locator('.text-preview strong').textContent()).toBe('have');
    expect(await page.locator('.text-preview li').count()).toBe(2);

    // A picture is uploaded and shown through its signed link; a file that only claims to be one is refused in words.
    const upload = page.locator('.text-editor input[type="file"]');
    await upload.setInputFiles({ name: 'fake.png', mimeType: 'image/png', buffer: Buffer.from('not a picture at all') });
    await expect.poll(() => page.locator('.text-editor .file-upload .field-error').textContent()).toBe(ru['error.file_type_mismatch']);
    await upload.setInputFiles({ name: 'big-ben.png', mimeType: 'image/png', buffer: Buffer.from(PIXEL_PNG, 'base64') });
    await expect.poll(() => page.getByTestId('text-markdown').inputValue()).toMatch(/!\[big-ben\]\(file:[0-9a-f-]{36}\)/);
    await expect.poll(() => page.locator('.text-preview img').evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(1);
    await save();
  });

  it('builds a test of four item types and tries it before saving', async () => {
    await newMaterial('test');
    await fillAbout(TITLES.test);
    const items = page.getByTestId('test-item');

    const choice = items.nth(0);
    await choice.getByTestId('item-prompt').fill('Which is right?');
    await choice.getByTestId('choice-option').nth(0).fill('I have been to Paris.');
    await choice.getByTestId('choice-option').nth(1).fill('I have went to Paris.');
    await choice.getByTestId('choice-correct').nth(0).check();

    await page.getByTestId('test-add-type').selectOption('gap_fill');
    await page.getByTestId('test-add-item').click();
    const gaps = items.nth(1);
    await gaps.getByTestId('item-prompt').fill('Fill in the gap.');
    await gaps.getByTestId('gap-text').fill('She [[g1]] just left.');
    await gaps.getByTestId('gap-accepted').fill('has\nhas just');

    await page.getByTestId('test-add-type').selectOption('word_order');
    await page.getByTestId('test-add-item').click();
    const order = items.nth(2);
    await order.getByTestId('item-prompt').fill('Make a sentence.');
    await order.getByTestId('word-order-tokens').fill('I / have never / been / there');

    await page.getByTestId('test-add-type').selectOption('free_text');
    await page.getByTestId('test-add-item').click();
    await items.nth(3).getByTestId('item-prompt').fill('Write about your last trip.');

    // Try it: scored in the browser by the shared engine.
    await page.getByTestId('test-try').click();
    const player = page.locator('.test-player');
    await player.getByLabel('I have been to Paris.').check();
    await player.locator('.player-gap-text input').fill('has');
    for (const token of ['I', 'have never', 'been', 'there']) {
      await player.locator('.player-tokens').getByRole('button', { name: token, exact: true }).click();
    }
    await page.getByTestId('test-try-check').click();
    // The free answer waits for the teacher: 3 of 4.
    await expect.poll(() => page.getByTestId('test-try-score').textContent()).toMatch(/3\D+4/);
    await save();
  });

  it('fills in a vocabulary table', async () => {
    await newMaterial('vocabulary');
    await fillAbout(TITLES.vocabulary);
    const rows = page.getByTestId('vocabulary-row');
    await rows.nth(0).getByTestId('vocabulary-word').fill('luggage');
    await rows.nth(0).getByTestId('vocabulary-transcription').fill('ˈlʌɡɪdʒ');
    await rows.nth(0).getByTestId('vocabulary-translation').fill('багаж');
    await page.getByTestId('vocabulary-add').click();
    await rows.nth(1).getByTestId('vocabulary-word').fill('boarding pass');
    await rows.nth(1).getByTestId('vocabulary-translation').fill('посадочный талон');
    await rows.nth(1).getByTestId('vocabulary-example').fill('Show your boarding pass at the gate.');
    await save();
  });

  it('finds them with filters kept in the address', async () => {
    await page.goto(`${school.server.localUrl}/materials`);
    await page.getByTestId('material-filter-q').fill('postcard');
    await page.getByTestId('material-filter-kind').selectOption('text');
    const list = page.getByTestId('material-list');
    await expect.poll(() => titlesIn(list)).toEqual([TITLES.text]);
    expect(new URL(page.url()).searchParams.get('q')).toBe('postcard');

    await page.getByTestId('material-filter-q').fill('');
    await page.getByTestId('material-filter-kind').selectOption('');
    await page.getByTestId('material-filter-course').fill(COURSE.toLowerCase());
    await page.getByTestId('material-filter-lesson-number').fill('10');
    await page.getByTestId('material-filter-mine').check();
    await expect.poll(() => page.getByTestId('material-item').count()).toBe(3);

    // The address is the search: opened again (or sent to a colleague), it shows the same.
    const address = page.url();
    expect(Object.fromEntries(new URL(address).searchParams)).toEqual({ course: COURSE.toLowerCase(), lessonNumber: '10', mine: 'true' });
    await page.goto(address);
    await expect.poll(() => page.getByTestId('material-item').count()).toBe(3);
    expect(await page.getByTestId('material-filter-lesson-number').inputValue()).toBe('10');

    const api = await anna.get(`/api/materials?mine=true&lessonNumber=10&course=${encodeURIComponent(COURSE)}`);
    expect(api.body.items.map((m: any) => [m.kind, m.title, m.level, m.topic]).sort()).toEqual([
      ['test', TITLES.test, 'A2', 'Travel'],
      ['text', TITLES.text, 'A2', 'Travel'],
      ['vocabulary', TITLES.vocabulary, 'A2', 'Travel'],
    ]);
    const byKind = Object.fromEntries(api.body.items.map((m: any) => [m.kind, m.id]));
    const test = (await anna.get(`/api/materials/${byKind.test}`)).body;
    expect(test.content.items.map((item: any) => item.type)).toEqual(['choice', 'gap_fill', 'word_order', 'free_text']);
    testMaterialId = test.id;
    expect(test.content.items[0]).toMatchObject({ correct: ['o1'], multiple: false, points: 1 });
    expect(test.content.items[1].gaps).toEqual([{ id: 'g1', accepted: ['has', 'has just'] }]);
    expect(test.content.items[2].tokens).toEqual(['I', 'have never', 'been', 'there']);
    const words = (await anna.get(`/api/materials/${byKind.vocabulary}`)).body;
    expect(words.content.entries).toEqual([
      { word: 'luggage', transcription: 'ˈlʌɡɪdʒ', translation: 'багаж' },
      { word: 'boarding pass', translation: 'посадочный талон', example: 'Show your boarding pass at the gate.' },
    ]);
    const text = (await anna.get(`/api/materials/${byKind.text}`)).body;
    expect(text.content.doc.blocks.map((block: any) => block.type)).toEqual(['heading', 'paragraph', 'list', 'image']);
    expect(text.content.doc.blocks[3]).toMatchObject({ alt: 'big-ben', source: { fileId: expect.any(String) } });
  });

  it('builds a plan from the library, reorders it from the keyboard, copies it and gives it to a lesson', async () => {
    await page.goto(`${school.server.localUrl}/plans`);
    await page.getByTestId('new-plan').click();
    await page.getByTestId('plan-title').fill('Lesson 10: travel');
    await page.getByTestId('catalog-course').fill(COURSE);
    await page.getByTestId('catalog-lesson-number').fill('10');

    await page.getByTestId('plan-add-materials').click();
    const picker = page.locator('dialog');
    await picker.getByTestId('material-filter-course').fill(COURSE);
    await picker.getByTestId('material-filter-lesson-number').fill('10');
    await expect.poll(() => picker.getByTestId('picker-item').count()).toBe(3);
    for (let index = 0; index < 3; index++) await picker.getByTestId('picker-add').nth(index).click();
    await picker.getByTestId('picker-done').click();

    // Newest first from the search: vocabulary, test, text. The text goes to the top with two presses.
    const planTitles = () => page.getByTestId('plan-material').locator('.plan-material-title a').allTextContents();
    expect(await planTitles()).toEqual([TITLES.vocabulary, TITLES.test, TITLES.text]);
    const up = page.getByTestId('plan-material').nth(2).locator('.reorder button').first();
    await up.focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    expect(await planTitles()).toEqual([TITLES.text, TITLES.vocabulary, TITLES.test]);
    // At the top "up" is disabled: the focus went to "down" of the same row.
    expect(await page.evaluate(() => document.activeElement?.closest('[data-testid="plan-material"]')?.textContent)).toContain(TITLES.text);
    await page.getByTestId('plan-save').click();
    await page.getByTestId('plans-page').waitFor();

    await page.getByTestId('plan-item').filter({ hasText: 'Lesson 10: travel' }).getByTestId('plan-copy').click();
    await page.getByTestId('plan-page').waitFor();
    const copyTitle = 'Lesson 10: travel (copy)';
    expect(await page.getByTestId('plan-title').inputValue()).toBe(copyTitle);
    const copyId = new URL(page.url()).pathname.split('/').pop();

    const plans = (await anna.get(`/api/plans?mine=true&course=${encodeURIComponent(COURSE)}`)).body.items;
    expect(plans.map((plan: any) => [plan.title, plan.materialCount])).toEqual([
      [copyTitle, 3],
      ['Lesson 10: travel', 3],
    ]);
    const copy = (await anna.get(`/api/plans/${copyId}`)).body;
    expect(copy.materials.map((material: any) => material.title)).toEqual([TITLES.text, TITLES.vocabulary, TITLES.test]);
    expect(copy).toMatchObject({ language: 'en', course: COURSE, lessonNumber: 10 });

    // On the dashboard, a lesson of the week gets the copy as its plan.
    await page.goto(`${school.server.localUrl}/dashboard`);
    const lessonTitle = 'Conversation club';
    const card = page.locator('li.lesson', { hasText: lessonTitle });
    await card.getByTestId('lesson-plan-choose').click();
    const option = page.locator('dialog').getByTestId('lesson-plan-option').filter({ hasText: copyTitle });
    await option.getByTestId('lesson-plan-use').click();
    await expect.poll(() => card.getByTestId('lesson-plan-title').textContent()).toBe(copyTitle);

    const lesson = await school.server.db.lesson.findFirstOrThrow({ where: { title: lessonTitle } });
    const assigned = (await anna.get(`/api/lessons/${lesson.id}/plan`)).body;
    expect(assigned.plan).toMatchObject({ id: copyId, title: copyTitle });
    expect(assigned.plan.materials.map((material: any) => [material.kind, material.title])).toEqual([
      ['text', TITLES.text],
      ['vocabulary', TITLES.vocabulary],
      ['test', TITLES.test],
    ]);
  });

  it('marks the free answer of a test a student took in the lesson', async () => {
    const lesson = await school.server.db.lesson.findFirstOrThrow({ where: { title: 'Conversation club' } });
    const ivan = await school.server.db.user.findUniqueOrThrow({ where: { email: 'ivan@example.com' } });
    const material = (await anna.get(`/api/materials/${testMaterialId}`)).body;
    // What the board stores when a student sends answers: scored by the same engine.
    const answers = { q1: ['o1'], q2: { g1: 'has' }, q3: ['I', 'have never', 'been', 'there'], q4: 'I went to Rome by train.' };
    const result = scoreTest(material.content.items.map((item: unknown) => TestItem.parse(item)), answers);
    await school.server.db.lessonTestAttempt.create({
      data: { lessonId: lesson.id, materialId: testMaterialId, studentId: ivan.id, answers, itemResults: result.items, score: result.score, maxScore: result.maxScore, submittedAt: new Date() },
    });

    await page.goto(`${school.server.localUrl}/dashboard`);
    await page.locator('li.lesson', { hasText: 'Conversation club' }).getByTestId('lesson-tests').click();
    const attempt = page.getByTestId('test-attempt');
    await expect.poll(() => attempt.getByTestId('attempt-total').textContent()).toMatch(/3\D+4/);
    expect(await attempt.locator('tr[data-status="needs_marking"]').textContent()).toContain('I went to Rome by train.');
    await attempt.locator('tr[data-status="needs_marking"]').getByTestId('attempt-points').fill('1');
    await attempt.getByTestId('attempt-save').click();
    await expect.poll(() => attempt.getByTestId('attempt-total').textContent()).toMatch(/4\D+4/);

    const marked = (await anna.get(`/api/lessons/${lesson.id}/test-attempts`)).body.items[0];
    expect(marked.result).toMatchObject({ score: 4, maxScore: 4 });
    expect(marked.result.items[3]).toMatchObject({ itemId: 'q4', score: 1, status: 'correct', marked: true });
  });
});
