import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { Db } from '@panda/db';
import type { RecordedTrack } from './lesson-recording.js';
import type { RecoveryStore } from './recording-recovery.js';

/**
 * Keeps recorded tracks as uploaded files of the person recorded (so they are served, ranged and
 * linked like any file), each with its place on the lesson's timeline.
 */
export class PrismaRecordingStore implements RecoveryStore {
  readonly #db: Db;
  readonly #uploadsDir: string;

  constructor(db: Db, uploadsDir: string) {
    this.#db = db;
    this.#uploadsDir = uploadsDir;
  }

  async isKept(file: string): Promise<boolean> {
    const storageKey = path.relative(this.#uploadsDir, file);
    return (await this.#db.uploadedFile.count({ where: { storageKey } })) > 0;
  }

  async unmixedLessons(endedBefore: Date): Promise<string[]> {
    const lessons = await this.#db.recordingTrack.groupBy({
      by: ['lessonId'],
      where: { lesson: { recordingMix: null } },
      _max: { stoppedAt: true },
    });
    return lessons.flatMap(({ lessonId, _max }) => (_max.stoppedAt && _max.stoppedAt < endedBefore ? [lessonId] : []));
  }

  async saveTrack(track: RecordedTrack): Promise<void> {
    const { size, sha256 } = await measure(track.file);
    const webm = track.file.endsWith('.webm');
    const mimeType = `${track.kind}/${webm ? 'webm' : 'x-matroska'}`;
    await this.#db.$transaction(async (tx) => {
      const file = await tx.uploadedFile.create({
        data: {
          ownerId: track.participantId,
          name: `${track.source} ${track.startedAt.toISOString()}${path.extname(track.file)}`,
          mimeType,
          size,
          sha256,
          storageKey: path.relative(this.#uploadsDir, track.file),
        },
      });
      await tx.recordingTrack.create({
        data: {
          lessonId: track.lessonId,
          participantId: track.participantId,
          source: track.source,
          fileId: file.id,
          startedAt: track.startedAt,
          stoppedAt: track.stoppedAt,
        },
      });
    });
  }
}

/** The size and SHA-256 of a file, as an uploaded file keeps them. */
export async function measure(file: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { size, sha256: hash.digest('hex') };
}
