/**
 * Board benchmark: the real server (API, board server, database) in this process, headless
 * y-websocket board clients in one child process. For each scenario, K lessons × M clients open
 * their lesson's board; in each lesson D clients scribble (every 50 ms a batched update growing a
 * draw stroke, a new stroke every ~2 s, the cursor moving along) and the others watch. Measures
 * propagation latency, server CPU, bytes per drawing client, memory per open board and after the
 * boards are unloaded, and the time to open a 2,000-shape board. Prints markdown tables and writes
 * them to bench-results/board-<date>.md. See bench/README.md.
 *
 *   node --expose-gc --import tsx bench/board/board.ts [--lessons 1,10] [--clients 30,4] [--drawers 3,1]
 *     [--seconds 60] [--warmup 3] [--idle-boards 50] [--shapes 2000] [--loads 5] [--interval 50]
 *     [--points 3] [--stroke 2] [--no-cursors] [--awareness-echo] [--out bench-results]
 *
 * --lessons/--clients/--drawers are lists, one scenario per position (a single value applies to
 * all). Clients per lesson: the teacher plus up to 30 students; drawing clients are students
 * (their updates go through the server's write rules), the teacher only when everyone draws.
 * TEST_DATABASE_URL / REDIS_URL: PostgreSQL / Redis instead of embedded PGlite.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import { hashPassword } from '@panda/api';
import { PrismaBoardStore } from '@panda/signaling';
import * as Y from 'yjs';
import { Agent } from '../lib/agent-host.js';
import { countLiveObjects } from '../lib/heap-objects.js';
import { CpuMeter, machineBusySeconds } from '../lib/proc.js';
import { benchLog, machine, writeReport } from '../lib/report.js';
import { startBenchServer } from '../lib/server.js';
import { StallWatch, type Stall } from '../lib/stall-watch.js';
import type { BoardCommands, BoardSeats, DrawSettings, Percentiles, WindowStats } from './commands.js';
import { percentiles } from './stats.js';

const { values: flags } = parseArgs({
  options: {
    lessons: { type: 'string', default: '1,10' },
    clients: { type: 'string', default: '30,4' },
    drawers: { type: 'string', default: '3,1' },
    seconds: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '3' },
    'idle-boards': { type: 'string', default: '50' },
    shapes: { type: 'string', default: '2000' },
    loads: { type: 'string', default: '5' },
    interval: { type: 'string', default: '50' },
    points: { type: 'string', default: '3' },
    stroke: { type: 'string', default: '2' },
    'no-cursors': { type: 'boolean', default: false },
    'awareness-echo': { type: 'boolean', default: false },
    out: { type: 'string', default: 'bench-results' },
    help: { type: 'boolean', default: false },
  },
});

if (flags.help) {
  console.log(fs.readFileSync(new URL(import.meta.url), 'utf8').split('*/')[0]);
  process.exit(0);
}

// --- settings ---

interface Scenario {
  lessons: number;
  clients: number;
  drawers: number;
}

const scenarios = zipScenarios(list(flags.lessons), list(flags.clients), list(flags.drawers));
const measureMs = Number(flags.seconds) * 1000;
const warmupMs = Number(flags.warmup) * 1000;
const idleBoards = Number(flags['idle-boards']);
const shapes = Number(flags.shapes);
const loads = Math.max(1, Number(flags.loads));
const draw: DrawSettings = {
  intervalMs: Number(flags.interval),
  pointsPerSend: Math.max(1, Number(flags.points)),
  strokeMs: Number(flags.stroke) * 1000,
  cursors: !flags['no-cursors'],
};
/** Clients send only their own awareness changes, as the browser does; --awareness-echo re-sends every one received (y-websocket's own behaviour, see board-client.ts). */
const echoAwareness = flags['awareness-echo'];
const UNLOAD_AFTER_SECONDS = 1;
/** What is still in flight when a window ends gets this long to arrive. */
const SETTLE_MS = 1000;
/** The issue's targets. */
const TARGET_P99_MS = 50;
const TARGET_CASE = { lessons: 1, clients: 30 };
/** Heap left per unloaded board below this counts as nothing (the heap after GC moves by some KB between reads). */
const IDLE_NOISE_BYTES = 2048;
const PASSWORD = 'bench-password';
const CLIENTS_ENTRY = fileURLToPath(new URL('./clients.ts', import.meta.url));

