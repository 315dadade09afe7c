import { EventEmitter } from 'node:events';
import {
  SIGNALING_PROTOCOL_VERSION,
  type Ack,
  type ClientEventName,
  type ClientPayload,
  type ClientToServerEvents,
  type ClientResult,
  type MediaSource,
  type NewConsumer,
  type ServerToClientEvents,
} from '@panda/shared';
import { Device, type types } from 'mediasoup-client';
import { Chrome111 } from 'mediasoup-client/handlers/Chrome111';
import { io, type Socket } from 'socket.io-client';
import { SyntheticCamera, SyntheticMicrophone, type CameraSettings } from './synthetic-media.js';
import {
  createAudioSink,
  createVideoSink,
  installWebRtc,
  type AudioSink,
  type RtcStatsReport,
  type VideoSink,
  type WrtcTrack,
} from './webrtc.js';

export interface VideoOptions extends CameraSettings {
  /** Send simulcast layers (two below 360p, three from 360p); the server starts consumers on the lowest. */
  simulcast?: boolean;
  /** Cap of the top (or only) layer in bits per second. */
  maxBitrate?: number;
}

export interface HeadlessClientOptions {
  /** The server's base URL, e.g. `http://localhost:3000`. */
  url: string;
  email: string;
  /** Defaults to the demo users' password. */
  password?: string;
  /** Send a synthetic microphone. Default true. */
  audio?: boolean;
  /** Send a synthetic camera; `false` sends none. Default 320×180 at 15 fps. */
  video?: VideoOptions | false;
  /**
   * Set up WebRTC media on join (default true). `false`: a participant that only signals, never
   * touching libwebrtc (load tests whose media comes from elsewhere).
   */
  media?: boolean;
  /** How long a signaling request may wait for its acknowledgement. Default 10 s. */
  requestTimeoutMs?: number;
  /** Diagnostics (failed consumes, restarts); silent by default. */
  log?: (line: string) => void;
}

export const DEFAULT_VIDEO: VideoOptions = { width: 320, height: 180, fps: 15 };

/** `320x180@15` → width, height and frame rate. */
export function parseVideo(text: string): VideoOptions {
  const match = /^(\d+)x(\d+)@(\d+)$/.exec(text);
  if (!match) throw new Error(`video must look like 320x180@15, not ${text}`);
  return { width: Number(match[1]), height: Number(match[2]), fps: Number(match[3]) };
}

type ServerEvent = keyof ServerToClientEvents;
type ServerPayload<E extends ServerEvent> = Parameters<ServerToClientEvents[E]>[0];

/** One track received from another participant; kept after it closes so counts add up. */
export interface RemoteTrack {
  readonly consumerId: string;
  readonly producerId: string;
  readonly participantId: string;
  readonly kind: 'audio' | 'video';
  readonly source: MediaSource;
  /** Which media session (1 = the first; +1 per SFU restart) received it. */
  readonly generation: number;
  /**
   * Video: decoded frames. Audio: 10 ms chunks that carry sound; libwebrtc keeps producing
   * concealment and then silence when packets stop, and those are not counted.
   */
  frames: number;
  /** `performance.now()` of the first frame, if any. */
  firstFrameAt: number | undefined;
  /** The sender paused it (the server said `consumer:paused`). */
  producerPaused: boolean;
  closed: boolean;
}

export interface PacketCounts {
  packetsReceived: number;
  packetsLost: number;
}

/** What came in over the receive transport (inbound-rtp from libwebrtc's stats), in all and by kind. */
export interface ReceiveStats extends PacketCounts {
  audio: PacketCounts;
  video: PacketCounts;
}

export interface HeadlessClientEvents {
  /** Media is set up (transports, tracks sent, ready to receive); the number counts from 1. */
  mediaStarted: [generation: number];
  /** A media operation failed (it is also kept in `errors`). */
  error: [Error];
}

type JoinResult = ClientResult<'room:join'>;

const HISTORY_LIMIT = 500;

/**
 * A headless lesson participant in Node: logs in through the API, speaks the signaling protocol
 * over Socket.IO, sends a synthetic microphone (opus) and camera (VP8) through mediasoup-client on
 * wrtc's libwebrtc, receives everyone else's tracks and counts what arrives. It reacts to the
 * server like the classroom UI does: consumes every offered track, rebuilds its media when the
 * SFU restarts, and stops sending its microphone when the teacher mutes it.
 */
