import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createWorker } from 'mediasoup';
import { afterEach, describe, expect, it } from 'vitest';
import { ROUTER_MEDIA_CODECS } from './media-codecs.js';
import { TrackRecorder, type TrackRecording } from './track-recorder.js';

const run = promisify(execFile);
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A router on a real worker with a camera and a microphone sent into it by ffmpeg as plain RTP. */
async function roomWithSender(seconds: number) {
  const worker = await createWorker({ logLevel: 'error' });
  cleanups.push(() => worker.close());
  const router = await worker.createRouter({ mediaCodecs: ROUTER_MEDIA_CODECS });
  // One transport per sender: a comedia transport takes its packets from the first address it hears.
  const plain = () => router.createPlainTransport({ listenInfo: { protocol: 'udp', ip: '127.0.0.1' }, rtcpMux: true, comedia: true });
  const [cameraIn, microphoneIn] = await Promise.all([plain(), plain()]);
  const camera = await cameraIn.produce({
    kind: 'video',
    rtpParameters: { codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90_000 }], encodings: [{ ssrc: 1111 }] },
  });
  const microphone = await microphoneIn.produce({
    kind: 'audio',
    rtpParameters: { codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48_000, channels: 2 }], encodings: [{ ssrc: 2222 }] },
  });
  const senders = [
    ['-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=15', '-c:v', 'libvpx', '-deadline', 'realtime', '-g', '15', '-b:v', '300k', '-payload_type', '101', '-ssrc', '1111'],
    ['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-ac', '2', '-c:a', 'libopus', '-payload_type', '100', '-ssrc', '2222'],
  ].map((args, index) => {
    const target = `rtp://127.0.0.1:${[cameraIn, microphoneIn][index]!.tuple.localPort}`;
    return spawn('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-re', ...args.slice(0, 4), '-t', String(seconds), ...args.slice(4), '-f', 'rtp', target], { stdio: 'ignore' });
  });
  cleanups.push(() => senders.forEach((sender) => sender.kill('SIGKILL')));
  return { router, camera, microphone };
}

async function probe(file: string): Promise<{ duration: number; codecs: string[] }> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'format=duration:stream=codec_name', '-of', 'json', file]);
  const parsed = JSON.parse(stdout) as { format: { duration: string }; streams: Array<{ codec_name: string }> };
  return { duration: Number(parsed.format.duration), codecs: parsed.streams.map((stream) => stream.codec_name) };
}

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panda-recording-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('TrackRecorder (real worker, real ffmpeg)', () => {
  it('copies a camera and a microphone into WebM files as long as they were recorded', async () => {
    const { router, camera, microphone } = await roomWithSender(20);
    const dir = tempDir();
    const recorders = await Promise.all([
      TrackRecorder.start(router, camera.id, path.join(dir, 'camera')),
      TrackRecorder.start(router, microphone.id, path.join(dir, 'microphone')),
    ]);
    await sleep(5000);
    const [video, audio] = (await Promise.all(recorders.map((recorder) => recorder.stop()))) as [TrackRecording, TrackRecording];

    expect(video.file).toMatch(/camera\.webm$/);
    const videoProbe = await probe(video.file);
    expect(videoProbe.codecs).toEqual(['vp8']);
    // Five seconds recorded; the file plays that long (give or take the wait for the first keyframe).
    expect(Math.abs(videoProbe.duration - 5)).toBeLessThan(2);
    expect(video.durationMs).toBe(Math.round(videoProbe.duration * 1000));

    const audioProbe = await probe(audio.file);
    expect(audioProbe.codecs).toEqual(['opus']);
    expect(Math.abs(audioProbe.duration - 5)).toBeLessThan(2);
  });

  it('ends by itself, with a complete file, when its track leaves the room', { timeout: 60_000 }, async () => {
    const { router, camera } = await roomWithSender(20);
    const recorder = await TrackRecorder.start(router, camera.id, path.join(tempDir(), 'camera'));
    await sleep(3000);
    camera.close();
    const recording = await recorder.finished;
    const { duration, codecs } = await probe(recording.file);
    expect(codecs).toEqual(['vp8']);
    expect(duration).toBeGreaterThan(1.5);
  });
});
