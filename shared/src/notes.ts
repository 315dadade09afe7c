import { z } from 'zod';
import { CursorQuery, QueryFlag } from './materials.js';
import { RichTextDoc } from './rich-text.js';

const Title = z.string().trim().min(1).max(200);

/** A student's note: about a lesson they attend, or free-standing (no lesson). */
export const CreateNoteBody = z.object({
  title: Title,
  content: RichTextDoc,
  lessonId: z.uuid().optional(),
});
export type CreateNoteBody = z.infer<typeof CreateNoteBody>;

/** null detaches the note from its lesson. */
export const UpdateNoteBody = z.object({ title: Title, content: RichTextDoc, lessonId: z.uuid().nullable() }).partial();
export type UpdateNoteBody = z.infer<typeof UpdateNoteBody>;

export const Note = z.object({
  id: z.uuid(),
  title: z.string(),
  content: RichTextDoc,
  lessonId: z.uuid().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Note = z.infer<typeof Note>;

/** `q`: every word appears in the title or text (any case); `lessonId`: that lesson's notes; `free`: notes without a lesson. Newest first. */
export const NoteQuery = CursorQuery.extend({
  q: z.string().trim().min(1).max(100).optional(),
  lessonId: z.uuid().optional(),
  free: QueryFlag.optional(),
});
export type NoteQuery = z.infer<typeof NoteQuery>;

export const NoteList = z.object({ items: z.array(Note), nextCursor: z.uuid().nullable() });
export type NoteList = z.infer<typeof NoteList>;