export class HeadlessClient extends EventEmitter<HeadlessClientEvents> {
  readonly userId: string;
  readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  /** Every track received so far, in order of arrival. */
  readonly tracks: RemoteTrack[] = [];
  /** Media failures (a failed consume, a failed restart); a healthy client has none. */
  readonly errors: Error[] = [];
  /** Sources the teacher muted on the server (the client stopped sending them). */
  readonly mutedByTeacher = new Set<MediaSource>();
  readonly #options: Required<Omit<HeadlessClientOptions, 'log' | 'password'>>;
  readonly #log: (line: string) => void;
  /** Recent server events, so that a wait can find one that came just before it started. */
  readonly #history: Array<{ event: ServerEvent; payload: unknown }> = [];
  /** The synthetic sources start with the first media session and run until `close()`. */
  #camera: SyntheticCamera | undefined;
  #microphone: SyntheticMicrophone | undefined;
  #device: Device | undefined;
  #session: MediaSession | undefined;
  #generation = 0;
  /** Media starts and restarts run one after another. */
  #mediaQueue: Promise<void> = Promise.resolve();
  #join: JoinResult | undefined;
  #joinStartedAt: number | undefined;
  #joinAckMs: number | undefined;
  #restartRequestedAt: number | undefined;
  #restarts = 0;
  #closed = false;

