import type { Prisma } from '@panda/db';
import { CreateNoteBody, IdParams, Note, NoteList, NoteQuery, richTextToPlain, STUDENTS, UpdateNoteBody, type Actor, type RichTextDoc } from '@panda/shared';
import { DomainError, invalidField } from '../../domain-error.js';
import type { ApiModule } from '../../module.js';
import { pageOf, pageWhere } from '../materials/paging.js';

type NoteRecord = Prisma.NoteGetPayload<object>;

const toNoteDto = (note: NoteRecord): Note => ({
  id: note.id,
  title: note.title,
  // Validated on the way in.
  content: note.content as RichTextDoc,
  lessonId: note.lessonId,
  createdAt: note.createdAt.toISOString(),
  updatedAt: note.updatedAt.toISOString(),
});

/** What a search matches, lower-cased like the materials library's. */
export const searchTextOf = (title: string, content: RichTextDoc) => `${title}\n${richTextToPlain(content)}`.toLowerCase();

export const notesModule: ApiModule = {
  name: 'notes',
  register(router, { db }) {
    const tag = 'notes';

    async function checkLesson(user: Actor, lessonId: string | null | undefined): Promise<void> {
      if (!lessonId) return;
      const seat = await db.lessonStudent.findUnique({ where: { lessonId_studentId: { lessonId, studentId: user.id } } });
      if (!seat) throw invalidField('body.lessonId', 'no such lesson of yours');
    }

    /** Notes are private: someone else's note is "not found", not "forbidden". */
    async function myNote(user: Actor, id: string): Promise<NoteRecord> {
      const note = await db.note.findFirst({ where: { id, ownerId: user.id } });
      if (!note) throw new DomainError('not_found', 'no such note');
      return note;
    }

    router.operation(
      { method: 'post', path: '/me/notes', summary: 'Write a note, about one of my lessons or free-standing', tag, access: STUDENTS, body: CreateNoteBody, response: Note, status: 201 },
      async ({ body, user }) => {
        await checkLesson(user, body.lessonId);
        const note = await db.note.create({
          data: { ownerId: user.id, title: body.title, content: body.content, lessonId: body.lessonId ?? null, searchText: searchTextOf(body.title, body.content) },
        });
        return toNoteDto(note);
      },
    );

    router.operation(
      { method: 'get', path: '/me/notes', summary: 'My notes, newest first; q: every word in the title or text (any case); by lesson, or free-standing only', tag, access: STUDENTS, query: NoteQuery, response: NoteList },
      async ({ query, user }) => {
        const notes = await db.note.findMany({
          where: {
            AND: [
              { ownerId: user.id },
              query.lessonId ? { lessonId: query.lessonId } : {},
              query.free ? { lessonId: null } : {},
              ...(query.q ?? '')
                .toLowerCase()
                .split(/\s+/)
                .filter((word) => word !== '')
                .map((word) => ({ searchText: { contains: word } })),
              pageWhere(query.cursor),
            ],
          },
          orderBy: { id: 'desc' },
          take: query.limit + 1,
        });
        return pageOf(notes.map(toNoteDto), query.limit);
      },
    );

    router.operation(
      { method: 'get', path: '/me/notes/:id', summary: 'One of my notes', tag, access: STUDENTS, params: IdParams, response: Note },
      async ({ params, user }) => toNoteDto(await myNote(user, params.id)),
    );

    router.operation(
      { method: 'patch', path: '/me/notes/:id', summary: 'Change a note’s title, text or lesson (null: free-standing)', tag, access: STUDENTS, params: IdParams, body: UpdateNoteBody, response: Note },
      async ({ params, body, user }) => {
        const note = await myNote(user, params.id);
        await checkLesson(user, body.lessonId);
        const title = body.title ?? note.title;
        const content = body.content ?? (note.content as RichTextDoc);
        const updated = await db.note.update({ where: { id: note.id }, data: { ...body, searchText: searchTextOf(title, content) } });
        return toNoteDto(updated);
      },
    );

    router.operation(
      { method: 'delete', path: '/me/notes/:id', summary: 'Delete one of my notes', tag, access: STUDENTS, params: IdParams, status: 204 },
      async ({ params, user }) => {
        const { count } = await db.note.deleteMany({ where: { id: params.id, ownerId: user.id } });
        if (count === 0) throw new DomainError('not_found', 'no such note');
      },
    );
  },
};