function list(text: string): number[] {
  return text.split(',').map((item) => {
    const n = Number(item);
    if (!Number.isInteger(n) || n < 0) throw new Error(`not a count: ${item}`);
    return n;
  });
}

function zipScenarios(lessons: number[], clients: number[], drawers: number[]): Scenario[] {
  const length = Math.max(lessons.length, clients.length, drawers.length);
  const pick = (values: number[], i: number, name: string) => {
    if (values.length !== 1 && values.length !== length) throw new Error(`--${name} needs 1 or ${length} values`);
    return values[values.length === 1 ? 0 : i]!;
  };
  return Array.from({ length }, (_, i) => {
    const scenario = { lessons: pick(lessons, i, 'lessons'), clients: pick(clients, i, 'clients'), drawers: pick(drawers, i, 'drawers') };
    if (scenario.lessons < 1 || scenario.clients < 2 || scenario.clients > 31 || scenario.drawers < 1 || scenario.drawers > scenario.clients) {
      throw new Error(`a scenario needs ≥ 1 lesson, 2–31 clients (the teacher + up to 30 students) and 1…clients drawing: ${JSON.stringify(scenario)}`);
    }
    return scenario;
  });
}

// --- the server in this process, the clients in another ---

interface Memory {
  /** JavaScript heap after full collections, without V8's code spaces (JIT code only grows while warming up). */
  heap: number;
  rss: number;
  /** Live objects of BOARD_OBJECTS in the heap (heap snapshot). */
  objects: Record<string, number>;
}

/** The objects a loaded board consists of on the server (the y-websocket document, its awareness, the sockets). */
const BOARD_OBJECTS = ['LessonBoard', 'WSSharedDoc', 'Awareness', 'WebSocket'] as const;

interface BoardMetrics {
  documents: number;
  connections: number;
  updateBytes: number;
  refused: number;
  storedBatches: number;
}

interface DrawRow {
  /** panda_board_stored_batches_total over the window, per second. */
  storedBatchesPerSecond: number;
  scenario: Scenario;
  stats: WindowStats;
  syncMs: Percentiles;
  serverCpu: number;
  clientsCpu: number;
  otherCpu: number;
  serverLoopDelayMs: { p99: number; max: number };
  serverStalls: Stall[];
  /** panda_board_update_bytes_total over the window, per drawing client per second. */
  serverUpdateBytesPerDrawer: number;
  refused: number;
}

interface MemoryRow {
  label: string;
  boards: number;
  clients: number;
  boardRecords: number;
  boardBytes: number;
  baseline: Memory;
  open: Memory;
  unloaded: Memory;
  after: BoardMetrics;
  unloadMs: number;
  /** The idle-boards phase's round (1, 2), or none for a drawing scenario. */
  idleRound?: number;
}

interface LoadResult {
  records: number;
  stateBytes: number;
  snapshotBytes: number;
  storedUpdates: number;
  serverReadMs: Percentiles;
  serverApplyMs: Percentiles;
  cold: Percentiles;
  warm: Percentiles;
  receivedBytes: number;
}

const started = Date.now();
const log = benchLog(started);
const drawRows: DrawRow[] = [];
const memoryRows: MemoryRow[] = [];
let loadResult: LoadResult | undefined;
const notes: string[] = [];

const server = await startBenchServer({ BOARD_UNLOAD_AFTER_SECONDS: String(UNLOAD_AFTER_SECONDS) });
const url = `http://127.0.0.1:${server.port}`;
log(`server on ${url}: ${server.backing}; boards unload ${UNLOAD_AFTER_SECONDS} s after their last client leaves`);

