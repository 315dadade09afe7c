import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import * as Y from 'yjs';
import { serveAgent, type AgentHandlers } from '../lib/agent-host.js';
import { BenchBoardClient, now, Scribbler, type Traffic } from './board-client.js';
import type { BoardCommands, DrawSettings } from './commands.js';
import { mixedBoard } from './records.js';
import { percentiles } from './stats.js';

/**
 * The board benchmark's client process (see board.ts): every headless board client runs here, in
 * one process, so that the send time a drawing client stamps into a record and the time another
 * client observes it come from the same clock. Exits when the parent disconnects.
 */

interface OpenBoard {
  lessonId: string;
  clients: BenchBoardClient[];
  scribblers: Scribbler[];
}

let boards: OpenBoard[] = [];
/** Clients outside the drawing boards (fill, timed opens). */
const others = new Set<BenchBoardClient>();

/** The measuring window: deliveries of updates sent inside it count. */
interface Window {
  start: number;
  end: number;
  latencies: number[];
  sent: number;
  expected: number;
  traffic: Map<BenchBoardClient, Traffic>;
}
let window: Window | null = null;
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();

// Every y-websocket provider adds a process 'exit' listener.
process.setMaxListeners(0);

const handlers: AgentHandlers<BoardCommands> = {
  async open({ url, boards: seats, draw, echoAwareness }) {
    const opening: { board: OpenBoard; client: BenchBoardClient }[] = [];
    for (const seat of seats) {
      const board: OpenBoard = { lessonId: seat.lessonId, clients: [], scribblers: [] };
      const peers = seat.tokens.length;
      seat.tokens.forEach((token, i) => {
        const client = new BenchBoardClient(url, seat.lessonId, token, {
          echoAwareness,
          onRemote: (sentAt, receivedAt) => {
            if (window && sentAt >= window.start && sentAt <= window.end) window.latencies.push(receivedAt - sentAt);
          },
        });
        board.clients.push(client);
        client.setPresence(`client-${i}`, { x: 0, y: 0 });
        if (i < seat.drawers) {
          board.scribblers.push(
            new Scribbler(client, `${seat.lessonId.slice(-6)}-${i}`, boards.length * 1000 + i + 1, draw satisfies DrawSettings, (sentAt) => {
              if (window && sentAt >= window.start && sentAt <= window.end) {
                window.sent++;
                window.expected += peers - 1;
              }
            }),
          );
        }
        opening.push({ board, client });
      });
      boards.push(board);
    }
    const syncMs = await Promise.all(opening.map(({ client }) => client.synced()));
    return { clients: opening.length, syncMs: percentiles(syncMs) };
  },

  async 'draw-start'() {
    const scribblers = boards.flatMap((board) => board.scribblers);
    for (const scribbler of scribblers) scribbler.start();
    return { drawers: scribblers.length };
  },

  async 'draw-stop'() {
    const scribblers = boards.flatMap((board) => board.scribblers);
    for (const scribbler of scribblers) scribbler.stop();
    return { updatesSent: scribblers.reduce((sum, scribbler) => sum + scribbler.sent, 0) };
  },

  async 'window-start'() {
    const traffic = new Map(allClients().map((client) => [client, { ...client.traffic }]));
    window = { start: now(), end: Infinity, latencies: [], sent: 0, expected: 0, traffic };
    loopDelay.reset();
    return {};
  },

  async 'window-stop'({ settleMs, slowMs }) {
    if (!window) throw new Error('window-start first');
    const current = window;
    current.end = now();
    const delay = { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 };
    const seconds = (current.end - current.start) / 1000;
    const clients = allClients();
    const diff = (client: BenchBoardClient, key: keyof Traffic) => client.traffic[key] - (current.traffic.get(client)?.[key] ?? 0);
    const drawers = boards.flatMap((board) => board.scribblers.map((scribbler) => scribbler.client));
    const perDrawer = (key: keyof Traffic) => drawers.reduce((sum, client) => sum + diff(client, key), 0) / Math.max(1, drawers.length) / seconds;
    const drawerSent = { updates: perDrawer('sentUpdates'), awareness: perDrawer('sentAwareness'), other: perDrawer('sentOther') };
    const watchers = boards.flatMap((board) => board.clients).filter((client) => !drawers.includes(client));
    const sent = (client: BenchBoardClient) => diff(client, 'sentUpdates') + diff(client, 'sentAwareness') + diff(client, 'sentOther');
    const watcherSent = watchers.reduce((sum, client) => sum + sent(client), 0) / Math.max(1, watchers.length) / seconds;
    const receivedPerClient = clients.reduce((sum, client) => sum + diff(client, 'received'), 0) / Math.max(1, clients.length) / seconds;
    // What was sent at the end of the window is still on its way.
    await sleep(settleMs);
    window = null;
    const sizes = boards.map((board) => Y.encodeStateAsUpdate(board.clients[0]!.doc).byteLength);
    return {
      seconds,
      updatesSent: current.sent,
      expected: current.expected,
      latencyMs: percentiles(current.latencies),
      slow: current.latencies.filter((ms) => ms > slowMs).length,
      drawerSent,
      watcherSent,
      receivedPerClient,
      clientLoopDelayMs: delay,
      boardBytes: sizes.reduce((a, b) => a + b, 0) / Math.max(1, sizes.length),
      boardRecords: boards.reduce((sum, board) => sum + board.clients[0]!.records.size, 0) / Math.max(1, boards.length),
    };
  },

  async 'close-all'() {
    const clients = allClients();
    for (const board of boards) for (const scribbler of board.scribblers) scribbler.stop();
    for (const client of clients) client.close();
    boards = [];
    others.clear();
    return { closed: clients.length };
  },

  async fill({ url, lessonId, token, shapes, batch, seed }) {
    const records = mixedBoard(shapes, seed);
    const writer = track(new BenchBoardClient(url, lessonId, token));
    await writer.synced();
    const started = performance.now();
    for (let i = 0; i < records.length; i += batch) writer.put(records.slice(i, i + batch));
    const expected = writer.records.size;
    // A second client that has everything shows the server applied every update.
    const checker = track(new BenchBoardClient(url, lessonId, token));
    await checker.synced();
    await poll(30_000, () => checker.records.size >= expected, () => `the board has ${checker.records.size} of ${expected} records`);
    const writeMs = performance.now() - started;
    const stateBytes = Y.encodeStateAsUpdate(checker.doc).byteLength;
    for (const client of [writer, checker]) untrack(client).close();
    return { records: expected, stateBytes, writeMs };
  },

  async 'open-timed'({ url, lessonId, token }) {
    const client = track(new BenchBoardClient(url, lessonId, token));
    const syncMs = await client.synced();
    const result = { syncMs, records: client.records.size, receivedBytes: client.traffic.received };
    untrack(client).close();
    return result;
  },
};

function allClients(): BenchBoardClient[] {
  return [...boards.flatMap((board) => board.clients), ...others];
}

function track(client: BenchBoardClient): BenchBoardClient {
  others.add(client);
  return client;
}

function untrack(client: BenchBoardClient): BenchBoardClient {
  others.delete(client);
  return client;
}

async function poll(timeoutMs: number, done: () => boolean, describe: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(describe());
    await sleep(20);
  }
}

serveAgent(handlers);

process.on('disconnect', () => {
  for (const client of allClients()) client.close();
  setTimeout(() => process.exit(0), 200).unref();
});
