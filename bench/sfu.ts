/**
 * SFU benchmark: the real server (signaling, API, one mediasoup worker) in this process, the load
 * in child processes, N simultaneous 1-on-1 lessons rising step by step. Two modes:
 *
 * - webrtc: headless WebRTC participants (libwebrtc via wrtc, mediasoup-client) send synthetic
 *   audio + video through real signaling and the SFU and decode what they receive.
 * - plain: "cheap ends" for many more lessons: participants join through real signaling, but
 *   their media is pre-encoded RTP replayed into PlainTransport producers of the lesson's router,
 *   and consumed over SRTP PlainTransports towards sockets that only count packets.
 *
 * Prints a markdown table and writes it to bench-results/sfu-<date>.md. See bench/README.md.
 *
 *   node --expose-gc --import tsx bench/sfu.ts [--mode webrtc,plain] [--webrtc-steps 1,2,4,8,12,16]
 *     [--plain-steps 25,50,75,100,125,150] [--warmup 5] [--duration 15] [--video 320x180@15]
 *     [--max-loss 1] [--max-cpu 100] [--out bench-results] [--no-netns]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { createLogger, loadConfig, startServer } from '@panda/server';
import { Agent, type WebRtcSample } from './lib/agent-host.js';
import { lossOf, percentile } from './lib/figures.js';
import { parseVideo } from './lib/headless-client.js';
import { BenchLessons } from './lib/lessons.js';
import { insideOwnNetns, rerunInOwnNetns } from './lib/netns.js';
import { addPlainConsumers, addPlainProducers, type PlainParticipant } from './lib/plain-media.js';
import { CpuMeter, machineBusySeconds, rssBytes, udpDrops } from './lib/proc.js';
import { benchLog, machine, writeReport } from './lib/report.js';
import type { CounterStats, SenderStats } from './lib/rtp-load.js';
import { SfuWatch } from './lib/sfu-watch.js';

const { values: flags } = parseArgs({
  options: {
    mode: { type: 'string', default: 'webrtc,plain' },
    'webrtc-steps': { type: 'string', default: '1,2,4,8,12,16' },
    'plain-steps': { type: 'string', default: '25,50,75,100,125,150' },
    warmup: { type: 'string', default: '5' },
    duration: { type: 'string', default: '15' },
    video: { type: 'string', default: '320x180@15' },
    'plain-video': { type: 'string', default: '640x360@30' },
    'plain-bitrate': { type: 'string', default: '600000' },
    'max-loss': { type: 'string', default: '1' },
    'max-cpu': { type: 'string', default: '100' },
    out: { type: 'string', default: 'bench-results' },
    'no-netns': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (flags.help) {
  console.log(fs.readFileSync(new URL(import.meta.url), 'utf8').split('*/')[0]);
  process.exit(0);
}

// An own network namespace: every packet stays on loopback.
if (!flags['no-netns']) rerunInOwnNetns();

// --- settings ---

const modes = new Set(flags.mode.split(','));
const webrtcSteps = steps(flags['webrtc-steps']);
const plainSteps = steps(flags['plain-steps']);
const warmupMs = Number(flags.warmup) * 1000;
const durationMs = Number(flags.duration) * 1000;
const maxLoss = Number(flags['max-loss']);
const maxCpu = Number(flags['max-cpu']);
const video = parseVideo(flags.video);
const plainVideo = parseVideo(flags['plain-video']);
const plainBitrate = Number(flags['plain-bitrate']);
const PASSWORD = 'bench-password';
/** 100 % per core. */
const MACHINE_PERCENT = os.availableParallelism() * 100;

function steps(list: string): number[] {
  return list
    .split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0)
    .sort((a, b) => a - b);
}

// --- the server, in this process ---

interface Row extends CpuPercents {
  mode: 'webrtc' | 'plain';
  lessons: number;
  /** Consumers alive on the (one) worker. */
  consumers: number;
  lossPercent: number;
  /** webrtc: decoded frames per second per received video; plain: Mbit/s the counters received. */
  rate: string;
  firstFrameP50: number | undefined;
  firstFrameP95: number | undefined;
  workerKbPerLesson: number;
  nodeKbPerLesson: number;
  /** Worker RSS + this process's RSS at the end of the step. */
  serverRssMb: number;
  limit: string;
}