// Everyone of a phase's lessons is someone else: the database lets no one be in two lessons at once.
const people = await createPeople(
  Math.max(idleBoards, ...scenarios.map((s) => s.lessons)),
  Math.max(idleBoards, ...scenarios.map((s) => s.lessons * (s.clients - 1))),
);
const agent = await Agent.start<BoardCommands>('board-clients', CLIENTS_ENTRY);
const serverLoop = monitorEventLoopDelay({ resolution: 10 });
serverLoop.enable();
const stalls = new StallWatch();

try {
  await phase('warm-up', warmUp);
  for (const scenario of scenarios) await phase(`${scenario.lessons} × ${scenario.clients}`, () => runScenario(scenario));
  if (idleBoards > 0) await phase('idle boards', runIdleBoards);
  if (shapes > 0) await phase('large board', runLargeBoard);
} finally {
  await agent.close();
  await server.close();
}

report();

/** Runs a phase; a failure ends it with a note, and the tables still get written. */
async function phase(name: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
    const message = `${error instanceof Error ? error.message : String(error)}${cause}`;
    notes.push(`the ${name} phase stopped on an error: ${message}`);
    log(`${name} failed: ${message}`);
    process.exitCode = 1;
    await agent.request('close-all', {}).catch(() => undefined);
  }
}

// --- phases ---

/** One small board opened, drawn on and unloaded, so that first-use costs stay out of the drawing numbers. */
async function warmUp(): Promise<void> {
  const [board] = await createBoards(1, 2, 1);
  await agent.request('open', { url, boards: [board!], draw, echoAwareness });
  await agent.request('draw-start', {});
  await sleep(2000);
  await agent.request('draw-stop', {});
  await agent.request('close-all', {});
  await waitForUnload();
  await agent.request('open-timed', { url, lessonId: board!.lessonId, token: board!.tokens[0]! });
  await waitForUnload();
}

async function runScenario(scenario: Scenario): Promise<void> {
  const label = `${scenario.lessons} × ${scenario.clients} (${scenario.drawers} drawing)`;
  const boards = await createBoards(scenario.lessons, scenario.clients, scenario.drawers);
  const baseline = await memory();
  const opened = await agent.request('open', { url, boards, draw, echoAwareness }, 300_000);
  log(`${label}: ${opened.clients} clients synced (connect → synced p50 ${opened.syncMs.p50.toFixed(0)} / max ${opened.syncMs.max.toFixed(0)} ms); drawing`);
  await agent.request('draw-start', {});
  await sleep(warmupMs);

  const before = await boardMetrics();
  const meters = { server: CpuMeter.forSelf(), clients: CpuMeter.forPid(agent.pid), machine: new CpuMeter(machineBusySeconds) };
  serverLoop.reset();
  stalls.reset();
  await agent.request('window-start', {});
  await sleep(measureMs);
  const serverStalls = stalls.take();
  const serverCpu = meters.server.percent();
  const clientsCpu = meters.clients.percent();
  const machine = meters.machine.percent();
  const serverLoopDelayMs = { p99: serverLoop.percentile(99) / 1e6, max: serverLoop.max / 1e6 };
  const afterWindow = await boardMetrics();
  const stats = await agent.request('window-stop', { settleMs: SETTLE_MS, slowMs: TARGET_P99_MS });
  const drawers = scenario.lessons * scenario.drawers;
  const row: DrawRow = {
    scenario,
    stats,
    syncMs: opened.syncMs,
    serverCpu,
    clientsCpu,
    otherCpu: Math.max(0, machine - serverCpu - clientsCpu),
    serverLoopDelayMs,
    serverStalls,
    serverUpdateBytesPerDrawer: (afterWindow.updateBytes - before.updateBytes) / drawers / (measureMs / 1000),
    refused: afterWindow.refused - before.refused,
    storedBatchesPerSecond: (afterWindow.storedBatches - before.storedBatches) / (measureMs / 1000),
  };
  const intended = (drawers * 1000) / draw.intervalMs;
  if (stats.updatesSent / stats.seconds < intended * 0.9) {
    notes.push(`${label}: the drawing clients sent ${(stats.updatesSent / stats.seconds).toFixed(0)} updates/s instead of ${intended.toFixed(0)} (their process fell behind its timers)`);
  }
  drawRows.push(row);
  log(
    `${label}: ${(stats.updatesSent / stats.seconds).toFixed(0)} updates/s, propagation p50 ${stats.latencyMs.p50.toFixed(1)} / p99 ${stats.latencyMs.p99.toFixed(1)} / max ${stats.latencyMs.max.toFixed(1)} ms ` +
      `(${stats.latencyMs.count} of ${stats.expected} deliveries), server CPU ${serverCpu.toFixed(1)} %, clients CPU ${clientsCpu.toFixed(0)} %`,
  );
  if (serverStalls.length > 0) {
    const list = serverStalls.map((stall) => `+${(stall.at / 1000).toFixed(1)} s: ${stall.wallMs.toFixed(0)} ms (${stall.cpuMs.toFixed(0)} ms CPU)`);
    notes.push(`${label}: the server's event loop stalled ≥ ${StallWatch.STALL_MS} ms at ${list.join(', ')} into the window`);
  }
  if (row.refused > 0) notes.push(`${label}: the server refused ${row.refused} updates (there should be none)`);
  if (row.otherCpu > 20) notes.push(`${label}: other programs used ${row.otherCpu.toFixed(0)} % CPU meanwhile; this scenario's numbers are pessimistic`);

  await agent.request('draw-stop', {});
  // Let the last batch be stored, then look at memory with the boards open.
  await sleep(1000);
  const open = await memory();
  await agent.request('close-all', {});
  const unloadMs = await waitForUnload();
  memoryRows.push({
    label,
    boards: scenario.lessons,
    clients: scenario.lessons * scenario.clients,
    boardRecords: stats.boardRecords,
    boardBytes: stats.boardBytes,
    baseline,
    open,
    unloaded: await memory(),
    after: await boardMetrics(),
    unloadMs,
  });
}

