import { spawn } from 'node:child_process';
import dgram from 'node:dgram';

/**
 * Pre-encoded RTP for the cheap-ends benchmark: ffmpeg encodes a test picture (VP8) and a tone
 * (opus) once and sends the RTP to a local socket; the packets are kept with their timing so that
 * a sender can replay them as many independent streams without encoding anything.
 */

export interface RecordedPacket {
  /** When to send it, in ms from the start of the recording (from its RTP timestamp). */
  atMs: number;
  /** RTP timestamp relative to the first packet. */
  timestamp: number;
  marker: boolean;
  /** The RTP payload (for VP8: the payload descriptor first). */
  payload: Buffer;
  /** VP8: the 15-bit picture id relative to the first packet's. */
  pictureId?: number;
}

export interface RtpRecording {
  kind: 'audio' | 'video';
  clockRate: number;
  payloadType: number;
  packets: RecordedPacket[];
  /** Length of the recording; a replay loops after it. */
  durationMs: number;
  /** Pictures in the recording (VP8), so that picture ids run on across loops. */
  pictures: number;
  /** Average bitrate of the payload, bits per second. */
  bitrate: number;
}

export interface RecordingSettings {
  seconds: number;
  video: { width: number; height: number; fps: number; bitrate: number };
  audioBitrate: number;
}

export const VIDEO_PAYLOAD_TYPE = 101;
export const AUDIO_PAYLOAD_TYPE = 100;

export async function recordVideo(settings: RecordingSettings): Promise<RtpRecording> {
  const { width, height, fps, bitrate } = settings.video;
  const packets = await capture(
    [
      '-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=${fps}`,
      '-t', String(settings.seconds),
      '-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8',
      '-b:v', String(bitrate), '-maxrate', String(bitrate), '-bufsize', String(bitrate),
      // A keyframe every 2 s, so that a new consumer starts soon; no frames held back.
      '-g', String(fps * 2), '-auto-alt-ref', '0', '-lag-in-frames', '0', '-error-resilient', '1',
      '-payload_type', String(VIDEO_PAYLOAD_TYPE), '-ssrc', '1111', '-pkt_size', '1200',
    ],
  );
  return toRecording('video', 90_000, VIDEO_PAYLOAD_TYPE, packets, settings.seconds * 1000);
}

export async function recordAudio(settings: RecordingSettings): Promise<RtpRecording> {
  const packets = await capture([
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
    '-t', String(settings.seconds),
    '-c:a', 'libopus', '-ac', '1', '-b:a', String(settings.audioBitrate), '-application', 'voip', '-frame_duration', '20',
    '-payload_type', String(AUDIO_PAYLOAD_TYPE), '-ssrc', '2222',
  ]);
  return toRecording('audio', 48_000, AUDIO_PAYLOAD_TYPE, packets, settings.seconds * 1000);
}

/** Runs ffmpeg with an RTP output to a local socket and collects what arrives. */
async function capture(args: string[]): Promise<Buffer[]> {
  const rtp = dgram.createSocket('udp4');
  const rtcp = dgram.createSocket('udp4');
  const received: Buffer[] = [];
  rtp.on('message', (message) => received.push(message));
  rtcp.on('message', () => undefined);
  await Promise.all([bind(rtp), bind(rtcp)]);
  try {
    const port = rtp.address().port;
    const rtcpPort = rtcp.address().port;
    // -re: at the recording's own pace, so that nothing is lost between ffmpeg and the socket.
    const ffmpeg = spawn('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-re', ...args, '-f', 'rtp', `rtp://127.0.0.1:${port}?rtcpport=${rtcpPort}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let errors = '';
    ffmpeg.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const code = await new Promise<number | null>((resolve, reject) => {
      ffmpeg.once('error', (error: NodeJS.ErrnoException) =>
        reject(error.code === 'ENOENT' ? new Error('ffmpeg is not installed (apt-get install -y ffmpeg)') : error),
      );
      ffmpeg.once('close', resolve);
    });
    if (code !== 0) throw new Error(`ffmpeg failed (${code}): ${errors.trim()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  } finally {
    rtp.close();
    rtcp.close();
  }
  return received;
}

function bind(socket: dgram.Socket): Promise<void> {
  return new Promise((resolve) => socket.bind(0, '127.0.0.1', resolve));
}

function toRecording(kind: 'audio' | 'video', clockRate: number, payloadType: number, raw: Buffer[], durationMs: number): RtpRecording {
  if (raw.length === 0) throw new Error(`ffmpeg sent no ${kind} RTP`);
  const parsed = raw.map(parseRtp);
  for (let i = 1; i < parsed.length; i++) {
    if (((parsed[i - 1]!.sequence + 1) & 0xffff) !== parsed[i]!.sequence) throw new Error(`the ${kind} recording lost or reordered packets`);
  }
  const first = parsed[0]!;
  const firstPicture = kind === 'video' ? vp8PictureId(first.payload) : undefined;
  let pictures = 0;
  const packets = parsed.map((packet): RecordedPacket => {
    const timestamp = (packet.timestamp - first.timestamp) >>> 0;
    const recorded: RecordedPacket = { atMs: (timestamp / clockRate) * 1000, timestamp, marker: packet.marker, payload: packet.payload };
    if (firstPicture !== undefined) {
      recorded.pictureId = (vp8PictureId(packet.payload) - firstPicture) & 0x7fff;
      pictures = Math.max(pictures, recorded.pictureId + 1);
    }
    return recorded;
  });
  const bytes = packets.reduce((sum, packet) => sum + packet.payload.length, 0);
  // The recording is as long as asked; the last packet comes one frame before its end.
  const duration = Math.max(durationMs, packets.at(-1)!.atMs + 1);
  return { kind, clockRate, payloadType, packets, durationMs: duration, pictures, bitrate: (bytes * 8) / (duration / 1000) };
}

function parseRtp(message: Buffer) {
  if (message.length < 12 || message[0]! >> 6 !== 2) throw new Error('not RTP');
  const csrcs = message[0]! & 0x0f;
  let offset = 12 + csrcs * 4;
  if (message[0]! & 0x10) offset += 4 + message.readUInt16BE(offset + 2) * 4;
  return {
    marker: (message[1]! & 0x80) !== 0,
    sequence: message.readUInt16BE(2),
    timestamp: message.readUInt32BE(4),
    payload: message.subarray(offset),
  };
}

/**
 * ffmpeg's VP8 payload descriptor is always 4 bytes: X set, I set, a 15-bit picture id
 * (RFC 7741). The sender rewrites the id so that it runs on when the recording loops.
 */
export function vp8PictureId(payload: Buffer): number {
  if ((payload[0]! & 0x80) === 0 || (payload[1]! & 0x80) === 0 || (payload[2]! & 0x80) === 0) {
    throw new Error('expected a VP8 payload descriptor with a 15-bit picture id');
  }
  return ((payload[2]! & 0x7f) << 8) | payload[3]!;
}
