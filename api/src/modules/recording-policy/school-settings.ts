import type { Db } from '@panda/db';
import type { SchoolSettings } from '@panda/shared';

/** The school's one settings row; the migration makes it. */
const SETTINGS_ROW = { id: 1 };

export async function readSchoolSettings(db: Db): Promise<SchoolSettings> {
  return toSchoolSettings(await db.schoolSettings.findUniqueOrThrow({ where: SETTINGS_ROW }));
}

export async function saveSchoolSettings(db: Db, settings: SchoolSettings): Promise<SchoolSettings> {
  return toSchoolSettings(await db.schoolSettings.update({ where: SETTINGS_ROW, data: settings }));
}

function toSchoolSettings(row: SchoolSettings): SchoolSettings {
  return {
    recordLessonsAutomatically: row.recordLessonsAutomatically,
    recordingConsent: row.recordingConsent,
    recordingRetentionDays: row.recordingRetentionDays,
  };
}
