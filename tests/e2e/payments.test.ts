import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeYooKassa } from '../support/fake-yookassa.js';
import { browserSchool } from '../support/browser-school.js';
import { freePort } from '../support/ports.js';
import { signIn as signInAt } from './room-helpers.js';

let fake: FakeYooKassa;
afterAll(() => fake?.close());
/** The provider sends the payer back to PUBLIC_URL, so the server needs its port known up front. */
const school = browserSchool(async () => {
  fake = await FakeYooKassa.start();
  const port = await freePort();
  return { role: 'api', env: { DEMO_DATA: 'true', PORT: String(port), PUBLIC_URL: `http://localhost:${port}`, ...fake.serverEnv } };
});
let page: Page;

async function signIn(email: string) {
  await page.context().clearCookies();
  await signInAt(page, school.server.localUrl, email);
}

beforeAll(async () => {
  page = await school.browser.newPage({ viewport: { width: 1280, height: 900 } });
});

describe('a student buys lessons', () => {
  it('pays on the provider’s page, comes back to the result, and sees the lessons added', async () => {
    await signIn('ivan@example.com');
    await page.goto(`${school.server.localUrl}/credits`);
    const before = Number(await page.getByTestId('credit-balance').textContent());

    await page.goto(`${school.server.localUrl}/credits/buy`);
    await page.getByTestId('package-offer').first().getByRole('button').click();
    await page.waitForURL(`${fake.baseUrl}/checkout/**`);
    await page.locator('#pay').click();

    // Back in the app: the result page settles the payment (the provider is asked; no notification is sent here).
    await page.waitForURL(`${school.server.localUrl}/payments/**`);
    await page.locator('[data-testid="payment-result"] [data-status="succeeded"]').waitFor();
    await page.goto(`${school.server.localUrl}/credits`);
    await expect.poll(async () => Number(await page.getByTestId('credit-balance').textContent())).toBe(before + 8);
  });

  it('the admin sees it among the payments and the packages on sale', async () => {
    await signIn('admin@example.com');
    await page.goto(`${school.server.localUrl}/admin/payments`);
    await expect.poll(() => page.getByTestId('payment-row').count()).toBeGreaterThanOrEqual(1);
    await page.goto(`${school.server.localUrl}/admin/packages`);
    await expect.poll(() => page.getByTestId('package-type-row').count()).toBeGreaterThanOrEqual(1);
  });
});
