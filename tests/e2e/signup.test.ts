import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../support/http.js';
import { browserSchool } from '../support/browser-school.js';

const school = browserSchool();

// No SMTP server: the code lands in the dev outbox, where an admin reads it.

async function codeFromOutbox(email: string): Promise<string> {
  const admin = new ApiClient(school.server.localUrl);
  admin.accessToken = (await admin.post('/api/auth/login', { email: 'admin@example.com', password: 'panda-demo' })).body.accessToken;
  const outbox = await admin.get(`/api/admin/outbox?to=${encodeURIComponent(email)}`);
  const code = /\b(\d{6})\b/.exec(outbox.body.items[0]?.text ?? '')?.[1];
  if (!code) throw new Error(`no code in the outbox for ${email}`);
  return code;
}

async function fillLogin(page: Page, email: string, password: string) {
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

describe('a newcomer in the browser', () => {
  it('signs up, confirms with the code from the outbox, logs in and sees the dashboard', async () => {
    const page = await school.browser.newPage();
    const email = 'newcomer@example.com';
    await page.goto(`${school.server.localUrl}/signup`);
    await page.getByTestId('signup-name').fill('Nina Newcomer');
    await page.getByTestId('signup-email').fill(email);
    await page.getByTestId('signup-password').fill('learning english');
    await page.getByTestId('signup-accept').check();
    await page.getByTestId('signup-submit').click();

    await page.getByTestId('confirm-code').waitFor();
    await page.getByTestId('confirm-code').fill(await codeFromOutbox(email));
    await page.getByTestId('confirm-submit').click();
    await page.getByTestId('dashboard').waitFor();

    await page.getByTestId('logout').click();
    await page.getByTestId('login-email').waitFor();
    await fillLogin(page, email, 'learning english');
    await page.getByTestId('dashboard').waitFor();
    expect(await page.getByTestId('current-user-name').textContent()).toContain('Nina Newcomer');

    const user = await school.server.db.user.findUniqueOrThrow({ where: { email }, include: { agreementAcceptances: true } });
    expect(user.emailVerifiedAt).not.toBeNull();
    expect(user.agreementAcceptances).toHaveLength(1);
    await page.close();
  });

  it('switches the interface to Russian and keeps the choice on the account', async () => {
    const page = await school.browser.newPage();
    await page.goto(`${school.server.localUrl}/login`);
    await fillLogin(page, 'olga@example.com', 'panda-demo');
    await page.getByTestId('dashboard').waitFor();
    await page.getByTestId('locale-ru').click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('ru');
    await expect.poll(async () => (await school.server.db.user.findUniqueOrThrow({ where: { email: 'olga@example.com' } })).locale).toBe('ru');
    await page.reload();
    await page.getByTestId('dashboard').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('ru');
    await page.screenshot({ path: '/tmp/panda-dashboard-ru.png', fullPage: true });
    await page.close();
  });
});
