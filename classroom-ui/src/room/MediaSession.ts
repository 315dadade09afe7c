import type {
  ClientEventName,
  ClientPayload,
  ClientResult,
  IceServer,
  MediaSource,
  NewConsumer,
  RtpCapabilities,
  RtpParameters,
} from '@panda/shared';
import { Device, type types } from 'mediasoup-client';
import type { HeldConsumer } from './subscriptions';

export type Direction = 'send' | 'recv';
export type TransportState = types.ConnectionState;

type Request = <E extends ClientEventName>(event: E, payload: ClientPayload<E>) => Promise<ClientResult<E>>;

export interface MediaSessionOptions {
  /** The room's request helper, so that a lost session triggers a rejoin wherever it shows up. */
  request: Request;
  routerRtpCapabilities: RtpCapabilities;
  iceServers: IceServer[];
  /** Media only through the TURN relay: for diagnosing a network, and for testing TURN. */
  relayOnly: boolean;
  /** Observers only watch: they get no send transport. */
  canSend: boolean;
  onTransportState: (direction: Direction, state: TransportState) => void;
  /** A failure nobody awaits (an ICE restart in the background). */
  onBackgroundError: (error: unknown) => void;
}

export interface ProducerAppData extends types.AppData {
  source: MediaSource;
  /** Produced paused: the server creates it paused too, and nothing of it is forwarded. */
  paused: boolean;
}

export interface ConsumerAppData extends types.AppData {
  participantId: string;
  source: MediaSource;
}

const CAMERA_ENCODINGS: types.RtpEncodingParameters[] = [
  { scaleResolutionDownBy: 4, maxBitrate: 150_000 },
  { scaleResolutionDownBy: 2, maxBitrate: 500_000 },
  { maxBitrate: 1_200_000 },
];
const SCREEN_ENCODINGS: types.RtpEncodingParameters[] = [{ maxBitrate: 1_500_000 }];

/** A consumer's reconciliation record and the counters its progress is read from. */
export interface ConsumerRecord extends HeldConsumer {
  packets: number;
  frames: number;
  lost: number;
}

type StatsReport = Record<string, unknown> & { type: string; id: string };

async function statsOf(transport: types.Transport | null): Promise<StatsReport[]> {
  if (!transport || transport.closed) return [];
  const stats = await transport.getStats().catch(() => null);
  return stats ? ([...stats.values()] as StatsReport[]) : [];
}

/** One look at the session's statistics (see `sample`). */
export interface MediaSample {
  /** Sources whose packets left this browser since the last sample. */
  sending: MediaSource[];
  /** The worst loss of any track since the last sample, 0–1; null when nothing was measured. */
  worstLoss: number | null;
}

/** How long setting up one consumer may take before the reconciliation asks for its track again. */
const CONSUME_PATIENCE_MS = 10_000;
const ICE_RESTART_FIRST_DELAY_MS = 1_000;
const ICE_RESTART_MAX_DELAY_MS = 16_000;

/**
 * One mediasoup session: the device loaded with the router's capabilities, a send and a receive
 * transport, and the producers and consumers on them. A media restart or a rejoin throws the whole
 * session away and builds a new one; the local tracks live elsewhere and survive it.
 */
export class MediaSession {
  readonly #options: MediaSessionOptions;
  readonly #device = new Device();
  readonly #producers = new Map<MediaSource, types.Producer<ProducerAppData>>();
  readonly #consumers = new Map<string, types.Consumer<ConsumerAppData>>();
  /** Consumers being set up, so that an offer heard twice (pushed, then asked for) makes one. */
  readonly #consuming = new Map<string, Promise<types.Consumer<ConsumerAppData> | null>>();
  /** The producer of each consumer being set up and since when, by consumer id. */
  readonly #consumingProducers = new Map<string, { producerId: string; since: number }>();
  /** When each producer was made, to tell a producer the server lost from one it has not listed yet. */
  readonly #producedAt = new Map<MediaSource, number>();
  /** Sources being produced right now. */
  readonly #producing = new Set<MediaSource>();
  readonly #records = new Map<string, ConsumerRecord>();
  /** Bytes each producer had sent at the last sample. */
  readonly #bytesSent = new Map<string, number>();
  readonly #iceTimers = new Map<Direction, number>();
  #send: types.Transport | null = null;
  #recv: types.Transport | null = null;
  #closed = false;