/**
 * Many boards with a little drawing each, open at once, then all left: what stays behind? Two
 * rounds of new boards: the first also pays for what the server sets up once (JIT code, caches),
 * the second shows what a board costs, or leaves behind, on a server that has seen boards before.
 */
async function runIdleBoards(): Promise<void> {
  for (const round of [1, 2]) {
    const boards = await createBoards(idleBoards, 2, 1);
    const baseline = await memory();
    await agent.request('open', { url, boards, draw, echoAwareness }, 300_000);
    await agent.request('draw-start', {});
    await agent.request('window-start', {});
    await sleep(3000);
    await agent.request('draw-stop', {});
    const stats = await agent.request('window-stop', { settleMs: SETTLE_MS, slowMs: TARGET_P99_MS });
    const open = await memory();
    await agent.request('close-all', {});
    const unloadMs = await waitForUnload();
    const unloaded = await memory();
    memoryRows.push({
      label: `${idleBoards} new boards × 2 clients, 3 s of drawing each (round ${round})`,
      boards: idleBoards,
      clients: idleBoards * 2,
      boardRecords: stats.boardRecords,
      boardBytes: stats.boardBytes,
      baseline,
      open,
      unloaded,
      after: await boardMetrics(),
      unloadMs,
      idleRound: round,
    });
    log(`idle boards, round ${round}: ${idleBoards} boards open → unloaded ${(unloadMs / 1000).toFixed(1)} s after their clients left`);
  }
}