  private constructor(options: HeadlessClientOptions, userId: string, socket: Socket<ServerToClientEvents, ClientToServerEvents>) {
    super();
    this.#options = {
      url: options.url,
      email: options.email,
      audio: options.audio ?? true,
      video: options.video ?? DEFAULT_VIDEO,
      media: options.media ?? true,
      requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
    };
    this.#log = options.log ?? (() => undefined);
    this.userId = userId;
    this.socket = socket;
    this.#listen();
  }

  /** Logs in through the API and opens the signaling connection (after `session:ready`). */
  static async connect(options: HeadlessClientOptions): Promise<HeadlessClient> {
    if (options.media !== false) installWebRtc();
    const response = await fetch(`${options.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: options.email, password: options.password ?? 'panda-demo' }),
    });
    const body = (await response.json().catch(() => ({}))) as { accessToken?: string };
    if (response.status !== 200 || !body.accessToken) throw new Error(`login failed for ${options.email}: HTTP ${response.status}`);
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(options.url, {
      auth: { token: body.accessToken, protocol: SIGNALING_PROTOCOL_VERSION },
      transports: ['websocket'],
      reconnection: false,
    });
    const session = await new Promise<ServerPayload<'session:ready'>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no session:ready for ${options.email}`)), options.requestTimeoutMs ?? 10_000);
      socket.once('session:ready', (ready) => {
        clearTimeout(timer);
        resolve(ready);
      });
      socket.once('connect_error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    }).catch((error: unknown) => {
      socket.close();
      throw error;
    });
    return new HeadlessClient(options, session.user.userId, socket);
  }

  /** The answer to `room:join`, once joined. */
  get joined(): JoinResult | undefined {
    return this.#join;
  }

  /** How long the server took to answer `room:join`, in ms. */
  get joinAckMs(): number | undefined {
    return this.#joinAckMs;
  }

  /** How many times the server said `room:media-restart`. */
  get mediaRestarts(): number {
    return this.#restarts;
  }

  /** The media session now in use (1 after joining, +1 per restart); 0 before. */
  get generation(): number {
    return this.#session?.closed === false ? this.#session.generation : 0;
  }

  /** Joins the lesson room and starts media; resolves once tracks are sent and receiving is on. */
  async join(lessonId: string): Promise<JoinResult> {
    this.#joinStartedAt = performance.now();
    const joined = await this.request('room:join', { lessonId });
    this.#joinAckMs = performance.now() - this.#joinStartedAt;
    this.#join = joined;
    if (!this.#options.media) return joined;
    await this.#enqueueMedia(async () => {
      const device = new Device({ handlerFactory: Chrome111.createFactory() });
      await device.load({ routerRtpCapabilities: joined.routerRtpCapabilities as types.RtpCapabilities });
      this.#device = device;
      await this.#startMedia();
    });
    return joined;
  }

  /** Sends a client event and resolves with its data; an error answer rejects with its code. */
  async request<E extends ClientEventName>(event: E, payload: ClientPayload<E>): Promise<ClientResult<E>> {
    // socket.io's mapped event types cannot follow a generic event name; the signature above does.
    const socket = this.socket.timeout(this.#options.requestTimeoutMs) as unknown as {
      emitWithAck(event: E, payload: ClientPayload<E>): Promise<Ack<ClientResult<E>>>;
    };
    const answer = await socket.emitWithAck(event, payload);
    if (!answer.ok) throw new SignalingRequestError(event, answer.error.code, answer.error.message);
    return answer.data;
  }

  /** The next server event of this kind matching `match` (or a recent one not yet taken). */
  waitFor<E extends ServerEvent>(
    event: E,
    match: (payload: ServerPayload<E>) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<ServerPayload<E>> {
    const index = this.#history.findIndex((entry) => entry.event === event && match(entry.payload as ServerPayload<E>));
    if (index >= 0) return Promise.resolve(this.#history.splice(index, 1)[0]!.payload as ServerPayload<E>);
    return waitUntil(timeoutMs, `no ${event} for ${this.#options.email} within ${timeoutMs} ms`, (done) => {
      const listener = (name: string, payload: unknown) => {
        if (name !== event || !match(payload as ServerPayload<E>)) return;
        const taken = this.#history.findIndex((entry) => entry.payload === payload);
        if (taken >= 0) this.#history.splice(taken, 1);
        done(payload as ServerPayload<E>);
      };
      this.socket.onAny(listener);
      return () => this.socket.offAny(listener);
    });
  }

  /** Turns a source back on, on the server first (it refuses while the teacher's mute holds), then here. */
  async unmute(source: MediaSource): Promise<void> {
    const producerId = this.#session?.producerId(source);
    if (!producerId) throw new Error(`${this.#options.email} sends no ${source}`);
    await this.request('media:resume', { producerId });
    this.mutedByTeacher.delete(source);
    this.#session?.resumeLocal(source);
  }

  /** Frames received from one participant's tracks of this kind, over every media session. */
  framesFrom(participantId: string, kind: 'audio' | 'video'): number {
    return this.tracks
      .filter((track) => track.participantId === participantId && track.kind === kind)
      .reduce((sum, track) => sum + track.frames, 0);
  }

  /** Resolves when `count` more frames of this kind have come from the participant. */
  async waitForFrames(participantId: string, kind: 'audio' | 'video', count: number, timeoutMs = 10_000): Promise<void> {
    const target = this.framesFrom(participantId, kind) + count;
    await poll(timeoutMs, () => this.framesFrom(participantId, kind) >= target, () =>
      `${this.#options.email}: ${kind} from ${participantId} stayed at ${this.framesFrom(participantId, kind)} frames, wanted ${target}`,
    );
  }

  /**
   * Milliseconds from the start of `join()` to the first video frame from each other participant
   * (after a restart: from the `room:media-restart` to the first frame of the new session).
   */
  firstFrameDelays(): Map<string, number> {
    const start = this.#restartRequestedAt ?? this.#joinStartedAt;
    const delays = new Map<string, number>();
    if (start === undefined) return delays;
    for (const track of this.tracks) {
      if (track.kind !== 'video' || track.generation !== this.#generation || track.firstFrameAt === undefined) continue;
      const delay = track.firstFrameAt - start;
      const known = delays.get(track.participantId);
      if (known === undefined || delay < known) delays.set(track.participantId, delay);
    }
    return delays;
  }

  /** Packets received and lost so far on the current receive transport (inbound-rtp). */
  async receiveStats(): Promise<ReceiveStats> {
    return (await this.#session?.receiveStats()) ?? emptyReceiveStats();
  }

  /** Leaves the room, stops media and disconnects. Safe to call twice. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#session?.close();
    this.#session = undefined;
    this.#camera?.stop();
    this.#microphone?.stop();
    this.socket.close();
    this.removeAllListeners();
    // Let the media queue settle so nothing touches a closed transport afterwards.
    await this.#mediaQueue.catch(() => undefined);
  }

  // --- internals ---

  #listen(): void {
    this.socket.onAny((event: ServerEvent, payload: unknown) => {
      if (event === 'speaker:levels' || event === 'speaker:active') return;
      this.#history.push({ event, payload });
      if (this.#history.length > HISTORY_LIMIT) this.#history.shift();
    });
    this.socket.on('consumer:new', (consumer) => {
      const session = this.#session;
      if (!session || session.closed) return;
      session.consume(consumer).catch((error: unknown) => {
        if (!session.closed) this.#fail(new Error(`consume ${consumer.kind} of ${consumer.participantId} failed`, { cause: error }));
      });
    });
    this.socket.on('consumer:closed', ({ consumerId }) => this.#session?.closeConsumer(consumerId));
    this.socket.on('consumer:paused', ({ consumerId }) => this.#session?.setProducerPaused(consumerId, true));
    this.socket.on('consumer:resumed', ({ consumerId }) => this.#session?.setProducerPaused(consumerId, false));
    this.socket.on('moderation:muted', ({ source }) => {
      this.mutedByTeacher.add(source);
      this.#session?.pauseLocal(source);
    });
    this.socket.on('room:media-restart', () => {
      this.#restarts++;
      if (!this.#options.media) return;
      this.#restartRequestedAt = performance.now();
      this.#log(`${this.#options.email}: media restart`);
      // Drop the old transports at once: the server has forgotten them.
      this.#session?.close();
      void this.#enqueueMedia(() => this.#startMedia()).catch(() => undefined);
    });
    const stop = () => {
      this.#session?.close();
      this.#session = undefined;
    };
    this.socket.on('room:ended', stop);
    this.socket.on('room:removed', stop);
  }

  #enqueueMedia(step: () => Promise<void>): Promise<void> {
    const run = this.#mediaQueue.then(async () => {
      if (this.#closed) return;
      try {
        await step();
      } catch (error) {
        this.#fail(error instanceof Error ? error : new Error(String(error)));
        throw error;
      }
    });
    this.#mediaQueue = run.catch(() => undefined);
    return run;
  }

  /** Transports, the receive side announced, then the tracks sent: one media session. */
  async #startMedia(): Promise<void> {
    const device = this.#device;
    const joined = this.#join;
    if (!device || !joined) throw new Error('join first');
    this.#session?.close();
    const generation = ++this.#generation;
    const session = new MediaSession(generation, device, {
      request: (event, payload) => this.request(event, payload),
      iceServers: joined.iceServers,
      onTrack: (track) => this.tracks.push(track),
      log: this.#log,
    });
    this.#session = session;
    await session.createTransports();
    if (session.closed) return;
    await this.request('media:ready', { rtpCapabilities: device.rtpCapabilities as ClientPayload<'media:ready'>['rtpCapabilities'] });
    if (this.#closed) return;
    if (this.#options.audio) this.#microphone ??= new SyntheticMicrophone();
    if (this.#options.video) this.#camera ??= new SyntheticCamera(this.#options.video);
    if (this.#microphone && !session.closed) {
      await session.produce('microphone', this.#microphone.createTrack());
      // Muted by the teacher before a restart: the new microphone stays muted, here and on the server.
      const producerId = session.producerId('microphone');
      if (this.mutedByTeacher.has('microphone') && producerId) {
        session.pauseLocal('microphone');
        await this.request('media:pause', { producerId });
      }
    }
    if (this.#camera && !session.closed) {
      await session.produce('camera', this.#camera.createTrack(), this.#options.video || undefined);
    }
    if (!session.closed) this.emit('mediaStarted', generation);
  }

  #fail(error: Error): void {
    if (this.#closed) return;
    this.errors.push(error);
    this.#log(`${this.#options.email}: ${error.message}${error.cause ? ` (${describe(error.cause)})` : ''}`);
    if (this.listenerCount('error') > 0) this.emit('error', error);
  }
}

/** An error answer to a signaling request, with the protocol's stable code. */
export class SignalingRequestError extends Error {
  constructor(
    readonly event: string,
    readonly code: string,
    message: string,
  ) {
    super(`${event} failed: ${code} ${message}`);
  }
}

/** RTCIceServer as the browser takes it (the root tsconfig has no DOM types). */
interface RTCIceServerInit {
  urls: string | string[];
  username?: string;
  credential?: string;
}

interface SessionHost {
  request<E extends ClientEventName>(event: E, payload: ClientPayload<E>): Promise<ClientResult<E>>;
  iceServers: RTCIceServerInit[];
  onTrack(track: RemoteTrack): void;
  log(line: string): void;
}

interface Received {
  consumer: types.Consumer;
  sink: VideoSink | AudioSink;
  track: RemoteTrack;
}

/**
 * One media session: the send and receive transports with what goes over them. A restart of the
 * SFU throws the whole session away and starts a new one.
 */
class MediaSession {
  readonly generation: number;
  readonly #device: Device;
  readonly #host: SessionHost;
  readonly #producers = new Map<MediaSource, types.Producer>();
  readonly #received = new Map<string, Received>();
  #send: types.Transport | undefined;
  #recv: types.Transport | undefined;
  #closed = false;

  constructor(generation: number, device: Device, host: SessionHost) {
    this.generation = generation;
    this.#device = device;
    this.#host = host;
  }

  get closed(): boolean {
    return this.#closed;
  }

  async createTransports(): Promise<void> {
    const [send, recv] = await Promise.all([
      this.#host.request('transport:create', { direction: 'send' }),
      this.#host.request('transport:create', { direction: 'recv' }),
    ]);
    if (this.#closed) return;
    const options = (info: typeof send): types.TransportOptions => ({
      id: info.id,
      iceParameters: info.iceParameters,
      iceCandidates: info.iceCandidates as unknown as types.IceCandidate[],
      dtlsParameters: info.dtlsParameters,
      iceServers: this.#host.iceServers,
    });
    this.#send = this.#device.createSendTransport(options(send));
    this.#recv = this.#device.createRecvTransport(options(recv));
    for (const transport of [this.#send, this.#recv]) {
      transport.on('connect', ({ dtlsParameters }, callback, errback) => {
        this.#host
          .request('transport:connect', { transportId: transport.id, dtlsParameters })
          .then(() => callback(), errback);
      });
    }
    this.#send.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
      this.#host
        .request('media:produce', {
          transportId: this.#send!.id,
          kind,
          source: appData.source as MediaSource,
          rtpParameters: rtpParameters as ClientPayload<'media:produce'>['rtpParameters'],
          paused: false,
        })
        .then(({ producerId }) => callback({ id: producerId }), errback);
    });
  }

  async produce(source: MediaSource, track: WrtcTrack, video?: VideoOptions): Promise<void> {
    const send = this.#send;
    if (!send || this.#closed) return;
    const vp8 = this.#device.rtpCapabilities.codecs?.find((codec) => codec.mimeType.toLowerCase() === 'video/vp8');
    const options = {
      // wrtc's track is the MediaStreamTrack mediasoup-client expects (typed here without the DOM).
      track,
      // The track belongs to the synthetic source; a restart sends a new track of the same source.
      stopTracks: false,
      appData: { source },
      ...(video
        ? { codec: vp8, encodings: videoEncodings(video), codecOptions: { videoGoogleStartBitrate: 300 } }
        : { codecOptions: { opusStereo: false, opusDtx: false, opusFec: true } }),
    };
    const producer = await send.produce(options);
    producer.on('transportclose', () => track.stop());
    if (this.#closed) {
      producer.close();
      track.stop();
      return;
    }
    this.#producers.set(source, producer);
  }

  producerId(source: MediaSource): string | undefined {
    return this.#producers.get(source)?.id;
  }

  /** Stops sending a source without telling the server (it paused the producer itself). */
  pauseLocal(source: MediaSource): void {
    this.#producers.get(source)?.pause();
  }

  resumeLocal(source: MediaSource): void {
    this.#producers.get(source)?.resume();
  }

  async consume(offer: NewConsumer): Promise<void> {
    const recv = this.#recv;
    if (!recv || this.#closed) return;
    const consumer = await recv.consume({
      id: offer.consumerId,
      producerId: offer.producerId,
      kind: offer.kind,
      rtpParameters: offer.rtpParameters as types.RtpParameters,
    });
    if (this.#closed) {
      consumer.close();
      return;
    }
    const remote: RemoteTrack = {
      consumerId: offer.consumerId,
      producerId: offer.producerId,
      participantId: offer.participantId,
      kind: offer.kind,
      source: offer.source,
      generation: this.generation,
      frames: 0,
      firstFrameAt: undefined,
      producerPaused: offer.producerPaused,
      closed: false,
    };
    const track = consumer.track as unknown as WrtcTrack;
    const counted = () => {
      remote.frames++;
      remote.firstFrameAt ??= performance.now();
    };
    let sink: VideoSink | AudioSink;
    if (offer.kind === 'video') {
      const video = createVideoSink(track);
      video.onframe = counted;
      sink = video;
    } else {
      const audio = createAudioSink(track);
      audio.ondata = ({ samples }) => {
        if (audible(samples)) counted();
      };
      sink = audio;
    }
    this.#received.set(offer.consumerId, { consumer, sink, track: remote });
    this.#host.onTrack(remote);
    await this.#host.request('consumer:resume', { consumerId: offer.consumerId });
  }

  closeConsumer(consumerId: string): void {
    const received = this.#received.get(consumerId);
    if (!received) return;
    this.#received.delete(consumerId);
    stopReceiving(received);
  }

  setProducerPaused(consumerId: string, paused: boolean): void {
    const received = this.#received.get(consumerId);
    if (received) received.track.producerPaused = paused;
  }

  async receiveStats(): Promise<ReceiveStats> {
    if (!this.#recv || this.#closed) return emptyReceiveStats();
    return receiveTotals((await this.#recv.getStats()) as RtcStatsReport);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const received of this.#received.values()) stopReceiving(received);
    this.#received.clear();
    this.#producers.clear();
    // Closing a transport closes its producers and consumers with it.
    this.#send?.close();
    this.#recv?.close();
  }
}

/** Whether a chunk of 16-bit audio carries sound rather than silence (the synthetic tone peaks at 8000). */
export function audible(samples: Int16Array): boolean {
  for (let i = 0; i < samples.length; i++) {
    const value = samples[i]!;
    if (value > 1000 || value < -1000) return true;
  }
  return false;
}

/** Packets received and lost over the inbound-rtp streams of a receiving peer connection's stats. */
export function receiveTotals(report: RtcStatsReport): ReceiveStats {
  const totals = emptyReceiveStats();
  report.forEach((stat) => {
    if (stat.type !== 'inbound-rtp') return;
    const received = stat.packetsReceived ?? 0;
    // Duplicates can make the lost count negative for a while.
    const lost = Math.max(0, stat.packetsLost ?? 0);
    totals.packetsReceived += received;
    totals.packetsLost += lost;
    const byKind = stat.kind === 'audio' ? totals.audio : stat.kind === 'video' ? totals.video : undefined;
    if (byKind) {
      byKind.packetsReceived += received;
      byKind.packetsLost += lost;
    }
  });
  return totals;
}

function emptyReceiveStats(): ReceiveStats {
  return { packetsReceived: 0, packetsLost: 0, audio: { packetsReceived: 0, packetsLost: 0 }, video: { packetsReceived: 0, packetsLost: 0 } };
}

function stopReceiving({ consumer, sink, track }: Received): void {
  track.closed = true;
  sink.stop();
  if (!consumer.closed) consumer.close();
}

/** The camera's send encodings (bench/peers' clients send the same to another SFU). */
export function videoEncodings(video: VideoOptions): types.RtpEncodingParameters[] {
  const top = video.maxBitrate ?? Math.max(300_000, Math.round(video.width * video.height * video.fps * 0.12));
  if (!video.simulcast) return [{ maxBitrate: top, maxFramerate: video.fps }];
  const layers = video.height >= 360 ? [4, 2, 1] : [2, 1];
  return layers.map((scale) => ({
    scaleResolutionDownBy: scale,
    maxBitrate: Math.round(top / (scale * scale)),
    maxFramerate: video.fps,
  }));
}

function describe(value: unknown): string {
  return value instanceof Error ? value.message : JSON.stringify(value);
}

/** Resolves with what `arm` passes to `done`, or rejects after `timeoutMs`; `arm` returns its cleanup. */
function waitUntil<T>(timeoutMs: number, message: string, arm: (done: (value: T) => void) => () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const state: { settled: boolean; disarm?: () => void } = { settled: false };
    const finish = (action: () => void) => {
      if (state.settled) return;
      state.settled = true;
      clearTimeout(timer);
      state.disarm?.();
      action();
    };
    const timer = setTimeout(() => finish(() => reject(new Error(message))), timeoutMs);
    state.disarm = arm((value) => finish(() => resolve(value)));
    // Done while arming: clean up now that the cleanup exists.
    if (state.settled) state.disarm();
  });
}

/** Polls `check` every 50 ms until it holds, or rejects with `explain()` after `timeoutMs`. */
export async function poll(timeoutMs: number, check: () => boolean, explain: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(explain());
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
