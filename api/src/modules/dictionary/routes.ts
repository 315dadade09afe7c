import type { Prisma } from '@panda/db';
import {
  AddDictionaryEntryBody,
  DictionaryEntry,
  DictionaryList,
  DictionaryQuery,
  DictionaryTags,
  DictionaryTagsQuery,
  DueList,
  DueQuery,
  IdParams,
  ReviewBody,
  ReviewResult,
  STAFF,
  StudentDictionaryQuery,
  STUDENTS,
  TEACHING,
  UpdateDictionaryEntryBody,
  type Actor,
} from '@panda/shared';
import { DomainError, invalidField } from '../../domain-error.js';
import type { ApiModule } from '../../module.js';
import { mayReadFile } from '../files/access.js';
import { requireProgressAccess } from '../homework/progress.js';
import { pageOf, pageWhere } from '../materials/paging.js';
import { endOfDay, gradeCard, gradeOf, newCard, reviewLogOf, type StoredCard } from './review-rules.js';

const withAddedBy = { addedBy: { select: { id: true, name: true } } } as const;
type EntryRecord = Prisma.DictionaryEntryGetPayload<{ include: typeof withAddedBy }>;

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
  addedBy: entry.addedBy,
  schedule: {
    due: entry.due.toISOString(),
    state: entry.state,
    reps: entry.reps,
    lapses: entry.lapses,
    stability: entry.stability,
    difficulty: entry.difficulty,
    scheduledDays: entry.scheduledDays,
    lastReview: entry.lastReview?.toISOString() ?? null,
  },
  createdAt: entry.createdAt.toISOString(),
});

const cardOf = (entry: EntryRecord): StoredCard => ({
  due: entry.due,
  stability: entry.stability,
  difficulty: entry.difficulty,
  elapsedDays: entry.elapsedDays,
  scheduledDays: entry.scheduledDays,
  learningSteps: entry.learningSteps,
  reps: entry.reps,
  lapses: entry.lapses,
  state: entry.state,
  lastReview: entry.lastReview,
});

