/**
 * Our SFU and Janus side by side, in one run: the same headless WebRTC participants (libwebrtc via
 * wrtc, the same synthetic camera and microphone, the same encodings), the same lesson mixes, one
 * SFU after the other on the same network. For each SFU and mix: the SFU's CPU per forwarded
 * stream and per lesson (ours: mediasoup worker + the Node process with signaling and API),
 * receivers' packet loss, join → first decoded frame, memory per lesson; ratios ours ÷ Janus.
 *
 * Prints a markdown table and writes it to bench-results/peers-<date>.md. See bench/README.md.
 *
 *   node --expose-gc --import tsx bench/peers/peers.ts [--sfus ours,janus] [--mixes 4x2,2x4]
 *     [--rounds 3] [--warmup 5] [--duration 20] [--video 320x180@15] [--out bench-results]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { lossOf, percentile } from '../lib/figures.js';
import { parseVideo } from '../lib/headless-client.js';
import { insideOwnNetns, rerunInOwnNetns } from '../lib/netns.js';
import { CpuMeter, machineBusySeconds } from '../lib/proc.js';
import { benchLog, machine, writeReport } from '../lib/report.js';
import type { Contender } from './contender.js';
import { JanusSfu } from './janus-sfu.js';
import { OurSfu } from './our-sfu.js';

const { values: flags } = parseArgs({
  options: {
    sfus: { type: 'string', default: 'ours,janus' },
    mixes: { type: 'string', default: '4x2,2x4' },
    warmup: { type: 'string', default: '5' },
    duration: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '3' },
    video: { type: 'string', default: '320x180@15' },
    out: { type: 'string', default: 'bench-results' },
    help: { type: 'boolean', default: false },
  },
});

if (flags.help) {
  console.log(fs.readFileSync(new URL(import.meta.url), 'utf8').split('*/')[0]);
  process.exit(0);
}

// --- the network ---

/**
 * Janus (libnice) gathers no candidates on loopback, so the run gets a network namespace of its
 * own with a veth pair in it; both SFUs take their media on the same veth address, and the
 * namespace takes the pair with it when the run ends, however it ends.
 */
const CLIENT_ADDRESS = '10.77.0.1';
const SFU_ADDRESS = '10.77.0.2';
rerunInOwnNetns([
  'ip link add panda-veth0 type veth peer name panda-veth1',
  `ip addr add ${CLIENT_ADDRESS}/24 dev panda-veth0`,
  `ip addr add ${SFU_ADDRESS}/24 dev panda-veth1`,
  'ip link set panda-veth0 up',
  'ip link set panda-veth1 up',
]);
if (!insideOwnNetns()) {
  console.error('bench:peers needs root and `unshare` (a network namespace with a veth pair, for Janus).');
  process.exit(1);
}

// --- settings ---

interface Mix {
  lessons: number;
  /** Participants per lesson, each sending audio + video and receiving everyone else's. */
  size: number;
}

const sfus = flags.sfus.split(',').map((name) => name.trim().toLowerCase());
const mixes: Mix[] = flags.mixes.split(',').map((text) => {
  const match = /^(\d+)x(\d+)$/.exec(text.trim());
  if (!match || Number(match[2]) < 2) throw new Error(`a mix looks like 4x2 (4 lessons of 2), not ${text}`);
  return { lessons: Number(match[1]), size: Number(match[2]) };
});
const warmupMs = Number(flags.warmup) * 1000;
const durationMs = Number(flags.duration) * 1000;
const rounds = Number(flags.rounds);
const video = parseVideo(flags.video);
const JANUS_HTTP_PORT = 8088;

// --- the run ---

