/**
 * Recording benchmark: the real server (signaling, API, embedded database, one mediasoup worker)
 * in this process, headless 1-on-1 lessons in a child process. For N lessons at once it measures
 * a window without recording, the same window while every lesson records (one ffmpeg per track,
 * RTP copied into WebM), then composing each lesson's tracks into one file after the stop.
 *
 * Prints a markdown table per step and writes it to bench-results/recording-<date>.md. See bench/README.md.
 *
 *   node --expose-gc --import tsx bench/recording/recording.ts [--steps 1,2,4] [--duration 20]
 *     [--video 320x180@15] [--out bench-results] [--no-netns]
 */
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { Agent } from '../lib/agent-host.js';
import { parseVideo } from '../lib/headless-client.js';
import { BenchLessons } from '../lib/lessons.js';
import { insideOwnNetns, rerunInOwnNetns } from '../lib/netns.js';
import { CpuMeter, machineBusySeconds } from '../lib/proc.js';
import { benchLog, machine, writeReport } from '../lib/report.js';
import { startBenchServer } from '../lib/server.js';
import { SfuWatch } from '../lib/sfu-watch.js';
import type { RecordingCommands } from './commands.js';
import { FfmpegChildren } from './ffmpeg-children.js';

const { values: flags } = parseArgs({
  options: {
    steps: { type: 'string', default: '1,2,4' },
    duration: { type: 'string', default: '20' },
    video: { type: 'string', default: '320x180@15' },
    out: { type: 'string', default: 'bench-results' },
    'no-netns': { type: 'boolean', default: false },
  },
});

// An own network namespace: every packet stays on loopback.
if (!flags['no-netns']) rerunInOwnNetns();

const steps = flags.steps.split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
const durationMs = Number(flags.duration) * 1000;
const video = parseVideo(flags.video);
const PASSWORD = 'bench-password';
const PARTICIPANTS = fileURLToPath(new URL('./participants.ts', import.meta.url));
/** Recorders need a moment to bind their ports and get a keyframe before their steady state. */
const RECORDER_SETTLE_MS = 3000;
const MIX_TIMEOUT_MS = 600_000;
const MB = 2 ** 20;
const started = Date.now();
const log = benchLog(started);

interface Window {
  nodeCpu: number;
  workerCpu: number;
  participantsCpu: number;
  machineCpu: number;
}

interface Composition {
  wallSeconds: number;
  cpuSeconds: number;
  recordedMinutes: number;
  bytes: number;
  encoders: number;
}

interface Step {
  lessons: number;
  baseline: Window;
  recording: Window;
  /** The track recorders while recording: how many, CPU % of one core, resident MB. */
  recorders: { tracks: number; cpu: number; rssMb: number };
  composition: Composition;
}

const watch = new SfuWatch();
// Participants that leave free their room at once, so that one step does not weigh on the next.
const server = await startBenchServer({ RECONNECT_GRACE_SECONDS: '1' });
const db = server.database.prisma;
const url = server.localUrl;
log(`server on ${url}, mediasoup worker pid ${watch.worker.pid}${insideOwnNetns() ? ' (own network namespace)' : ''}`);
const benchLessons = await BenchLessons.create(db, PASSWORD);
const results: Step[] = [];
const notes: string[] = [];

try {
  for (const lessons of steps) {
    try {
      results.push(await step(lessons));
    } catch (error) {
      notes.push(`${lessons} lessons: stopped on an error: ${error instanceof Error ? error.message : String(error)}`);
      log(notes.at(-1)!);
      process.exitCode = 1;
      break;
    }
  }
} finally {
  await server.close();
}
report();

async function step(lessons: number): Promise<Step> {
  const seats = await benchLessons.add(lessons, 2);
  const lessonIds = seats.map((seat) => seat.lessonId);
  const agent = await Agent.start<RecordingCommands>('recording-participants', PARTICIPANTS);
  try {
    const { failed } = await agent.request('join', { url, password: PASSWORD, lessons: seats, video, firstFrameTimeoutMs: 20_000 }, 300_000);
    if (failed.length) throw new Error(`${failed.length} participants got no video, e.g. ${failed[0]}`);
    log(`${lessons} lessons: media flowing; baseline for ${durationMs / 1000} s`);
    const baseline = await measure(agent.pid);

    await agent.request('record', { action: 'recording:start' });
    await sleep(RECORDER_SETTLE_MS);
    const ffmpeg = new FfmpegChildren();
    ffmpeg.poll();
    const recorderCpuBefore = ffmpeg.use('recorder').cpuSeconds;
    log(`${lessons} lessons: recording; measuring for ${durationMs / 1000} s`);
    const recording = await measure(agent.pid);
    ffmpeg.poll();
    const recorders = ffmpeg.use('recorder');

    const composition = await compose(agent, lessonIds);
    const result: Step = {
      lessons,
      baseline,
      recording,
      recorders: {
        tracks: recorders.processes,
        cpu: ((recorders.cpuSeconds - recorderCpuBefore) / (durationMs / 1000)) * 100,
        rssMb: recorders.rssBytes / MB,
      },
      composition,
    };
    log(`${lessons} lessons: ${recorders.processes} tracks; composed ${composition.recordedMinutes.toFixed(1)} min in ${composition.wallSeconds.toFixed(1)} s, ${composition.cpuSeconds.toFixed(1)} CPU s`);
    return result;
  } finally {
    await agent.close();
    await waitForRoomsToClose();
  }
}

