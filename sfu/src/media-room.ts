import { EventEmitter } from 'node:events';
import type { types } from 'mediasoup';
import type { RoomProducer } from '@panda/shared';
import type { MediaWorker } from './media-worker.js';
import { MediaPeer, type PeerHost, type PeerRouter, type ProducerAppData } from './media-peer.js';
import { MediaError } from './media-error.js';
import { TrackRecorder } from './track-recorder.js';
import type { WorkerPool } from './worker-pool.js';

export interface MediaRoomEvents {
  activeSpeaker: [peerId: string | null];
  audioLevels: [Array<{ peerId: string; volume: number }>];
  /** A worker under the room died: every peer is gone; the room must be created again. */
  lost: [];
}

interface RouterSlot extends PeerRouter {
  workerIndex: number;
  peers: number;
}

/**
 * The media side of one lesson: its routers, its peers, and the observers that tell who is
 * speaking. A group that outgrows one router gets another on a different worker, joined with
 * `pipeToRouter`. Knows nothing of sockets or lessons.
 */
export class MediaRoom extends EventEmitter<MediaRoomEvents> implements PeerHost {
  readonly id: string;
  readonly #pool: WorkerPool;
  readonly #maxPeersPerRouter: number;
  readonly #slots: RouterSlot[] = [];
  readonly #peers = new Map<string, { peer: MediaPeer; slot: RouterSlot }>();
  readonly #producerSlots = new Map<string, RouterSlot>();
  /** Producers already piped to a router, by `producerId>routerId`. */
  readonly #pipes = new Map<string, Promise<unknown>>();
  readonly #activeSpeaker: types.ActiveSpeakerObserver;
  readonly #audioLevels: types.AudioLevelObserver;
  #closed = false;

