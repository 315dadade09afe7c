import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSchool } from '../support/browser-school.js';
import { signedInPage } from './room-helpers.js';

/** The Lessons section of the demo school, as a student and a teacher use it, in both languages. */
const school = browserSchool();

const signedIn = (email: string): Promise<Page> => signedInPage(school.browser, school.server.localUrl, email);

const lessonLine = (page: Page, title: string) => page.getByTestId('lesson-line').filter({ hasText: title });

describe('the Lessons section', () => {
  it('shows a student their lessons to come, filtered, and one lesson whole; another student cannot open it', async () => {
    // Olga learns English with Anna and Chinese with Li; her interface is in English.
    const olga = await signedIn('olga@example.com');
    await olga.getByRole('link', { name: 'Lessons', exact: true }).first().click();
    await olga.getByTestId('lessons-page').waitFor();
    const ielts = lessonLine(olga, 'IELTS speaking part 2');
    await ielts.waitFor();
    expect(await ielts.getByTestId('lesson-outcome').getAttribute('data-outcome')).toBe('booked');
    expect(await ielts.textContent()).toContain('Anna Smirnova');
    expect(await lessonLine(olga, 'Measure words').count()).toBe(1);
    // Only her lessons, not Ivan's.
    expect(await lessonLine(olga, 'Present Perfect in everyday talk').count()).toBe(0);

    await olga.getByTestId('lessons-language').selectOption('zh');
    await expect.poll(() => olga.getByTestId('lesson-line').allTextContents()).toEqual([expect.stringContaining('Measure words')]);
    await olga.getByTestId('lessons-language').selectOption('');
    await olga.getByTestId('lessons-outcome').selectOption('cancelled');
    await olga.getByText('No lessons to come.').waitFor();
    await olga.getByTestId('lessons-outcome').selectOption('');
    await olga.getByTestId('lessons-tab-past').click();
    await olga.getByText('No past lessons yet.').waitFor();
    await olga.getByTestId('lessons-tab-upcoming').click();

    await lessonLine(olga, 'IELTS speaking part 2').getByTestId('lesson-open').click();
    await olga.getByTestId('lesson-page').waitFor();
    expect(await olga.getByTestId('lesson-teacher').textContent()).toBe('Anna Smirnova');
    await olga.getByText('No plan was assigned to this lesson.').waitFor();
    const address = olga.url();

    const maria = await signedIn('maria@example.com');
    await maria.goto(address);
    await maria.getByTestId('lesson-page').getByRole('alert').waitFor();
    expect(await maria.getByTestId('lesson-teacher').count()).toBe(0);
  });

  it('shows a teacher her lessons with their students, in Russian', async () => {
    // Anna's interface is in Russian.
    const anna = await signedIn('anna@example.com');
    await anna.getByRole('link', { name: 'Уроки', exact: true }).first().click();
    await anna.getByTestId('lessons-page').waitFor();
    expect(await anna.getByTestId('lessons-tab-upcoming').textContent()).toBe('Предстоящие');
    const club = lessonLine(anna, 'Conversation club');
    await club.waitFor();
    expect(await club.textContent()).toContain('Ivan Petrov, Olga Kuznetsova');
    // Li's lessons are not hers.
    expect(await lessonLine(anna, 'Measure words').count()).toBe(0);
    await club.getByTestId('lesson-open').click();
    await anna.getByTestId('lesson-manage').waitFor();
    expect(await anna.getByTestId('attendance-line').count()).toBe(2);

    // She prepares the club from her plans, on the lesson's page.
    await anna.getByTestId('lesson-plan-choose').click();
    await anna.getByTestId('lesson-plan-option').filter({ hasText: 'English A2 — lesson 10' }).getByTestId('lesson-plan-use').click();
    await expect.poll(() => anna.getByTestId('lesson-plan-title').textContent()).toBe('English A2 — lesson 10');
    expect(await anna.getByTestId('lesson-plan-materials').locator('li').count()).toBeGreaterThan(2);
  });

  it('shows a student a lesson gone by: the chat, what was shown, his test, the homework, and the board as it was left, read-only', async () => {
    // Ivan's interface is in Russian.
    const ivan = await signedIn('ivan@example.com');
    await ivan.locator('nav a[href="/lessons"]').click();
    await ivan.getByTestId('lessons-page').waitFor();
    await ivan.getByTestId('lessons-tab-past').click();
    const yesterday = lessonLine(ivan, 'Present Perfect: first steps');
    await yesterday.waitFor();
    expect(await yesterday.getByTestId('lesson-outcome').getAttribute('data-outcome')).toBe('held');
    await yesterday.getByTestId('lesson-open').click();
    await ivan.getByTestId('lesson-page').waitFor();

    await expect.poll(() => ivan.getByTestId('lesson-chat').textContent()).toContain('Yes, I have been to Turkey twice.');
    await expect.poll(() => ivan.getByTestId('shown-material').count()).toBe(3);
    // The last shown first.
    expect(await ivan.getByTestId('shown-material').allTextContents()).toEqual([
      expect.stringContaining('Present Perfect check'),
      expect.stringContaining('Travel words'),
      expect.stringContaining('Have you ever been to London?'),
    ]);
    expect(await ivan.getByTestId('test-line').count()).toBe(1);
    expect(await ivan.getByTestId('lesson-homework-line').count()).toBeGreaterThan(0);
    expect(await ivan.getByTestId('lesson-manage').count()).toBe(0);

    await ivan.getByTestId('open-archived-board').click();
    await ivan.getByTestId('archived-board').getByTestId('lesson-board').waitFor();
    await ivan.waitForFunction(() => window.__pandaBoard?.status() === 'synced', undefined, { timeout: 20_000 });
    const board = () =>
      ivan.evaluate(() => {
        const { editor } = window.__pandaBoard!;
        return { readonly: editor.getIsReadonly(), materials: editor.getCurrentPageShapes().filter((shape) => shape.type.startsWith('material-')).length };
      });
    expect(await board()).toEqual({ readonly: true, materials: 3 });
    // The lesson is over: a change sent anyway is refused by the server and the board reloads as it was.
    await ivan.evaluate(() => window.__pandaBoard!.doc().getMap('records').set('shape:late', { id: 'shape:late', typeName: 'shape' }));
    await expect.poll(() => ivan.evaluate(() => window.__pandaBoard!.resets()), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => ivan.evaluate(() => window.__pandaBoard!.doc().getMap('records').has('shape:late'))).toBe(false);
  });

  it('replays a lesson gone by: the board, and the chat and the materials appearing as the timeline moves', async () => {
    const ivan = await signedIn('ivan@example.com');
    await ivan.locator('nav a[href="/lessons"]').click();
    await ivan.getByTestId('lessons-tab-past').click();
    await lessonLine(ivan, 'Present Perfect: first steps').getByTestId('lesson-open').click();
    await ivan.getByTestId('watch-lesson').click();
    await ivan.getByTestId('replay-page').waitFor();

    // At the start: the board as it was prepared, nothing said or shown yet.
    await expect.poll(() => ivan.getByTestId('replay-board').locator('.tl-shape').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await ivan.getByTestId('replay-clock').textContent()).toMatch(/^0:00 \/ \d+:\d\d$/);
    expect(await ivan.getByTestId('replay-chat').locator('li').count()).toBe(0);
    expect(await ivan.getByTestId('replay-materials').locator('li').count()).toBe(0);

    // Moved to the end: everything said and shown.
    const timeline = ivan.getByTestId('replay-timeline');
    await timeline.fill((await timeline.getAttribute('max')) as string);
    await expect.poll(() => ivan.getByTestId('replay-chat').textContent()).toContain('Yes, I have been to Turkey twice.');
    expect(await ivan.getByTestId('replay-materials').locator('li').count()).toBe(3);
    // And back to the start: gone again.
    await timeline.fill((await timeline.getAttribute('min')) as string);
    await expect.poll(() => ivan.getByTestId('replay-chat').locator('li').count()).toBe(0);
  });
});
