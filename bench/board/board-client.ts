import { BOARD_PATH, BOARD_RECORDS } from '@panda/shared';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { DrawSettings } from './commands.js';
import { drawRecord, random, shapeIndex, type JsonRecord } from './records.js';

/** y-websocket message types (the first byte of every message). */
const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;

/** Bytes a client put on and took off its WebSocket, frame headers included (not TCP/IP). */
export interface Traffic {
  sentUpdates: number;
  sentAwareness: number;
  sentOther: number;
  received: number;
}

/** WebSocket frame header length: 2 bytes, + 2 or 8 for a longer payload, + 4 for a client's mask. */
function frameBytes(payload: number, masked: boolean): number {
  return payload + 2 + (payload > 65_535 ? 8 : payload > 125 ? 2 : 0) + (masked ? 4 : 0);
}

/** `ws` that counts what goes through it, for y-websocket's `WebSocketPolyfill`. */
function countingWebSocket(traffic: Traffic): new (address: string, protocols?: string | string[]) => WebSocket {
  return class CountingWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols);
      const send = this.send.bind(this) as (data: Uint8Array) => void;
      this.send = ((data: Uint8Array) => {
        const bytes = frameBytes(data.byteLength, true);
        if (data[0] === MESSAGE_SYNC && data[1] === 2) traffic.sentUpdates += bytes;
        else if (data[0] === MESSAGE_AWARENESS) traffic.sentAwareness += bytes;
        else traffic.sentOther += bytes;
        send(data);
      }) as WebSocket['send'];
      this.on('message', (data: ArrayBuffer | Buffer) => {
        traffic.received += frameBytes(data.byteLength, false);
      });
    }
  };
}

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

export interface BenchClientOptions {
  /** Called for every record another client changed that carries `meta.sentAt`. */
  onRemote?: (sentAt: number, receivedAt: number) => void;
  /**
   * false: send only this client's own awareness changes. y-websocket (3.1) re-sends every
   * awareness update it receives, so each cursor move comes back from every other client
   * (yjs/yjs#732); the browser's provider does the same.
   */
  echoAwareness?: boolean;
}

