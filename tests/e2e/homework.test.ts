import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../classroom-ui/src/i18n/en.js';
import { createUser, loginAs } from '../support/accounts.js';
import { signIn as signInAt } from './room-helpers.js';
import { launchChromium } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * Homework in two browsers: after a lesson the teacher sets a worksheet from the library (choice,
 * short answer, free text); the student does it and sees the automatic score and which answer was
 * wrong; the teacher marks the free text with a comment; the student sees the final score.
 */

let server: TestServer;
let browser: Browser;
let teacherPage: Page;
let studentPage: Page;
let teacher: { id: string; email: string };
let student: { id: string; email: string };
let submissionUrl: string;

const HOUR = 3_600_000;
const TITLE = 'Weekend: past simple';
const nextLesson = new Date(Date.now() + 2 * 24 * HOUR);

const signIn = (page: Page, email: string) => signInAt(page, server.localUrl, email);

const statuses = (page: Page) => page.getByTestId('test-item-feedback').locator('strong').allTextContents();

beforeAll(async () => {
  server = await startTestServer({ role: 'api' });
  teacher = await createUser(server, { role: 'teacher', name: 'Teacher Tess', teaches: ['en'] });
  student = await createUser(server, { name: 'Student Sam' });
  // The worksheet in the teacher's library.
  const created = await (await loginAs(server, teacher.email)).post('/api/materials', {
    kind: 'test',
    title: TITLE,
    language: 'en',
    content: {
      instructions: 'Do all three.',
      items: [
        { type: 'choice', id: 'c1', prompt: 'Yesterday I ___ to the cinema.', options: [{ id: 'a', text: 'go' }, { id: 'b', text: 'went' }], correct: ['b'] },
        { type: 'short_answer', id: 's1', prompt: 'The past of "eat"?', accepted: ['ate'] },
        { type: 'free_text', id: 'f1', points: 3, prompt: 'Write three sentences about your weekend.' },
      ],
    },
  });
  expect(created.status).toBe(201);
  // A lesson that ended half an hour ago, and the student's next one in two days.
  const startsAt = new Date(Date.now() - 90 * 60_000);
  await server.db.lesson.create({
    data: { teacherId: teacher.id, language: 'en', status: 'held', title: 'Past simple', startsAt, endsAt: new Date(startsAt.getTime() + HOUR), students: { create: [{ studentId: student.id }] } },
  });
  await server.db.lesson.create({
    data: { teacherId: teacher.id, language: 'en', startsAt: nextLesson, endsAt: new Date(nextLesson.getTime() + HOUR), students: { create: [{ studentId: student.id }] } },
  });
  browser = await launchChromium();
  teacherPage = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'UTC' })).newPage();
  studentPage = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'UTC' })).newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('homework in the browser', () => {
  it('the teacher sets a worksheet from the library after the lesson, due at the next lesson', async () => {
    await signIn(teacherPage, teacher.email);
    await teacherPage.goto(`${server.localUrl}/homework`);
    await teacherPage.getByTestId('homework-assign').click();
    await teacherPage.getByTestId('homework-assign-page').waitFor();
    // The lesson just held is offered first.
    expect(await teacherPage.getByTestId('homework-lesson').locator('option').first().textContent()).toContain('Past simple');
    await teacherPage.getByTestId('homework-test-search').fill('weekend');
    await teacherPage.getByTestId('homework-test-option').first().check();
    await teacherPage.getByTestId('homework-assign-submit').click();
    await teacherPage.getByTestId('homework-assigned').waitFor();
    const due = (await teacherPage.getByTestId('homework-assigned-due').textContent())?.replace(/\s/g, ' ');
    // The browser writes dates as en-US or en-GB does; either way, the next lesson's start.
    const ways = ['en-US', 'en-GB'].map((tag) => new Intl.DateTimeFormat(tag, { timeZone: 'UTC', dateStyle: 'medium', timeStyle: 'short' }).format(nextLesson).replace(/\s/g, ' '));
    expect(ways).toContain(due);
  });

  it('the student does it and sees the automatic score and which answer was wrong', async () => {
    await signIn(studentPage, student.email);
    await studentPage.goto(`${server.localUrl}/homework`);
    const current = studentPage.getByTestId('homework-current');
    await current.getByText(TITLE).click();
    await studentPage.getByTestId('homework-submission-page').waitFor();
    submissionUrl = studentPage.url();

    const items = studentPage.getByTestId('test-player-item');
    await items.nth(0).getByLabel('go', { exact: true }).check(); // wrong: "went"
    await items.nth(1).getByRole('textbox').fill('ate');
    await items.nth(2).getByRole('textbox').fill('On Saturday I visited my grandmother. We baked a cake. On Sunday I played football.');
    await studentPage.getByTestId('homework-submit').click();

    await expect.poll(() => statuses(studentPage)).toEqual([en['test.status.wrong'], en['test.status.correct'], en['test.status.needs_marking']]);
    expect(await studentPage.getByTestId('homework-total').textContent()).toContain(en['test.scoreOf'].replace('{score}', '1').replace('{max}', '5'));
    expect(await studentPage.getByTestId('homework-total').textContent()).toContain(en['homework.awaitingMarking']);
    // Which was wrong, not what was right.
    expect(await studentPage.getByTestId('homework-submission-page').textContent()).not.toContain(en['test.expected'].replace('{answer}', ''));
  });

  it('the teacher marks the free text and leaves a comment', async () => {
    await teacherPage.goto(`${server.localUrl}/homework`);
    const waiting = teacherPage.getByTestId('homework-waiting');
    await waiting.getByText(TITLE).click();
    await teacherPage.getByTestId('homework-marking').waitFor();
    const rows = teacherPage.getByTestId('homework-mark-row');
    expect(await rows.count()).toBe(3);
    expect(await rows.nth(2).textContent()).toContain('I visited my grandmother');
    // The teacher sees what was expected where the student missed.
    expect(await rows.nth(0).textContent()).toContain(en['test.expected'].replace('{answer}', 'went'));
    await teacherPage.getByTestId('homework-mark-points').nth(2).fill('2.5');
    await teacherPage.getByTestId('homework-comment-input').fill('Nice sentences! Mind "went" in the first one.');
    await teacherPage.getByTestId('homework-mark-save').click();
    await expect.poll(() => teacherPage.getByTestId('homework-total').textContent()).toContain(en['test.scoreOf'].replace('{score}', '3.5').replace('{max}', '5'));
    expect(await teacherPage.getByTestId('homework-total').textContent()).not.toContain(en['homework.awaitingMarking']);
  });

  it('the student sees the final score, the comment and the rating', async () => {
    await studentPage.goto(submissionUrl);
    await studentPage.getByTestId('homework-comment').waitFor();
    expect(await studentPage.getByTestId('homework-comment').textContent()).toBe('Nice sentences! Mind "went" in the first one.');
    expect(await studentPage.getByTestId('homework-total').textContent()).toContain(en['test.scoreOf'].replace('{score}', '3.5').replace('{max}', '5'));
    await expect.poll(() => statuses(studentPage)).toEqual([en['test.status.wrong'], en['test.status.correct'], en['test.status.partial']]);

    await studentPage.goto(`${server.localUrl}/homework`);
    await studentPage.getByTestId('homework-results').getByText(TITLE).waitFor();
    await expect.poll(() => studentPage.getByTestId('progress-rating').textContent()).toBe('70%');
    expect(await studentPage.getByTestId('progress-homework').locator('circle').count()).toBe(1);
  });
});
