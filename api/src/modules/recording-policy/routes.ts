import { ADMINS, isRecorded, MyRecordingPolicy, RecordingStorage, SchoolSettings } from '@panda/shared';
import type { ApiModule } from '../../module.js';
import { readSchoolSettings, saveSchoolSettings } from './school-settings.js';

/** The school's recording policy: admins set it and see what recordings take; everyone learns what it means for them. */
export const recordingPolicyModule: ApiModule = {
  name: 'recording-policy',
  register(router, { db }) {
    router.operation(
      { method: 'get', path: '/admin/settings', summary: 'The school’s settings: automatic recording, students’ consent, how long recordings are kept', tag: 'admin', access: ADMINS, response: SchoolSettings },
      () => readSchoolSettings(db),
    );

    router.operation(
      { method: 'put', path: '/admin/settings', summary: 'Replace the school’s settings', tag: 'admin', access: ADMINS, body: SchoolSettings, response: SchoolSettings },
      ({ body }) => saveSchoolSettings(db, body),
    );

    router.operation(
      { method: 'get', path: '/admin/recording-storage', summary: 'What lessons’ recordings take on disk: files, bytes, the oldest', tag: 'admin', access: ADMINS, response: RecordingStorage },
      async () => {
        const recordingFiles = { OR: [{ recordingTracks: { some: {} } }, { recordingMix: { isNot: null } }] };
        const [files, oldest] = await Promise.all([
          db.uploadedFile.aggregate({ where: recordingFiles, _count: { _all: true }, _sum: { size: true } }),
          db.recordingTrack.aggregate({ _min: { startedAt: true } }),
        ]);
        return {
          files: files._count._all,
          bytes: files._sum.size ?? 0,
          oldestAt: oldest._min.startedAt?.toISOString() ?? null,
        };
      },
    );

    router.operation(
      { method: 'get', path: '/me/recording-policy', summary: 'Whether lessons are recorded automatically, and whether I am recorded', tag: 'me', access: 'user', response: MyRecordingPolicy },
      async ({ user }) => {
        const [settings, me] = await Promise.all([
          readSchoolSettings(db),
          db.user.findUniqueOrThrow({ where: { id: user.id }, select: { recordingOptOut: true } }),
        ]);
        return {
          automatic: settings.recordLessonsAutomatically,
          consent: settings.recordingConsent,
          recorded: isRecorded(settings.recordingConsent, { student: user.role === 'student', optedOut: me.recordingOptOut }),
        };
      },
    );
  },
};
