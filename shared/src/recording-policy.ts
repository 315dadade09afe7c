import { z } from 'zod';

/**
 * How students are asked about lessons' recordings: `notice` tells them and records everyone;
 * `opt_out` lets a student refuse, and then their media is left out.
 */
export const RecordingConsent = z.enum(['notice', 'opt_out']);
export type RecordingConsent = z.infer<typeof RecordingConsent>;

/** The school's recording policy, set by an admin; `PUT /admin/settings` takes all of it. */
export const SchoolSettings = z.object({
  /** The room starts recording when the teacher first joins it. */
  recordLessonsAutomatically: z.boolean(),
  recordingConsent: RecordingConsent,
  /** Days a lesson's recording is kept after its last track ended; null keeps it. */
  recordingRetentionDays: z.number().int().min(1).max(3650).nullable(),
});
export type SchoolSettings = z.infer<typeof SchoolSettings>;

/** What the school's recordings take on disk: their files, their bytes, when the oldest began. */
export const RecordingStorage = z.object({
  files: z.number().int(),
  bytes: z.number().int(),
  oldestAt: z.string().nullable(),
});
export type RecordingStorage = z.infer<typeof RecordingStorage>;

/** The recording policy as it concerns the signed-in person: what the room and the profile tell them. */
export const MyRecordingPolicy = z.object({
  /** Lessons are recorded from the moment the teacher comes in. */
  automatic: z.boolean(),
  consent: RecordingConsent,
  /** Whether this person's camera, microphone and screen go into a lesson's recording. */
  recorded: z.boolean(),
});
export type MyRecordingPolicy = z.infer<typeof MyRecordingPolicy>;

/** Everyone in a recorded lesson is recorded, except a student who opted out where the school allows it. */
export function isRecorded(consent: RecordingConsent, person: { student: boolean; optedOut: boolean }): boolean {
  return !(consent === 'opt_out' && person.student && person.optedOut);
}
