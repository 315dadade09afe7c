import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '@panda/db';
import { MediaSource } from '@panda/shared';
import type { MixableTrack, MixedRecording, RecordingMixStore } from './recording-mixer.js';
import { measure } from './recording-store.js';

/**
 * Reads a lesson's kept tracks and keeps its mix as an uploaded file of the lesson's teacher (so it
 * is served, ranged and linked like any file) with its place on the lesson's timeline.
 */
export class PrismaRecordingMixStore implements RecordingMixStore {
  readonly #db: Db;
  readonly #uploadsDir: string;

  constructor(db: Db, uploadsDir: string) {
    this.#db = db;
    this.#uploadsDir = uploadsDir;
  }

  async tracks(lessonId: string): Promise<MixableTrack[]> {
    const rows = await this.#db.recordingTrack.findMany({
      where: { lessonId },
      select: { id: true, participantId: true, source: true, startedAt: true, stoppedAt: true, file: { select: { storageKey: true } } },
    });
    return rows.map((row) => ({
      id: row.id,
      participantId: row.participantId,
      source: MediaSource.parse(row.source),
      startedAt: row.startedAt.getTime(),
      stoppedAt: row.stoppedAt.getTime(),
      file: path.join(this.#uploadsDir, row.file.storageKey),
    }));
  }

  async saveMix(mix: MixedRecording): Promise<void> {
    const { size, sha256 } = await measure(mix.file);
    const replaced = await this.#db.$transaction(async (tx) => {
      const lesson = await tx.lesson.findUniqueOrThrow({ where: { id: mix.lessonId }, select: { teacherId: true } });
      const previous = await tx.recordingMix.findUnique({ where: { lessonId: mix.lessonId }, select: { id: true, file: { select: { id: true, storageKey: true } } } });
      if (previous) {
        await tx.recordingMix.delete({ where: { id: previous.id } });
        await tx.uploadedFile.delete({ where: { id: previous.file.id } });
      }
      const file = await tx.uploadedFile.create({
        data: {
          ownerId: lesson.teacherId,
          name: `lesson ${mix.startedAt.toISOString()}.webm`,
          mimeType: 'video/webm',
          size,
          sha256,
          storageKey: path.relative(this.#uploadsDir, mix.file),
        },
      });
      await tx.recordingMix.create({ data: { lessonId: mix.lessonId, fileId: file.id, startedAt: mix.startedAt, durationMs: mix.durationMs } });
      return previous?.file.storageKey;
    });
    // Only once the new mix is kept: until then the old one is what the replay links to.
    if (replaced) await fs.rm(path.join(this.#uploadsDir, replaced), { force: true });
  }
}