const started = Date.now();
const log = benchLog(started);
const rows: Row[] = [];
const notes: string[] = [];
const watch = new SfuWatch();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'panda-bench-'));
const config = loadConfig({
  PORT: '0',
  HOST: '127.0.0.1',
  DATA_DIR: dataDir,
  DATABASE_URL: 'pglite:memory',
  DEMO_DATA: 'true',
  SFU_WORKERS: '1',
  RTC_LISTEN_IP: '127.0.0.1',
  RTC_PORT: '0',
  AUTH_RATE_LIMIT_PER_MINUTE: '1000000',
  ACCESS_TOKEN_TTL_SECONDS: '3600',
  // Participants that leave free their room at once, so that one phase does not weigh on the next.
  RECONNECT_GRACE_SECONDS: '1',
  LOG_LEVEL: 'error',
});
const server = await startServer(config, createLogger(config.logLevel));
const url = `http://127.0.0.1:${server.port}`;
log(`server on ${url}, mediasoup worker pid ${watch.worker.pid}${insideOwnNetns() ? ' (own network namespace)' : ''}`);

const benchLessons = await BenchLessons.create(server.database.prisma, PASSWORD);

try {
  if (modes.has('webrtc') && webrtcSteps.length) await phase('webrtc', runWebRtc);
  if (modes.has('plain') && plainSteps.length) await phase('plain', runPlain);
} finally {
  await server.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

report();

/** Runs a mode; a failure ends that mode with a note, and the table still gets written. */
async function phase(name: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    notes.push(`the ${name} mode stopped on an error: ${message}`);
    log(`${name} failed: ${message}`);
    process.exitCode = 1;
  }
}

// --- webrtc mode ---

async function runWebRtc(): Promise<void> {
  log(`webrtc: 1-on-1 lessons of headless clients sending ${flags.video} VP8 + opus; steps ${webrtcSteps.join(', ')}`);
  const agent = await Agent.start('webrtc-clients');
  const baseline = memory();
  let lessons = 0;
  try {
    for (const target of webrtcSteps) {
      const seats = await benchLessons.add(target - lessons, 2);
      lessons = target;
      const joined = await agent.request('webrtc-join', { url, password: PASSWORD, lessons: seats, video, firstFrameTimeoutMs: 20_000 }, 600_000);
      await sleep(warmupMs);
      const before = await agent.request('webrtc-sample', {});
      const meters = startMeters([agent]);
      await sleep(durationMs);
      const cpu = readMeters(meters);
      const after = await agent.request('webrtc-sample', {});
      const fps = fpsPerTrack(before, after);
      const lossPercent = lossOf(after.packetsLost - before.packetsLost, after.packetsReceived - before.packetsReceived);
      const limits = [
        ...(joined.failed.length ? [`${joined.failed.length} clients got no video`] : []),
        ...(lossPercent > maxLoss ? [`loss > ${maxLoss} %`] : []),
        ...(fps < video.fps * 0.8 ? [`clients decode < 80 % of ${video.fps} fps`] : []),
        ...(cpu.workerCpu > maxCpu ? [`worker CPU > ${maxCpu} %`] : []),
        ...(cpu.workerCpu + cpu.nodeCpu + cpu.loadCpu > MACHINE_PERCENT * 0.9 ? ['server + load > 90 % of the machine'] : []),
        ...(after.errors ? [`${after.errors} client errors`] : []),
      ];
      rows.push({
        mode: 'webrtc',
        lessons,
        consumers: watch.consumers,
        ...cpu,
        lossPercent,
        rate: `${fps.toFixed(1)} fps`,
        firstFrameP50: percentile(joined.firstFrameMs, 50),
        firstFrameP95: percentile(joined.firstFrameMs, 95),
        ...memoryPerLesson(baseline, lessons),
        limit: limits.join('; '),
      });
      logRow(rows.at(-1)!);
      if (limits.length) break;
    }
  } finally {
    await agent.close();
  }
  await waitForRoomsToClose();
}

