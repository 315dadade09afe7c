import type { Prisma } from '@panda/db';
import { AddDictionaryEntryBody, DictionaryEntry, DictionaryList, DictionaryQuery, IdParams } from '@panda/shared';
import type { AuthUser } from '../../http/authenticate.js';
import { fieldProblem, notFound } from '../../http/problem.js';
import type { ApiModule } from '../../module.js';
import { mayReadFile } from '../files/access.js';
import { pageOf, pageWhere } from '../materials/paging.js';

type EntryRecord = Prisma.DictionaryEntryGetPayload<object>;

const toEntryDto = (entry: EntryRecord): DictionaryEntry => ({
  id: entry.id,
  language: entry.language,
  word: entry.word,
  transcription: entry.transcription,
  translation: entry.translation,
  example: entry.example,
  audioFileId: entry.audioFileId,
  lessonId: entry.lessonId,
  tags: entry.tags,
  createdAt: entry.createdAt.toISOString(),
});

const students = ['student'] as const;

export const dictionaryModule: ApiModule = {
  name: 'dictionary',
  register(router, { db }) {
    const tag = 'dictionary';

    /** The lesson must be one the student attends, the recording one they may hear. */
    async function checkSources(user: AuthUser, body: AddDictionaryEntryBody): Promise<void> {
      if (body.lessonId) {
        const seat = await db.lessonStudent.findUnique({ where: { lessonId_studentId: { lessonId: body.lessonId, studentId: user.id } } });
        if (!seat) throw fieldProblem('body.lessonId', 'no such lesson of yours');
      }
      if (body.audioFileId) {
        const file = await db.uploadedFile.findUnique({ where: { id: body.audioFileId }, select: { id: true, ownerId: true, mimeType: true } });
        if (!file || !(await mayReadFile(db, user, file))) throw fieldProblem('body.audioFileId', 'no such recording');
        if (!file.mimeType.startsWith('audio/')) throw fieldProblem('body.audioFileId', 'must be an audio file');
      }
    }

    router.operation(
      { method: 'post', path: '/me/dictionary', summary: 'Add a word to my dictionary; the same word with the same translation again gives back the entry already there (200)', tag, access: students, body: AddDictionaryEntryBody, response: DictionaryEntry, status: 201 },
      async ({ body, user, setStatus }) => {
        const key = { studentId_language_word_translation: { studentId: user.id, language: body.language, word: body.word, translation: body.translation } };
        const existing = await db.dictionaryEntry.findUnique({ where: key });
        if (existing) {
          setStatus(200);
          return toEntryDto(existing);
        }
        await checkSources(user, body);
        try {
          return toEntryDto(await db.dictionaryEntry.create({ data: { ...body, studentId: user.id } }));
        } catch (error) {
          // A double click raced us to it: the entry is there now.
          if ((error as { code?: string }).code !== 'P2002') throw error;
          setStatus(200);
          return toEntryDto(await db.dictionaryEntry.findUniqueOrThrow({ where: key }));
        }
      },
    );

    router.operation(
      { method: 'get', path: '/me/dictionary', summary: 'My dictionary, newest first; q matches word, transcription, translation and example', tag, access: students, query: DictionaryQuery, response: DictionaryList },
      async ({ query, user }) => {
        const anyCase = (value: string) => ({ contains: value, mode: 'insensitive' as const });
        const entries = await db.dictionaryEntry.findMany({
          where: {
            AND: [
              { studentId: user.id },
              query.language ? { language: query.language } : {},
              query.lessonId ? { lessonId: query.lessonId } : {},
              query.q
                ? { OR: [{ word: anyCase(query.q) }, { transcription: anyCase(query.q) }, { translation: anyCase(query.q) }, { example: anyCase(query.q) }] }
                : {},
              pageWhere(query.cursor),
            ],
          },
          orderBy: { id: 'desc' },
          take: query.limit + 1,
        });
        return pageOf(entries.map(toEntryDto), query.limit);
      },
    );

    router.operation(
      { method: 'delete', path: '/me/dictionary/:id', summary: 'Remove a word from my dictionary', tag, access: students, params: IdParams, status: 204 },
      async ({ params, user }) => {
        const { count } = await db.dictionaryEntry.deleteMany({ where: { id: params.id, studentId: user.id } });
        if (count === 0) throw notFound('no such entry in your dictionary');
      },
    );
  },
};
