import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { signIn } from './room-helpers.js';

/**
 * Catching stored markup that runs. Every payload's script sets `window.__xss` and opens a dialog;
 * the browser ignores the page's Content-Security-Policy, so a payload the app rendered as markup
 * would run rather than be blocked: what is tested is the app, not the policy.
 */

/** What a payload runs if it ever becomes markup. */
const RUN = 'window.__xss=(window.__xss||0)+1;alert(document.domain)';

export const PAYLOADS = {
  img: `<img src=x onerror="${RUN}">`,
  svg: `"><svg onload="${RUN}">`,
  script: `<script>${RUN}</script>`,
  iframe: `<iframe srcdoc="<script>parent.${RUN}</script>">`,
} as const;

/** All of them after a label that says where they were put. */
export const everyPayload = (label: string) => `${label} ${Object.values(PAYLOADS).join(' ')}`;

declare global {
  interface Window {
    __xss?: number;
    /** Reports a run payload to the test, which outlives the page. */
    __xssRan?: (where: string) => void;
  }
}

/** A signed-in page whose context reports any payload that runs or opens a dialog, at any time. */
export async function watchedPage(browser: Browser, baseUrl: string, email: string, ran: string[]): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  await context.exposeFunction('__xssRan', (where: string) => void ran.push(`${email}: ${where}`));
  context.on('dialog', (dialog) => {
    ran.push(`${email}: a ${dialog.type()} on ${dialog.page()?.url()}`);
    void dialog.dismiss();
  });
  await context.addInitScript(() => {
    let count: number | undefined;
    Object.defineProperty(window, '__xss', {
      get: () => count,
      set: (value: number) => {
        count = value;
        window.__xssRan?.(`window.__xss set on ${location.pathname}`);
      },
    });
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await signIn(page, baseUrl, email);
  return page;
}

/**
 * Markup that could run which the app has put into the page: event-handler attributes (React sets
 * none: it listens at the root), `javascript:` addresses, `srcdoc` frames, inline scripts.
 */
export function injectedMarkup(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const element of document.querySelectorAll('*')) {
      for (const { name, value } of element.attributes) {
        const runs = /^on/i.test(name) || name === 'srcdoc' || (/^(href|src|action|formaction|xlink:href)$/i.test(name) && /^\s*javascript:/i.test(value));
        if (runs) found.push(`<${element.localName} ${name}="${value}">`);
      }
    }
    for (const script of document.scripts) if (!script.src) found.push(`<script>${script.text}</script>`);
    return found;
  });
}

/** Shows each text visibly on the page, as text, with nothing run and no markup injected. */
export async function expectShownAsText(page: Page, texts: readonly string[], ran: readonly string[]): Promise<void> {
  for (const text of texts) await page.getByText(text).filter({ visible: true }).first().waitFor();
  expect(await injectedMarkup(page), page.url()).toEqual([]);
  expect(await page.evaluate(() => window.__xss), page.url()).toBeUndefined();
  expect(ran).toEqual([]);
}