function fpsPerTrack(before: WebRtcSample, after: WebRtcSample): number {
  if (!after.videoTracks) return 0;
  return (after.videoFrames - before.videoFrames) / (durationMs / 1000) / after.videoTracks;
}

// --- plain mode (cheap ends) ---

async function runPlain(): Promise<void> {
  log(`plain: 1-on-1 lessons, signaling clients + replayed ${flags['plain-video']} VP8 (~${plainBitrate / 1000} kbps) + opus; steps ${plainSteps.join(', ')}`);
  // Three load processes, so that no one event loop carries everything.
  const signaling = await Agent.start('signaling-clients');
  const sender = await Agent.start('rtp-sender');
  const counter = await Agent.start('rtp-counter');
  /** Ports of the SFU's producer sockets and of the counters' sockets: where the kernel may drop. */
  const sfuPorts = new Set<number>();
  const counterPorts = new Set<number>();
  try {
    const recorded = await sender.request('rtp-record', {
      seconds: 10,
      video: { ...plainVideo, bitrate: plainBitrate },
      audioBitrate: 32_000,
    });
    log(`recorded with ffmpeg: video ${(recorded.videoBitrate / 1000).toFixed(0)} kbps, audio ${(recorded.audioBitrate / 1000).toFixed(0)} kbps (RTP payload)`);
    const baseline = memory();
    let lessons = 0;
    for (const target of plainSteps) {
      const seats = await benchLessons.add(target - lessons, 2);
      lessons = target;
      const signalStart = Date.now();
      const signaled = await signaling.request('signal-join', { url, password: PASSWORD, lessons: seats }, 600_000);
      const signalingMs = Date.now() - signalStart;
      if (signaled.failed.length) {
        notes.push(
          `plain ${lessons} lessons: ${signaled.failed.length} of ${seats.length * 2} signaling clients could not log in and join ` +
            `(request timeout 120 s), e.g. ${signaled.failed[0]}; stopped here`,
        );
        log(`plain ${lessons}: ${signaled.failed.length} signaling clients failed to join; stopping`);
        break;
      }
      const joinAck = `room:join answered in p50 ${percentile(signaled.joinAckMs, 50)?.toFixed(0)} / p95 ${percentile(signaled.joinAckMs, 95)?.toFixed(0)} / max ${percentile(signaled.joinAckMs, 100)?.toFixed(0)} ms`;
      log(`plain ${lessons}: ${seats.length * 2} signaling clients logged in and joined in ${signalingMs} ms (${joinAck}); adding their media`);
      // One counting socket per receiving participant, like one client each.
      const { ports } = await counter.request('rtp-count-open', { sockets: seats.length * 2 });
      for (const port of ports) counterPorts.add(port);
      let nextPort = 0;
      for (const seat of seats) {
        const room = watch.room(seat.lessonId);
        const participants: PlainParticipant[] = [];
        for (const [index, email] of seat.emails.entries()) {
          const participant = await addPlainProducers(room, email, index === 0 ? 25 : 35);
          participants.push(participant);
          for (const stream of participant.streams) sfuPorts.add(stream.port);
        }
        for (const participant of participants) {
          const others = participants.filter((other) => other !== participant);
          await addPlainConsumers(room, others, ports[nextPort++]!);
        }
        await sender.request('rtp-send', { streams: participants.flatMap((p) => p.streams) });
      }
      // Consumers forward video from the next keyframe: one comes every 2 s.
      log(`plain ${lessons}: media flowing; warming up, then measuring for ${durationMs / 1000} s`);
      await sleep(Math.max(warmupMs, 3000));
      const dropsBefore = { sfu: udpDrops(sfuPorts), counters: udpDrops(counterPorts) };
      const before = await within('counter stats', counter.request('rtp-count-stats', {}));
      const sentBefore = await within('sender stats', sender.request('rtp-send-stats', {}));
      const meters = startMeters([signaling, sender, counter]);
      await sleep(durationMs);
      const cpu = readMeters(meters);
      const after = await within('counter stats', counter.request('rtp-count-stats', {}));
      const sentAfter = await within('sender stats', sender.request('rtp-send-stats', {}));
      const drops = { sfu: udpDrops(sfuPorts) - dropsBefore.sfu, counters: udpDrops(counterPorts) - dropsBefore.counters };
      const expected = after.expected - before.expected;
      const received = after.received - before.received;
      const lossPercent = lossOf(expected - received, received);
      const skipped = sentAfter.skipped - sentBefore.skipped;
      const limits = [
        ...(lossPercent > maxLoss ? [`loss > ${maxLoss} %`] : []),
        ...(cpu.workerCpu > maxCpu ? [`worker CPU > ${maxCpu} %`] : []),
        ...(cpu.workerCpu + cpu.nodeCpu + cpu.loadCpu > MACHINE_PERCENT * 0.9 ? ['server + load > 90 % of the machine'] : []),
        ...(skipped > 0 ? [`RTP sender fell > 0.5 s behind`] : []),
        ...(after.streams < lessons * 4 ? [`${lessons * 4 - after.streams} consumers never delivered`] : []),
      ];
      rows.push({
        mode: 'plain',
        lessons,
        consumers: watch.consumers,
        ...cpu,
        lossPercent,
        rate: `${mbps(before, after)} Mbit/s`,
        firstFrameP50: undefined,
        firstFrameP95: undefined,
        ...memoryPerLesson(baseline, lessons),
        limit: limits.join('; '),
      });
      logRow(rows.at(-1)!);
      notes.push(
        `plain ${lessons} lessons: ${Math.round(received / (durationMs / 1000))} media packets/s counted in ${after.streams} streams ` +
          `(+ ${Math.round((after.probation - before.probation) / (durationMs / 1000))}/s bandwidth-probing padding); the kernel dropped ${drops.sfu} ` +
          `packets at the SFU's full receive buffers and ${drops.counters} at the counters'; ${seats.length * 2} more signaling clients logged in and joined ` +
          `in ${signalingMs} ms, 10 at a time (${joinAck}); ` +
          `sender ${describeSender(sentBefore, sentAfter)}`,
      );
      if (limits.length) break;
    }
  } finally {
    await Promise.all([signaling.close(), sender.close(), counter.close()]);
  }
}

