/**
 * How the UI loads on a phone network: real Chromium with the network slowed down (CDP network
 * emulation) opens the sign-in page, signs in to the dashboard, opens the room of the dashboard's
 * first lesson (until its own camera shows in the pre-join screen) and a past lesson's board (until
 * its first shapes are drawn), with an empty cache and again with the cache from that first visit.
 * Prints bytes transferred and time for each step per profile; writes the table to
 * bench-results/load-<date>.md.
 *
 *   node --import tsx bench/load/load.ts [--runs 3]
 */
import { parseArgs } from 'node:util';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { ensureUiBuilt } from '../../scripts/ui-build.mjs';
import { launchChromium } from '../../tests/support/browser.js';
import { benchLog, machine, writeReport } from '../lib/report.js';
import { startBenchServer } from '../lib/server.js';

const { values: flags } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const RUNS = Number(flags.runs);

/** Throughput in bytes per second, latency (round trip) in ms, as CDP takes them. */
const PROFILES = {
  'slow 4G (1.6 Mbit/s down, 750 kbit/s up, 150 ms)': { latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 },
  'fast 3G (1.6 Mbit/s down, 750 kbit/s up, 563 ms)': { latency: 562.5, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 },
} as const;

const STEPS = ['sign-in page', 'dashboard', 'room (own camera shown)', 'board (first shapes drawn)'] as const;
type Step = (typeof STEPS)[number];
type Measures = Record<Step, { ms: number; bytes: number }>;

const log = benchLog(Date.now());
await ensureUiBuilt();
const server = await startBenchServer({ DEMO_DATA: 'true' });
const browser = await launchChromium({ media: true });

/** Counts what crosses the (emulated) network: encoded bytes of every finished response. */
class Traffic {
  bytes = 0;
  constructor(cdp: CDPSession) {
    cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => {
      this.bytes += event.encodedDataLength;
    });
  }
}

async function timed(traffic: Traffic, work: () => Promise<void>): Promise<{ ms: number; bytes: number }> {
  const bytesBefore = traffic.bytes;
  const started = performance.now();
  await work();
  return { ms: performance.now() - started, bytes: traffic.bytes - bytesBefore };
}

/** One visit: the four steps, in a context that may already hold a cache from an earlier visit. */
async function visit(context: BrowserContext, profile: (typeof PROFILES)[keyof typeof PROFILES]): Promise<Measures> {
  // Signed out again (a warm visit keeps the cache, not the session).
  await context.clearCookies();
  const page: Page = await context.newPage();
  page.setDefaultTimeout(120_000);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, ...profile });
  const traffic = new Traffic(cdp);
  const base = server.localUrl;
  const measures = {} as Measures;

  measures['sign-in page'] = await timed(traffic, async () => {
    await page.goto(`${base}/login`);
    await page.getByTestId('login-email').waitFor();
  });
  measures.dashboard = await timed(traffic, async () => {
    await page.getByTestId('login-email').fill('ivan@example.com');
    await page.getByTestId('login-password').fill('panda-demo');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('dashboard').waitFor();
    await page.locator('a[href^="/lessons/"][href$="/room"]').first().waitFor();
  });
  measures['room (own camera shown)'] = await timed(traffic, async () => {
    await page.locator('a[href^="/lessons/"][href$="/room"]').first().click();
    await page.waitForFunction(() => {
      const video = document.querySelector<HTMLVideoElement>('[data-testid="prejoin-video"]');
      return Boolean(video && video.videoWidth > 0);
    });
  });
  // Found through the Lessons section, outside the measured steps.
  await page.goto(`${base}/lessons`);
  await page.getByTestId('lessons-tab-past').click();
  const pastLesson = await page.locator('[data-testid="lesson-line"]').filter({ has: page.locator('[data-outcome="held"]') }).first().getByTestId('lesson-open').getAttribute('href');
  if (!pastLesson) throw new Error('the demo student has no past lesson');
  measures['board (first shapes drawn)'] = await timed(traffic, async () => {
    await page.goto(`${base}${pastLesson}`);
    await page.getByTestId('open-archived-board').click();
    // Drawn, if not all in view on a phone's screen.
    await page.locator('[data-testid="archived-board"] .tl-shape').first().waitFor({ state: 'attached' });
  });
  await page.close();
  return measures;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const rows: string[] = [];
try {
  for (const [name, profile] of Object.entries(PROFILES)) {
    const cold: Measures[] = [];
    const warm: Measures[] = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      cold.push(await visit(context, profile));
      warm.push(await visit(context, profile));
      await context.close();
      log(`${name}: run ${run + 1} of ${RUNS}`);
    }
    for (const step of STEPS) {
      for (const [cache, visits] of [['cold', cold], ['warm', warm]] as const) {
        const kb = median(visits.map((measures) => measures[step].bytes)) / 1024;
        const seconds = median(visits.map((measures) => measures[step].ms)) / 1000;
        rows.push(`| ${name} | ${step} | ${cache} | ${kb.toFixed(0)} | ${seconds.toFixed(2)} |`);
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
}

const report = [
  '## UI load on a phone network',
  '',
  `Machine: ${machine()}. Server: ${server.backing}, on loopback; Chromium (Debian) with CDP network emulation, a phone-sized window, fake camera. ` +
    `Each step runs on from the one before (the dashboard includes signing in); medians of ${RUNS} visits; "warm" is a second visit in the same browser profile.`,
  '',
  '| Network | Step | Cache | KB transferred | Seconds |',
  '|---|---|---|---:|---:|',
  ...rows,
  '',
].join('\n');
const file = writeReport('bench-results', 'load', report);
log(`written to ${file}`);
