import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { newUser } from '../support/accounts.js';
import { signIn as signInAt } from './room-helpers.js';
import { FakeTelegram } from '../support/fake-telegram.js';
import { bookTestLesson } from '../support/lessons.js';
import { browserSchool } from '../support/browser-school.js';

/**
 * Notifications in a browser: the bell's count rises live when the teacher moves or cancels the
 * student's lesson, marking read clears it, and the profile page sets the channels per kind and
 * links Telegram (through a fake Bot API).
 */

const DAY_MINUTES = 24 * 60;

let telegram: FakeTelegram;
afterAll(() => telegram?.close());
const school = browserSchool(async () => {
  telegram = await FakeTelegram.start();
  return { env: { TELEGRAM_API_URL: telegram.url, TELEGRAM_BOT_TOKEN: telegram.token } };
});

async function signIn(email: string): Promise<Page> {
  const page = await school.browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(10_000);
  await signInAt(page, school.server.localUrl, email);
  return page;
}

/** What the bell tells a screen reader, and the count it shows ('' when none). */
async function bell(page: Page): Promise<[string | null, string]> {
  const count = page.getByTestId('notification-count');
  return [await page.getByTestId('notification-bell').getAttribute('aria-label'), (await count.count()) ? await count.innerText() : ''];
}

describe('notifications in a browser', () => {
  it('the bell counts what the teacher changes live, and marking read clears it', async () => {
    const teacher = await newUser(school.server, { role: 'teacher', teaches: ['en'] });
    const student = await newUser(school.server);
    const lessonId = await bookTestLesson(school.server, teacher.client, { studentIds: [student.id], startsInMinutes: 3 * DAY_MINUTES });

    const page = await signIn(student.email);
    expect(await bell(page)).toEqual(['Notifications, 0 unread', '']);

    const moved = await teacher.client.post(`/api/lessons/${lessonId}/move`, { startsAt: new Date(Date.now() + 4 * DAY_MINUTES * 60_000).toISOString() });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    await expect.poll(() => bell(page)).toEqual(['Notifications, 1 unread', '1']);
    // By now the page's socket is in the student's channel: the next one certainly comes over it.
    expect((await teacher.client.post(`/api/lessons/${lessonId}/cancel`)).status).toBe(200);
    await expect.poll(() => bell(page)).toEqual(['Notifications, 2 unread', '2']);

    await page.getByTestId('notification-bell').click();
    const items = page.locator('#bell-panel').getByTestId('notification');
    await expect.poll(() => items.allInnerTexts()).toEqual([expect.stringContaining('Lesson cancelled'), expect.stringContaining('Your lesson has moved')]);
    await page.getByRole('button', { name: 'Mark “Your lesson has moved” read' }).click();
    await expect.poll(() => bell(page)).toEqual(['Notifications, 1 unread', '1']);
    await page.locator('#bell-panel').getByRole('button', { name: 'Mark all read' }).click();
    await expect.poll(() => bell(page)).toEqual(['Notifications, 0 unread', '']);
    expect((await student.client.get('/api/me/notifications')).body.unread).toBe(0);

    // Escape closes the panel and leaves the focus on the bell.
    await page.keyboard.press('Escape');
    await page.locator('#bell-panel').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('notification-bell');

    // The page lists them all, read.
    await page.goto(`${school.server.localUrl}/notifications`);
    const listed = page.getByTestId('notifications-page').getByTestId('notification');
    await expect.poll(() => listed.count()).toBe(2);
    expect(await page.getByTestId('notifications-page').locator('[data-unread]').count()).toBe(0);
  });

  it('the profile sets the channels of the kinds of the role, and links Telegram', async () => {
    const student = await newUser(school.server);
    const page = await signIn(student.email);
    await page.goto(`${school.server.localUrl}/profile`);
    const settings = page.getByTestId('notification-settings');
    const movedByEmail = settings.getByRole('checkbox', { name: 'Lesson moved: E-mail' });
    await movedByEmail.waitFor();
    // Only the kinds that concern a student.
    expect(await settings.getByRole('rowheader').allInnerTexts()).toEqual([
      'Lesson tomorrow',
      'Lesson in an hour',
      'Lesson cancelled',
      'Lesson moved',
      'Homework due soon',
      'Homework overdue',
      'Lessons about to expire',
    ]);
    expect(await movedByEmail.isChecked()).toBe(true);
    await movedByEmail.uncheck();
    await settings.getByText('Notification settings saved.').waitFor();
    const chosen = (await student.client.get('/api/me/notification-settings')).body;
    expect(chosen.preferences).toContainEqual({ kind: 'lesson_moved', channels: ['in_app', 'telegram'] });
    expect(chosen.preferences).toContainEqual({ kind: 'lesson_cancelled', channels: ['in_app', 'email', 'telegram'] });

    // Telegram: a one-time code and the bot's link, then the bot links the chat.
    const status = settings.getByTestId('telegram-status');
    expect(await status.innerText()).toBe('Not linked.');
    await settings.getByRole('button', { name: 'Link Telegram' }).click();
    const command = await settings.getByTestId('telegram-command').innerText();
    expect(command).toMatch(/^\/start \S+$/);
    const code = command.slice('/start '.length);
    expect(await settings.getByRole('link', { name: 'Open the bot in Telegram' }).getAttribute('href')).toBe(`https://t.me/${telegram.username}?start=${code}`);
    expect(await telegram.deliver(school.server.localUrl, { update_id: 1, message: { chat: { id: 424_242 }, text: command } })).toBe(204);
    await settings.getByRole('button', { name: 'Check the link' }).click();
    await expect.poll(() => status.innerText()).toMatch(/^Linked/);
    await settings.getByRole('button', { name: 'Unlink Telegram' }).click();
    await expect.poll(() => status.innerText()).toBe('Not linked.');
    expect((await student.client.get('/api/me/notification-settings')).body.telegram).toEqual({ available: true, linked: false });
  });
});