function mbps(before: CounterStats, after: CounterStats): string {
  return (((after.bytes - before.bytes) * 8) / (durationMs / 1000) / 1e6).toFixed(1);
}

function describeSender(before: SenderStats, after: SenderStats): string {
  const rate = (after.packets - before.packets) / (durationMs / 1000);
  return `${after.streams} streams, ${Math.round(rate)} packets/s, worst lateness ${after.maxLateMs.toFixed(0)} ms (event loop blocked up to ${after.maxLoopDelayMs.toFixed(0)} ms)`;
}

// --- measuring ---

interface Meters {
  worker: CpuMeter;
  node: CpuMeter;
  load: CpuMeter[];
  machine: CpuMeter;
}

interface CpuPercents {
  /** The mediasoup worker process. */
  workerCpu: number;
  /** This process: the server (signaling, API, database, mediasoup's Node side); the harness idles. */
  nodeCpu: number;
  /** The load processes (clients, RTP sender and counter). */
  loadCpu: number;
  /** Everything else on the machine (the kernel's share of loopback traffic, other programs). */
  otherCpu: number;
}

function startMeters(agents: Agent[]): Meters {
  return {
    worker: CpuMeter.forPid(watch.worker.pid),
    node: CpuMeter.forSelf(),
    load: agents.map((agent) => CpuMeter.forPid(agent.pid)),
    machine: new CpuMeter(machineBusySeconds),
  };
}

function readMeters(meters: Meters): CpuPercents {
  const worker = meters.worker.percent();
  const node = meters.node.percent();
  const load = meters.load.reduce((sum, meter) => sum + meter.percent(), 0);
  const machine = meters.machine.percent();
  return { workerCpu: worker, nodeCpu: node, loadCpu: load, otherCpu: Math.max(0, machine - worker - node - load) };
}

/**
 * The server's memory: the worker's resident set (C++, no garbage collector) and this process's
 * JavaScript heap after a full collection (with --expose-gc; Node's RSS rises and falls with V8's
 * page pools and says little per lesson).
 */
