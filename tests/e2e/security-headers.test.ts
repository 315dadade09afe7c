import { PAGE_CONTENT_SECURITY_POLICY } from '@panda/server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs } from '../support/accounts.js';
import { launchChromium } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { signIn } from './room-helpers.js';

/**
 * The headers every response carries, a file's own sandbox, and the classroom working whole under
 * its strict policy: a lesson with the board and every kind of material shown, a past lesson's
 * board, the dictionary — and not one thing the browser had to block.
 */
declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  // As behind the TLS-terminating proxy on this host, whose X-Forwarded-Proto counts.
  server = await startTestServer({ env: { DEMO_DATA: 'true', TRUST_PROXY: 'loopback' } });
  browser = await launchChromium({ media: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A signed-in page that notes every violation of the page's policy the browser reports. */
async function watchedPage(email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__cspViolations?.push(`${event.effectiveDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}:${event.columnNumber} ${event.sample}`);
    });
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await signIn(page, server.localUrl, email);
  return page;
}

const violations = (page: Page) => page.evaluate(() => window.__cspViolations ?? []);

describe('security headers', () => {
  it('come with every response: a strict policy, no sniffing, no referrer, no framing; HSTS only over HTTPS', async () => {
    for (const path of ['/', '/login', '/api/meta']) {
      const response = await fetch(`${server.localUrl}${path}`);
      if (path === '/api/meta') expect(response.headers.get('content-security-policy'), path).toBe(PAGE_CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
      expect(response.headers.get('strict-transport-security'), path).toBeNull();
    }
    // The page: its inline style (tldraw's) by a nonce new on every response, given in the page too.
    const pages = await Promise.all([fetch(`${server.localUrl}/`), fetch(`${server.localUrl}/lessons`)]);
    const nonces = await Promise.all(
      pages.map(async (page) => {
        const nonce = /<meta name="style-nonce" content="([^"]+)"/.exec(await page.text())?.[1] ?? '';
        expect(page.headers.get('content-security-policy')).toBe(PAGE_CONTENT_SECURITY_POLICY.replace("style-src 'self'", `style-src 'self' 'nonce-${nonce}'`));
        return nonce;
      }),
    );
    expect(nonces[0]).toMatch(/^[\w+/]{22}==$/);
    expect(nonces[0]).not.toBe(nonces[1]);
    expect(PAGE_CONTENT_SECURITY_POLICY).toContain("script-src 'self';");
    expect(PAGE_CONTENT_SECURITY_POLICY).not.toContain('unsafe');
    // Behind the TLS-terminating proxy on this host.
    const overHttps = await fetch(`${server.localUrl}/`, { headers: { 'X-Forwarded-Proto': 'https' } });
    expect(overHttps.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
  });

  it('sandbox a file opened on its own, with its checked type', async () => {
    const video = await server.db.uploadedFile.findFirstOrThrow({ where: { mimeType: 'video/webm' } });
    const anna = await loginAs(server, 'anna@example.com');
    const link = await anna.post(`/api/files/${video.id}/link`);
    expect(link.status).toBe(200);
    const response = await fetch(`${server.localUrl}${link.body.url}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('video/webm');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'none';.*; sandbox$/);
  });

  it('leave the classroom whole: a lesson with every material on the board, a past lesson’s board, the dictionary', async () => {
    const lesson = await server.db.lesson.findFirstOrThrow({ where: { title: 'Present Perfect in everyday talk' } });
    const anna = await watchedPage('anna@example.com');
    const ivan = await watchedPage('ivan@example.com');
    for (const page of [anna, ivan]) {
      await page.goto(`${server.localUrl}/lessons/${lesson.id}/room`);
      await page.getByTestId('prejoin-join').click();
      await page.getByTestId('lesson-room').waitFor();
      await page.waitForFunction(() => window.__pandaBoard?.status() === 'synced', undefined, { timeout: 20_000 });
    }

    // Anna shows every material of the lesson's plan.
    const shown = anna.getByTestId('materials-panel').locator('li[data-material] button');
    const count = await shown.count();
    expect(count).toBeGreaterThanOrEqual(4);
    for (let index = 0; index < count; index += 1) await shown.nth(index).click();
    const materialsOnBoard = () => ivan.evaluate(() => window.__pandaBoard!.editor.getCurrentPageShapes().filter((shape) => shape.type.startsWith('material-')).length);
    await expect.poll(materialsOnBoard, { timeout: 15_000 }).toBe(count);
    await ivan.evaluate(() => void window.__pandaBoard!.editor.selectNone().zoomToFit());
    await ivan.getByTestId('board-player').waitFor();
    await ivan.getByTestId('test-sheet').waitFor();

    // Yesterday's board as it was left, and his dictionary with its recordings.
    const seenByIvan = await violations(ivan);
    const yesterday = await server.db.lesson.findFirstOrThrow({ where: { title: 'Present Perfect: first steps' } });
    await ivan.goto(`${server.localUrl}/lessons/${yesterday.id}`);
    await ivan.getByTestId('open-archived-board').click();
    await ivan.waitForFunction(() => window.__pandaBoard?.status() === 'synced', undefined, { timeout: 20_000 });
    seenByIvan.push(...(await violations(ivan)));
    await ivan.goto(`${server.localUrl}/dictionary`);
    await ivan.getByTestId('dictionary-word').first().waitFor();

    expect(await violations(anna)).toEqual([]);
    expect([...seenByIvan, ...(await violations(ivan))]).toEqual([]);
  }, 90_000);
});
