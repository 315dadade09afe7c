/**
 * The join dance, N times: the demo teacher and the demo student, each in their own Chromium
 * process (fake camera and microphone), press Join on their dashboard's first lesson and then the
 * pre-join button, in a random order and 0–5 s apart, on a fresh server with two media workers.
 * A dance succeeds when both decode the other's video and hear the other's audio within 5 s of the
 * later press. Prints the success rate, join → first remote frame for the second joiner and for
 * the one already in the room (p50/p95/max), and how often the reconciliation had to repair a
 * subscription; writes the table to bench-results/joins-<date>.md.
 *
 *   node --import tsx bench/joins/joins.ts [--dances 50] [--max-delay-ms 5000] [--seed 1]
 */
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { ensureUiBuilt } from '../../scripts/ui-build.mjs';
import { launchChromium } from '../../tests/support/browser.js';
import { seededRandom } from '../../tests/support/random.js';
import { expectMediaFrom, joinLesson, leaveLesson, signedIn, sleep, type Person } from '../../tests/e2e/join-dance.js';
import { startBenchServer } from '../lib/server.js';
import { benchLog, machine, writeReport } from '../lib/report.js';

const { values: flags } = parseArgs({
  options: {
    dances: { type: 'string', default: '50' },
    'max-delay-ms': { type: 'string', default: '5000' },
    seed: { type: 'string', default: String(Date.now() % 1_000_000) },
  },
});
const DANCES = Number(flags.dances);
const MAX_DELAY_MS = Number(flags['max-delay-ms']);
const WITHIN_MS = 5_000;
const TARGET_P95_MS = 1_500;

interface Dance {
  ok: boolean;
  /** The later joiner: its press → the first frame of the other's video. */
  second: number | null;
  /** The one who pressed first: the later press → the first frame of the newcomer's video. */
  first: number | null;
  repairs: number;
  failure?: string;
}

function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? null;
}

const ms = (value: number | null) => (value === null ? '–' : `${value} ms`);

async function dance(teacher: Person, student: Person, url: string, random: () => number): Promise<Dance> {
  const [first, second] = random() < 0.5 ? [teacher, student] : [student, teacher];
  const delay = Math.round(random() * MAX_DELAY_MS);
  try {
    const [firstPressed, secondPressed] = await Promise.all([
      joinLesson(first, url, null),
      sleep(delay).then(() => joinLesson(second, url, null)),
    ]);
    const since = Math.max(firstPressed, secondPressed);
    const [atSecond, atFirst] = await Promise.all([
      expectMediaFrom(second.page, [{ id: first.id, deadline: since + WITHIN_MS, page: first.page }], since),
      expectMediaFrom(first.page, [{ id: second.id, deadline: since + WITHIN_MS, page: second.page }], since),
    ]);
    const frameAt = (arrival: { arrivals: Array<{ firstFrameAt: number | null }> }) => arrival.arrivals[0]?.firstFrameAt ?? null;
    const secondFrame = frameAt(atSecond);
    const firstFrame = frameAt(atFirst);
    return {
      ok: true,
      second: secondFrame === null ? null : secondFrame - secondPressed,
      first: firstFrame === null ? null : firstFrame - since,
      repairs: atSecond.repairs + atFirst.repairs,
    };
  } catch (error) {
    return { ok: false, second: null, first: null, repairs: 0, failure: error instanceof Error ? error.message : String(error) };
  } finally {
    await Promise.all([leaveLesson(teacher, url), leaveLesson(student, url)]);
  }
}

async function main(): Promise<void> {
  const log = benchLog(Date.now());
  await ensureUiBuilt();
  // A fresh server as `npm start` makes it: the demo school, two media workers.
  const server = await startBenchServer({ DEMO_DATA: 'true', SFU_WORKERS: '2' });
  const browsers: Browser[] = [];
  try {
    browsers.push(await launchChromium({ media: true }), await launchChromium({ media: true }));
    const url = server.localUrl;
    const teacher = await signedIn(browsers[0] as Browser, url, 'anna@example.com');
    const student = await signedIn(browsers[1] as Browser, url, 'ivan@example.com');
    const random = seededRandom(Number(flags.seed));
    log(`${DANCES} join dances, delays 0–${MAX_DELAY_MS} ms, seed ${flags.seed}; ${server.backing}`);
    const results: Dance[] = [];
    for (let i = 0; i < DANCES; i++) {
      const result = await dance(teacher, student, url, random);
      results.push(result);
      log(`dance ${i + 1}: ${result.ok ? `ok, second ${ms(result.second)}, first ${ms(result.first)}, repairs ${result.repairs}` : `FAILED: ${result.failure}`}`);
    }

    const ok = results.filter((r) => r.ok);
    const seconds = ok.flatMap((r) => (r.second === null ? [] : [r.second]));
    const firsts = ok.flatMap((r) => (r.first === null ? [] : [r.first]));
    const row = (label: string, values: number[]) => {
      const p95 = percentile(values, 95);
      return `| ${label} | ${values.length} | ${ms(percentile(values, 50))} | ${ms(p95)} | ${ms(values.length ? Math.max(...values) : null)} | ${p95 !== null && p95 < TARGET_P95_MS ? 'PASS' : 'FAIL'} |`;
    };
    const report = [
      `# Join dances — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      '',
      `Machine: ${machine()}. Server: ${server.backing}, two media workers; two Chromium processes with fake devices (720p camera) on the same machine.`,
      `${DANCES} dances, random order, 0–${MAX_DELAY_MS} ms between the presses, seed ${flags.seed}.`,
      '',
      `Success (both ways, video decoded and audio received within ${WITHIN_MS / 1000} s): **${ok.length}/${DANCES}** ${ok.length === DANCES ? 'PASS' : 'FAIL'}`,
      '',
      `| join → first remote frame | dances | p50 | p95 | max | p95 < ${TARGET_P95_MS} ms |`,
      '|---|---|---|---|---|---|',
      row('second joiner (from its press)', seconds),
      row('already in the room (from the later press)', firsts),
      '',
      `Reconciliation repaired a subscription in ${results.filter((r) => r.repairs > 0).length} of ${DANCES} dances (${results.reduce((sum, r) => sum + r.repairs, 0)} repairs in all).`,
      ...results.flatMap((r, i) => (r.ok ? [] : [`- dance ${i + 1} failed: ${r.failure}`])),
      '',
    ].join('\n');
    const file = writeReport('bench-results', 'joins', report);
    log(`report written to ${file}`);
  } finally {
    for (const browser of browsers) await browser.close().catch(() => undefined);
    await server.close();
  }
}

await main();
