import { performance } from 'node:perf_hooks';
import { BOARD_PLAYBACK, BOARD_RECORDS, BOARD_SEED_RECORDS, type Clock, type PlaybackState } from '@panda/shared';
import { WSSharedDoc } from '@y/websocket-server/utils';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Logger } from 'pino';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as authProtocol from 'y-protocols/auth';
import * as syncProtocol from 'y-protocols/sync';
import type WebSocket from 'ws';
import * as Y from 'yjs';
import { BoardAllowance } from './board-allowance.js';
import type { BoardMetrics } from './board-metrics.js';
import type { BoardRelay, RelayMessage } from './board-relay.js';
import type { BoardStore } from './board-store.js';
import { checkBoardUpdate, type BoardWriteAccess } from './write-guard.js';

/** y-websocket message types. */
const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_AUTH = 2;

/** Transaction origins that are not a connection of this process. */
const FROM_STORE = Symbol('store');
const FROM_RELAY = Symbol('relay');
const FROM_SEED = Symbol('seed');

export interface LessonBoardOptions {
  store: BoardStore;
  /** Times each stored batch, for the replay. */
  clock: Clock;
  relay: BoardRelay | null;
  logger: Logger;
  metrics: BoardMetrics;
  /** Updates are stored in batches at most this often. */
  flushIntervalMs: number;
  /** After this many stored updates the board is compacted into one snapshot. */
  compactAfterUpdates: number;
  /** The last connection left (the server unloads the board after a while). */
  onIdle: (board: LessonBoard) => void;
}

/** Who is behind a connection, as the board server established it. */
export interface BoardPeer {
  userId: string;
  access: BoardWriteAccess;
}

/** Gives a board with no records yet its first ones (`BOARD_SEED_RECORDS`), so no student ever has to create a page. */
export function seedBoard(doc: Y.Doc, origin: unknown = null): void {
  const records = doc.getMap(BOARD_RECORDS);
  if (records.size > 0) return;
  doc.transact(() => {
    for (const record of BOARD_SEED_RECORDS) records.set(record.id, record);
  }, origin);
}

/**
 * The state of a board drawn without a lesson room (the demo school's past lesson): seeded as a
 * board the server opens is, with these tldraw records and shared players on it; store it with
 * `compactBoard`.
 */
