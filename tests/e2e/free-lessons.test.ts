import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createUser, loginAs } from '../support/accounts.js';
import { TestClock } from '../support/clock.js';
import { browserSchool } from '../support/browser-school.js';
import { signedInPage } from './room-helpers.js';

/**
 * The student's Free lessons section in the demo school: the placement lesson booked for Maria (in
 * Russian), Olga's empty section, a newcomer asking for one and seeing the methodist's result, and
 * a teacher kept out. The server's clock is moved to the newcomer's lesson; nothing sleeps.
 */
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const clock = new TestClock();
const school = browserSchool({ clock, env: { DEMO_DATA: 'true' } });

const signedIn = (email: string): Promise<Page> => signedInPage(school.browser, school.server.localUrl, email);

async function openFreeLessons(page: Page, menuLabel: string): Promise<void> {
  await page.locator('nav').getByRole('link', { name: menuLabel, exact: true }).click();
  await page.getByTestId('free-lessons-page').waitFor();
}

const statusOf = (page: Page) => page.getByTestId('placement-line').first().getByTestId('placement-status').getAttribute('data-status');

/** The wall-clock time of `instant` in `timeZone` as the page writes it: "05:00" in Russian, "5:00" (PM) in English. */
function wallClock(instant: Date, timeZone: string, hourCycle: 'h12' | 'h23'): RegExp {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: 'numeric', minute: '2-digit', hourCycle }).formatToParts(instant);
  const part = (type: string) => parts.find((entry) => entry.type === type)?.value ?? '';
  return new RegExp(`(^|\\D)0?${Number(part('hour'))}:${part('minute')}(\\D|$)`);
}

describe('the Free lessons section', () => {
  it('shows Maria the placement lesson booked for her, in Russian and in her time zone', async () => {
    const lesson = await school.server.db.lesson.findFirstOrThrow({ where: { kind: 'placement', students: { some: { student: { email: 'maria@example.com' } } } } });
    const maria = await signedIn('maria@example.com');
    await openFreeLessons(maria, 'Бесплатные уроки');
    expect(await maria.locator('section.page h1').textContent()).toBe('Бесплатные уроки');

    const line = maria.getByTestId('placement-line');
    await line.waitFor();
    expect(await line.count()).toBe(1);
    expect(await statusOf(maria)).toBe('scheduled');
    expect(await line.getByTestId('placement-status').textContent()).toBe('Назначен');
    const text = await line.textContent();
    expect(text).toContain('Английский');
    expect(text).toContain('Методист: Marina Methodist');
    expect(await line.getByTestId('placement-lesson').textContent()).toMatch(wallClock(lesson.startsAt, 'Asia/Yekaterinburg', 'h23'));
    expect(await line.getByTestId('placement-join').getAttribute('href')).toBe(`/lessons/${lesson.id}/room`);
    // She learns Chinese and has English booked: nothing left to ask for.
    await maria.getByTestId('free-lessons-none-left').waitFor();
  });

  it('explains the free lesson to Olga, who has had none and learns every language already', async () => {
    const olga = await signedIn('olga@example.com');
    await openFreeLessons(olga, 'Free lessons');
    await olga.getByTestId('free-lessons-empty').waitFor();
    expect(await olga.getByTestId('free-lessons-page').textContent()).toContain('a methodist meets you online');
    expect(await olga.getByTestId('placement-line').count()).toBe(0);
    expect(await olga.getByTestId('free-lessons-none-left').textContent()).toBe('You learn or have asked for every language the school teaches.');
  });

  it('is not a teacher’s section', async () => {
    const li = await signedIn('li@example.com');
    const menu = await li.locator('nav a').allTextContents();
    expect(menu).toContain('Lessons');
    expect(menu).not.toContain('Free lessons');
    await li.goto(`${school.server.localUrl}/free-lessons`);
    await li.getByRole('heading', { name: 'Not available' }).waitFor();
    expect(await li.getByTestId('free-lessons-page').count()).toBe(0);
  });

  it('lets a newcomer ask for one, then shows the lesson booked and the result the methodist recorded', async () => {
    const nora = await createUser(school.server, { name: 'Nora Newcomer', timeZone: 'Europe/Berlin' });
    const page = await signedIn(nora.email);
    await openFreeLessons(page, 'Free lessons');
    await page.getByTestId('free-lessons-empty').waitFor();

    // Both languages are offered; she asks for English.
    const language = page.getByTestId('placement-ask-language');
    expect(await language.locator('option').allTextContents()).toEqual(['English', 'Chinese']);
    await language.selectOption('en');
    await page.getByTestId('placement-ask-comment').fill('Evenings suit me');
    await page.getByTestId('placement-ask-submit').click();
    await page.getByText('Asked. A methodist will agree on a time with you.').waitFor();
    await expect.poll(() => statusOf(page)).toBe('new');
    expect(await page.getByTestId('placement-status').textContent()).toBe('Requested');
    expect(await page.getByTestId('placement-line').textContent()).toContain('English');
    // English is asked for: the form offers the other language only.
    expect(await language.locator('option').allTextContents()).toEqual(['Chinese']);

    const request = await school.server.db.placementRequest.findFirstOrThrow({ where: { studentId: nora.id } });
    expect(request).toMatchObject({ language: 'en', status: 'new', comment: 'Evenings suit me' });

    // The methodist books the lesson, away from the demo school's lessons.
    const startsAt = new Date(Math.ceil(clock.now().getTime() / HOUR_MS) * HOUR_MS + 2 * DAY_MS);
    let methodist = await loginAs(school.server, 'methodist@example.com');
    const scheduled = await methodist.post(`/api/placement/requests/${request.id}/schedule`, { startsAt: startsAt.toISOString(), durationMinutes: 45 });
    expect(scheduled.status).toBe(200);
    await page.reload();
    await expect.poll(() => statusOf(page)).toBe('scheduled');
    const line = page.getByTestId('placement-line');
    expect(await line.getByTestId('placement-lesson').textContent()).toMatch(wallClock(startsAt, 'Europe/Berlin', 'h12'));
    expect(await line.getByTestId('placement-join').getAttribute('href')).toBe(`/lessons/${scheduled.body.lesson.id}/room`);

    // The lesson takes place; the methodist records the result (which marks it held).
    clock.advance(startsAt.getTime() + 40 * 60_000 - clock.now().getTime());
    methodist = await loginAs(school.server, 'methodist@example.com');
    const anna = await school.server.db.user.findUniqueOrThrow({ where: { email: 'anna@example.com' } });
    const assessed = await methodist.request('PUT', `/api/placement/requests/${request.id}/assessment`, {
      assessments: [{ language: 'en', level: 'B1', goal: 'Travel with confidence', teacherId: anna.id }],
    });
    expect(assessed.status).toBe(200);

    await page.reload();
    await expect.poll(() => statusOf(page)).toBe('assessed');
    expect(await line.getByTestId('placement-join').count()).toBe(0);
    const result = line.getByTestId('placement-result');
    expect(await result.count()).toBe(1);
    expect(await result.getAttribute('data-language')).toBe('en');
    expect(await result.getByTestId('placement-result-level').textContent()).toBe('B1');
    expect(await result.getByTestId('placement-result-goal').textContent()).toBe('Travel with confidence');
    expect(await result.getByTestId('placement-result-teacher').textContent()).toBe('Anna Smirnova');
  });
});
