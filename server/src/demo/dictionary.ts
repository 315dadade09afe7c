import { gradeCard, newCard, reviewLogOf, type StoredCard } from '@panda/api';
import type { Prisma } from '@panda/db';
import { DAY_MS, type Grade, HOUR_MS, MINUTE_MS, type VocabularyEntry } from '@panda/shared';
import { indexBy } from './bulk.js';
import type { DemoLessons } from './lessons.js';
import type { DemoPeople } from './people.js';
import { after, type DemoTimes } from './times.js';

/** A graded review: the grade, and the card as it was before (what a review row keeps). */
export interface DemoReview {
  grade: Grade;
  rating: number;
  at: Date;
  before: StoredCard;
}

/** A word's card after these reviews, each graded by the dictionary's own scheduler (FSRS). */
export function replayReviews(addedAt: Date, grades: ReadonlyArray<{ grade: Grade; at: Date }>): { card: StoredCard; reviews: DemoReview[] } {
  let card = newCard(addedAt);
  const reviews: DemoReview[] = [];
  for (const { grade, at } of grades) {
    const { next, rating } = gradeCard(card, grade, at);
    reviews.push({ grade, rating, at, before: card });
    card = next;
  }
  return { card, reviews };
}

/** The word as the dictionary keeps it (a vocabulary entry: its recording comes along). */
type Entry = Pick<VocabularyEntry, 'word' | 'transcription' | 'translation' | 'example' | 'audioFileId'>;

interface DemoWord {
  entry: Entry;
  /** The lesson it came from; the teacher put it in unless Ivan did. */
  from?: 'lastWeek' | 'yesterday';
  byTeacher: boolean;
  addedAt: Date;
  grades: ReadonlyArray<{ grade: Grade; at: Date }>;
}

/**
 * Ivan's words: some from last week's lesson, some of his own, and from yesterday's the entries of
 * the vocabulary set Anna showed (`shownWords`). With these reviews, six are due today (three new
 * from yesterday, three reviewed and due again) and two not for days (dictionary.test.ts checks it
 * at any hour).
 */
export function ivansWords(times: DemoTimes, shownWords: readonly Entry[]): DemoWord[] {
  const shown = (word: string): Entry => {
    const entry = shownWords.find((candidate) => candidate.word === word);
    if (!entry) throw new Error(`the vocabulary set shown has no "${word}"`);
    return entry;
  };
  const lastWeek = after(times.lastWeek, 40 * MINUTE_MS);
  const dayAfter = after(times.lastWeek, DAY_MS + 10 * HOUR_MS);
  const fromLastWeek = { from: 'lastWeek', byTeacher: true, addedAt: lastWeek } as const;
  const fromYesterday = { from: 'yesterday', byTeacher: true, addedAt: after(times.yesterday, 20 * MINUTE_MS), grades: [] } as const;
  return [
    { ...fromLastWeek, entry: { word: 'sightseeing', transcription: '/ˈsaɪtˌsiː.ɪŋ/', translation: 'осмотр достопримечательностей' }, grades: [{ grade: 'good', at: dayAfter }] },
    {
      ...fromLastWeek,
      entry: { word: 'souvenir', transcription: '/ˌsuː.vəˈnɪər/', translation: 'сувенир', example: 'I bought a souvenir for my mum.' },
      grades: [
        { grade: 'good', at: dayAfter },
        { grade: 'good', at: after(dayAfter, 3 * DAY_MS) },
      ],
    },
    {
      ...fromLastWeek,
      entry: { word: 'guidebook', transcription: '/ˈɡaɪd.bʊk/', translation: 'путеводитель' },
      grades: [
        { grade: 'again', at: dayAfter },
        { grade: 'hard', at: after(dayAfter, DAY_MS) },
      ],
    },
    {
      entry: { word: 'already', transcription: '/ɔːlˈred.i/', translation: 'уже', example: 'I have already done it.' },
      byTeacher: false,
      addedAt: after(times.lastWeek, 3 * DAY_MS),
      grades: [{ grade: 'good', at: after(times.lastWeek, 4 * DAY_MS) }],
    },
    { ...fromYesterday, entry: shown('airport') },
    { ...fromYesterday, entry: shown('luggage') },
    { ...fromYesterday, entry: shown('passport') },
    // Kept from the vocabulary card on the board ("To my dictionary"), reviewed that evening.
    { ...fromYesterday, byTeacher: false, entry: shown('abroad'), grades: [{ grade: 'easy', at: after(times.yesterday, 5 * HOUR_MS) }] },
  ];
}

/** Ivan's dictionary: the words with their review history, scheduled as if he had reviewed them. */
export async function seedDictionary(tx: Prisma.TransactionClient, people: DemoPeople, lessons: DemoLessons, times: DemoTimes, shownWords: readonly Entry[]): Promise<void> {
  const ivan = people.ivan.id;
  const words = ivansWords(times, shownWords).map((word) => ({ ...word, ...replayReviews(word.addedAt, word.grades) }));
  const rows = await tx.dictionaryEntry.createManyAndReturn({
    data: words.map((word) => ({
      studentId: ivan,
      language: 'en' as const,
      ...word.entry,
      lessonId: word.from ? lessons[word.from].id : null,
      addedById: word.byTeacher ? people.anna.id : null,
      createdAt: word.addedAt,
      ...word.card,
    })),
    select: { id: true, word: true },
  });
  const entryOf = indexBy(rows, (row) => row.word);
  await tx.dictionaryReview.createMany({
    data: words.flatMap((word) =>
      word.reviews.map(({ rating, at, before }) => ({
        entryId: entryOf(word.entry.word).id,
        studentId: ivan,
        source: 'review' as const,
        rating,
        ...reviewLogOf(before),
        reviewedAt: at,
      })),
    ),
  });
}