export function boardStateWith(records: ReadonlyArray<{ id: string }>, playback: Readonly<Record<string, PlaybackState>> = {}): Uint8Array {
  const doc = new Y.Doc();
  seedBoard(doc);
  doc.transact(() => {
    const recordMap = doc.getMap(BOARD_RECORDS);
    for (const record of records) recordMap.set(record.id, record);
    const players = doc.getMap(BOARD_PLAYBACK);
    for (const [shapeId, state] of Object.entries(playback)) players.set(shapeId, state);
  });
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

/**
 * One lesson's board held in memory while anyone has it open: the Yjs document and awareness
 * (through `WSSharedDoc`, which also broadcasts both to every connection), its storage in
 * batches, and its relay to the other processes that hold it.
 */
export class LessonBoard {
  readonly lessonId: string;
  readonly #doc: WSSharedDoc;
  readonly #options: LessonBoardOptions;
  readonly #logger: Logger;
  readonly #peers = new Map<WebSocket, BoardPeer>();
  /** What the store holds of this document; each flush stores the difference since. */
  #storedStateVector: Uint8Array;
  /** Changes arrived from this process's connections since the last stored flush. */
  #unstored = false;
  #flushTimer: NodeJS.Timeout | null = null;
  #flushing: Promise<void> = Promise.resolve();
  #storedUpdates: number;
  #closed = false;

  private constructor(lessonId: string, doc: WSSharedDoc, storedUpdates: number, options: LessonBoardOptions) {
    this.lessonId = lessonId;
    this.#doc = doc;
    this.#options = options;
    this.#storedUpdates = storedUpdates;
    this.#storedStateVector = Y.encodeStateVector(doc);
    this.#logger = options.logger.child({ lessonId });
    doc.on('update', (update: Uint8Array, origin: unknown) => this.#onUpdate(update, origin));
    doc.awareness.on('update', ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
      if (origin === FROM_RELAY || !options.relay) return;
      const payload = awarenessProtocol.encodeAwarenessUpdate(doc.awareness, [...added, ...updated, ...removed]);
      options.relay.publish(lessonId, { kind: 'awareness', payload });
    });
  }

  /** Loads the board from the store (before any client syncs) and joins the relay. */
  static async open(lessonId: string, options: LessonBoardOptions): Promise<LessonBoard> {
    const doc = new WSSharedDoc(lessonId);
    const { state, storedUpdates } = await options.store.load(lessonId);
    Y.applyUpdate(doc, state, FROM_STORE);
    const board = new LessonBoard(lessonId, doc, storedUpdates, options);
    // Stored (and relayed) like any change, so that later edits of these records have their origin.
    seedBoard(doc, FROM_SEED);
    if (options.relay) {
      await options.relay.join(lessonId, (message) => board.#onRelay(message));
      options.relay.publish(lessonId, { kind: 'hello', payload: Y.encodeStateVector(doc) });
    }
    return board;
  }

  get connections(): number {
    return this.#peers.size;
  }

  /** The document, for tests and benchmarks that look inside. */
  get doc(): Y.Doc {
    return this.#doc;
  }

  /** Serves one authenticated WebSocket: sync step 1, the others' awareness, then messages. */
  connect(socket: WebSocket, peer: BoardPeer, queued: readonly Uint8Array[]): void {
    this.#peers.set(socket, peer);
    this.#doc.conns.set(socket, new Set());
    const allowance = new BoardAllowance(peer.access, performance.now());
    socket.on('message', (data: Buffer) => this.#onMessage(socket, peer, allowance, new Uint8Array(data)));
    socket.on('close', () => this.#disconnect(socket));

    const step1 = encoding.createEncoder();
    encoding.writeVarUint(step1, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(step1, this.#doc);
    send(socket, encoding.toUint8Array(step1));
    const states = [...this.#doc.awareness.getStates().keys()];
    if (states.length > 0) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.#doc.awareness, states));
      send(socket, encoding.toUint8Array(encoder));
    }
    for (const message of queued) this.#onMessage(socket, peer, allowance, message);
  }

  /** Stores what is pending, compacts, leaves the relay and frees the document. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const socket of this.#peers.keys()) socket.close(1001, 'board closing');
    await this.#flush();
    try {
      await this.#options.store.compact(this.lessonId, Y.encodeStateAsUpdate(this.#doc));
    } catch (error) {
      this.#logger.error({ err: error }, 'board compaction failed; its updates stay stored');
    }
    if (this.#options.relay) await this.#options.relay.leave(this.lessonId).catch(() => undefined);
    this.#doc.awareness.destroy();
    this.#doc.destroy();
  }

  /** Resolves once every update received so far is stored. */
  async flushed(): Promise<void> {
    await this.#flush();
  }

  #onMessage(socket: WebSocket, peer: BoardPeer, allowance: BoardAllowance, message: Uint8Array): void {
    try {
      const decoder = decoding.createDecoder(message);
      const type = decoding.readVarUint(decoder);
      if (type === MESSAGE_SYNC) this.#onSync(socket, peer, allowance, decoder);
      else if (type === MESSAGE_AWARENESS && allowance.awareness(message.byteLength, performance.now())) {
        awarenessProtocol.applyAwarenessUpdate(this.#doc.awareness, decoding.readVarUint8Array(decoder), socket);
      }
    } catch (error) {
      this.#logger.warn({ err: error, userId: peer.userId }, 'malformed board message; closing the connection');
      socket.close(1003, 'malformed message');
    }
  }

  #onSync(socket: WebSocket, peer: BoardPeer, allowance: BoardAllowance, decoder: decoding.Decoder): void {
    const syncType = decoding.readVarUint(decoder);
    if (syncType === syncProtocol.messageYjsSyncStep1) {
      const reply = encoding.createEncoder();
      encoding.writeVarUint(reply, MESSAGE_SYNC);
      syncProtocol.readSyncStep1(decoder, reply, this.#doc);
      send(socket, encoding.toUint8Array(reply));
      return;
    }
    if (syncType !== syncProtocol.messageYjsSyncStep2 && syncType !== syncProtocol.messageYjsUpdate) {
      throw new Error(`unknown sync message ${syncType}`);
    }
    const update = decoding.readVarUint8Array(decoder);
    const allowed = allowance.update(update.byteLength, performance.now());
    const verdict = allowed.ok ? checkBoardUpdate(this.#doc, update, peer.access) : allowed;
    if (!verdict.ok) {
      // The client drops its copy and loads the board again (see the UI's board connection).
      this.#options.metrics.refusedUpdates.inc();
      this.#logger.info({ userId: peer.userId, reason: verdict.reason }, 'board update refused');
      const denied = encoding.createEncoder();
      encoding.writeVarUint(denied, MESSAGE_AUTH);
      authProtocol.writePermissionDenied(denied, verdict.reason);
      send(socket, encoding.toUint8Array(denied));
      return;
    }
    this.#options.metrics.updateBytes.inc(update.byteLength);
    Y.applyUpdate(this.#doc, update, socket);
  }

  #onUpdate(update: Uint8Array, origin: unknown): void {
    if (origin === FROM_STORE || origin === FROM_RELAY) return;
    this.#options.relay?.publish(this.lessonId, { kind: 'update', payload: update });
    this.#unstored = true;
    this.#flushTimer ??= setTimeout(() => void this.#flush(), this.#options.flushIntervalMs);
  }

  #onRelay(message: RelayMessage): void {
    if (this.#closed) return;
    if (message.kind === 'update') Y.applyUpdate(this.#doc, message.payload, FROM_RELAY);
    else if (message.kind === 'awareness') awarenessProtocol.applyAwarenessUpdate(this.#doc.awareness, message.payload, FROM_RELAY);
    else {
      // Another process just loaded this board: send what it may have missed.
      const missing = Y.encodeStateAsUpdate(this.#doc, message.payload);
      this.#options.relay?.publish(this.lessonId, { kind: 'update', payload: missing });
      const states = [...this.#doc.awareness.getStates().keys()];
      if (states.length > 0) {
        const payload = awarenessProtocol.encodeAwarenessUpdate(this.#doc.awareness, states);
        this.#options.relay?.publish(this.lessonId, { kind: 'awareness', payload });
      }
    }
  }

  #flush(): Promise<void> {
    if (this.#flushTimer) clearTimeout(this.#flushTimer);
    this.#flushTimer = null;
    this.#flushing = this.#flushing.then(async () => {
      // The difference from the live (garbage-collected) document, not the received updates merged:
      // a stroke rewritten a hundred times while drawn is stored once. It may include what the relay
      // brought from another process in the meantime, which is harmless to store twice.
      // (A deletion leaves the state vector as it was; the difference always carries the deletions.)
      if (!this.#unstored) return;
      this.#unstored = false;
      const stateVector = Y.encodeStateVector(this.#doc);
      const batch = Y.encodeStateAsUpdate(this.#doc, this.#storedStateVector);
      try {
        await this.#options.store.append(this.lessonId, batch, this.#options.clock.now());
        this.#storedStateVector = stateVector;
        this.#options.metrics.storedBatches.inc();
        this.#storedUpdates += 1;
        if (this.#storedUpdates >= this.#options.compactAfterUpdates) {
          await this.#options.store.compact(this.lessonId, Y.encodeStateAsUpdate(this.#doc));
          this.#storedUpdates = 0;
        }
      } catch (error) {
        // The next flush stores this difference too: nothing is lost while the database is away.
        this.#unstored = true;
        this.#flushTimer ??= setTimeout(() => void this.#flush(), this.#options.flushIntervalMs * 10);
        this.#logger.error({ err: error }, 'storing board updates failed; will retry');
      }
    });
    return this.#flushing;
  }

  #disconnect(socket: WebSocket): void {
    if (!this.#peers.delete(socket)) return;
    const controlled = this.#doc.conns.get(socket);
    this.#doc.conns.delete(socket);
    if (controlled) awarenessProtocol.removeAwarenessStates(this.#doc.awareness, [...controlled], null);
    if (this.#peers.size === 0) this.#options.onIdle(this);
  }
}

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

function send(socket: WebSocket, message: Uint8Array): void {
  if (socket.readyState === socket.OPEN) socket.send(message);
}
