import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSchool } from '../support/browser-school.js';
import { signedInPage } from './room-helpers.js';

/**
 * The Students section of the demo school: a teacher's own students (in Russian) with a quick
 * action on a card, another teacher kept away from that card (in English), and a methodist
 * finding any student and giving them another teacher.
 */
const school = browserSchool();

const signedIn = (email: string): Promise<Page> => signedInPage(school.browser, school.server.localUrl, email);

async function openStudents(page: Page): Promise<void> {
  await page.locator('nav a[href="/students"]').click();
  await page.getByTestId('student-line').first().waitFor();
}

const names = (page: Page) => page.getByTestId('student-open').allTextContents();

describe('the Students section', () => {
  it('shows a teacher her students, and a card where she puts a word into a student’s dictionary', async () => {
    // Anna's interface is in Russian.
    const anna = await signedIn('anna@example.com');
    await openStudents(anna);
    expect(await anna.locator('section.page h1').textContent()).toBe('Ученики');
    expect((await names(anna)).sort()).toEqual(['Ivan Petrov', 'Olga Kuznetsova']);

    await anna.getByTestId('student-open').filter({ hasText: 'Ivan Petrov' }).click();
    const english = anna.getByTestId('student-language');
    await english.waitFor();
    expect(await english.getAttribute('data-language')).toBe('en');
    expect(await english.textContent()).toContain('A2');
    // 8 bought, two lessons held.
    expect((await anna.getByTestId('student-credits').first().textContent())?.trim()).toMatch(/^6/);

    await english.getByTestId('student-add-word').click();
    const dialog = anna.locator('dialog[open]');
    await dialog.getByTestId('word-word').fill('boarding pass');
    await dialog.getByTestId('word-translation').fill('посадочный талон');
    await dialog.getByTestId('word-save').click();
    await dialog.waitFor({ state: 'detached' });
    const word = await school.server.db.dictionaryEntry.findFirstOrThrow({ where: { word: 'boarding pass' }, include: { student: true, addedBy: true } });
    expect({ student: word.student.email, addedBy: word.addedBy?.email }).toEqual({ student: 'ivan@example.com', addedBy: 'anna@example.com' });
  });

  it('keeps another teacher’s student away from a teacher', async () => {
    // Li teaches Chinese to Maria and Olga; his interface is in English.
    const li = await signedIn('li@example.com');
    await openStudents(li);
    expect(await li.locator('section.page h1').textContent()).toBe('Students');
    expect((await names(li)).sort()).toEqual(['Maria Ivanova', 'Olga Kuznetsova']);

    const ivan = await school.server.db.user.findUniqueOrThrow({ where: { email: 'ivan@example.com' } });
    await li.goto(`${school.server.localUrl}/students/${ivan.id}`);
    await li.getByRole('alert').waitFor();
    expect(await li.getByTestId('student-language').count()).toBe(0);
  });

  it('lets a methodist find any student and give them another teacher', async () => {
    const methodist = await signedIn('methodist@example.com');
    await openStudents(methodist);
    await methodist.getByTestId('students-search').fill('Maria');
    await expect.poll(() => names(methodist)).toEqual(['Maria Ivanova']);
    await methodist.getByTestId('student-open').click();
    const chinese = methodist.getByTestId('student-language').filter({ has: methodist.locator('[data-testid="student-reassign"]') });
    await chinese.first().waitFor();
    expect(await chinese.first().textContent()).toContain('Li Wei');

    await chinese.first().getByTestId('student-reassign').click();
    const dialog = methodist.locator('dialog[open]');
    await dialog.locator('select').selectOption({ label: 'Marina Methodist' });
    await dialog.locator('input').first().fill('Li is away for a month');
    await dialog.locator('button[type="submit"]').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => chinese.first().textContent()).toContain('Marina Methodist');
    const enrollment = await school.server.db.enrollment.findFirstOrThrow({ where: { student: { email: 'maria@example.com' }, language: 'zh' }, include: { teacher: true } });
    expect(enrollment.teacher?.email).toBe('methodist@example.com');
  });
});