/** A board of `shapes` mixed shapes: written, stored, unloaded, then opened again and again. */
async function runLargeBoard(): Promise<void> {
  const [board] = await createBoards(1, 2, 1);
  const { lessonId, tokens } = board!;
  const teacher = tokens.at(-1)!;
  const student = tokens[0]!;
  const filled = await agent.request('fill', { url, lessonId, token: teacher, shapes, batch: 100, seed: 7 }, 300_000);
  log(`large board: ${filled.records} records (${(filled.stateBytes / 1024).toFixed(0)} KB) written in ${filled.writeMs.toFixed(0)} ms; waiting for it to be stored and unloaded`);
  await waitForUnload();
  const db = server.database.prisma;
  const snapshot = await db.boardDocument.findUnique({ where: { lessonId } });
  const storedUpdates = await db.boardUpdate.count({ where: { lessonId } });

  // Server side: what LessonBoard.open does before anyone syncs — read and merge what is stored, apply it.
  const store = new PrismaBoardStore(db);
  const readMs: number[] = [];
  const applyMs: number[] = [];
  for (let i = 0; i < loads; i++) {
    const t0 = performance.now();
    const { state } = await store.load(lessonId);
    const t1 = performance.now();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    applyMs.push(performance.now() - t1);
    readMs.push(t1 - t0);
    doc.destroy();
  }

  // Cold: the board is not in memory; the first client's open loads it.
  const cold: number[] = [];
  let receivedBytes = 0;
  for (let i = 0; i < loads; i++) {
    const opened = await agent.request('open-timed', { url, lessonId, token: student });
    if (opened.records !== filled.records) throw new Error(`a fresh client got ${opened.records} of ${filled.records} records`);
    cold.push(opened.syncMs);
    receivedBytes = opened.receivedBytes;
    await waitForUnload();
  }
  // Warm: someone keeps the board open.
  await agent.request('open', { url, boards: [{ lessonId, tokens: [teacher], drawers: 0 }], draw, echoAwareness });
  const warm: number[] = [];
  for (let i = 0; i < loads; i++) warm.push((await agent.request('open-timed', { url, lessonId, token: student })).syncMs);
  await agent.request('close-all', {});
  await waitForUnload();

  loadResult = {
    records: filled.records,
    stateBytes: filled.stateBytes,
    snapshotBytes: snapshot?.snapshot.byteLength ?? 0,
    storedUpdates,
    serverReadMs: percentiles(readMs),
    serverApplyMs: percentiles(applyMs),
    cold: percentiles(cold),
    warm: percentiles(warm),
    receivedBytes,
  };
  log(`large board: cold open p50 ${loadResult.cold.p50.toFixed(0)} ms, warm open p50 ${loadResult.warm.p50.toFixed(0)} ms, server read + apply p50 ${(loadResult.serverReadMs.p50 + loadResult.serverApplyMs.p50).toFixed(0)} ms`);
}

// --- measuring ---


/**
 * A request to the server, tried again once if the connection was reset: a heap snapshot stops
 * this process, and afterwards the server's and fetch's keep-alive timers race for idle sockets.
 */
async function request(pathname: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(`${url}${pathname}`, init);
  } catch (error) {
    if (!(error instanceof TypeError) || !(error.cause instanceof Error) || !/ECONNRESET|other side closed/.test(error.cause.message)) throw error;
    return fetch(`${url}${pathname}`, init);
  }
}

/**
 * The server's memory: this process's JavaScript heap after full collections and its RSS, then
 * (a heap snapshot, which itself adds to the RSS) how many board objects are alive.
 */
async function memory(): Promise<Memory> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc (npm run bench:board does)');
  gc();
  gc();
  const code = v8
    .getHeapSpaceStatistics()
    .filter((space) => space.space_name.startsWith('code'))
    .reduce((sum, space) => sum + space.space_used_size, 0);
  const { heapUsed, rss } = process.memoryUsage();
  return { heap: heapUsed - code, rss, objects: await countLiveObjects(BOARD_OBJECTS) };
}

async function boardMetrics(): Promise<BoardMetrics> {
  const text = await (await request('/metrics')).text();
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
  return {
    documents: value('panda_board_documents'),
    connections: value('panda_board_connections'),
    updateBytes: value('panda_board_update_bytes_total'),
    refused: value('panda_board_refused_updates_total'),
    storedBatches: value('panda_board_stored_batches_total'),
  };
}

/**
 * Waits until /metrics shows no board and no connection (returns how long that took), then a
 * little more: a board is dropped from the count when its unload starts, and freed once it is
 * stored and compacted.
 */