export const dictionaryModule: ApiModule = {
  name: 'dictionary',
  register(router, { db, clock }) {
    const tag = 'dictionary';

    /**
     * The lesson must be one the student attends (and, for a teacher, one they teach); the
     * recording one the person adding it may hear.
     */
    async function checkSources(user: Actor, studentId: string, body: { lessonId?: string | undefined; audioFileId?: string | null | undefined }): Promise<void> {
      if (body.lessonId) {
        const seat = await db.lessonStudent.findUnique({ where: { lessonId_studentId: { lessonId: body.lessonId, studentId } }, include: { lesson: { select: { teacherId: true } } } });
        if (!seat || (user.id !== studentId && seat.lesson.teacherId !== user.id)) throw invalidField('body.lessonId', 'no such lesson of yours');
      }
      if (body.audioFileId) {
        const file = await db.uploadedFile.findUnique({ where: { id: body.audioFileId }, select: { id: true, ownerId: true, mimeType: true } });
        if (!file || !(await mayReadFile(db, user, file))) throw invalidField('body.audioFileId', 'no such recording');
        if (!file.mimeType.startsWith('audio/')) throw invalidField('body.audioFileId', 'must be an audio file');
      }
    }

    /** Adds a word to a student's dictionary; the same word with the same translation gives back the entry there (200). */
    async function addEntry(user: Actor, studentId: string, body: AddDictionaryEntryBody, setStatus: (status: 200) => void): Promise<DictionaryEntry> {
      const key = { studentId_language_word_translation: { studentId, language: body.language, word: body.word, translation: body.translation } };
      const existing = await db.dictionaryEntry.findUnique({ where: key, include: withAddedBy });
      if (existing) {
        setStatus(200);
        return toEntryDto(existing);
      }
      await checkSources(user, studentId, body);
      try {
        const addedById = user.id === studentId ? null : user.id;
        return toEntryDto(await db.dictionaryEntry.create({ data: { ...body, ...newCard(clock.now()), studentId, addedById }, include: withAddedBy }));
      } catch (error) {
        // A double click raced us to it: the entry is there now.
        if ((error as { code?: string }).code !== 'P2002') throw error;
        setStatus(200);
        return toEntryDto(await db.dictionaryEntry.findUniqueOrThrow({ where: key, include: withAddedBy }));
      }
    }

    async function myEntry(user: Actor, id: string): Promise<EntryRecord> {
      const entry = await db.dictionaryEntry.findFirst({ where: { id, studentId: user.id }, include: withAddedBy });
      if (!entry) throw new DomainError('not_found', 'no such entry in your dictionary');
      return entry;
    }

    router.operation(
      { method: 'post', path: '/me/dictionary', summary: 'Add a word to my dictionary (due for review at once); the same word with the same translation again gives back the entry already there (200)', tag, access: STUDENTS, body: AddDictionaryEntryBody, response: DictionaryEntry, status: 201 },
      ({ body, user, setStatus }) => addEntry(user, user.id, body, setStatus),
    );

    router.operation(
      {
        method: 'post',
        path: '/students/:id/dictionary',
        summary: "Add a word to my student's dictionary (a language I teach them); the same word with the same translation again gives back the entry already there (200)",
        tag,
        access: TEACHING,
        params: IdParams,
        body: AddDictionaryEntryBody,
        response: DictionaryEntry,
        status: 201,
      },
      async ({ params, body, user, setStatus }) => {
        const enrollments = await db.enrollment.findMany({ where: { studentId: params.id, teacherId: user.id }, select: { language: true } });
        if (enrollments.length === 0) throw new DomainError('not_found', 'no such student of yours');
        if (!enrollments.some((e) => e.language === body.language)) throw invalidField('body.language', 'you do not teach this student this language');
        return addEntry(user, params.id, body, setStatus);
      },
    );

    /** A page of a student's words, newest first, filtered as the query says. */
    async function entriesOf(studentId: string, query: DictionaryQuery) {
      const anyCase = (value: string) => ({ contains: value, mode: 'insensitive' as const });
      const entries = await db.dictionaryEntry.findMany({
        where: {
          AND: [
            { studentId },
            query.language ? { language: query.language } : {},
            query.lessonId ? { lessonId: query.lessonId } : {},
            query.tag ? { tags: { has: query.tag } } : {},
            query.q
              ? { OR: [{ word: anyCase(query.q) }, { transcription: anyCase(query.q) }, { translation: anyCase(query.q) }, { example: anyCase(query.q) }] }
              : {},
            pageWhere(query.cursor),
          ],
        },
        include: withAddedBy,
        orderBy: { id: 'desc' },
        take: query.limit + 1,
      });
      return pageOf(entries.map(toEntryDto), query.limit);
    }

    router.operation(
      { method: 'get', path: '/me/dictionary', summary: 'My dictionary, newest first; q matches word, transcription, translation and example; filter by language, lesson and tag', tag, access: STUDENTS, query: DictionaryQuery, response: DictionaryList },
      ({ query, user }) => entriesOf(user.id, query),
    );

    router.operation(
      {
        method: 'get',
        path: '/students/:id/dictionary',
        summary: "A student's words in a language, newest first, filtered like my dictionary: for their teachers of the language, methodists and admins",
        tag,
        access: STAFF,
        params: IdParams,
        query: StudentDictionaryQuery,
        response: DictionaryList,
      },
      async ({ params, query, user }) => {
        await requireProgressAccess(db, user, params.id, query.language);
        return entriesOf(params.id, query);
      },
    );

    router.operation(
      { method: 'get', path: '/me/dictionary/tags', summary: 'The tags of my words (of one language, if given), alphabetically', tag, access: STUDENTS, query: DictionaryTagsQuery, response: DictionaryTags },
      async ({ query, user }) => {
        const rows = await db.dictionaryEntry.findMany({ where: { studentId: user.id, ...(query.language ? { language: query.language } : {}) }, select: { tags: true } });
        return { items: [...new Set(rows.flatMap((row) => row.tags))].sort((a, b) => a.localeCompare(b)) };
      },
    );

    router.operation(
      {
        method: 'get',
        path: '/me/dictionary/due',
        summary: 'My words due for review by the end of my day (in my time zone), soonest first, and how many in all',
        tag,
        access: STUDENTS,
        query: DueQuery,
        response: DueList,
      },
      async ({ query, user }) => {
        const { timeZone } = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { timeZone: true } });
        const dayEndsAt = endOfDay(clock.now(), timeZone);
        const where = { studentId: user.id, due: { lt: dayEndsAt } };
        const [total, entries] = await Promise.all([
          db.dictionaryEntry.count({ where }),
          db.dictionaryEntry.findMany({ where, include: withAddedBy, orderBy: [{ due: 'asc' }, { id: 'asc' }], take: query.limit }),
        ]);
        return { total, dayEndsAt: dayEndsAt.toISOString(), items: entries.map(toEntryDto) };
      },
    );

    router.operation(
      { method: 'patch', path: '/me/dictionary/:id', summary: 'Change a word’s transcription, translation, example, recording or tags (null removes)', tag, access: STUDENTS, params: IdParams, body: UpdateDictionaryEntryBody, response: DictionaryEntry },
      async ({ params, body, user }) => {
        const entry = await myEntry(user, params.id);
        await checkSources(user, user.id, body);
        try {
          return toEntryDto(await db.dictionaryEntry.update({ where: { id: entry.id }, data: body, include: withAddedBy }));
        } catch (error) {
          if ((error as { code?: string }).code !== 'P2002') throw error;
          throw invalidField('body.translation', 'this word already has an entry with this translation');
        }
      },
    );

    router.operation(
      {
        method: 'post',
        path: '/me/dictionary/:id/reviews',
        summary:
          'Review a word: a grade (again, hard, good, easy) or a game result (flashcards, matching, typing) that maps to one; the next due date is computed with FSRS',
        tag,
        access: STUDENTS,
        params: IdParams,
        body: ReviewBody,
        response: ReviewResult,
        status: 201,
      },
      async ({ params, body, user }) => {
        const entry = await myEntry(user, params.id);
        const grade = gradeOf(body, entry);
        const now = clock.now();
        const before = cardOf(entry);
        const { next, rating } = gradeCard(before, grade, now);
        const updated = await db.$transaction(async (tx) => {
          // Only from the card we computed from: a review that raced this one would be lost otherwise.
          const { count } = await tx.dictionaryEntry.updateMany({ where: { id: entry.id, reps: entry.reps, lastReview: entry.lastReview }, data: next });
          if (count === 0) throw new DomainError('conflict', 'this word was reviewed at the same moment; try again');
          await tx.dictionaryReview.create({
            data: {
              entryId: entry.id,
              studentId: user.id,
              source: body.source,
              rating,
              ...reviewLogOf(before),
              reviewedAt: now,
            },
          });
          return tx.dictionaryEntry.findUniqueOrThrow({ where: { id: entry.id }, include: withAddedBy });
        });
        return { grade, entry: toEntryDto(updated) };
      },
    );

    router.operation(
      { method: 'delete', path: '/me/dictionary/:id', summary: 'Remove a word from my dictionary', tag, access: STUDENTS, params: IdParams, status: 204 },
      async ({ params, user }) => {
        const { count } = await db.dictionaryEntry.deleteMany({ where: { id: params.id, studentId: user.id } });
        if (count === 0) throw new DomainError('not_found', 'no such entry in your dictionary');
      },
    );
  },
};
