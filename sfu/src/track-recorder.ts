import { execFile, spawn, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import type { types } from 'mediasoup';

export interface TrackRecording {
  file: string;
  kind: 'audio' | 'video';
  /** When the first packet could arrive (ms since the epoch): its place on the lesson's timeline. */
  startedAt: number;
  /** How long the file plays, as ffprobe reads it; null when nothing playable was written. */
  durationMs: number | null;
}

const LOOPBACK = '127.0.0.1';
/** Codecs a WebM file holds; anything else (H264) goes into Matroska, which holds everything. */
const WEBM_CODECS = new Set(['video/vp8', 'video/vp9', 'audio/opus']);

/**
 * Records one track as it arrives, without decoding it: a consumer on a PlainTransport sends the
 * track's RTP over loopback to an ffmpeg process that copies it into a WebM (or Matroska) file.
 * Copying costs little, so every camera and microphone of a lesson can be recorded on its own;
 * composing them into one picture is a later step that knows each track's place in time.
 */
export class TrackRecorder {
  readonly #transport: types.PlainTransport;
  readonly #ffmpeg: ChildProcess;
  readonly #exited: Promise<void>;
  readonly #recording: Omit<TrackRecording, 'durationMs'>;
  #stopped: Promise<TrackRecording> | null = null;
  /**
   * The complete recording, however it ended: stopped, its track gone from the room (the producer
   * closed), or ffmpeg done (no packets for long: the track was paused).
   */
  readonly finished: Promise<TrackRecording>;
  #finish!: (recording: TrackRecording) => void;

  private constructor(transport: types.PlainTransport, consumer: types.Consumer, ffmpeg: ChildProcess, recording: Omit<TrackRecording, 'durationMs'>) {
    this.finished = new Promise((resolve) => (this.#finish = resolve));
    this.#transport = transport;
    this.#ffmpeg = ffmpeg;
    this.#recording = recording;
    this.#exited = new Promise((resolve) => ffmpeg.once('exit', () => resolve()));
    consumer.once('producerclose', () => void this.stop());
    ffmpeg.once('exit', () => void this.stop());
  }

  /** Starts recording `producerId` of `router` into `file` (its extension is chosen here: see `recording.file`). */
  static async start(router: types.Router, producerId: string, fileWithoutExtension: string): Promise<TrackRecorder> {
    const rtpPort = await freePortPair();
    const transport = await router.createPlainTransport({ listenInfo: { protocol: 'udp', ip: LOOPBACK }, rtcpMux: false, comedia: false });
    try {
      await transport.connect({ ip: LOOPBACK, port: rtpPort, rtcpPort: rtpPort + 1 });
      const consumer = await transport.consume({ producerId, rtpCapabilities: router.rtpCapabilities, paused: true });
      const codec = consumer.rtpParameters.codecs[0];
      if (!codec) throw new Error('the consumer has no codec');
      const webm = WEBM_CODECS.has(codec.mimeType.toLowerCase());
      const file = `${fileWithoutExtension}.${webm ? 'webm' : 'mkv'}`;
      const ffmpeg = spawn(
        'ffmpeg',
        ['-hide_banner', '-loglevel', 'error', '-protocol_whitelist', 'pipe,udp,rtp', '-f', 'sdp', '-i', 'pipe:0', '-map', '0', '-c', 'copy', '-f', webm ? 'webm' : 'matroska', '-y', file],
        { stdio: ['pipe', 'ignore', 'ignore'] },
      );
      ffmpeg.stdin?.end(sessionDescription(consumer, rtpPort));
      // ffmpeg listens once it has read the description; packets sent before then are lost.
      await untilBound(rtpPort, ffmpeg);
      const recorder = new TrackRecorder(transport, consumer, ffmpeg, { file, kind: consumer.kind, startedAt: Date.now() });
      await consumer.resume();
      // The file starts with a picture, not with frames that need one before them.
      if (consumer.kind === 'video') await consumer.requestKeyFrame();
      return recorder;
    } catch (error) {
      transport.close();
      throw error;
    }
  }

  /** Ends the recording; resolves once the file is complete. */
  stop(): Promise<TrackRecording> {
    this.#stopped ??= (async () => {
      // SIGINT lets ffmpeg write the file's index before it exits. It notices the signal when the
      // next packet arrives, so the track keeps coming until then; a track that has left already
      // ends when ffmpeg's reading times out (about ten seconds). A second signal would break off
      // the writing of the index too.
      if (this.#ffmpeg.exitCode === null) this.#ffmpeg.kill('SIGINT');
      await Promise.race([this.#exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
      this.#transport.close();
      await this.#exited;
      // The end is where the file ends: a track that left or was paused stopped sending before this.
      const recording = { ...this.#recording, durationMs: await playingTime(this.#recording.file) };
      this.#finish(recording);
      return recording;
    })();
    return this.#stopped;
  }
}

/** How long a media file plays, in ms, as ffprobe reads it; null when it is not a playable file. */
export function playingTime(file: string): Promise<number | null> {
  return new Promise((resolve) => {
    execFile('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file], (error, stdout) => {
      const seconds = Number(stdout.trim());
      resolve(error || !Number.isFinite(seconds) || seconds <= 0 ? null : Math.round(seconds * 1000));
    });
  });
}

/** An SDP describing the consumer's stream for ffmpeg's RTP input. */
function sessionDescription(consumer: types.Consumer, rtpPort: number): string {
  const codec = consumer.rtpParameters.codecs[0] as types.RtpCodecParameters;
  const [, name] = codec.mimeType.split('/');
  const channels = codec.channels && codec.channels > 1 ? `/${codec.channels}` : '';
  const fmtp = Object.entries(codec.parameters ?? {})
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(';');
  return [
    'v=0',
    `o=- 0 0 IN IP4 ${LOOPBACK}`,
    's=Panda Classroom track',
    `c=IN IP4 ${LOOPBACK}`,
    't=0 0',
    `m=${consumer.kind} ${rtpPort} RTP/AVP ${codec.payloadType}`,
    `a=rtcp:${rtpPort + 1}`,
    `a=rtpmap:${codec.payloadType} ${name}/${codec.clockRate}${channels}`,
    ...(fmtp ? [`a=fmtp:${codec.payloadType} ${fmtp}`] : []),
    'a=recvonly',
    '',
  ].join('\r\n');
}

/** An even UDP port whose successor is free too: RTP and RTCP, as ffmpeg binds them. */
async function freePortPair(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await bindable(0);
    const even = port % 2 === 0 ? port : port + 1;
    if ((await bindable(even)) && (await bindable(even + 1))) return even;
  }
  throw new Error('no free pair of UDP ports for a recording');
}

/** Binds a UDP port on loopback and lets it go: the port it got, or 0 when it was taken. */
function bindable(port: number): Promise<number> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    socket.once('error', () => {
      socket.close();
      resolve(0);
    });
    socket.bind(port, LOOPBACK, () => {
      const bound = socket.address().port;
      socket.close(() => resolve(bound));
    });
  });
}

/** Resolves once ffmpeg holds the port; gives up when it exits or after 5 s. */
async function untilBound(port: number, ffmpeg: ChildProcess): Promise<void> {
  const deadline = Date.now() + 5000;
  while ((await bindable(port)) !== 0) {
    if (Date.now() > deadline || ffmpeg.exitCode !== null) throw new Error(`ffmpeg did not listen on port ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