  private constructor(
    id: string,
    pool: WorkerPool,
    maxPeersPerRouter: number,
    primary: RouterSlot,
    observers: { activeSpeaker: types.ActiveSpeakerObserver; audioLevels: types.AudioLevelObserver },
  ) {
    super();
    this.id = id;
    this.#pool = pool;
    this.#maxPeersPerRouter = maxPeersPerRouter;
    this.#activeSpeaker = observers.activeSpeaker;
    this.#audioLevels = observers.audioLevels;
    this.#addSlot(primary);

    this.#activeSpeaker.on('dominantspeaker', ({ producer }) => {
      this.emit('activeSpeaker', (producer.appData as ProducerAppData).peerId);
    });
    this.#audioLevels.on('volumes', (volumes) => {
      this.emit(
        'audioLevels',
        volumes.map(({ producer, volume }) => ({ peerId: (producer.appData as ProducerAppData).peerId, volume })),
      );
    });
    this.#audioLevels.on('silence', () => this.emit('audioLevels', []));
  }

  static async create(id: string, pool: WorkerPool, maxPeersPerRouter: number): Promise<MediaRoom> {
    const primary = await createSlot(id, pool.leastLoaded());
    try {
      // The observers live on the primary router; audio from other routers is piped to it.
      const activeSpeaker = await primary.router.createActiveSpeakerObserver({ interval: 300 });
      const audioLevels = await primary.router.createAudioLevelObserver({ maxEntries: 10, threshold: -70, interval: 800 });
      return new MediaRoom(id, pool, maxPeersPerRouter, primary, { activeSpeaker, audioLevels });
    } catch (error) {
      primary.router.close();
      throw error;
    }
  }

  get rtpCapabilities(): types.RtpCapabilities {
    return this.#primary.router.rtpCapabilities;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Workers this room's routers run on, primary first. */
  get workerIndexes(): number[] {
    return this.#slots.map((slot) => slot.workerIndex);
  }

  get #primary(): RouterSlot {
    return this.#slots[0] as RouterSlot;
  }

  /** A peer for this participant, replacing any earlier one (a rejoin starts clean). */
  async addPeer(id: string): Promise<MediaPeer> {
    this.removePeer(id);
    const slot = await this.#slotForNewPeer();
    if (this.#closed) throw new Error('the media room has closed');
    const peer = new MediaPeer(id, slot, this);
    slot.peers += 1;
    this.#peers.set(id, { peer, slot });
    return peer;
  }

  removePeer(id: string): void {
    const entry = this.#peers.get(id);
    if (!entry) return;
    entry.peer.close();
    entry.slot.peers -= 1;
    this.#peers.delete(id);
  }

  producerAdded(producer: types.Producer<ProducerAppData>, from: PeerRouter): void {
    const slot = this.#slots.find((s) => s.router === from.router) ?? this.#primary;
    this.#producerSlots.set(producer.id, slot);
    producer.observer.once('close', () => this.#producerSlots.delete(producer.id));
    if (producer.kind === 'audio') void this.#observeAudio(producer);
    for (const { peer } of this.#peers.values()) {
      if (peer.id !== producer.appData.peerId) void peer.consume(producer);
    }
  }

  *producersFor(peerId: string): Iterable<types.Producer<ProducerAppData>> {
    for (const { peer } of this.#peers.values()) {
      if (peer.id !== peerId) yield* peer.producers;
    }
  }

  producerFor(peerId: string, producerId: string): types.Producer<ProducerAppData> | undefined {
    for (const producer of this.producersFor(peerId)) {
      if (producer.id === producerId && !producer.closed) return producer;
    }
    return undefined;
  }

  /** Every track sent into the room, for clients reconciling what they receive and send. */
  get producerList(): RoomProducer[] {
    return [...this.#peers.values()].flatMap(({ peer }) =>
      [...peer.producers].map((producer) => ({
        producerId: producer.id,
        participantId: peer.id,
        kind: producer.kind,
        source: producer.appData.source,
        paused: producer.paused,
      })),
    );
  }

  /** Starts recording one track of the room into `fileWithoutExtension` (see TrackRecorder). */
  recordTrack(producerId: string, fileWithoutExtension: string): Promise<TrackRecorder> {
    const slot = this.#producerSlots.get(producerId);
    if (!slot) return Promise.reject(new MediaError('not_found', `no producer ${producerId}`));
    return TrackRecorder.start(slot.router, producerId, fileWithoutExtension);
  }

  /** Makes a producer from another router consumable on `to` (once per pair). */
  async reach(producer: types.Producer<ProducerAppData>, to: PeerRouter): Promise<void> {
    const from = this.#producerSlots.get(producer.id);
    if (!from || from.router === to.router) return;
    const key = `${producer.id}>${to.router.id}`;
    let pipe = this.#pipes.get(key);
    if (!pipe) {
      pipe = from.router.pipeToRouter({ producerId: producer.id, router: to.router });
      this.#pipes.set(key, pipe);
      producer.observer.once('close', () => this.#pipes.delete(key));
    }
    await pipe;
  }

  close(): void {
    if (this.#closed) return;
    this.#shutDown();
    for (const slot of this.#slots) slot.router.close();
  }

  async #observeAudio(producer: types.Producer<ProducerAppData>): Promise<void> {
    try {
      await this.reach(producer, this.#primary);
      await this.#activeSpeaker.addProducer({ producerId: producer.id });
      await this.#audioLevels.addProducer({ producerId: producer.id });
    } catch {
      // The producer closed meanwhile; nothing to observe.
    }
  }

  async #slotForNewPeer(): Promise<RouterSlot> {
    const roomy = this.#slots.find((slot) => slot.peers < this.#maxPeersPerRouter);
    if (roomy) return roomy;
    const worker = this.#pool.leastLoaded(new Set(this.workerIndexes));
    const slot = await createSlot(this.id, worker);
    this.#addSlot(slot);
    return slot;
  }

  #addSlot(slot: RouterSlot): void {
    this.#slots.push(slot);
    slot.router.on('workerclose', () => {
      if (this.#closed) return;
      this.#shutDown();
      for (const other of this.#slots) other.router.close();
      this.emit('lost');
    });
  }

  #shutDown(): void {
    this.#closed = true;
    for (const { peer } of this.#peers.values()) peer.close();
    this.#peers.clear();
    this.removeAllListeners('activeSpeaker');
    this.removeAllListeners('audioLevels');
  }
}

async function createSlot(roomId: string, worker: MediaWorker): Promise<RouterSlot> {
  const router = await worker.createRouter({ roomId });
  return { router, webRtcServer: worker.webRtcServer, workerIndex: worker.index, peers: 0 };
}