/** A send time on the clock every client of the benchmark shares (they all run in one process). */
export function now(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * A headless board participant speaking y-websocket to the server like the browser does, which
 * counts its traffic and reports, for every record another client changed, how long ago that
 * client sent it (the `meta.sentAt` drawing clients put in their records).
 */
export class BenchBoardClient {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly traffic: Traffic = { sentUpdates: 0, sentAwareness: 0, sentOther: 0, received: 0 };
  readonly #created = performance.now();
  readonly #synced: Promise<number>;

  constructor(url: string, lessonId: string, token: string, options: BenchClientOptions = {}) {
    const { onRemote, echoAwareness = false } = options;
    this.provider = new WebsocketProvider(`${url.replace(/^http/, 'ws')}${BOARD_PATH}`, lessonId, this.doc, {
      params: { token },
      WebSocketPolyfill: countingWebSocket(this.traffic) as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    this.#synced = new Promise((resolve, reject) => {
      this.provider.once('sync', () => resolve(performance.now() - this.#created));
      this.provider.once('closed', ({ code, reason }) => reject(new Error(`the board closed the connection: ${code} ${reason}`)));
    });
    this.#synced.catch(() => undefined);
    if (!echoAwareness) {
      // y-websocket sends every awareness change it sees, remote ones included, back to the server;
      // the browser's board connection keeps only its own (not those the provider received).
      const send = this.provider._awarenessUpdateHandler;
      this.provider.awareness.off('update', send);
      this.provider.awareness.on('update', (change: AwarenessChange, origin: unknown) => {
        if (origin !== this.provider) send(change, origin);
      });
    }
    if (onRemote) {
      this.records.observe((event, transaction) => {
        if (transaction.local) return;
        const receivedAt = now();
        for (const key of event.keysChanged as Set<string>) {
          const sentAt = (this.records.get(key) as { meta?: { sentAt?: unknown } } | undefined)?.meta?.sentAt;
          if (typeof sentAt === 'number') onRemote(sentAt, receivedAt);
        }
      });
    }
  }

  get records(): Y.Map<unknown> {
    return this.doc.getMap(BOARD_RECORDS);
  }

  /** Milliseconds from creating the client to its first full sync with the server. */
  synced(timeoutMs = 60_000): Promise<number> {
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([
      this.#synced,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no sync within ${timeoutMs / 1000} s`)), timeoutMs);
      }),
    ]).finally(() => clearTimeout(timer));
  }

  /** Sets this client's presence as tldraw does (cursor, camera, selection). */
  setPresence(name: string, cursor: { x: number; y: number }): void {
    this.provider.awareness.setLocalStateField('presence', {
      id: `instance_presence:${this.doc.clientID}`,
      typeName: 'instance_presence',
      userId: `user:${name}`,
      userName: name,
      lastActivityTimestamp: Math.round(now()),
      color: '#4263eb',
      camera: { x: 0, y: 0, z: 1 },
      selectedShapeIds: [],
      currentPageId: 'page:page',
      brush: null,
      scribbles: [],
      screenBounds: { x: 0, y: 0, w: 1440, h: 810 },
      followingUserId: null,
      cursor: { x: cursor.x, y: cursor.y, type: 'default', rotation: 0 },
      chatMessage: '',
      meta: {},
    });
  }

  /** Writes records in one transaction, as the UI's 50 ms batch does. */
  put(records: JsonRecord[]): void {
    this.doc.transact(() => {
      for (const record of records) this.records.set(record.id, record);
    });
  }

  close(): void {
    this.provider.destroy();
    this.doc.destroy();
  }
}

/**
 * A person scribbling: every `intervalMs` the stroke being drawn grows by `pointsPerSend` points
 * and is written (one transaction, stamped with its send time); every ~`strokeMs` a new stroke
 * starts. With `cursors`, the cursor moves along in the same beat.
 */
export class Scribbler {
  readonly client: BenchBoardClient;
  /** Sends since the start; the benchmark reads what falls into its window. */
  sent = 0;
  readonly #settings: DrawSettings;
  readonly #name: string;
  readonly #next: () => number;
  readonly #onSend: (sentAt: number) => void;
  #timer: NodeJS.Timeout | null = null;
  #strokes = 0;
  #stroke: { id: string; index: string; x: number; y: number; points: number; bytes: Buffer; endsAt: number } | null = null;

  constructor(client: BenchBoardClient, name: string, seed: number, settings: DrawSettings, onSend: (sentAt: number) => void) {
    this.client = client;
    this.#name = name;
    this.#settings = settings;
    this.#next = random(seed);
    this.#onSend = onSend;
  }

  /** Starts drawing after a random part of one interval, so that drawing clients do not beat together. */
  start(): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = setInterval(() => this.#send(), this.#settings.intervalMs);
      this.#send();
    }, this.#next() * this.#settings.intervalMs);
  }

  stop(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #send(): void {
    const at = performance.now();
    if (!this.#stroke) {
      const n = this.#strokes++;
      this.#stroke = {
        id: `shape:${this.#name}-${n}`,
        index: shapeIndex(n),
        x: Math.round(this.#next() * 1200),
        y: Math.round(this.#next() * 700),
        points: 0,
        bytes: Buffer.alloc(0),
        endsAt: at + this.#settings.strokeMs * (0.75 + this.#next() * 0.5),
      };
    }
    const stroke = this.#stroke;
    // b64Vecs: 12 bytes for the first point, 6 for each further one (see records.ts).
    const added = Buffer.alloc((stroke.points === 0 ? 12 : 0) + 6 * (stroke.points === 0 ? this.#settings.pointsPerSend - 1 : this.#settings.pointsPerSend));
    for (let i = 0; i < added.length; i++) added[i] = Math.floor(this.#next() * 256);
    stroke.bytes = Buffer.concat([stroke.bytes, added]);
    stroke.points += this.#settings.pointsPerSend;
    const isComplete = at >= stroke.endsAt;
    const sentAt = now();
    const record = drawRecord(
      { id: stroke.id, index: stroke.index, x: stroke.x, y: stroke.y, points: stroke.points, path: stroke.bytes.toString('base64'), isComplete },
      { sentAt },
    );
    this.client.put([record]);
    this.sent++;
    this.#onSend(sentAt);
    if (this.#settings.cursors) this.client.setPresence(this.#name, { x: stroke.x + stroke.points, y: stroke.y + (stroke.points % 40) });
    if (isComplete) this.#stroke = null;
  }
}