/** One window: one mix on one SFU, in one round. */
interface Measurement {
  sfu: string;
  mix: Mix;
  /** Streams the participants received (audio and video tracks alive). */
  streams: number;
  /** % of one core, per part of the SFU. */
  cpu: Record<string, number>;
  loadCpu: number;
  otherCpu: number;
  packetsLost: number;
  packetsReceived: number;
  fps: number;
  firstFrameMs: number[];
  /** Growth per lesson since before the mix, per part, in KB. */
  memoryKb: Record<string, number>;
}

const started = Date.now();
const log = benchLog(started);
const measurements: Measurement[] = [];
const notes: string[] = [];

// Each SFU starts afresh for each window, so that memory per lesson is not what an earlier mix
// freed. The SFUs take turns window by window, the first one alternating from round to round, so
// that whatever else the machine does meanwhile weighs on both alike.
for (let round = 1; round <= rounds; round++) {
  for (const mix of mixes) {
    for (const name of round % 2 ? sfus : [...sfus].reverse()) {
      let contender: Contender;
      try {
        contender = await start(name);
      } catch (error) {
        fail(`${name} did not start`, error);
        continue;
      }
      try {
        measurements.push(await measure(contender, mix, round));
      } catch (error) {
        fail(`${contender.name}, ${describeMix(mix)}, round ${round}: stopped on an error`, error);
      } finally {
        await contender.close();
      }
    }
  }
}

report();

function start(name: string): Promise<Contender> {
  if (name === 'ours') return OurSfu.start(SFU_ADDRESS);
  if (name === 'janus') return JanusSfu.start({ mediaAddress: SFU_ADDRESS, httpPort: JANUS_HTTP_PORT });
  throw new Error(`--sfus takes ours and janus, not ${name}`);
}

function fail(what: string, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  notes.push(`${what}: ${message}`);
  log(`${what}: ${message}`);
  process.exitCode = 1;
}

/** One mix on one SFU: join, warm up, measure for the window, leave. */
async function measure(contender: Contender, mix: Mix, round: number): Promise<Measurement> {
  const what = `${contender.name}, ${describeMix(mix)}, round ${round}`;
  const baseline = contender.memory();
  const lessons = await contender.prepare(mix.lessons, mix.size);
  log(`${what}: ${mix.lessons * mix.size} participants joining`);
  try {
    const joined = await contender.join(lessons, video);
    await sleep(warmupMs);
    const before = await contender.sample();
    const parts = Object.keys(contender.cpuSeconds());
    const meters = {
      parts: parts.map((part) => new CpuMeter(() => contender.cpuSeconds()[part]!)),
      load: CpuMeter.forPid(contender.loadPid),
      machine: new CpuMeter(machineBusySeconds),
    };
    await sleep(durationMs);
    const cpu = Object.fromEntries(parts.map((part, i) => [part, meters.parts[i]!.percent()]));
    const loadCpu = meters.load.percent();
    const otherCpu = Math.max(0, meters.machine.percent() - sum(Object.values(cpu)) - loadCpu);
    const after = await contender.sample();
    const memory = contender.memory();
    const expected = mix.lessons * mix.size * (mix.size - 1) * 2;
    const streams = after.audioTracks + after.videoTracks;
    const fps = after.videoTracks ? (after.videoFrames - before.videoFrames) / (durationMs / 1000) / after.videoTracks : 0;
    const problems = [
      ...(joined.failed.length ? [`${joined.failed.length} participants got no video (e.g. ${joined.failed[0]})`] : []),
      ...(streams < expected ? [`${streams} of ${expected} streams received`] : []),
      ...(after.errors ? [`${after.errors} participant errors`] : []),
      ...(otherCpu > 20 ? [`other programs used ${otherCpu.toFixed(0)} % CPU meanwhile; pessimistic`] : []),
    ];
    for (const problem of problems) notes.push(`${what}: ${problem}`);
    const measurement: Measurement = {
      sfu: contender.name,
      mix,
      streams,
      cpu,
      loadCpu,
      otherCpu,
      packetsLost: after.packetsLost - before.packetsLost,
      packetsReceived: after.packetsReceived - before.packetsReceived,
      fps,
      firstFrameMs: joined.firstFrameMs,
      memoryKb: Object.fromEntries(Object.entries(memory).map(([part, bytes]) => [part, (bytes - baseline[part]!) / mix.lessons / 1024])),
    };
    log(
      `${what}: ${streams} streams, SFU ${describeParts(cpu, 1)} % CPU (${perStream(measurement).toFixed(2)} ms/s per stream), ` +
        `load ${loadCpu.toFixed(0)} %, other ${otherCpu.toFixed(0)} %, loss ${lossOf(measurement.packetsLost, measurement.packetsReceived).toFixed(2)} %, ${fps.toFixed(1)} fps`,
    );
    return measurement;
  } finally {
    await contender.leave();
  }
}