  constructor(options: MediaSessionOptions) {
    this.#options = options;
  }

  transportState(direction: Direction): TransportState | null {
    return (direction === 'send' ? this.#send : this.#recv)?.connectionState ?? null;
  }

  get consumers(): Array<types.Consumer<ConsumerAppData>> {
    return [...this.#consumers.values()];
  }

  /**
   * Steps 2–4 of joining: load the device, create both transports at once, and tell the server
   * the receive side is ready as soon as it is (it then offers every track of the room).
   */
  async start(): Promise<void> {
    // The shared schema is the wire subset of mediasoup's own type, which the server fills from its router.
    await this.#device.load({ routerRtpCapabilities: this.#options.routerRtpCapabilities as types.RtpCapabilities });
    const receiving = this.#createTransport('recv').then(async (recv) => {
      this.#recv = recv;
      if (this.#closed) return;
      await this.#options.request('media:ready', { rtpCapabilities: this.#device.rtpCapabilities as RtpCapabilities });
    });
    const sending = this.#options.canSend
      ? this.#createTransport('send').then((send) => {
          this.#send = send;
        })
      : null;
    await Promise.all([receiving, sending]);
  }

  async #createTransport(direction: Direction): Promise<types.Transport> {
    const { request } = this.#options;
    const info = await request('transport:create', { direction });
    const options: types.TransportOptions = {
      id: info.id,
      iceParameters: info.iceParameters,
      iceCandidates: info.iceCandidates as unknown as types.IceCandidate[],
      dtlsParameters: info.dtlsParameters,
      iceServers: this.#options.iceServers,
      ...(this.#options.relayOnly ? { iceTransportPolicy: 'relay' as const } : {}),
    };
    const transport =
      direction === 'send' ? this.#device.createSendTransport(options) : this.#device.createRecvTransport(options);
    if (this.#closed) {
      transport.close();
      return transport;
    }

    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      request('transport:connect', { transportId: transport.id, dtlsParameters }).then(() => callback(), errback);
    });
    transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
      const { source, paused } = appData as ProducerAppData;
      request('media:produce', {
        transportId: transport.id,
        kind,
        source,
        paused,
        rtpParameters: rtpParameters as RtpParameters,
      }).then(({ producerId }) => callback({ id: producerId }), errback);
    });
    transport.on('connectionstatechange', (state) => {
      this.#options.onTransportState(direction, state);
      this.#watchIce(direction, transport, state);
    });
    return transport;
  }

  /**
   * Restarts ICE when a transport drops (a network change, a laptop waking up), and again with a
   * growing pause while it stays down. The DTLS session survives, so media resumes where it was.
   */
  #watchIce(direction: Direction, transport: types.Transport, state: TransportState, attempt = 0): void {
    if (state !== 'disconnected' && state !== 'failed') {
      window.clearTimeout(this.#iceTimers.get(direction));
      this.#iceTimers.delete(direction);
      return;
    }
    if (this.#iceTimers.has(direction) && attempt === 0) return;
    const delay = Math.min(ICE_RESTART_FIRST_DELAY_MS * 2 ** attempt, ICE_RESTART_MAX_DELAY_MS);
    const timer = window.setTimeout(() => {
      void this.#restartIce(transport).finally(() => {
        if (this.#iceTimers.get(direction) !== timer) return;
        this.#iceTimers.delete(direction);
        if (!transport.closed) this.#watchIce(direction, transport, transport.connectionState, attempt + 1);
      });
    }, delay);
    this.#iceTimers.set(direction, timer);
  }

  async #restartIce(transport: types.Transport): Promise<void> {
    if (transport.closed) return;
    try {
      const { iceParameters } = await this.#options.request('transport:restart-ice', { transportId: transport.id });
      if (!transport.closed) await transport.restartIce({ iceParameters });
    } catch (error) {
      if (!transport.closed) this.#options.onBackgroundError(error);
    }
  }

  /** Sends a local track. `paused`: the person has this device off, so nothing is sent until resumed. */
  async produce(source: MediaSource, track: MediaStreamTrack, paused = false): Promise<void> {
    if (!this.#send || this.#producers.has(source) || this.#producing.has(source)) return;
    const appData: ProducerAppData = { source, paused };
    this.#producing.add(source);
    try {
      const producer = await this.#send.produce<ProducerAppData>({
        track,
        appData,
        // The tracks belong to LocalMedia and outlive this session (media restart, rejoin).
        stopTracks: false,
        // A paused producer sends nothing at all rather than black frames or silence.
        zeroRtpOnPause: true,
        ...this.#codecFor(source),
      });
      if (this.#closed) return;
      // The server created it paused; pausing here stops the browser from sending it too.
      if (paused) producer.pause();
      this.#producers.set(source, producer);
      this.#producedAt.set(source, Date.now());
    } finally {
      this.#producing.delete(source);
    }
  }

  /** What this browser sends, for reconciling it with the room's list. */
  get producers(): Array<{ source: MediaSource; producerId: string; producedAt: number; paused: boolean }> {
    return [...this.#producers].map(([source, producer]) => ({
      source,
      producerId: producer.id,
      producedAt: this.#producedAt.get(source) ?? 0,
      paused: producer.paused,
    }));
  }

  /** Whether this source is sent or on its way. */
  publishing(source: MediaSource): boolean {
    return this.#producers.has(source) || this.#producing.has(source);
  }

  /** The server no longer has this producer: forget it here, so that it can be produced again. */
  dropProducer(source: MediaSource): void {
    this.#producers.get(source)?.close();
    this.#producers.delete(source);
    this.#producedAt.delete(source);
  }

  #codecFor(source: MediaSource): Pick<types.ProducerOptions, 'codec' | 'codecOptions' | 'encodings'> {
    switch (source) {
      case 'microphone':
        // DTX: near silence costs almost nothing; FEC: a lost packet rarely costs a syllable.
        return { codecOptions: { opusDtx: true, opusFec: true } };
      case 'camera': {
        // Simulcast: the server forwards each viewer the layer that fits their tile and their network.
        const vp8 = this.#device.rtpCapabilities.codecs?.find((codec) => codec.mimeType.toLowerCase() === 'video/vp8');
        return { encodings: CAMERA_ENCODINGS, ...(vp8 ? { codec: vp8 } : {}) };
      }
      case 'screen':
        return { encodings: SCREEN_ENCODINGS };
      case 'screen-audio':
        return {};
    }
  }

  has(source: MediaSource): boolean {
    return this.#producers.has(source);
  }

  async pause(source: MediaSource): Promise<void> {
    const producer = this.#producers.get(source);
    if (!producer || producer.paused) return;
    // Stop sending first: when someone turns the microphone off, it is off at once.
    producer.pause();
    await this.#options.request('media:pause', { producerId: producer.id });
  }

  async resume(source: MediaSource): Promise<void> {
    const producer = this.#producers.get(source);
    if (!producer || !producer.paused) return;
    producer.resume();
    try {
      await this.#options.request('media:resume', { producerId: producer.id });
    } catch (error) {
      // Refused (the teacher holds the microphone off): nothing leaves this browser either.
      producer.pause();
      throw error;
    }
  }

  /** The server already paused it (the teacher muted this person): only stop sending. */
  pauseLocally(source: MediaSource): void {
    this.#producers.get(source)?.pause();
  }

  async replaceTrack(source: MediaSource, track: MediaStreamTrack): Promise<void> {
    await this.#producers.get(source)?.replaceTrack({ track });
  }

  async closeProducer(source: MediaSource): Promise<void> {
    const producer = this.#producers.get(source);
    if (!producer) return;
    producer.close();
    this.#producers.delete(source);
    await this.#options.request('media:close', { producerId: producer.id });
  }

  /**
   * Receives a track the server offers; the caller shows it and then asks the server to resume it.
   * `created`: false when this offer was already taken (heard twice). Null when this session can't
   * take it (closed, or no receive transport yet): the reconciliation asks for it again later.
   */
  async consume(
    offer: NewConsumer,
    repairs = 0,
  ): Promise<{ consumer: types.Consumer<ConsumerAppData>; created: boolean } | null> {
    const known = this.#consumers.get(offer.consumerId);
    if (known) return { consumer: known, created: false };
    const pending = this.#consuming.get(offer.consumerId);
    if (pending) {
      const consumer = await pending;
      return consumer && { consumer, created: false };
    }
    const recv = this.#recv;
    if (!recv || this.#closed) return null;
    const consuming = recv
      .consume<ConsumerAppData>({
        id: offer.consumerId,
        producerId: offer.producerId,
        kind: offer.kind,
        rtpParameters: offer.rtpParameters as types.RtpParameters,
        appData: { participantId: offer.participantId, source: offer.source },
      })
      .then((consumer) => {
        if (this.#closed) {
          consumer.close();
          return null;
        }
        this.#consumers.set(consumer.id, consumer);
        this.#records.set(consumer.id, {
          consumerId: consumer.id,
          producerId: offer.producerId,
          since: Date.now(),
          lastProgressAt: null,
          paused: offer.producerPaused,
          idle: false,
          repairs,
          steady: offer.source === 'camera' || offer.source === 'microphone',
          packets: 0,
          frames: 0,
          lost: 0,
        });
        return consumer;
      })
      .finally(() => {
        this.#consuming.delete(offer.consumerId);
        this.#consumingProducers.delete(offer.consumerId);
      });
    this.#consuming.set(offer.consumerId, consuming);
    this.#consumingProducers.set(offer.consumerId, { producerId: offer.producerId, since: Date.now() });
    const consumer = await consuming;
    return consumer && { consumer, created: true };
  }

  closeConsumer(consumerId: string): void {
    this.#consumers.get(consumerId)?.close();
    this.#consumers.delete(consumerId);
    this.#records.delete(consumerId);
  }

  /**
   * Producers whose consumer is being set up here right now. One that takes longer than a request
   * may is left out, so that the reconciliation asks for it again.
   */
  get consumingProducers(): Set<string> {
    const recent = [...this.#consumingProducers.values()].filter(({ since }) => Date.now() - since < CONSUME_PATIENCE_MS);
    return new Set(recent.map(({ producerId }) => producerId));
  }

  /** The consumers as the reconciliation sees them. */
  get held(): HeldConsumer[] {
    return [...this.#records.values()];
  }

  heldConsumer(consumerId: string): ConsumerRecord | undefined {
    return this.#records.get(consumerId);
  }

  /** The sender paused or resumed it; resumed, it is given a fresh wait for its first packets. */
  setConsumerPaused(consumerId: string, paused: boolean): void {
    const record = this.#records.get(consumerId);
    if (!record || record.paused === paused) return;
    record.paused = paused;
    if (!paused) record.since = Date.now();
  }

  /** Its tile left the screen (the server forwards nothing) or came back. */
  setConsumerIdle(consumerId: string, idle: boolean): void {
    const record = this.#records.get(consumerId);
    if (!record || record.idle === idle) return;
    record.idle = idle;
    if (!idle) record.since = Date.now();
  }

  /**
   * Reads every track's counters: which consumers made progress (decoded frames for video, packets
   * for audio), what left this browser, and the worst loss since the last sample. One statistics
   * call per transport: mediasoup-client runs them in the same queue as new consumers, so one call
   * per track would hold those up.
   */
  async sample(now: number): Promise<MediaSample> {
    let worstLoss: number | null = null;
    const worse = (loss: number) => {
      if (Number.isFinite(loss)) worstLoss = Math.max(worstLoss ?? 0, Math.min(1, Math.max(0, loss)));
    };
    const [received, sent] = await Promise.all([statsOf(this.#recv), statsOf(this.#send)]);

    const byTrack = new Map([...this.#consumers.values()].map((consumer) => [consumer.track.id, consumer]));
    for (const report of received) {
      const consumer = report.type === 'inbound-rtp' ? byTrack.get(String(report.trackIdentifier)) : undefined;
      const record = consumer && this.#records.get(consumer.id);
      if (!consumer || !record) continue;
      const packets = Number(report.packetsReceived ?? 0);
      const frames = Number(report.framesDecoded ?? 0);
      const lost = Number(report.packetsLost ?? 0);
      // A camera shows progress in decoded frames; sound and a screen (which may hold still) in packets.
      const progressed = consumer.appData.source === 'camera' ? frames > record.frames : packets > record.packets;
      if (progressed) {
        record.lastProgressAt = now;
        record.repairs = 0;
      }
      const newPackets = packets - record.packets;
      const newLost = lost - record.lost;
      if (newPackets + newLost > 0) worse(newLost / (newPackets + newLost));
      Object.assign(record, { packets, frames, lost });
    }

    // Outgoing streams name their track through the media source; a camera has one per simulcast layer.
    const sourceOfTrack = new Map([...this.#producers.values()].map((producer) => [producer.track?.id, producer]));
    const mediaSources = new Map(sent.filter((report) => report.type === 'media-source').map((report) => [report.id, report]));
    const bytes = new Map<string, number>();
    for (const report of sent) {
      if (report.type === 'remote-inbound-rtp' && typeof report.fractionLost === 'number') worse(report.fractionLost);
      if (report.type !== 'outbound-rtp') continue;
      const producer = sourceOfTrack.get(String(mediaSources.get(String(report.mediaSourceId))?.trackIdentifier));
      if (producer) bytes.set(producer.id, (bytes.get(producer.id) ?? 0) + Number(report.bytesSent ?? 0));
    }
    const sending = new Set<MediaSource>();
    for (const producer of this.#producers.values()) {
      const total = bytes.get(producer.id) ?? 0;
      if (total > (this.#bytesSent.get(producer.id) ?? 0) && !producer.paused) sending.add(producer.appData.source);
      this.#bytesSent.set(producer.id, total);
    }
    return { sending: [...sending], worstLoss };
  }

  /**
   * The round-trip time to the media server in milliseconds, from the selected ICE candidate pair
   * of whichever transport is connected; null when neither is.
   */
  async roundTripMs(): Promise<number | null> {
    for (const transport of [this.#recv, this.#send]) {
      if (transport?.connectionState !== 'connected') continue;
      const stats = await transport.getStats();
      for (const report of stats.values() as IterableIterator<{ type: string } & Partial<RTCIceCandidatePairStats>>) {
        if (report.type === 'candidate-pair' && report.nominated && report.currentRoundTripTime !== undefined) {
          return Math.round(report.currentRoundTripTime * 1000);
        }
      }
    }
    return null;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const timer of this.#iceTimers.values()) window.clearTimeout(timer);
    this.#iceTimers.clear();
    // Closing a transport closes its producers and consumers; the local tracks stay (stopTracks: false).
    this.#send?.close();
    this.#recv?.close();
    this.#producers.clear();
    this.#consumers.clear();
    this.#records.clear();
  }
}
