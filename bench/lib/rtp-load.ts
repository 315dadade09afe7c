import dgram from 'node:dgram';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { RtpRecording } from './rtp-recording.js';

/**
 * The cheap ends of the SFU benchmark: a sender that replays pre-encoded RTP as many independent
 * streams (own SSRC, sequence numbers, timestamps and VP8 picture ids each), and counters that
 * receive what the SFU forwards and only look at RTP headers. SRTP leaves the RTP header in the
 * clear, so a counter needs no keys to see sequence gaps.
 */

/** The RTP header extension id the sender uses for the audio level (RFC 6464). */
export const AUDIO_LEVEL_EXTENSION_ID = 1;

export interface StreamTarget {
  /** The producer's PlainTransport port on 127.0.0.1. */
  port: number;
  kind: 'audio' | 'video';
  ssrc: number;
  /** Audio: level in -dBov (0 loudest … 127 silence) sent in the audio-level extension. */
  audioLevel?: number;
}

interface Stream extends StreamTarget {
  recording: RtpRecording;
  sequenceBase: number;
  timestampBase: number;
  pictureBase: number;
  startAt: number;
  index: number;
  loop: number;
}

export interface SenderStats {
  streams: number;
  packets: number;
  bytes: number;
  /** Packets skipped because the sender fell behind by more than half a second (it is overloaded). */
  skipped: number;
  /** Largest lateness of a packet seen, in ms. */
  maxLateMs: number;
  /** Longest the sender's event loop was blocked, in ms (since the last stats). */
  maxLoopDelayMs: number;
}

const TICK_MS = 5;
const GIVE_UP_LATE_MS = 500;

export class RtpReplayer {
  readonly #video: RtpRecording;
  readonly #audio: RtpRecording;
  readonly #socket = dgram.createSocket('udp4');
  readonly #streams: Stream[] = [];
  readonly #stats: SenderStats = { streams: 0, packets: 0, bytes: 0, skipped: 0, maxLateMs: 0, maxLoopDelayMs: 0 };
  readonly #loopDelay = monitorEventLoopDelay({ resolution: 10 });
  #timer: NodeJS.Timeout | undefined;

  constructor(video: RtpRecording, audio: RtpRecording) {
    this.#video = video;
    this.#audio = audio;
    // RTCP from the SFU (receiver reports, keyframe requests) comes back here and is dropped.
    this.#socket.on('message', () => undefined);
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.#socket.bind(0, '127.0.0.1', resolve));
    this.#timer = setInterval(() => this.#tick(), TICK_MS);
    this.#loopDelay.enable();
  }

  /** Starts more streams, each from the recording's start (a keyframe) within the next 200 ms. */
  add(targets: StreamTarget[]): void {
    const now = performance.now();
    for (const target of targets) {
      this.#streams.push({
        ...target,
        recording: target.kind === 'video' ? this.#video : this.#audio,
        sequenceBase: randomInt(0x10000),
        timestampBase: randomInt(0x1_0000_0000),
        pictureBase: randomInt(0x8000),
        startAt: now + Math.random() * 200,
        index: 0,
        loop: 0,
      });
    }
    this.#stats.streams = this.#streams.length;
  }

  /** Counters since start, and the worst lateness since the last call. */
  stats(): SenderStats {
    const stats = { ...this.#stats, maxLoopDelayMs: this.#loopDelay.max / 1e6 };
    this.#stats.maxLateMs = 0;
    this.#loopDelay.reset();
    return stats;
  }

  close(): void {
    clearInterval(this.#timer);
    this.#loopDelay.disable();
    this.#socket.close();
  }

  #tick(): void {
    const now = performance.now();
    for (const stream of this.#streams) {
      const { packets, durationMs } = stream.recording;
      for (;;) {
        const packet = packets[stream.index]!;
        const due = stream.startAt + stream.loop * durationMs + packet.atMs;
        if (due > now) break;
        const late = now - due;
        if (late > GIVE_UP_LATE_MS) this.#stats.skipped++;
        else {
          if (late > this.#stats.maxLateMs) this.#stats.maxLateMs = late;
          this.#send(stream);
        }
        if (++stream.index === packets.length) {
          stream.index = 0;
          stream.loop++;
        }
      }
    }
  }

  #send(stream: Stream): void {
    const { recording } = stream;
    const packet = recording.packets[stream.index]!;
    const audio = stream.kind === 'audio';
    const header = Buffer.allocUnsafe(audio ? 20 : 12);
    header[0] = audio ? 0x90 : 0x80; // version 2, extension bit for the audio level
    header[1] = (packet.marker ? 0x80 : 0) | recording.payloadType;
    header.writeUInt16BE((stream.sequenceBase + stream.loop * recording.packets.length + stream.index) & 0xffff, 2);
    const loopTicks = Math.round((recording.durationMs * recording.clockRate) / 1000);
    header.writeUInt32BE((stream.timestampBase + stream.loop * loopTicks + packet.timestamp) % 0x1_0000_0000, 4);
    header.writeUInt32BE(stream.ssrc, 8);
    const parts: Buffer[] = [header];
    if (audio) {
      // One-byte header extension (RFC 8285) carrying the audio level with the voice bit set.
      header.writeUInt16BE(0xbede, 12);
      header.writeUInt16BE(1, 14);
      header[16] = AUDIO_LEVEL_EXTENSION_ID << 4;
      header[17] = 0x80 | (stream.audioLevel ?? 30);
      header[18] = 0;
      header[19] = 0;
      parts.push(packet.payload);
    } else {
      // The VP8 descriptor with the picture id running on across loops; the rest is shared.
      const descriptor = Buffer.from(packet.payload.subarray(0, 4));
      const pictureId = (stream.pictureBase + stream.loop * recording.pictures + (packet.pictureId ?? 0)) & 0x7fff;
      descriptor[2] = 0x80 | (pictureId >> 8);
      descriptor[3] = pictureId & 0xff;
      parts.push(descriptor, packet.payload.subarray(4));
    }
    this.#stats.packets++;
    this.#stats.bytes += header.length + packet.payload.length;
    this.#socket.send(parts, stream.port, '127.0.0.1');
  }
}

