import { z } from 'zod';
import { MaterialKind } from './materials.js';
import { ChatMessage, MediaSource } from './signaling.js';

/** A batch of board changes as it was stored during (or before) the lesson: a Yjs update, base64. */
export const BoardMoment = z.object({ at: z.string(), update: z.string() });
export type BoardMoment = z.infer<typeof BoardMoment>;

export const ShownMaterialMoment = z.object({ at: z.string(), materialId: z.uuid(), title: z.string(), kind: MaterialKind });
export type ShownMaterialMoment = z.infer<typeof ShownMaterialMoment>;

/** A recorded camera, microphone or screen: its file (a signed link) and its place on the timeline. */
export const RecordedTrackMoment = z.object({
  id: z.uuid(),
  participantId: z.uuid(),
  name: z.string(),
  source: MediaSource,
  kind: z.enum(['audio', 'video']),
  url: z.string(),
  startedAt: z.string(),
  stoppedAt: z.string(),
});
export type RecordedTrackMoment = z.infer<typeof RecordedTrackMoment>;

/** The recorded tracks composed into one video (cameras in a grid, a shared screen large, all sound): a signed link and its place on the timeline. */
export const RecordingMixMoment = z.object({ url: z.string(), startedAt: z.string(), durationMs: z.number().int().nonnegative() });
export type RecordingMixMoment = z.infer<typeof RecordingMixMoment>;

/**
 * A lesson to replay on one timeline: the board's stored batches with their times (the board at
 * `t` is every batch up to `t` applied in order), the chat and the materials shown, each timed.
 */
export const LessonReplay = z.object({
  lessonId: z.uuid(),
  startsAt: z.string(),
  endsAt: z.string(),
  board: z.array(BoardMoment),
  chat: z.array(ChatMessage),
  materials: z.array(ShownMaterialMoment),
  /** What was recorded of the lesson's media (nothing when it was not recorded). */
  tracks: z.array(RecordedTrackMoment),
  /** The tracks as one file to watch and download; null until composed (or when nothing was recorded). */
  mix: RecordingMixMoment.nullable(),
});
export type LessonReplay = z.infer<typeof LessonReplay>;

/** The moments of a timeline at or before `at` (the list is in time order). */
export function momentsUntil<T extends { at: string } | { sentAt: string }>(moments: readonly T[], at: number): T[] {
  return moments.filter((moment) => Date.parse('at' in moment ? moment.at : moment.sentAt) <= at);
}
