import type { Db } from '@panda/db';
import { DAY_MS, type Clock } from '@panda/shared';
import type { FileStore } from '../files/file-store.js';
import { readSchoolSettings } from './school-settings.js';

export interface RecordingSweepReport {
  /** Lessons whose recording was deleted. */
  lessons: number;
  /** Files deleted, rows and bytes. */
  files: number;
}

/** Recordings that ended before this instant have outlived the retention; null: recordings are kept. */
export function retentionCutoff(now: Date, retentionDays: number | null): Date | null {
  return retentionDays === null ? null : new Date(now.getTime() - retentionDays * DAY_MS);
}

/**
 * Deletes the recordings the school no longer keeps, run periodically (safe on several processes
 * at once): a lesson's recording — its tracks and its mix — goes whole once its last track ended
 * `recordingRetentionDays` ago. The rows go first, in one transaction, then the files: a file left
 * behind by a failure costs disk space, whereas a row without its file would be a broken replay.
 */
export async function sweepRecordings(deps: { db: Db; clock: Clock; files: FileStore }): Promise<RecordingSweepReport> {
  const { db, clock, files } = deps;
  const report: RecordingSweepReport = { lessons: 0, files: 0 };
  const cutoff = retentionCutoff(clock.now(), (await readSchoolSettings(db)).recordingRetentionDays);
  if (!cutoff) return report;

  const expired = await db.recordingTrack.groupBy({
    by: ['lessonId'],
    _max: { stoppedAt: true },
    having: { stoppedAt: { _max: { lt: cutoff } } },
  });
  for (const { lessonId } of expired) {
    const deleted = await db.$transaction(async (tx) => {
      const file = { select: { id: true, storageKey: true } };
      // Only what ended before the cutoff: a track kept meanwhile is newer and stays.
      const tracks = await tx.recordingTrack.findMany({ where: { lessonId, stoppedAt: { lt: cutoff } }, select: { id: true, file } });
      const mix = await tx.recordingMix.findUnique({ where: { lessonId }, select: { id: true, file } });
      await tx.recordingTrack.deleteMany({ where: { id: { in: tracks.map((track) => track.id) } } });
      if (mix) await tx.recordingMix.deleteMany({ where: { id: mix.id } });
      const lessonFiles = [...tracks, ...(mix ? [mix] : [])].map((recorded) => recorded.file);
      await tx.uploadedFile.deleteMany({ where: { id: { in: lessonFiles.map((f) => f.id) } } });
      return lessonFiles.map((f) => f.storageKey);
    });
    await Promise.all(deleted.map((storageKey) => files.remove(storageKey)));
    if (deleted.length > 0) report.lessons += 1;
    report.files += deleted.length;
  }
  return report;
}
