import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Logger } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mixLayout } from './recording-layout.js';
import { RecordingMixer, type MixableTrack, type MixedRecording, type RecordingMixStore } from './recording-mixer.js';

const run = promisify(execFile);
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panda-mix-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A white camera of `size` for `seconds`, VP8 in WebM. */
async function camera(name: string, parts: Array<{ size: string; seconds: number }>): Promise<string> {
  const files = await Promise.all(
    parts.map(async ({ size, seconds }, index) => {
      const file = path.join(dir, `${name}-${index}.webm`);
      await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `color=c=white:s=${size}:r=15:d=${seconds}`, '-c:v', 'libvpx', '-deadline', 'realtime', file]);
      return file;
    }),
  );
  if (files.length === 1) return files[0] as string;
  // Joined without decoding, the way a track whose size changes mid-way arrives.
  const list = path.join(dir, `${name}.txt`);
  fs.writeFileSync(list, files.map((file) => `file '${file}'`).join('\n'));
  const joined = path.join(dir, `${name}.webm`);
  await run('ffmpeg', ['-v', 'error', '-y', '-f', 'concat', '-safe', '0', '-i', list, '-c', 'copy', joined]);
  return joined;
}

async function microphone(name: string, seconds: number): Promise<string> {
  const file = path.join(dir, `${name}.webm`);
  await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${seconds}`, '-c:a', 'libopus', file]);
  return file;
}

/** The mean brightness of an area of the frame at `seconds`. */
async function brightness(file: string, seconds: number, area: { x: number; y: number; width: number; height: number }, width: number): Promise<number> {
  const { stdout } = await run('ffmpeg', ['-v', 'error', '-ss', String(seconds), '-i', file, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1'], {
    encoding: 'buffer',
    maxBuffer: 8 * 1024 * 1024,
  });
  let sum = 0;
  for (let y = area.y; y < area.y + area.height; y++) {
    for (let x = area.x; x < area.x + area.width; x++) sum += stdout[y * width + x] as number;
  }
  return sum / (area.width * area.height);
}

class MemoryMixStore implements RecordingMixStore {
  readonly saved: MixedRecording[] = [];
  running = 0;
  mostAtOnce = 0;
  constructor(readonly kept: MixableTrack[]) {}

  async tracks(): Promise<MixableTrack[]> {
    this.mostAtOnce = Math.max(this.mostAtOnce, ++this.running);
    return this.kept;
  }

  async saveMix(mix: MixedRecording): Promise<void> {
    this.running--;
    this.saved.push(mix);
  }
}

const logger = () => ({ info: vi.fn(), error: vi.fn() }) as unknown as Logger & { error: ReturnType<typeof vi.fn> };
const T0 = Date.parse('2026-03-02T10:00:00Z');

describe('RecordingMixer (real ffmpeg)', () => {
  it('composes the tracks into one VP8/Opus file, a camera black while away, once per lesson at a time', { timeout: 120_000 }, async () => {
    const track = (id: string, participantId: string, source: MixableTrack['source'], from: number, to: number, file: string): MixableTrack => ({
      id,
      participantId,
      source,
      startedAt: T0 + from * 1000,
      stoppedAt: T0 + to * 1000,
      file,
    });
    const tracks = [
      track('anna-cam', 'anna', 'camera', 0, 6, await camera('anna', [{ size: '320x180', seconds: 6 }])),
      track('anna-mic', 'anna', 'microphone', 0, 6, await microphone('anna-mic', 6)),
      track('ivan-cam-1', 'ivan', 'camera', 0, 2, await camera('ivan-1', [{ size: '320x180', seconds: 2 }])),
      // Back after 2 s away, his camera changing size as he comes.
      track('ivan-cam-2', 'ivan', 'camera', 4, 6, await camera('ivan-2', [{ size: '320x180', seconds: 1 }, { size: '640x360', seconds: 1 }])),
      track('ivan-mic-2', 'ivan', 'microphone', 4, 6, await microphone('ivan-mic', 2)),
    ];
    const store = new MemoryMixStore(tracks);
    const log = logger();
    const mixer = new RecordingMixer({ store, dir, logger: log });

    // Three stops at once: one composition, then one more for whatever was kept meanwhile.
    await Promise.all([mixer.compose('lesson'), mixer.compose('lesson'), mixer.compose('lesson')]);
    expect(log.error).not.toHaveBeenCalled();
    expect(store.saved).toHaveLength(2);
    expect(store.mostAtOnce).toBe(1);

    const mix = store.saved[1]!;
    expect(mix).toMatchObject({ lessonId: 'lesson', startedAt: new Date(T0) });
    expect(Math.abs(mix.durationMs - 6000)).toBeLessThan(200);
    const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', mix.file]);
    expect(stdout.trim().split('\n').sort()).toEqual(['opus', 'vp8']);

    const layout = mixLayout(tracks, { startedAt: T0, stoppedAt: T0 + 6000 });
    const [anna, ivan] = layout.cells.map((cell) => cell.area);
    expect(await brightness(mix.file, 1, ivan!, layout.width)).toBeGreaterThan(200);
    expect(await brightness(mix.file, 3, anna!, layout.width)).toBeGreaterThan(200);
    expect(await brightness(mix.file, 3, ivan!, layout.width)).toBeLessThan(20);
    expect(await brightness(mix.file, 5.5, ivan!, layout.width)).toBeGreaterThan(200);
  });

  it('logs a composition that fails and leaves no file behind', async () => {
    const broken = path.join(dir, 'broken.webm');
    fs.writeFileSync(broken, 'not a video');
    const lessonDir = path.join(dir, 'broken-lesson');
    const store = new MemoryMixStore([{ id: 'cam', participantId: 'anna', source: 'camera', startedAt: T0, stoppedAt: T0 + 2000, file: broken }]);
    const log = logger();
    await new RecordingMixer({ store, dir, logger: log }).compose('broken-lesson');
    expect(log.error).toHaveBeenCalledOnce();
    expect(store.saved).toEqual([]);
    expect(fs.readdirSync(lessonDir)).toEqual([]);
  });
});
