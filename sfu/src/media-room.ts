import { EventEmitter } from 'node:events';
import type { types } from 'mediasoup';
import type { MediaWorker } from './media-worker.js';
import { MediaPeer, type PeerHost, type ProducerAppData } from './media-peer.js';

export interface MediaRoomEvents {
  activeSpeaker: [peerId: string | null];
  audioLevels: [Array<{ peerId: string; volume: number }>];
  /** The worker under the room died: every peer is gone; the room must be created again. */
  lost: [];
}

/**
 * The media side of one lesson: a router on one worker, its peers, and the observers that tell
 * who is speaking. Knows nothing of sockets or lessons.
 */
export class MediaRoom extends EventEmitter<MediaRoomEvents> implements PeerHost {
  readonly id: string;
  readonly router: types.Router;
  readonly webRtcServer: types.WebRtcServer;
  readonly workerIndex: number;
  readonly #peers = new Map<string, MediaPeer>();
  readonly #activeSpeaker: types.ActiveSpeakerObserver;
  readonly #audioLevels: types.AudioLevelObserver;
  #closed = false;

  private constructor(
    id: string,
    worker: MediaWorker,
    router: types.Router,
    activeSpeaker: types.ActiveSpeakerObserver,
    audioLevels: types.AudioLevelObserver,
  ) {
    super();
    this.id = id;
    this.router = router;
    this.webRtcServer = worker.webRtcServer;
    this.workerIndex = worker.index;
    this.#activeSpeaker = activeSpeaker;
    this.#audioLevels = audioLevels;

    activeSpeaker.on('dominantspeaker', ({ producer }) => {
      this.emit('activeSpeaker', (producer.appData as ProducerAppData).peerId);
    });
    audioLevels.on('volumes', (volumes) => {
      this.emit(
        'audioLevels',
        volumes.map(({ producer, volume }) => ({ peerId: (producer.appData as ProducerAppData).peerId, volume })),
      );
    });
    audioLevels.on('silence', () => this.emit('audioLevels', []));
    router.on('workerclose', () => {
      if (this.#closed) return;
      this.#closeInternally();
      this.emit('lost');
    });
  }

  static async create(id: string, worker: MediaWorker): Promise<MediaRoom> {
    const router = await worker.createRouter({ roomId: id });
    try {
      const activeSpeaker = await router.createActiveSpeakerObserver({ interval: 300 });
      const audioLevels = await router.createAudioLevelObserver({ maxEntries: 10, threshold: -70, interval: 800 });
      return new MediaRoom(id, worker, router, activeSpeaker, audioLevels);
    } catch (error) {
      router.close();
      throw error;
    }
  }

  get rtpCapabilities(): types.RtpCapabilities {
    return this.router.rtpCapabilities;
  }

  get closed(): boolean {
    return this.#closed;
  }

  get peerCount(): number {
    return this.#peers.size;
  }

  /** A peer for this participant, replacing any earlier one (a rejoin starts clean). */
  addPeer(id: string): MediaPeer {
    this.#peers.get(id)?.close();
    const peer = new MediaPeer(id, this);
    this.#peers.set(id, peer);
    return peer;
  }

  removePeer(id: string): void {
    this.#peers.get(id)?.close();
    this.#peers.delete(id);
  }

  producerAdded(producer: types.Producer<ProducerAppData>): void {
    if (producer.kind === 'audio') {
      void this.#activeSpeaker.addProducer({ producerId: producer.id }).catch(() => undefined);
      void this.#audioLevels.addProducer({ producerId: producer.id }).catch(() => undefined);
    }
    for (const peer of this.#peers.values()) {
      if (peer.id !== producer.appData.peerId) void peer.consume(producer);
    }
  }

  *producersFor(peerId: string): Iterable<types.Producer<ProducerAppData>> {
    for (const peer of this.#peers.values()) {
      if (peer.id !== peerId) yield* peer.producers;
    }
  }

  close(): void {
    if (this.#closed) return;
    this.#closeInternally();
    this.router.close();
  }

  #closeInternally(): void {
    this.#closed = true;
    for (const peer of this.#peers.values()) peer.close();
    this.#peers.clear();
    this.removeAllListeners('activeSpeaker');
    this.removeAllListeners('audioLevels');
  }
}
