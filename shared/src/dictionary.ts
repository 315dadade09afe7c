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
  createdAt: z.string(),
});
export type DictionaryEntry = z.infer<typeof DictionaryEntry>;

/** `q` matches the word, its transcription, translation and example (any case); newest first. */
export const DictionaryQuery = CursorQuery.extend({
  q: z.string().trim().min(1).max(100).optional(),
  language: Language.optional(),
  lessonId: z.uuid().optional(),
});
export type DictionaryQuery = z.infer<typeof DictionaryQuery>;

export const DictionaryList = z.object({ items: z.array(DictionaryEntry), nextCursor: z.uuid().nullable() });
export type DictionaryList = z.infer<typeof DictionaryList>;
