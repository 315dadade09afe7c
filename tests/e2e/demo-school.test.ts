import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSchool } from '../support/browser-school.js';
import { signIn } from './room-helpers.js';

/**
 * A newcomer's first tour of the demo school: every entry of every role's side menu opens a page
 * with something real on it — loaded, without an error, more than a heading. The demo people
 * cover both interface languages (Anna and Ivan use Russian, Li and Olga English).
 */
const school = browserSchool();

const DEMO_ACCOUNTS = [
  'admin@example.com',
  'methodist@example.com',
  'anna@example.com',
  'li@example.com',
  'ivan@example.com',
  'olga@example.com',
];

/** What the page in the main area shows: its heading, and the text beyond it once there is some. */
async function settledPage(page: Page) {
  const main = page.locator('main');
  await main.locator('section.page').first().waitFor();
  await expect.poll(() => main.locator('.loading-screen, .spinner').count(), { timeout: 15_000 }).toBe(0);
  const heading = async () => ((await main.locator('section.page h1').first().textContent()) ?? '').trim();
  // Text beyond the heading: a list, a form, an explanation of an empty list (a list may still be on its way).
  const body = async () => ((await main.locator('section.page').first().innerText()) ?? '').trim();
  await expect.poll(async () => (await body()).length - (await heading()).length, { timeout: 15_000 }).toBeGreaterThan(20);
  return { heading: await heading(), errors: await main.getByRole('alert').allTextContents(), body: await body() };
}

describe('the demo school', () => {
  it.each(DEMO_ACCOUNTS)('every menu entry of %s opens a real page', async (email) => {
    const context = await school.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page, school.server.localUrl, email);

    const entries = page.locator('nav a');
    const count = await entries.count();
    expect(count).toBeGreaterThan(3);
    const visited: string[] = [];
    for (let index = 0; index < count; index += 1) {
      const entry = entries.nth(index);
      const label = ((await entry.textContent()) ?? '').trim();
      const target = (await entry.getAttribute('href')) ?? '';
      await entry.click();
      await page.waitForURL((url) => url.pathname === target);
      const shown = await settledPage(page);
      expect({ label, errors: shown.errors }).toEqual({ label, errors: [] });
      expect(shown.heading.length, `${label}: a heading`).toBeGreaterThan(0);
      expect(shown.body.length - shown.heading.length, `${label}: content under the heading`).toBeGreaterThan(20);
      visited.push(target);
    }
    expect(new Set(visited).size).toBe(count);
    await context.close();
  });
});
