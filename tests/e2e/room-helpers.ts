import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_PASSWORD, loginAs } from '../support/accounts.js';
import { bookTestLesson } from '../support/lessons.js';
import type { TestServer } from '../support/server.js';

/** Books a lesson of Anna's with these demo students, starting now. */
export async function bookLesson(server: TestServer, studentEmails: string[], title = 'Browser lesson'): Promise<string> {
  const anna = await loginAs(server, 'anna@example.com');
  const students = await server.db.user.findMany({ where: { email: { in: studentEmails } } });
  return bookTestLesson(server, anna, { title, studentIds: students.map((s) => s.id) });
}

/** Signs in through the login page and waits for the dashboard. */
export async function signIn(page: Page, baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('dashboard').waitFor();
}

/** A window of its own (cookies, session) signed in as `email`, on the dashboard. */
export async function signedInPage(browser: Browser, baseUrl: string, email: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  page.setDefaultTimeout(15_000);
  await signIn(page, baseUrl, email);
  return page;
}

/** Signs in through the UI, opens the lesson's room and joins from the pre-join screen. */
export async function enterRoom(browser: Browser, baseUrl: string, email: string, lessonId: string, query = ''): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await signIn(page, baseUrl, email);
  await page.goto(`${baseUrl}/lessons/${lessonId}/room${query}`);
  await page.getByTestId('prejoin-join').click();
  await page.getByTestId('lesson-room').waitFor();
  return page;
}

export async function participantId(page: Page): Promise<string> {
  await page.waitForFunction(() => Boolean(window.__pandaRoom?.participantId));
  return page.evaluate(() => window.__pandaRoom!.participantId!);
}

/** Frames the page has decoded from one remote video (0 when there is no such video yet). */
export function framesFrom(page: Page, from: string, source: 'camera' | 'screen' = 'camera'): Promise<number> {
  return page.evaluate(
    ([id, src]) => {
      const video = document.querySelector<HTMLVideoElement>(`[data-testid="video-${id}-${src}"]`);
      return video?.getVideoPlaybackQuality().totalVideoFrames ?? 0;
    },
    [from, source] as const,
  );
}

/** Waits until the page decodes new frames of that video: media is flowing now. */
export async function expectVideoFlowing(page: Page, from: string, source: 'camera' | 'screen' = 'camera', timeoutMs = 15_000) {
  await expect.poll(() => framesFrom(page, from, source), { timeout: timeoutMs }).toBeGreaterThan(0);
  const before = await framesFrom(page, from, source);
  await expect.poll(() => framesFrom(page, from, source), { timeout: timeoutMs }).toBeGreaterThan(before + 10);
}

/**
 * The page receives a live audio track from that participant. The room compares its tracks with
 * the server's list every 3 s, so a track lost on the way has that long and more to come back.
 */
export async function expectAudioFrom(page: Page, from: string, timeoutMs = 10_000) {
  await expect
    .poll(
      () =>
        page.evaluate(
          (id) => window.__pandaRoom!.consumers().some((c) => c.participantId === id && c.kind === 'audio' && c.readyState === 'live'),
          from,
        ),
      { timeout: timeoutMs },
    )
    .toBe(true);
}