function memory(): { worker: number; node: number } {
  (globalThis as { gc?: () => void }).gc?.();
  return { worker: rssBytes(watch.worker.pid), node: process.memoryUsage().heapUsed };
}

function memoryPerLesson(baseline: { worker: number; node: number }, lessons: number) {
  const now = memory();
  return {
    workerKbPerLesson: (now.worker - baseline.worker) / lessons / 1024,
    nodeKbPerLesson: (now.node - baseline.node) / lessons / 1024,
    serverRssMb: (now.worker + process.memoryUsage().rss) / 2 ** 20,
  };
}

// --- lessons ---

async function waitForRoomsToClose(): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (watch.rooms.size > 0 && Date.now() < deadline) await sleep(200);
  if (watch.rooms.size > 0) notes.push(`${watch.rooms.size} rooms were still open after the webrtc phase`);
}

// --- output ---

function report(): void {
  const lines = [
    '| mode | lessons | consumers on the worker | worker CPU % | consumers per worker core | server Node CPU % | load CPU % | other CPU % | loss % | received | first frame p50 / p95 ms | per lesson: worker RSS / Node heap KB | server RSS MB | stopped by |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|',
    ...rows.map(
      (row) =>
        `| ${[
          row.mode,
          row.lessons,
          row.consumers,
          row.workerCpu.toFixed(1),
          row.workerCpu > 0 ? Math.round(row.consumers / (row.workerCpu / 100)) : '—',
          row.nodeCpu.toFixed(1),
          row.loadCpu.toFixed(0),
          row.otherCpu.toFixed(0),
          row.lossPercent.toFixed(2),
          row.rate,
          row.firstFrameP50 === undefined ? '—' : `${row.firstFrameP50.toFixed(0)} / ${row.firstFrameP95!.toFixed(0)}`,
          `${row.workerKbPerLesson.toFixed(0)} / ${row.nodeKbPerLesson.toFixed(0)}`,
          row.serverRssMb.toFixed(0),
          row.limit || '—',
        ].join(' | ')} |`,
    ),
  ];
  const text = [
    `# SFU benchmark ${new Date().toISOString()}`,
    '',
    `Machine: ${machine()}; ` +
      `the server with 1 mediasoup worker in one process, the load in others. ${durationMs / 1000} s measured per step after ` +
      `${warmupMs / 1000} s warm-up (plain: at least 3 s); the run took ${Math.round((Date.now() - started) / 1000)} s. ` +
      `Network: ${insideOwnNetns() ? 'own namespace, loopback only' : 'host namespace'}.`,
    `webrtc: ${flags.video} VP8 + opus per participant; plain: replayed ${flags['plain-video']} VP8 ~${plainBitrate / 1000} kbps + opus.`,
    'CPU is % of one core; "consumers per worker core" = consumers ÷ worker CPU share, i.e. what a fully busy worker would carry at this mix.',
    '',
    ...lines,
    '',
    ...notes.map((note) => `- ${note}`),
    '',
  ].join('\n');
  log(`written to ${writeReport(flags.out, 'sfu', text)}`);
}

function logRow(row: Row): void {
  if (row.otherCpu > 20) {
    notes.push(`${row.mode} ${row.lessons} lessons: other programs used ${row.otherCpu.toFixed(0)} % CPU meanwhile; this step's numbers are pessimistic`);
  }
  log(
    `${row.mode} ${row.lessons} lessons: ${row.consumers} consumers, worker ${row.workerCpu.toFixed(1)} %, node ${row.nodeCpu.toFixed(1)} %, ` +
      `load ${row.loadCpu.toFixed(0)} %, other ${row.otherCpu.toFixed(0)} %, loss ${row.lossPercent.toFixed(2)} %, ${row.rate}` +
      `${row.limit ? ` — stop: ${row.limit}` : ''}`,
  );
}

/** Fails with the step's name if `promise` takes longer than `ms`. */
async function within<T>(step: string, promise: Promise<T>, ms = 60_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const since = Date.now();
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${step}: no answer within ${ms / 1000} s`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    if (Date.now() - since > 2000) log(`${step} took ${Date.now() - since} ms`);
  }
}
