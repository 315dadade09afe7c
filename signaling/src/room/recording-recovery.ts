import fs from 'node:fs/promises';
import path from 'node:path';
import { playingTime } from '@panda/sfu';
import { MediaSource, MINUTE_MS } from '@panda/shared';
import type { Logger } from 'pino';
import type { RecordedTrack, RecordingStore } from './lesson-recording.js';

/** A track file as `LessonRecording` names it: `<lesson folder>/<ms since the epoch>-<participant>-<source>.<ext>`. */
const TRACK_FILE = /^(\d{13})-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})-([a-z-]+)\.(webm|mkv)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A recorder writes all the time; a file untouched this long has no recorder left. */
export const ORPHAN_AFTER_MS = 2 * MINUTE_MS;
/** A lesson whose tracks all ended this long ago and has no mix had its composition cut short. */
export const UNMIXED_AFTER_MS = 10 * MINUTE_MS;

/** What a track file's name says of it; null for any other file (a mix, a partial copy). */
export function parseTrackFile(lessonFolder: string, name: string): Omit<RecordedTrack, 'file' | 'stoppedAt'> | null {
  const match = TRACK_FILE.exec(name);
  const source = MediaSource.safeParse(match?.[3]);
  if (!match || !source.success || !UUID.test(lessonFolder)) return null;
  return {
    lessonId: lessonFolder,
    participantId: match[2] as string,
    source: source.data,
    kind: source.data === 'microphone' || source.data === 'screen-audio' ? 'audio' : 'video',
    startedAt: new Date(Number(match[1])),
  };
}

export interface RecoveryStore extends RecordingStore {
  /** The file is kept already (as an uploaded file). */
  isKept(file: string): Promise<boolean>;
  /** Lessons with kept tracks, all ended before `endedBefore`, and no mix. */
  unmixedLessons(endedBefore: Date): Promise<string[]>;
}

export interface RecordingRecoveryDeps {
  /** The recordings folder, a folder per lesson. */
  dir: string;
  store: RecoveryStore;
  compose: (lessonId: string) => Promise<void>;
  logger: Logger;
  now: () => number;
}

/**
 * What a crash left of recordings: a process that died mid-recording leaves its ffmpeg recorders
 * to finish their files (each ends when its packets stop) with nobody to keep them, and a
 * composition cut short leaves a lesson without its mix. Each file no recorder has touched for a
 * while and nobody kept is kept now from what its name and ffprobe say; its lesson, and every
 * lesson left without a mix, is composed. Returns the files kept.
 */
export async function recoverRecordings(deps: RecordingRecoveryDeps): Promise<number> {
  const { dir, store, compose, logger, now } = deps;
  const toCompose = new Set(await store.unmixedLessons(new Date(now() - UNMIXED_AFTER_MS)));
  let kept = 0;
  for (const folder of await entries(dir)) {
    for (const name of await entries(path.join(dir, folder))) {
      const track = parseTrackFile(folder, name);
      const file = path.join(dir, folder, name);
      if (!track || !(await untouchedSince(file, now() - ORPHAN_AFTER_MS)) || (await store.isKept(file))) continue;
      const durationMs = await playingTime(file);
      if (durationMs === null) {
        logger.warn({ file }, 'a recording left behind does not play; left as it is');
        continue;
      }
      await store.saveTrack({ ...track, file, stoppedAt: new Date(track.startedAt.getTime() + durationMs) });
      logger.info({ file, lessonId: track.lessonId, durationMs }, 'a recording left behind is kept');
      toCompose.add(track.lessonId);
      kept += 1;
    }
  }
  for (const lessonId of toCompose) await compose(lessonId);
  return kept;
}

async function entries(dir: string): Promise<string[]> {
  return fs.readdir(dir).catch(() => []);
}

async function untouchedSince(file: string, since: number): Promise<boolean> {
  const stat = await fs.stat(file).catch(() => null);
  return stat !== null && stat.isFile() && stat.mtimeMs < since;
}
