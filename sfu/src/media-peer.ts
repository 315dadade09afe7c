import { EventEmitter } from 'node:events';
import type { types } from 'mediasoup';
import type { DtlsParameters, MediaSource, NewConsumer, RtpCapabilities, RtpParameters } from '@panda/shared';
import { spatialLayerForTile } from './layers.js';
import { MediaError } from './media-error.js';

export interface ProducerAppData extends types.AppData {
  peerId: string;
  source: MediaSource;
}

export interface MediaPeerEvents {
  /** A track of someone else is ready to be received (created paused). */
  consumerNew: [NewConsumer];
  consumerClosed: [{ consumerId: string }];
  consumerPaused: [{ consumerId: string }];
  consumerResumed: [{ consumerId: string }];
  /** This peer started or stopped sending a track, or paused/resumed it. */
  producersChanged: [];
}

interface ConsumerAppData extends types.AppData {
  source: MediaSource;
  peerId: string;
}

export interface ProduceRequest {
  transportId: string;
  kind: 'audio' | 'video';
  source: MediaSource;
  rtpParameters: RtpParameters;
  paused: boolean;
}

/** The router a peer's transports live on, and its worker's shared WebRTC port. */
export interface PeerRouter {
  readonly router: types.Router;
  readonly webRtcServer: types.WebRtcServer;
}

/** What the room does for a peer: announce its tracks to the others, reach tracks elsewhere. */
export interface PeerHost {
  producerAdded(producer: types.Producer<ProducerAppData>, from: PeerRouter): void;
  /** Existing producers of the other peers, for a peer that just became ready. */
  producersFor(peerId: string): Iterable<types.Producer<ProducerAppData>>;
  /** One live producer of another peer than `peerId`. */
  producerFor(peerId: string, producerId: string): types.Producer<ProducerAppData> | undefined;
  /** Makes a producer of another router consumable on this one. */
  reach(producer: types.Producer<ProducerAppData>, to: PeerRouter): Promise<void>;
}

const MAX_TRANSPORTS = 4;
const MAX_INCOMING_BPS = 5_000_000;

/**
 * One participant's media: a send and a receive transport, the tracks they send (one per source)
 * and the tracks they receive. Closing the peer closes its transports, and with them everything.
 */
export class MediaPeer extends EventEmitter<MediaPeerEvents> {
  readonly id: string;
  readonly #host: PeerHost;
  readonly #at: PeerRouter;
  readonly #transports = new Map<string, types.WebRtcTransport<{ direction: 'send' | 'recv' }>>();
  readonly #producers = new Map<string, types.Producer<ProducerAppData>>();
  readonly #consumers = new Map<string, types.Consumer<ConsumerAppData>>();
  /**
   * The consumer of each producer this peer receives, made or in the making, by producer id: a
   * track is received once, however many times it is offered or asked for.
   */
  readonly #subscriptions = new Map<string, Promise<string | null>>();
  #rtpCapabilities: types.RtpCapabilities | undefined;
  #closed = false;

