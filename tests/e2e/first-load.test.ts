import { describe, expect, it } from 'vitest';
import { browserSchool } from '../support/browser-school.js';
import { signIn } from './room-helpers.js';

/**
 * What a phone waits for before it can sign in and see its dashboard: the main bundle, compressed
 * and cached for good, and nothing of the board (tldraw, most of the UI's weight) or the lesson
 * room, whose code comes when someone opens them — or, for the room, once the dashboard shows a
 * lesson whose room is open.
 */

const school = browserSchool();

const MAIN_BUNDLE = /^\/assets\/index-[\w-]+\.js$/;
const BOARD_OR_ROOM = /^\/assets\/(?:LessonBoard|RoomPage)-[\w-]+\.js$/;

/** Signs in on a fresh page and waits for whatever the dashboard asks for; the scripts it fetched. */
async function dashboardScripts(email: string) {
  const page = await (await school.browser.newContext()).newPage();
  page.setDefaultTimeout(15_000);
  const scripts = new Set<string>();
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.add(new URL(request.url()).pathname);
  });
  const main = page.waitForResponse((response) => MAIN_BUNDLE.test(new URL(response.url()).pathname));
  await signIn(page, school.server.localUrl, email);
  // The dashboard has its lessons on screen, and whatever it fetches for them has been asked for.
  await page.locator('.lesson-list').waitFor();
  await page.waitForLoadState('networkidle');
  return { page, scripts, mainHeaders: await (await main).allHeaders() };
}

describe('the first load', () => {
  it('signs in and shows the dashboard with the main bundle alone, compressed, when no lesson is on now', async () => {
    // Maria's next lesson is hours away.
    const { scripts, mainHeaders } = await dashboardScripts('maria@example.com');
    expect([...scripts].filter((path) => MAIN_BUNDLE.test(path))).toHaveLength(1);
    expect([...scripts].filter((path) => !MAIN_BUNDLE.test(path))).toEqual(['/before-modules.js']);
    // Chromium offers brotli to this local address (a secure context) as to any HTTPS site.
    expect(mainHeaders['content-encoding']).toBe('br');
    expect(mainHeaders['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('fetches the room’s code once the dashboard shows a lesson on now, and the board’s only with the board', async () => {
    // Ivan's lesson with Anna is on now: its room is the likely next click.
    const { page, scripts } = await dashboardScripts('ivan@example.com');
    // Asked for as the lesson shows (on a busy machine the network may go quiet a moment before).
    await expect.poll(() => [...scripts].filter((path) => BOARD_OR_ROOM.test(path))).toEqual([expect.stringMatching(/^\/assets\/RoomPage-/)]);

    // Yesterday's lesson, then its board: only now does the board's code arrive.
    const yesterday = await school.server.db.lesson.findFirstOrThrow({ where: { title: 'Present Perfect: first steps' } });
    await page.goto(`${school.server.localUrl}/lessons/${yesterday.id}`);
    await page.getByTestId('open-archived-board').click();
    await page.getByTestId('archived-board').getByTestId('lesson-board').waitFor();
    expect([...scripts].filter((path) => /LessonBoard-/.test(path))).toEqual([expect.stringMatching(/^\/assets\/LessonBoard-/)]);
  });
});