async function waitForUnload(timeoutMs = 60_000): Promise<number> {
  const since = performance.now();
  for (;;) {
    const metrics = await boardMetrics();
    if (metrics.documents === 0 && metrics.connections === 0) break;
    if (performance.now() - since > timeoutMs) throw new Error(`${metrics.documents} boards still loaded after ${timeoutMs / 1000} s`);
    await sleep(100);
  }
  const unloadMs = performance.now() - since;
  await sleep(2000);
  return unloadMs;
}

// --- people and lessons ---

interface People {
  teachers: { id: string; token: string }[];
  students: { id: string; token: string }[];
}

/** Teachers and students straight into the database (one password hash), logged in through the API. */
async function createPeople(teachers: number, students: number): Promise<People> {
  const db = server.database.prisma;
  const passwordHash = await hashPassword(PASSWORD);
  const person = (role: 'teacher' | 'student', i: number) => ({
    email: `bench-${role}-${i}@example.com`,
    name: `Bench ${role} ${i}`,
    role,
    timeZone: 'UTC',
    locale: 'en' as const,
    passwordHash,
    emailVerifiedAt: new Date(),
  });
  await db.user.createMany({
    data: [...Array.from({ length: teachers }, (_, i) => person('teacher', i)), ...Array.from({ length: students }, (_, i) => person('student', i))],
  });
  const login = async (role: 'teacher' | 'student', i: number) => {
    const email = `bench-${role}-${i}@example.com`;
    const response = await request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    const body = (await response.json()) as { accessToken?: string };
    if (response.status !== 200 || !body.accessToken) throw new Error(`login failed for ${email}: HTTP ${response.status}`);
    const { id } = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
    return { id, token: body.accessToken };
  };
  return {
    teachers: await Promise.all(Array.from({ length: teachers }, (_, i) => login('teacher', i))),
    students: await Promise.all(Array.from({ length: students }, (_, i) => login('student', i))),
  };
}

/**
 * `count` lessons running now, booked through the API, each by a teacher of its own with
 * `clients − 1` students of its own. Seats: students first (the first `drawers` of them draw), the
 * teacher last. People are reused from phase to phase: their earlier lessons are cancelled first.
 */