// --- output ---

/** The rounds of one SFU and mix together: CPU, fps, load averaged; loss and first frames pooled; memory the median. */
interface Row {
  sfu: string;
  mix: Mix;
  rounds: number;
  streams: number;
  cpu: Record<string, number>;
  /** CPU per stream of the slowest and the fastest round, ms/s: the spread. */
  perStreamRange: [number, number];
  loadCpu: number;
  otherCpu: number;
  lossPercent: number;
  fps: number;
  firstFrameMs: number[];
  memoryKb: Record<string, number>;
}

function combine(sfu: string, mix: Mix): Row | undefined {
  const all = measurements.filter((m) => m.sfu === sfu && m.mix === mix);
  if (!all.length) return undefined;
  const mean = (values: number[]) => sum(values) / values.length;
  const byPart = (pick: (m: Measurement) => Record<string, number>, reduce: (values: number[]) => number) =>
    Object.fromEntries(Object.keys(pick(all[0]!)).map((part) => [part, reduce(all.map((m) => pick(m)[part]!))]));
  const perStreams = all.map(perStream);
  return {
    sfu,
    mix,
    rounds: all.length,
    streams: Math.min(...all.map((m) => m.streams)),
    cpu: byPart((m) => m.cpu, mean),
    perStreamRange: [Math.min(...perStreams), Math.max(...perStreams)],
    loadCpu: mean(all.map((m) => m.loadCpu)),
    otherCpu: mean(all.map((m) => m.otherCpu)),
    lossPercent: lossOf(sum(all.map((m) => m.packetsLost)), sum(all.map((m) => m.packetsReceived))),
    fps: mean(all.map((m) => m.fps)),
    firstFrameMs: all.flatMap((m) => m.firstFrameMs),
    memoryKb: byPart((m) => m.memoryKb, (values) => percentile(values, 50)!),
  };
}

