import { audible, receiveTotals, videoEncodings, type PacketCounts, type VideoOptions } from '../lib/headless-client.js';
import type { Participant } from '../lib/participants.js';
import { SyntheticCamera, SyntheticMicrophone } from '../lib/synthetic-media.js';
import {
  createAudioSink,
  createPeerConnection,
  createVideoSink,
  type AudioSink,
  type PeerConnection,
  type VideoSink,
  type WrtcTrack,
} from '../lib/webrtc.js';
import { JanusClient, VIDEOROOM, type PluginEvent } from './janus-client.js';

export interface JanusParticipantOptions {
  /** The Janus API, e.g. `http://127.0.0.1:8088/janus`. */
  url: string;
  /** Shown to the others (the seat's e-mail). */
  display: string;
  video: VideoOptions;
}

/** One track received from another participant (a publisher's "feed"). */
interface FeedTrack {
  readonly feed: number;
  readonly kind: 'audio' | 'video';
  /** Video: decoded frames; audio: 10 ms chunks that carry sound (as HeadlessClient counts them). */
  frames: number;
  firstFrameAt: number | undefined;
  closed: boolean;
}

/**
 * A lesson participant on Janus's videoroom, the same as `HeadlessClient` is on ours: the same
 * synthetic microphone and camera (same encodings) on libwebrtc, sent on one peer connection as
 * a publisher, and everyone else received on one more (a multistream subscription that grows as
 * publishers arrive, like our one receive transport), every video decoded and counted.
 */
export class JanusParticipant implements Participant {
  readonly errors: Error[] = [];
  readonly tracks: FeedTrack[] = [];
  readonly #janus: JanusClient;
  readonly #publisher: number;
  readonly #options: JanusParticipantOptions;
  readonly #sinks: Array<VideoSink | AudioSink> = [];
  /** Which subscribed stream (mid) comes from which publisher. */
  readonly #feedOfMid = new Map<string, number>();
  readonly #requested = new Set<number>();
  #camera: SyntheticCamera | undefined;
  #microphone: SyntheticMicrophone | undefined;
  #sending: PeerConnection | undefined;
  #receiving: { handle: number; pc: PeerConnection } | undefined;
  /** Subscription changes are negotiated one after another. */
  #subscriptions: Promise<void> = Promise.resolve();
  #room = 0;
  #feed: number | undefined;
  #privateId: unknown;
  #joinStartedAt: number | undefined;
  #closed = false;

  private constructor(janus: JanusClient, publisher: number, options: JanusParticipantOptions) {
    this.#janus = janus;
    this.#publisher = publisher;
    this.#options = options;
  }

  /** A Janus session with a videoroom handle (the counterpart of logging in and connecting). */
  static async connect(options: JanusParticipantOptions): Promise<JanusParticipant> {
    const janus = await JanusClient.connect(options.url);
    try {
      return new JanusParticipant(janus, await janus.attach(VIDEOROOM), options);
    } catch (error) {
      await janus.close();
      throw error;
    }
  }

