import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { BOARD_PATH, BoardCloseCode, type Clock, type SignalingIdentity } from '@panda/shared';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import { decideBoardAccess, type RoomTiming } from '../room/access.js';
import type { LessonStore } from '../room/lesson-store.js';
import { BoardMetrics } from './board-metrics.js';
import type { BoardRelay } from './board-relay.js';
import type { BoardStore } from './board-store.js';
import { LessonBoard, type BoardPeer } from './lesson-board.js';

export interface BoardServerOptions {
  httpServer: http.Server;
  verifyAccessToken: (token: string) => Promise<SignalingIdentity | null>;
  lessons: Pick<LessonStore, 'findLesson'>;
  store: BoardStore;
  /** Set when several processes may hold the same board. */
  relay: BoardRelay | null;
  clock: Clock;
  timing: RoomTiming;
  logger: Logger;
  metrics: Registry;
  /** A board nobody has open is freed from memory after this long. */
  unloadAfterMs: number;
  flushIntervalMs: number;
  compactAfterUpdates: number;
  /** The largest message a client may send (a whole board on first sync). */
  maxMessageBytes: number;
}

const BoardUrl = z.object({
  lessonId: z.uuid(),
  token: z.string().min(1).max(4096),
});

interface HeldBoard {
  board: Promise<LessonBoard>;
  unloadTimer: NodeJS.Timeout | null;
}

/**
 * The whiteboard endpoint: y-websocket connections at `/board/<lessonId>?token=…`. A connection is
 * accepted, then authenticated; a refusal closes it with a 44xx code, which y-websocket clients
 * do not retry. Boards are loaded before anyone syncs and unloaded when nobody has them open.
 */
export class BoardServer {
  readonly #options: BoardServerOptions;
  readonly #logger: Logger;
  readonly #wss: WebSocketServer;
  readonly #boards = new Map<string, HeldBoard>();
  /** Boards being unloaded; a new connection waits for the unload to finish, then loads again. */
  readonly #unloading = new Map<string, Promise<void>>();
  readonly #metrics: BoardMetrics;
  readonly #onUpgrade: (request: http.IncomingMessage, socket: Duplex, head: Buffer) => void;
  readonly #heartbeat: NodeJS.Timeout;
  readonly #alive = new WeakSet<WebSocket>();

