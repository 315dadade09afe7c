import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { playingTime } from '@panda/sfu';
import type { Logger } from 'pino';
import { mixLayout, type LayoutTrack, type MixLayout } from './recording-layout.js';

/** A kept track of a lesson's recording, with the absolute path of its file. */
export interface MixableTrack extends LayoutTrack {
  file: string;
}

/** A lesson's tracks composed into one file: where it is, and where it starts on the lesson's timeline. */
export interface MixedRecording {
  lessonId: string;
  file: string;
  startedAt: Date;
  durationMs: number;
}

export interface RecordingMixStore {
  /** Every kept track of the lesson's recordings. */
  tracks(lessonId: string): Promise<MixableTrack[]>;
  /** Keeps the mix in place of the lesson's previous one, whose file goes. */
  saveMix(mix: MixedRecording): Promise<void>;
}

export interface RecordingMixerDeps {
  store: RecordingMixStore;
  /** The recordings folder: a lesson's mix goes into the lesson's folder in it. */
  dir: string;
  logger: Logger;
}

/** A lesson's picture changes slowly (faces, a board, a screen): 15 frames a second halve the encoding's cost. */
const FRAME_RATE = 15;
/** A key frame every 4 s, so that the browser seeks the file quickly. */
const KEY_FRAME_INTERVAL = FRAME_RATE * 4;
/** The composition is background work: the live lessons on this machine come first. */
const NICENESS = 10;

/**
 * Composes a lesson's separately recorded tracks into one file every browser plays (VP8 and Opus
 * in WebM), laid out by `mixLayout`, once a recording has stopped and all of its tracks are kept.
 * One composition per lesson runs at a time; a request made while one runs composes again after
 * it, from every track kept by then. Failures are logged, never thrown.
 */
export class RecordingMixer {
  readonly #deps: RecordingMixerDeps;
  /** The composition running for each lesson… */
  readonly #running = new Map<string, Promise<void>>();
  /** …and the one waiting for it to end. */
  readonly #waiting = new Map<string, Promise<void>>();
  readonly #encoders = new Set<ChildProcess>();
  #closed = false;

  constructor(deps: RecordingMixerDeps) {
    this.#deps = deps;
  }