async function createBoards(count: number, clients: number, drawers: number): Promise<BoardSeats[]> {
  await server.database.prisma.lesson.updateMany({ where: { status: { not: 'cancelled' } }, data: { status: 'cancelled' } });
  const seats: BoardSeats[] = [];
  for (let i = 0; i < count; i++) {
    const teacher = people.teachers[i]!;
    const students = people.students.slice(i * (clients - 1), (i + 1) * (clients - 1));
    const response = await request('/api/lessons', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${teacher.token}` },
      body: JSON.stringify({ language: 'en', startsAt: new Date().toISOString(), durationMinutes: 240, studentIds: students.map((s) => s.id) }),
    });
    const body = (await response.json()) as { id?: string };
    if (response.status !== 201 || !body.id) throw new Error(`booking a lesson failed: HTTP ${response.status} ${JSON.stringify(body)}`);
    seats.push({ lessonId: body.id, tokens: [...students.map((s) => s.token), teacher.token], drawers });
  }
  return seats;
}

// --- output ---

function describeStalls(list: readonly Stall[]): string {
  if (list.length === 0) return '0';
  const longest = list.reduce((a, b) => (b.wallMs > a.wallMs ? b : a));
  return `${list.length} (${longest.wallMs.toFixed(0)} / ${longest.cpuMs.toFixed(0)})`;
}

/** "1/1/1/30": live board objects beyond the baseline's. */
function objectCounts(memory: Memory, baseline: Memory): string {
  return BOARD_OBJECTS.map((name) => (memory.objects[name] ?? 0) - (baseline.objects[name] ?? 0)).join('/');
}

function report(): void {
  const kb = (bytes: number) => (bytes / 1024).toFixed(1);
  const ms = (value: number) => (Number.isNaN(value) ? '—' : value < 10 ? value.toFixed(1) : value.toFixed(0));
  const drawTable = [
    `| lessons × clients (drawing) | updates/s in → deliveries/s out | propagation p50 / p99 / max ms | > ${TARGET_P99_MS} ms | delivered | server CPU % | server CPU µs per drawing send | server event loop: delay p99 ms; stalls ≥ ${StallWatch.STALL_MS} ms (longest: wall / CPU ms) | stored batches/s | clients CPU % | other CPU % | sent per drawing client kB/s: updates + awareness | update kB/s per drawing client (server count) | sent per watching client kB/s | received per client kB/s |`,
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...drawRows.map((row) => {
      const { stats, scenario } = row;
      const updatesPerSecond = stats.updatesSent / stats.seconds;
      return `| ${[
        `${scenario.lessons} × ${scenario.clients} (${scenario.drawers})`,
        `${updatesPerSecond.toFixed(0)} → ${(stats.expected / stats.seconds).toFixed(0)}`,
        `${ms(stats.latencyMs.p50)} / ${ms(stats.latencyMs.p99)} / ${ms(stats.latencyMs.max)}`,
        `${((stats.slow / Math.max(1, stats.latencyMs.count)) * 100).toFixed(1)} %`,
        `${stats.latencyMs.count} / ${stats.expected}`,
        row.serverCpu.toFixed(1),
        updatesPerSecond > 0 ? ((row.serverCpu / 100) * 1e6 / updatesPerSecond).toFixed(0) : '—',
        `${ms(row.serverLoopDelayMs.p99)}; ${describeStalls(row.serverStalls)}`,
        row.storedBatchesPerSecond.toFixed(1),
        row.clientsCpu.toFixed(0),
        row.otherCpu.toFixed(0),
        `${kb(stats.drawerSent.updates)} + ${kb(stats.drawerSent.awareness)}`,
        kb(row.serverUpdateBytesPerDrawer),
        kb(stats.watcherSent),
        kb(stats.receivedPerClient),
      ].join(' | ')} |`;
    }),
  ];
  const memoryTable = [
    `| boards | clients | per board: records / state KB | server heap per open board KB | after unload: boards / connections (/metrics) | heap left per unloaded board KB | live ${BOARD_OBJECTS.join(' / ')}: open → after unload | server RSS before / open / after unload MB | unloaded after s |`,
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...memoryRows.map(
      (row) =>
        `| ${[
          row.label,
          row.clients,
          `${row.boardRecords.toFixed(0)} / ${kb(row.boardBytes)}`,
          ((row.open.heap - row.baseline.heap) / row.boards / 1024).toFixed(0),
          `${row.after.documents} / ${row.after.connections}`,
          ((row.unloaded.heap - row.baseline.heap) / row.boards / 1024).toFixed(1),
          `${objectCounts(row.open, row.baseline)} → ${objectCounts(row.unloaded, row.baseline)}`,
          [row.baseline.rss, row.open.rss, row.unloaded.rss].map((bytes) => (bytes / 2 ** 20).toFixed(0)).join(' / '),
          (row.unloadMs / 1000).toFixed(1),
        ].join(' | ')} |`,
    ),
  ];
  const loadTable = loadResult
    ? [
        '| records (shapes + bindings) | whole state KB | stored as | server: read + merge stored / apply p50 ms | cold open (board not loaded): connect → synced p50 / max ms | warm open (board loaded): connect → synced p50 / max ms | bytes to the client KB |',
        '|--:|--:|---|--:|--:|--:|--:|',
        `| ${[
          `${loadResult.records} (${shapes} + ${loadResult.records - shapes})`,
          kb(loadResult.stateBytes),
          `1 snapshot of ${kb(loadResult.snapshotBytes)} KB + ${loadResult.storedUpdates} updates`,
          `${ms(loadResult.serverReadMs.p50)} / ${ms(loadResult.serverApplyMs.p50)}`,
          `${ms(loadResult.cold.p50)} / ${ms(loadResult.cold.max)}`,
          `${ms(loadResult.warm.p50)} / ${ms(loadResult.warm.max)}`,
          kb(loadResult.receivedBytes),
        ].join(' | ')} |`,
      ]
    : [];

  const targetRow = drawRows.find((row) => row.scenario.lessons === TARGET_CASE.lessons && row.scenario.clients >= TARGET_CASE.clients);
  const propagation = targetRow
    ? (() => {
        const { latencyMs, expected } = targetRow.stats;
        const complete = latencyMs.count === expected;
        const pass = complete && latencyMs.p99 < TARGET_P99_MS;
        return `| p99 propagation < ${TARGET_P99_MS} ms, ${TARGET_CASE.lessons} lesson × ${TARGET_CASE.clients} clients, loopback | p99 ${ms(latencyMs.p99)} ms over ${latencyMs.count} deliveries${complete ? '' : ` (${expected - latencyMs.count} of ${expected} never arrived)`} | **${pass ? 'PASS' : 'FAIL'}** |`;
      })()
    : `| p99 propagation < ${TARGET_P99_MS} ms, ${TARGET_CASE.lessons} lesson × ${TARGET_CASE.clients} clients, loopback | not run (no ${TARGET_CASE.lessons} × ≥ ${TARGET_CASE.clients} scenario) | — |`;
  const idle = (() => {
    const judged = memoryRows.find((row) => row.idleRound === 2);
    if (!judged) return '| idle boards cost no memory after unload | not run (needs --idle-boards) | — |';
    const loaded = memoryRows.reduce((sum, row) => sum + row.after.documents + row.after.connections, 0);
    const objectsLeft = memoryRows.reduce((sum, row) => sum + BOARD_OBJECTS.reduce((n, name) => n + (row.unloaded.objects[name] ?? 0) - (row.baseline.objects[name] ?? 0), 0), 0);
    const openPerBoard = (judged.open.heap - judged.baseline.heap) / judged.boards;
    const leftPerBoard = (judged.unloaded.heap - judged.baseline.heap) / judged.boards;
    // "No memory": nothing stays loaded, no object of a board stays in the heap, and the heap keeps no more than the noise of reading it.
    const pass = loaded === 0 && objectsLeft === 0 && leftPerBoard < IDLE_NOISE_BYTES;
    return (
      `| idle boards cost no memory after unload | after every phase: ${loaded === 0 ? '0 boards and 0 connections loaded (/metrics)' : `${loaded} boards + connections still loaded`}, ` +
      `${objectsLeft} board objects left in the heap (${BOARD_OBJECTS.join(', ')}); ${judged.boards} new boards on a warm server: ` +
      `${(openPerBoard / 1024).toFixed(0)} KB of heap each while open, ${(leftPerBoard / 1024).toFixed(1)} KB each after unload | **${pass ? 'PASS' : 'FAIL'}** |`
    );
  })();
  const targets = ['| target | measured | result |', '|---|---|---|', propagation, idle];

  const text = [
    `# Board benchmark ${new Date().toISOString()}`,
    '',
    `Machine: ${machine()}. ` +
      `Server in the benchmark's process (${server.backing}); all clients in one child process; loopback. ` +
      `Drawing: an update every ${draw.intervalMs} ms growing a stroke by ${draw.pointsPerSend} points, a new stroke every ~${draw.strokeMs / 1000} s` +
      `${draw.cursors ? ', the cursor (awareness) moving with every update' : ''}; ` +
      `${echoAwareness ? "clients re-send the awareness updates they receive (y-websocket's own behaviour, --awareness-echo)" : 'clients send only their own awareness changes, as the browser does'}. ${measureMs / 1000} s measured per scenario after ${warmupMs / 1000} s of drawing; ` +
      `the run took ${Math.round((Date.now() - started) / 1000)} s.`,
    '',
    ...targets,
    '',
    '**Drawing** (lessons × clients per lesson (drawing clients per lesson); CPU in % of one core):',
    '',
    ...drawTable,
    '',
    `**Memory** (server process; heap after full GC; boards unload ${UNLOAD_AFTER_SECONDS} s after their last client leaves):`,
    '',
    ...memoryTable,
    '',
    ...(loadTable.length ? [`**Opening a ${shapes}-shape board** (${loads} opens each):`, '', ...loadTable, ''] : []),
    ...notes.map((note) => `- ${note}`),
    '',
  ].join('\n');
  log(`written to ${writeReport(flags.out, 'board', text)}`);
}

