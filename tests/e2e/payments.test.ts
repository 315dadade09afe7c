import net from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { FakeYooKassa } from '../support/fake-yookassa.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { signIn as signInAt } from './room-helpers.js';

let fake: FakeYooKassa;
let server: TestServer;
let browser: Browser;
let page: Page;

/** The provider sends the payer back to PUBLIC_URL, so the server needs its port known up front. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function signIn(email: string) {
  await page.context().clearCookies();
  await signInAt(page, server.localUrl, email);
}

beforeAll(async () => {
  fake = await FakeYooKassa.start();
  const port = await freePort();
  server = await startTestServer({
    role: 'api',
    env: {
      DEMO_DATA: 'true',
      PORT: String(port),
      PUBLIC_URL: `http://localhost:${port}`,
      ...fake.serverEnv,
    },
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await fake?.close();
});

describe('a student buys lessons', () => {
  it('pays on the provider’s page, comes back to the result, and sees the lessons added', async () => {
    await signIn('ivan@example.com');
    await page.goto(`${server.localUrl}/credits`);
    const before = Number(await page.getByTestId('credit-balance').textContent());

    await page.goto(`${server.localUrl}/credits/buy`);
    await page.getByTestId('package-offer').first().getByRole('button').click();
    await page.waitForURL(`${fake.baseUrl}/checkout/**`);
    await page.locator('#pay').click();

    // Back in the app: the result page settles the payment (the provider is asked; no notification is sent here).
    await page.waitForURL(`${server.localUrl}/payments/**`);
    await page.locator('[data-testid="payment-result"] [data-status="succeeded"]').waitFor();
    await page.goto(`${server.localUrl}/credits`);
    await expect.poll(async () => Number(await page.getByTestId('credit-balance').textContent())).toBe(before + 8);
  });

  it('the admin sees it among the payments and the packages on sale', async () => {
    await signIn('admin@example.com');
    await page.goto(`${server.localUrl}/admin/payments`);
    await expect.poll(() => page.getByTestId('payment-row').count()).toBeGreaterThanOrEqual(1);
    await page.goto(`${server.localUrl}/admin/packages`);
    await expect.poll(() => page.getByTestId('package-type-row').count()).toBeGreaterThanOrEqual(1);
  });
});