  /** Composes the lesson's mix from all its kept tracks; resolves when done (or failed, logged). */
  compose(lessonId: string): Promise<void> {
    if (this.#closed) return Promise.resolve();
    const waiting = this.#waiting.get(lessonId);
    if (waiting) return waiting;
    const running = this.#running.get(lessonId);
    const composition: Promise<void> = (running ?? Promise.resolve()).then(async () => {
      this.#waiting.delete(lessonId);
      this.#running.set(lessonId, composition);
      try {
        await this.#compose(lessonId);
      } catch (error) {
        // Killed on shutdown: nothing went wrong with the recording.
        if (!this.#closed) this.#deps.logger.error({ err: error, lessonId }, 'composing the recording failed');
      } finally {
        if (this.#running.get(lessonId) === composition) this.#running.delete(lessonId);
      }
    });
    if (running) this.#waiting.set(lessonId, composition);
    else this.#running.set(lessonId, composition);
    return composition;
  }

  /** Stops composing: encoders running are killed, their files left unkept. */
  close(): void {
    this.#closed = true;
    for (const encoder of this.#encoders) encoder.kill('SIGKILL');
  }

  async #compose(lessonId: string): Promise<void> {
    if (this.#closed) return;
    const { store, dir, logger } = this.#deps;
    const tracks = await present(await store.tracks(lessonId));
    if (tracks.length === 0) return;
    const recording = { startedAt: Math.min(...tracks.map((track) => track.startedAt)), stoppedAt: Math.max(...tracks.map((track) => track.stoppedAt)) };
    const layout = mixLayout(tracks, recording);
    const file = path.join(dir, lessonId, `mix-${Date.now()}.webm`);
    const began = Date.now();
    try {
      await fs.mkdir(path.dirname(file), { recursive: true });
      await this.#encode(mixArguments(layout, new Map(tracks.map((track) => [track.id, track.file])), file));
      const durationMs = await playingTime(file);
      if (durationMs === null) throw new Error('the composed file does not play');
      await store.saveMix({ lessonId, file, startedAt: new Date(recording.startedAt), durationMs });
      logger.info({ lessonId, durationMs, tracks: tracks.length, tookMs: Date.now() - began }, 'recording composed');
    } catch (error) {
      await fs.rm(file, { force: true });
      throw error;
    }
  }

  #encode(args: string[]): Promise<void> {
    return new Promise((resolve, reject) => {
      const ffmpeg = spawn('ffmpeg', args, { stdio: ['ignore', 'ignore', 'pipe'] });
      this.#encoders.add(ffmpeg);
      if (ffmpeg.pid !== undefined) {
        try {
          os.setPriority(ffmpeg.pid, NICENESS);
        } catch {
          // Exited already; its exit says how it went.
        }
      }
      let errors = '';
      ffmpeg.stderr?.setEncoding('utf8').on('data', (chunk: string) => (errors = (errors + chunk).slice(-2000)));
      ffmpeg.once('error', (error) => {
        this.#encoders.delete(ffmpeg);
        reject(error);
      });
      ffmpeg.once('close', (code, signal) => {
        this.#encoders.delete(ffmpeg);
        if (code === 0) resolve();
        else reject(new Error(`ffmpeg ended with ${signal ?? `code ${code}`}: ${errors.trim()}`));
      });
    });
  }
}

/** The tracks whose files are still there (a file removed by hand must not cost the whole mix). */
async function present(tracks: MixableTrack[]): Promise<MixableTrack[]> {
  const found = await Promise.all(tracks.map((track) => fs.access(track.file).then(() => true, () => false)));
  return tracks.filter((_, index) => found[index]);
}

/**
 * ffmpeg's arguments for a layout: a black picture of the recording's length, each video track
 * shifted to its start (`setpts`), fitted into its area and drawn over it while it lasts (`overlay`
 * with `enable`); each sound shifted (`adelay`, gaps in it kept as silence) and summed at its own
 * level (`amix` with `normalize=0`) over silence of the same length, so the file always has one
 * video and one audio stream. `files` maps a layout's track ids to their files.
 */
function mixArguments(layout: MixLayout, files: ReadonlyMap<string, string>, output: string): string[] {
  const duration = seconds(layout.durationMs);
  const fileOf = (trackId: string) => {
    const file = files.get(trackId);
    if (file === undefined) throw new Error(`no file for track ${trackId}`);
    return file;
  };
  // A camera's or a screen's size may change mid-file (a simulcast layer, a resized window):
  // rebuilding the graph then would restart every delay, so the frames go through as they are
  // and are fitted each on its own.
  const inputs = [
    ...layout.videos.flatMap((video) => ['-reinit_filter', '0', '-i', fileOf(video.trackId)]),
    ...layout.audio.flatMap((audio) => ['-i', fileOf(audio.trackId)]),
  ];
  const graph: string[] = [];
  let picture = '0:v';
  layout.videos.forEach(({ area, fromMs, toMs }, index) => {
    const [from, to] = [seconds(fromMs), seconds(toMs)];
    const fitted = `fitted${index}`;
    const drawn = index === layout.videos.length - 1 ? 'video' : `drawn${index}`;
    graph.push(
      `[${1 + index}:v]setpts=PTS-STARTPTS+${from}/TB,scale=w=${area.width}:h=${area.height}:force_original_aspect_ratio=decrease:force_divisible_by=2[${fitted}]`,
      `[${picture}][${fitted}]overlay=x=${area.x}+(${area.width}-overlay_w)/2:y=${area.y}+(${area.height}-overlay_h)/2:eof_action=pass:enable='between(t,${from},${to})'[${drawn}]`,
    );
    picture = drawn;
  });
  if (layout.videos.length === 0) graph.push('[0:v]null[video]');
  graph.push(`anullsrc=r=48000:cl=stereo,atrim=duration=${duration}[silence]`);
  const sounds = layout.audio.map(({ delayMs }, index) => {
    graph.push(`[${1 + layout.videos.length + index}:a]asetpts=PTS-STARTPTS,aresample=async=1:first_pts=0,adelay=delays=${delayMs}:all=1[sound${index}]`);
    return `[sound${index}]`;
  });
  graph.push(`[silence]${sounds.join('')}amix=inputs=${1 + sounds.length}:duration=first:dropout_transition=0:normalize=0[audio]`);

  return [
    ...['-hide_banner', '-loglevel', 'error', '-nostdin', '-y'],
    ...['-f', 'lavfi', '-i', `color=c=black:s=${layout.width}x${layout.height}:r=${FRAME_RATE}:d=${duration}`],
    ...inputs,
    ...['-filter_complex', graph.join(';'), '-map', '[video]', '-map', '[audio]'],
    // Measured on two busy cores: libvpx's fastest setting costs half of `-cpu-used 8` for about
    // the same picture (SSIM 0.940 against 0.944), and a second thread only spins waiting for cores.
    ...['-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '16', '-threads', '1', '-b:v', '1M', '-g', String(KEY_FRAME_INTERVAL)],
    ...['-c:a', 'libopus', '-b:a', '64k'],
    ...['-t', duration, '-f', 'webm', output],
  ];
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}
