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

  /** Steps 2–4 of joining: load the device, create the transports, and ask for the room's tracks. */
  async start(): Promise<void> {
    const { request } = this.#options;
    // The shared schema is the wire subset of mediasoup's own type, which the server fills from its router.
    await this.#device.load({ routerRtpCapabilities: this.#options.routerRtpCapabilities as types.RtpCapabilities });
    this.#recv = await this.#createTransport('recv');
    if (this.#options.canSend) this.#send = await this.#createTransport('send');
    if (this.#closed) return;
    // After this the server sends `consumer:new` for every track, so the receive transport must exist.
    await request('media:ready', { rtpCapabilities: this.#device.rtpCapabilities as RtpCapabilities });
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
    if (!this.#send || this.#producers.has(source)) return;
    const appData: ProducerAppData = { source, paused };
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
    await this.#options.request('media:resume', { producerId: producer.id });
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

  /** Receives a track the server offers; the caller shows it and then asks the server to resume it. */
  async consume(offer: NewConsumer): Promise<types.Consumer<ConsumerAppData>> {
    if (!this.#recv) throw new Error('consumer offered before the receive transport exists');
    const consumer = await this.#recv.consume<ConsumerAppData>({
      id: offer.consumerId,
      producerId: offer.producerId,
      kind: offer.kind,
      rtpParameters: offer.rtpParameters as types.RtpParameters,
      appData: { participantId: offer.participantId, source: offer.source },
    });
    if (this.#closed) {
      consumer.close();
    } else {
      this.#consumers.set(consumer.id, consumer);
    }
    return consumer;
  }

  closeConsumer(consumerId: string): void {
    this.#consumers.get(consumerId)?.close();
    this.#consumers.delete(consumerId);
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
  }
}