function report(): void {
  const lines = [
    '| lesson mix | SFU | streams forwarded | SFU CPU, % of a core | Node share | CPU per stream, ms/s (rounds: min–max) | CPU per lesson, % of a core | loss % | video fps received | join → first frame p50 / p95 ms | memory per lesson, KB | load / other CPU % |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const mix of mixes) {
    const [ours, janus] = [combine('ours', mix), combine('Janus', mix)];
    for (const row of [ours, janus]) {
      if (!row) continue;
      lines.push(
        cells([
          describeMix(mix),
          row.sfu,
          row.streams,
          describeParts(row.cpu, 1),
          row.cpu.Node === undefined ? '—' : `${((row.cpu.Node / sum(Object.values(row.cpu))) * 100).toFixed(0)} %`,
          `${perStream(row).toFixed(2)} (${row.perStreamRange.map((value) => value.toFixed(2)).join('–')})`,
          perLesson(row).toFixed(2),
          row.lossPercent.toFixed(2),
          row.fps.toFixed(1),
          row.firstFrameMs.length ? `${p(row, 50).toFixed(0)} / ${p(row, 95).toFixed(0)}` : '—',
          describeParts(row.memoryKb, 0),
          `${row.loadCpu.toFixed(0)} / ${row.otherCpu.toFixed(0)}`,
        ]),
      );
    }
    if (ours && janus) {
      const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : '—');
      lines.push(
        cells([
          describeMix(mix),
          '**ours ÷ Janus**',
          '',
          ratio(sum(Object.values(ours.cpu)), sum(Object.values(janus.cpu))),
          '',
          `**${ratio(perStream(ours), perStream(janus))}**`,
          `**${ratio(perLesson(ours), perLesson(janus))}**`,
          '',
          '',
          ours.firstFrameMs.length && janus.firstFrameMs.length ? `${ratio(p(ours, 50), p(janus, 50))} / ${ratio(p(ours, 95), p(janus, 95))}` : '—',
          ratio(sum(Object.values(ours.memoryKb)), sum(Object.values(janus.memoryKb))),
          '',
        ]),
      );
    }
  }
  const text = [
    `# Our SFU and Janus ${new Date().toISOString()}`,
    '',
    `Machine: ${machine()}; the run took ${Math.round((Date.now() - started) / 1000)} s: ${rounds} round(s), in each every SFU ` +
      `started afresh for every mix, ${durationMs / 1000} s measured after ${warmupMs / 1000} s warm-up. Every participant sends ` +
      `${flags.video} VP8 + opus and decodes everyone else (headless libwebrtc clients, one process of them per window). ` +
      `Network: own namespace, both SFUs' media on the same veth address (${SFU_ADDRESS}).`,
    'Ours: the server in one process (API, signaling, embedded database, 1 mediasoup worker); participants log in through the API and ' +
      `join through signaling. Janus ${janusVersion()} (Debian, its default settings): the videoroom plugin and the HTTP transport only, ` +
      'one room per lesson; participants publish on one peer connection and subscribe to the others on one more (multistream), over ' +
      'the HTTP API with a long poll and trickle ICE, as janus.js does.',
    'CPU: user + system time of the SFU process(es) over the window, in % of one core (ours: worker + Node), averaged over rounds; ' +
      '"CPU per stream" is that time in ms per second per forwarded stream. Loss and first frames: pooled over rounds. Memory per lesson: ' +
      'growth since before the mix ÷ lessons, median of rounds (ours: worker RSS + Node heap after a full GC; Janus: RSS). ' +
      "Load: the participants' process; other: the rest of the machine.",
    '',
    ...lines,
    '',
    ...notes.map((note) => `- ${note}`),
    '',
  ].join('\n');
  log(`written to ${writeReport(flags.out, 'peers', text)}`);
}

function describeMix({ lessons, size }: Mix): string {
  return size === 2 ? `${lessons} × 1-on-1` : `${lessons} × groups of ${size}`;
}

/** "9.5 (worker 8.3 + Node 1.2)", or the single number for an SFU of one part. */
function describeParts(parts: Record<string, number>, digits: number): string {
  const entries = Object.entries(parts);
  const total = sum(entries.map(([, value]) => value)).toFixed(digits);
  if (entries.length === 1) return total;
  return `${total} (${entries.map(([part, value]) => `${part} ${value.toFixed(digits)}`).join(' + ')})`;
}

/** CPU time in ms per second per forwarded stream. */
function perStream(row: Pick<Row, 'cpu' | 'streams'>): number {
  return row.streams ? (sum(Object.values(row.cpu)) * 10) / row.streams : 0;
}

function perLesson(row: Row): number {
  return sum(Object.values(row.cpu)) / row.mix.lessons;
}

function p(row: Row, percent: number): number {
  return percentile(row.firstFrameMs, percent)!;
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function cells(values: Array<string | number>): string {
  return `| ${values.join(' | ')} |`;
}

function janusVersion(): string {
  return spawnSync('dpkg-query', ['-W', '-f=${Version}', 'janus'], { encoding: 'utf8' }).stdout ?? '';
}
