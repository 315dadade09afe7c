import { z } from 'zod';
import { Language } from './common.js';
import { CursorQuery } from './materials.js';

/** Spaces inside collapsed, so "to  go" and "to go" are one entry. */
const Words = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .transform((value) => value.replace(/\s+/g, ' '));

/**
 * A word or phrase a student keeps. Adding the same word with the same translation again gives
 * back the entry already there.
 */
export const AddDictionaryEntryBody = z.object({
  language: Language,
  word: Words(200),
  /** IPA for English, pinyin for Chinese. */
  transcription: Words(200).optional(),
  translation: Words(500),
  example: Words(1000).optional(),
  /** A recording from a material shown in one of my lessons. */
  audioFileId: z.uuid().optional(),
  /** The lesson the word came from; one I attend. */
  lessonId: z.uuid().optional(),
  tags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
});
export type AddDictionaryEntryBody = z.infer<typeof AddDictionaryEntryBody>;

/** What a student may change in an entry (the word and its language stay: they identify it); null removes. */
export const UpdateDictionaryEntryBody = z
  .object({
    transcription: Words(200).nullable(),
    translation: Words(500),
    example: Words(1000).nullable(),
    audioFileId: z.uuid().nullable(),
    tags: z.array(z.string().trim().min(1).max(40)).max(20),
  })
  .partial();
export type UpdateDictionaryEntryBody = z.infer<typeof UpdateDictionaryEntryBody>;

/** ts-fsrs's card states. */
export const CardState = z.enum(['new', 'learning', 'review', 'relearning']);
export type CardState = z.infer<typeof CardState>;

/** An entry's review schedule (FSRS). */
export const CardSchedule = z.object({
  due: z.string(),
  state: CardState,
  reps: z.number().int(),
  lapses: z.number().int(),
  stability: z.number(),
  difficulty: z.number(),
  scheduledDays: z.number().int(),
  lastReview: z.string().nullable(),
});
export type CardSchedule = z.infer<typeof CardSchedule>;

export const DictionaryEntry = z.object({
  id: z.uuid(),
  language: Language,
  word: z.string(),
  transcription: z.string().nullable(),
  translation: z.string(),
  example: z.string().nullable(),
  audioFileId: z.uuid().nullable(),
  lessonId: z.uuid().nullable(),
  tags: z.array(z.string()),
  /** The teacher who added the word; null when the student did. */
  addedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  schedule: CardSchedule,
  createdAt: z.string(),
});
export type DictionaryEntry = z.infer<typeof DictionaryEntry>;

/** `q` matches the word, its transcription, translation and example (any case); newest first. */
export const DictionaryQuery = CursorQuery.extend({
  q: z.string().trim().min(1).max(100).optional(),
  language: Language.optional(),
  lessonId: z.uuid().optional(),
  tag: z.string().trim().min(1).max(40).optional(),
});
export type DictionaryQuery = z.infer<typeof DictionaryQuery>;

/** A student's words as one who teaches them the language sees them. */
export const StudentDictionaryQuery = DictionaryQuery.extend({ language: Language });
export type StudentDictionaryQuery = z.infer<typeof StudentDictionaryQuery>;

export const DictionaryTagsQuery = z.object({ language: Language.optional() });
export type DictionaryTagsQuery = z.infer<typeof DictionaryTagsQuery>;

/** My tags (of one language's words, if given), for the filter. */
export const DictionaryTags = z.object({ items: z.array(z.string()) });
export type DictionaryTags = z.infer<typeof DictionaryTags>;

/** The four buttons of a review. */
export const Grade = z.enum(['again', 'hard', 'good', 'easy']);
export type Grade = z.infer<typeof Grade>;

/**
 * One review of an entry: the four buttons, or the result of a vocabulary game, which the server
 * maps to a grade (flashcards: knew → good, did not → again; matching: no mistakes → good, one →
 * hard, more → again; typing: the word → good, one typo or the pinyin instead of the characters →
 * hard, anything else → again).
 */
export const ReviewBody = z.discriminatedUnion('source', [
  z.object({ source: z.literal('review'), grade: Grade }),
  z.object({ source: z.literal('flashcards'), knew: z.boolean() }),
  z.object({ source: z.literal('matching'), mistakes: z.number().int().min(0).max(100) }),
  z.object({ source: z.literal('typing'), answer: z.string().trim().max(200) }),
]);
export type ReviewBody = z.infer<typeof ReviewBody>;

export const ReviewResult = z.object({ grade: Grade, entry: DictionaryEntry });
export type ReviewResult = z.infer<typeof ReviewResult>;

export const DueQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });
export type DueQuery = z.infer<typeof DueQuery>;

/** Cards due by the end of my day (in my time zone), soonest first; `total` counts them all. */
export const DueList = z.object({ total: z.number().int(), dayEndsAt: z.string(), items: z.array(DictionaryEntry) });
export type DueList = z.infer<typeof DueList>;

export const DictionaryList = z.object({ items: z.array(DictionaryEntry), nextCursor: z.uuid().nullable() });
export type DictionaryList = z.infer<typeof DictionaryList>;