  constructor(options: BoardServerOptions) {
    this.#options = options;
    this.#logger = options.logger.child({ component: 'board' });
    this.#wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes });
    this.#metrics = new BoardMetrics(options.metrics, () => ({ boards: this.#boards.size, connections: this.#wss.clients.size }));
    this.#onUpgrade = (request, socket, head) => {
      if (!request.url?.startsWith(`${BOARD_PATH}/`)) return;
      this.#wss.handleUpgrade(request, socket, head, (ws) => this.#accept(ws, request));
    };
    options.httpServer.on('upgrade', this.#onUpgrade);
    // Connections that stop answering pings are closed, so their cursors and boards go away.
    this.#heartbeat = setInterval(() => {
      for (const ws of this.#wss.clients) {
        if (!this.#alive.has(ws)) ws.terminate();
        else {
          this.#alive.delete(ws);
          ws.ping();
        }
      }
    }, 30_000);
  }

  /** Boards held in memory now. */
  get loadedBoards(): number {
    return this.#boards.size;
  }

  /** The board of a lesson if it is loaded (tests and benchmarks look inside). */
  async loaded(lessonId: string): Promise<LessonBoard | null> {
    return (await this.#boards.get(lessonId)?.board) ?? null;
  }

  async close(): Promise<void> {
    clearInterval(this.#heartbeat);
    this.#options.httpServer.off('upgrade', this.#onUpgrade);
    const held = [...this.#boards.values()];
    this.#boards.clear();
    await Promise.all(held.map(async ({ board, unloadTimer }) => {
      if (unloadTimer) clearTimeout(unloadTimer);
      await (await board).close();
    }));
    await Promise.all(this.#unloading.values());
    for (const ws of this.#wss.clients) ws.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }

  #accept(ws: WebSocket, request: http.IncomingMessage): void {
    this.#alive.add(ws);
    ws.on('pong', () => this.#alive.add(ws));
    // Messages that arrive while the board loads are handed over afterwards, in order.
    const queued: Uint8Array[] = [];
    const queue = (data: Buffer) => queued.push(new Uint8Array(data));
    ws.on('message', queue);
    ws.on('error', (error) => this.#logger.debug({ err: error }, 'board socket error'));
    this.#admit(request).then(
      async (admission) => {
        if ('close' in admission) {
          ws.close(admission.close, admission.reason);
          return;
        }
        const board = await this.#acquire(admission.lessonId);
        ws.off('message', queue);
        if (ws.readyState !== ws.OPEN) {
          this.#onIdle(board);
          return;
        }
        board.connect(ws, admission.peer, queued);
      },
      (error: unknown) => {
        this.#logger.error({ err: error }, 'opening a board failed');
        ws.close(1011, 'the board could not be opened');
      },
    );
  }

  async #admit(request: http.IncomingMessage): Promise<{ lessonId: string; peer: BoardPeer } | { close: number; reason: string }> {
    const url = new URL(request.url ?? '/', 'http://board');
    const parsed = BoardUrl.safeParse({
      lessonId: decodeURIComponent(url.pathname.slice(BOARD_PATH.length + 1)),
      token: url.searchParams.get('token') ?? '',
    });
    if (!parsed.success) return { close: BoardCloseCode.unauthorized, reason: 'open /board/<lessonId>?token=<access token>' };
    const identity = await this.#options.verifyAccessToken(parsed.data.token);
    if (!identity) return { close: BoardCloseCode.unauthorized, reason: 'the access token is not valid' };
    const lesson = await this.#options.lessons.findLesson(parsed.data.lessonId);
    if (!lesson) return { close: BoardCloseCode.notFound, reason: 'no such lesson' };
    const access = decideBoardAccess(lesson, { id: identity.userId, role: identity.role }, this.#options.clock.now(), this.#options.timing);
    if (!access.ok) return { close: BoardCloseCode.forbidden, reason: 'you are not in this lesson' };
    return { lessonId: lesson.id, peer: { userId: identity.userId, access: access.write } };
  }

  async #acquire(lessonId: string): Promise<LessonBoard> {
    const held = this.#boards.get(lessonId);
    if (held) {
      if (held.unloadTimer) clearTimeout(held.unloadTimer);
      held.unloadTimer = null;
      return held.board;
    }
    await this.#unloading.get(lessonId);
    const existing = this.#boards.get(lessonId);
    if (existing) return this.#acquire(lessonId);
    const board = LessonBoard.open(lessonId, {
      store: this.#options.store,
      clock: this.#options.clock,
      relay: this.#options.relay,
      logger: this.#logger,
      metrics: this.#metrics,
      flushIntervalMs: this.#options.flushIntervalMs,
      compactAfterUpdates: this.#options.compactAfterUpdates,
      onIdle: (idle) => this.#onIdle(idle),
    });
    this.#boards.set(lessonId, { board, unloadTimer: null });
    board.catch(() => this.#boards.delete(lessonId));
    return board;
  }

  #onIdle(board: LessonBoard): void {
    const held = this.#boards.get(board.lessonId);
    if (!held || board.connections > 0) return;
    if (held.unloadTimer) clearTimeout(held.unloadTimer);
    held.unloadTimer = setTimeout(() => {
      if (board.connections > 0 || this.#boards.get(board.lessonId) !== held) return;
      this.#boards.delete(board.lessonId);
      const unload = board
        .close()
        .catch((error: unknown) => this.#logger.error({ err: error, lessonId: board.lessonId }, 'unloading a board failed'))
        .finally(() => this.#unloading.delete(board.lessonId));
      this.#unloading.set(board.lessonId, unload);
    }, this.#options.unloadAfterMs);
  }
}