export interface CounterStats {
  /** SSRCs seen. */
  streams: number;
  received: number;
  /** Packets the sequence numbers say were sent (highest − first + 1, per SSRC). */
  expected: number;
  bytes: number;
  rtcp: number;
  /** Bandwidth-probing padding from the SFU (RTP on mediasoup's probation SSRC), not media. */
  probation: number;
}

interface Seen {
  first: number;
  /** Highest sequence number, extended past 16 bits. */
  highest: number;
  received: number;
}

/** The SSRC of the padding packets mediasoup sends to probe bandwidth (RtpProbationGenerator). */
const MEDIASOUP_PROBATION_SSRC = 1234;

/** UDP sockets that count RTP packets per SSRC and the gaps in their sequence numbers. */
export class RtpCounter {
  readonly #sockets: dgram.Socket[] = [];
  readonly #seen = new Map<number, Seen>();
  #bytes = 0;
  #rtcp = 0;
  #probation = 0;

  async open(count: number): Promise<number[]> {
    for (let i = 0; i < count; i++) {
      const socket = dgram.createSocket('udp4');
      socket.on('message', (message) => this.#count(message));
      await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
      this.#sockets.push(socket);
    }
    return this.#sockets.map((socket) => socket.address().port);
  }

  stats(): CounterStats {
    let received = 0;
    let expected = 0;
    for (const seen of this.#seen.values()) {
      received += seen.received;
      expected += seen.highest - seen.first + 1;
    }
    return { streams: this.#seen.size, received, expected, bytes: this.#bytes, rtcp: this.#rtcp, probation: this.#probation };
  }

  close(): void {
    for (const socket of this.#sockets) socket.close();
  }

  #count(message: Buffer): void {
    if (message.length < 12) return;
    const payloadType = message[1]! & 0x7f;
    // RTCP (SR, SDES…: 200–207) shares the port (rtcp-mux).
    if (payloadType >= 72 && payloadType <= 79) {
      this.#rtcp++;
      return;
    }
    const ssrc = message.readUInt32BE(8);
    if (ssrc === MEDIASOUP_PROBATION_SSRC) {
      this.#probation++;
      return;
    }
    this.#bytes += message.length;
    const sequence = message.readUInt16BE(2);
    const seen = this.#seen.get(ssrc);
    if (!seen) {
      this.#seen.set(ssrc, { first: sequence, highest: sequence, received: 1 });
      return;
    }
    seen.received++;
    let delta = sequence - (seen.highest & 0xffff);
    if (delta > 0x8000) delta -= 0x10000;
    else if (delta < -0x8000) delta += 0x10000;
    if (delta > 0) seen.highest += delta;
  }
}

function randomInt(below: number): number {
  return Math.floor(Math.random() * below);
}