  constructor(id: string, at: PeerRouter, host: PeerHost) {
    super();
    this.id = id;
    this.#at = at;
    this.#host = host;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Sources this peer sends, and whether each is paused. */
  get producerStates(): Map<MediaSource, 'on' | 'paused'> {
    return new Map([...this.#producers.values()].map((p) => [p.appData.source, p.paused ? 'paused' : 'on']));
  }

  /** Where a track of this peer comes from; undefined when it has no such track. */
  sourceOf(producerId: string): MediaSource | undefined {
    return this.#producers.get(producerId)?.appData.source;
  }

  get producers(): Iterable<types.Producer<ProducerAppData>> {
    return this.#producers.values();
  }

  async createTransport(direction: 'send' | 'recv') {
    // A new transport of the same direction replaces the old one (a client that starts over).
    for (const existing of this.#transports.values()) {
      if (existing.appData.direction === direction) existing.close();
    }
    if (this.#transports.size >= MAX_TRANSPORTS) throw new MediaError('validation_failed', 'too many transports');
    const transport = await this.#at.router.createWebRtcTransport({
      webRtcServer: this.#at.webRtcServer,
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      initialAvailableOutgoingBitrate: 1_000_000,
      appData: { direction },
    });
    // A send transport carries a camera (three simulcast layers) and maybe a screen: cap what one
    // client may push into the SFU.
    if (direction === 'send') await transport.setMaxIncomingBitrate(MAX_INCOMING_BPS);
    this.#transports.set(transport.id, transport);
    transport.observer.once('close', () => this.#transports.delete(transport.id));
    return {
      id: transport.id,
      iceParameters: transport.iceParameters,
      iceCandidates: transport.iceCandidates,
      dtlsParameters: transport.dtlsParameters,
    };
  }

  async connectTransport(transportId: string, dtlsParameters: DtlsParameters): Promise<void> {
    await this.#transport(transportId).connect({ dtlsParameters });
  }

  async restartIce(transportId: string): Promise<types.IceParameters> {
    return this.#transport(transportId).restartIce();
  }

  /** From now on this peer receives every track in the room its device can decode. */
  setReady(rtpCapabilities: RtpCapabilities): void {
    // The protocol schema bounds the shape; mediasoup checks the meaning when consuming.
    this.#rtpCapabilities = rtpCapabilities as types.RtpCapabilities;
    for (const producer of this.#host.producersFor(this.id)) void this.consume(producer);
  }

  async produce(request: ProduceRequest): Promise<string> {
    const transport = this.#transport(request.transportId);
    if (transport.appData.direction !== 'send') {
      throw new MediaError('validation_failed', 'tracks are sent on the send transport');
    }
    // One track per source: a new camera track replaces the old one.
    for (const existing of this.#producers.values()) {
      if (existing.appData.source === request.source) existing.close();
    }
    const producer = await transport.produce<ProducerAppData>({
      kind: request.kind,
      rtpParameters: request.rtpParameters as types.RtpParameters,
      paused: request.paused,
      appData: { peerId: this.id, source: request.source },
    });
    this.#producers.set(producer.id, producer);
    producer.observer.once('close', () => {
      this.#producers.delete(producer.id);
      if (!this.#closed) this.emit('producersChanged');
    });
    this.#host.producerAdded(producer, this.#at);
    this.emit('producersChanged');
    return producer.id;
  }

  async pauseProducer(producerId: string): Promise<void> {
    await this.#producer(producerId).pause();
    this.emit('producersChanged');
  }

  async resumeProducer(producerId: string): Promise<void> {
    await this.#producer(producerId).resume();
    this.emit('producersChanged');
  }

  closeProducer(producerId: string): void {
    this.#producer(producerId).close();
  }

  /** Pauses what this peer sends from a source (a teacher muting a student); false if nothing. */
  async pauseSource(source: MediaSource): Promise<boolean> {
    const producer = [...this.#producers.values()].find((p) => p.appData.source === source && !p.paused);
    if (!producer) return false;
    await this.pauseProducer(producer.id);
    return true;
  }

  /**
   * Offers another peer's track (a paused consumer, announced with `consumerNew`) unless this
   * peer already receives it. Never throws: it runs for tracks appearing at any moment, with
   * nobody awaiting it.
   */
  async consume(producer: types.Producer<ProducerAppData>): Promise<void> {
    await this.#subscription(producer);
  }

  /**
   * The client asks for a track it should have (its reconciliation found it missing, or its
   * consumer stalled and is `replacing`d): the existing consumer's offer, or a new one's.
   */
  async subscribe(producerId: string, replacing?: string): Promise<NewConsumer> {
    const producer = this.#host.producerFor(this.id, producerId);
    if (!producer) throw new MediaError('not_found', `no track ${producerId} in the room`);
    const stalled = replacing === undefined ? undefined : this.#consumers.get(replacing);
    if (stalled?.producerId === producerId) stalled.close();
    const consumerId = await this.#subscription(producer);
    const consumer = consumerId === null ? undefined : this.#consumers.get(consumerId);
    if (!consumer) throw new MediaError('media_error', 'this track cannot be received now; create the receive transport and send media:ready first');
    return offerOf(consumer);
  }

  #subscription(producer: types.Producer<ProducerAppData>): Promise<string | null> {
    let subscription = this.#subscriptions.get(producer.id);
    if (!subscription) {
      const made = this.#createConsumer(producer).catch(() => null);
      subscription = made;
      this.#subscriptions.set(producer.id, made);
      // Not possible yet (not ready, or it closed on the way): a later offer or request tries again.
      void made.then((consumerId) => {
        if (consumerId === null && this.#subscriptions.get(producer.id) === made) this.#subscriptions.delete(producer.id);
      });
    }
    return subscription;
  }

  /** A paused consumer of another peer's track; the client resumes it when ready. Null when not possible yet. */
  async #createConsumer(producer: types.Producer<ProducerAppData>): Promise<string | null> {
    const transport = [...this.#transports.values()].find((t) => t.appData.direction === 'recv');
    const rtpCapabilities = this.#rtpCapabilities;
    if (!transport || !rtpCapabilities || producer.closed) return null;
    await this.#host.reach(producer, this.#at);
    if (this.#closed || !this.#at.router.canConsume({ producerId: producer.id, rtpCapabilities })) return null;
    const consumer = await transport.consume<ConsumerAppData>({
      producerId: producer.id,
      rtpCapabilities,
      paused: true,
      // Start low and let the tile size decide; the first frames arrive sooner.
      preferredLayers: { spatialLayer: 0 },
      appData: { source: producer.appData.source, peerId: producer.appData.peerId },
    });
    this.#consumers.set(consumer.id, consumer);
    const subscription = this.#subscriptions.get(producer.id);
    const gone = () => {
      if (!this.#consumers.delete(consumer.id)) return;
      if (this.#subscriptions.get(producer.id) === subscription) this.#subscriptions.delete(producer.id);
      if (!this.#closed) this.emit('consumerClosed', { consumerId: consumer.id });
    };
    consumer.on('transportclose', gone);
    consumer.on('producerclose', gone);
    consumer.observer.once('close', gone);
    consumer.on('producerpause', () => this.emit('consumerPaused', { consumerId: consumer.id }));
    consumer.on('producerresume', () => this.emit('consumerResumed', { consumerId: consumer.id }));
    this.emit('consumerNew', offerOf(consumer));
    return consumer.id;
  }

  async resumeConsumer(consumerId: string): Promise<void> {
    const consumer = this.#consumer(consumerId);
    await whileOpen(consumer, () => consumer.resume());
  }

  /** The client shows this video in a tile of this size: send the layer that fits. */
  async setViewport(consumerId: string, height: number): Promise<void> {
    const consumer = this.#consumer(consumerId);
    if (consumer.type !== 'simulcast') return;
    await whileOpen(consumer, async () => {
      if (height === 0) {
        await consumer.pause();
        return;
      }
      await consumer.setPreferredLayers({ spatialLayer: spatialLayerForTile(height) });
      if (consumer.paused) await consumer.resume();
    });
  }

  /** Counts and current bitrates (bits/s) of this peer's media, for metrics. */
  async stats(): Promise<{ producers: number; consumers: number; inBps: number; outBps: number }> {
    const transportStats = await Promise.all([...this.#transports.values()].map((t) => t.getStats().catch(() => [])));
    let inBps = 0;
    let outBps = 0;
    for (const stat of transportStats.flat()) {
      inBps += stat.recvBitrate;
      outBps += stat.sendBitrate;
    }
    return { producers: this.#producers.size, consumers: this.#consumers.size, inBps, outBps };
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const transport of this.#transports.values()) transport.close();
    this.removeAllListeners();
  }

  #transport(id: string) {
    const transport = this.#transports.get(id);
    if (!transport) throw new MediaError('not_found', `no transport ${id}`);
    return transport;
  }

  #producer(id: string) {
    const producer = this.#producers.get(id);
    if (!producer) throw new MediaError('not_found', `no producer ${id}`);
    return producer;
  }

  #consumer(id: string): types.Consumer<ConsumerAppData> {
    const consumer = this.#consumers.get(id);
    if (!consumer) throw new MediaError('not_found', `no consumer ${id}`);
    return consumer;
  }
}

function offerOf(consumer: types.Consumer<ConsumerAppData>): NewConsumer {
  return {
    consumerId: consumer.id,
    producerId: consumer.producerId,
    participantId: consumer.appData.peerId,
    kind: consumer.kind,
    source: consumer.appData.source,
    rtpParameters: consumer.rtpParameters as NewConsumer['rtpParameters'],
    producerPaused: consumer.producerPaused,
  };
}

/**
 * Works on a consumer that may close meanwhile (its producer left, the client replaced it): the
 * worker then answers that it knows no such consumer, which is the client's `not_found`.
 */
async function whileOpen(consumer: types.Consumer, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (consumer.closed) throw new MediaError('not_found', `track ${consumer.id} closed meanwhile`);
    throw error;
  }
}