/** CPU over one window of `--duration`, % of one core. */
async function measure(participantsPid: number): Promise<Window> {
  const meters = {
    nodeCpu: CpuMeter.forSelf(),
    workerCpu: CpuMeter.forPid(watch.worker.pid),
    participantsCpu: CpuMeter.forPid(participantsPid),
    machineCpu: new CpuMeter(machineBusySeconds),
  };
  await sleep(durationMs);
  return {
    nodeCpu: meters.nodeCpu.percent(),
    workerCpu: meters.workerCpu.percent(),
    participantsCpu: meters.participantsCpu.percent(),
    machineCpu: meters.machineCpu.percent(),
  };
}

/** Stops every lesson's recording and follows the mix encoders until each lesson's mix is saved. */
async function compose(agent: Agent<RecordingCommands>, lessonIds: string[]): Promise<Composition> {
  const ffmpeg = new FfmpegChildren();
  const stopped = Date.now();
  await agent.request('record', { action: 'recording:stop' });
  const mixes = () => db.recordingMix.findMany({ where: { lessonId: { in: lessonIds } }, include: { file: true } });
  let done = await mixes();
  let lastQuery = Date.now();
  while (done.length < lessonIds.length) {
    if (Date.now() - stopped > MIX_TIMEOUT_MS) throw new Error(`only ${done.length} of ${lessonIds.length} mixes after ${MIX_TIMEOUT_MS / 1000} s`);
    // Mix encoders are polled often, the database less: its queries cost this process CPU too.
    ffmpeg.poll();
    await sleep(50);
    if (Date.now() - lastQuery >= 500) {
      done = await mixes();
      lastQuery = Date.now();
    }
  }
  const wallSeconds = (Date.now() - stopped) / 1000;
  const encoders = ffmpeg.use('mixer');
  return {
    wallSeconds,
    cpuSeconds: encoders.cpuSeconds,
    recordedMinutes: done.reduce((sum, mix) => sum + mix.durationMs, 0) / 60_000,
    bytes: done.reduce((sum, mix) => sum + mix.file.size, 0),
    encoders: encoders.processes,
  };
}

async function waitForRoomsToClose(): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (watch.rooms.size > 0 && Date.now() < deadline) await sleep(200);
  if (watch.rooms.size > 0) notes.push(`${watch.rooms.size} rooms were still open after a step`);
}

function report(): void {
  const tables = results.flatMap((row) => {
    const delta = (key: keyof Window) => {
      const value = row.recording[key] - row.baseline[key];
      return `${value >= 0 ? '+' : ''}${value.toFixed(1)}`;
    };
    const { composition, recorders } = row;
    return [
      `### ${row.lessons} lesson${row.lessons === 1 ? '' : 's'}`,
      '',
      '| lessons | tracks recorded | recorder CPU % (total / per track) | recorder RSS MB (total / per track) | Node CPU % vs baseline | worker CPU % vs baseline | participants CPU % vs baseline | machine CPU % vs baseline | composition CPU s per recorded min | composition wall s | mix MB per min |',
      '|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
      `| ${[
        row.lessons,
        recorders.tracks,
        `${recorders.cpu.toFixed(1)} / ${(recorders.cpu / recorders.tracks).toFixed(2)}`,
        `${recorders.rssMb.toFixed(0)} / ${(recorders.rssMb / recorders.tracks).toFixed(1)}`,
        `${row.recording.nodeCpu.toFixed(1)} (${delta('nodeCpu')})`,
        `${row.recording.workerCpu.toFixed(1)} (${delta('workerCpu')})`,
        `${row.recording.participantsCpu.toFixed(0)} (${delta('participantsCpu')})`,
        `${row.recording.machineCpu.toFixed(0)} (${delta('machineCpu')})`,
        (composition.cpuSeconds / composition.recordedMinutes).toFixed(1),
        composition.wallSeconds.toFixed(1),
        (composition.bytes / MB / composition.recordedMinutes).toFixed(2),
      ].join(' | ')} |`,
      '',
      `${composition.encoders} mix encoders composed ${composition.recordedMinutes.toFixed(2)} recorded minutes (${(composition.bytes / MB).toFixed(1)} MB) with ${composition.cpuSeconds.toFixed(1)} CPU s.`,
      '',
    ];
  });
  const text = [
    `# Recording benchmark ${new Date().toISOString()}`,
    '',
    `Machine: ${machine()}; the server with 1 mediasoup worker in this process, the participants in another. ` +
      `1-on-1 lessons of headless clients sending ${flags.video} VP8 + opus; ${durationMs / 1000} s windows without and with recording ` +
      `(recording measured from ${RECORDER_SETTLE_MS / 1000} s after its start); the run took ${Math.round((Date.now() - started) / 1000)} s. ` +
      `Network: ${insideOwnNetns() ? 'own namespace, loopback only' : 'host namespace'}.`,
    'CPU is % of one core while recording, the change from the window without recording in brackets. Composition: from `recording:stop` until every ' +
      'lesson’s mix is saved (the wall time includes the recorders finishing their files); its CPU is the mix encoders’ only.',
    '',
    ...tables,
    ...notes.map((note) => `- ${note}`),
    '',
  ].join('\n');
  log(`written to ${writeReport(flags.out, 'recording', text)}`);
}