  /** The publisher id Janus gave it, once joined. */
  get userId(): string {
    return String(this.#feed ?? '');
  }

  /** Joins the room (`lessonId` is its number) as a publisher, subscribes to the others, publishes. */
  async join(lessonId: string): Promise<void> {
    this.#room = Number(lessonId);
    this.#joinStartedAt = performance.now();
    this.#janus.onEvent(this.#publisher, ({ data }) => this.#subscribe(data.publishers));
    const joined = await this.#janus.message(this.#publisher, { request: 'join', ptype: 'publisher', room: this.#room, display: this.#options.display });
    this.#feed = joined.data.id as number;
    this.#privateId = joined.data.private_id;
    this.#subscribe(joined.data.publishers);
    await this.#publish();
  }

  firstFrameDelays(): Map<string, number> {
    const delays = new Map<string, number>();
    const start = this.#joinStartedAt;
    if (start === undefined) return delays;
    for (const track of this.tracks) {
      if (track.kind === 'video' && track.firstFrameAt !== undefined) delays.set(String(track.feed), track.firstFrameAt - start);
    }
    return delays;
  }

  async receiveStats(): Promise<PacketCounts> {
    if (!this.#receiving || this.#closed) return { packetsReceived: 0, packetsLost: 0 };
    return receiveTotals(await this.#receiving.pc.getStats());
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const sink of this.#sinks) sink.stop();
    for (const track of this.tracks) track.closed = true;
    this.#camera?.stop();
    this.#microphone?.stop();
    this.#sending?.close();
    this.#receiving?.pc.close();
    await this.#janus.close();
  }

  /** Microphone and camera on one peer connection, offered to Janus (the candidates trickle after). */
  async #publish(): Promise<void> {
    const pc = createPeerConnection();
    this.#sending = pc;
    this.#microphone = new SyntheticMicrophone();
    this.#camera = new SyntheticCamera(this.#options.video);
    pc.addTransceiver(this.#microphone.createTrack(), { direction: 'sendonly' });
    pc.addTransceiver(this.#camera.createTrack(), { direction: 'sendonly', sendEncodings: videoEncodings(this.#options.video) });
    this.#trickle(pc, this.#publisher);
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    const published = await this.#janus.message(this.#publisher, { request: 'publish', audiocodec: 'opus', videocodec: 'vp8' }, { type: 'offer', sdp: offer.sdp });
    if (!published.jsep) throw new Error(`janus publish: no answer (${JSON.stringify(published.data)})`);
    await pc.setRemoteDescription(published.jsep);
  }

  /** Adds the publishers in a `publishers` list that are not subscribed yet (others' lists, ours excluded). */
  #subscribe(publishers: unknown): void {
    if (!Array.isArray(publishers) || this.#closed) return;
    const feeds = (publishers as Array<{ id?: unknown }>)
      .map((publisher) => publisher.id)
      .filter((id): id is number => typeof id === 'number' && id !== this.#feed && !this.#requested.has(id));
    if (!feeds.length) return;
    for (const feed of feeds) this.#requested.add(feed);
    this.#subscriptions = this.#subscriptions
      .then(() => this.#addFeeds(feeds))
      .catch((error: unknown) => {
        if (!this.#closed) this.errors.push(new Error(`subscribing to ${feeds.join(', ')} failed`, { cause: error }));
      });
  }

  /**
   * The first feeds open the subscription (Janus offers, we answer); later ones are added to it
   * with `subscribe`, which Janus answers with a new offer on the same peer connection.
   */
  async #addFeeds(feeds: number[]): Promise<void> {
    if (this.#closed) return;
    const streams = feeds.map((feed) => ({ feed }));
    let offer: PluginEvent;
    if (!this.#receiving) {
      const handle = await this.#janus.attach(VIDEOROOM);
      const pc = createPeerConnection();
      pc.ontrack = ({ track, transceiver }) => this.#receive(track, transceiver.mid);
      this.#trickle(pc, handle);
      this.#receiving = { handle, pc };
      offer = await this.#janus.message(handle, { request: 'join', ptype: 'subscriber', room: this.#room, private_id: this.#privateId, streams });
    } else {
      offer = await this.#janus.message(this.#receiving.handle, { request: 'subscribe', streams });
    }
    for (const stream of (offer.data.streams ?? []) as Array<{ mid?: string; feed_id?: number }>) {
      if (stream.mid !== undefined && stream.feed_id !== undefined) this.#feedOfMid.set(stream.mid, stream.feed_id);
    }
    if (!offer.jsep || this.#closed) return;
    const { handle, pc } = this.#receiving;
    await pc.setRemoteDescription(offer.jsep);
    const answer = await pc.createAnswer();
    await pc.setLocalDescription(answer);
    await this.#janus.message(handle, { request: 'start' }, { type: 'answer', sdp: answer.sdp });
  }

  /**
   * Trickle ICE, as janus.js does: the SDP goes at once and the candidates follow as libwebrtc
   * gathers them (waiting for all of them would add ~100 ms to every negotiation).
   */
  #trickle(pc: PeerConnection, handle: number): void {
    pc.onicecandidate = ({ candidate }) => {
      this.#janus.trickle(handle, candidate?.candidate ? candidate : null).catch((error: unknown) => {
        if (!this.#closed) this.errors.push(new Error('trickle failed', { cause: error }));
      });
    };
  }

  #receive(track: WrtcTrack, mid: string | null): void {
    const feed = mid === null ? undefined : this.#feedOfMid.get(mid);
    if (feed === undefined || (track.kind !== 'audio' && track.kind !== 'video')) return;
    const received: FeedTrack = { feed, kind: track.kind, frames: 0, firstFrameAt: undefined, closed: false };
    const counted = () => {
      received.frames++;
      received.firstFrameAt ??= performance.now();
    };
    this.tracks.push(received);
    if (track.kind === 'video') {
      const sink = createVideoSink(track);
      sink.onframe = counted;
      this.#sinks.push(sink);
    } else {
      const sink = createAudioSink(track);
      sink.ondata = ({ samples }) => {
        if (audible(samples)) counted();
      };
      this.#sinks.push(sink);
    }
  }
}
