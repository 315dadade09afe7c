import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser.js';
import { startTestServer, type TestServer, type TestServerOptions } from './server.js';

export interface BrowserSchool {
  readonly server: TestServer;
  readonly browser: Browser;
}

/**
 * A test file's school and the Chromium its people use: started before the file's tests and closed
 * after them. The options may be worked out at start (around a fake provider started first); by
 * default the demo school.
 */
export function browserSchool(options: TestServerOptions | (() => Promise<TestServerOptions>) = { env: { DEMO_DATA: 'true' } }): BrowserSchool {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startTestServer(typeof options === 'function' ? await options() : options);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const started = <T,>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the school starts in beforeAll; use it inside tests and hooks');
    return value;
  };
  return {
    get server() {
      return started(server);
    },
    get browser() {
      return started(browser);
    },
  };
}
