import type { Prisma } from '@panda/db';
import { applyMarks, DAY_MS, homeworkDueAt, type HomeworkItem, HomeworkItems, homeworkMaxScore, HOUR_MS, MINUTE_MS, scoreHomework, TestAnswers } from '@panda/shared';
import type { DemoLessons } from './lessons.js';
import { lettered, matched, named } from './library-content.js';
import type { DemoPeople } from './people.js';
import { after } from './times.js';

type Tx = Prisma.TransactionClient;

/** Last week's homework: handed in well before its deadline. */
const HOLIDAY_HOMEWORK = {
  title: 'Holiday questions',
  instructions: 'Four short tasks about your holidays.',
  items: HomeworkItems.parse([
    {
      type: 'choice',
      id: 'went',
      prompt: 'Last summer I ___ to Sochi.',
      options: lettered('go', 'went', 'have gone'),
      correct: ['b'],
    },
    { type: 'short_answer', id: 'souvenir', prompt: 'A thing you buy to remember a trip (one word).', accepted: ['souvenir'] },
    {
      type: 'matching',
      id: 'meanings',
      prompt: 'Match the words and their meanings.',
      pairs: matched(['guidebook', 'a book about a city'], ['sightseeing', 'visiting famous places'], ['souvenir', 'a present from a trip']),
    },
    { type: 'free_text', id: 'holiday', points: 3, prompt: 'Write about your last holiday in three sentences.' },
  ]),
  answers: TestAnswers.parse({
    went: ['b'],
    souvenir: 'souvenier',
    meanings: ['a book about a city', 'visiting famous places', 'a present from a trip'],
    holiday: 'Last summer I went to Sochi. I swam in the sea every day. I bought a souvenir for my mum.',
  }),
  marks: [{ itemId: 'holiday', score: 2.5 }],
  comment: 'Good sentences! Check the spelling: souvenir.',
};

/** Yesterday's homework: not handed in; its deadline (the lesson on now) has passed, so it is in the tails. */
const PRESENT_PERFECT_HOMEWORK = {
  title: 'Present Perfect at home',
  instructions: 'Do it before our next lesson. The recording can be made on your phone.',
  items: HomeworkItems.parse([
    {
      type: 'gap_fill',
      id: 'forms',
      points: 2,
      prompt: 'Put the verbs in the Present Perfect.',
      text: 'I [[never-be]] (never / be) to Paris. She [[just-finish]] (just / finish) her report.',
      gaps: [
        { id: 'never-be', accepted: ['have never been', "'ve never been"] },
        { id: 'just-finish', accepted: ['has just finished', "'s just finished"] },
      ],
    },
    {
      type: 'choice',
      id: 'yet',
      prompt: 'Have you finished your report ___?',
      options: named('yet', 'already', 'ever'),
      correct: ['yet'],
    },
    { type: 'word_order', id: 'question', prompt: 'Make a question.', tokens: ['Have', 'you', 'ever', 'been', 'abroad?'] },
    { type: 'free_text', id: 'places', points: 3, prompt: 'Write five sentences about places you have visited. Use ever, never and already.' },
    { type: 'file_upload', id: 'reading', prompt: 'Record yourself reading your sentences aloud.', maxFiles: 1 },
  ]),
};

interface Sheet {
  title: string;
  instructions: string;
  items: HomeworkItem[];
}

/** What Ivan's line holds once handed in (and marked). */
type HandedIn = Omit<Prisma.HomeworkSubmissionCreateWithoutHomeworkInput, 'student' | 'dueAt' | 'maxScore'>;

/** Homework of Anna's for Ivan, set at `setAt` as the API sets it, his line as it stands. */
function createHomework(tx: Tx, people: DemoPeople, lessonId: string, setAt: Date, dueAt: Date, sheet: Sheet, handedIn: HandedIn = {}) {
  const maxScore = homeworkMaxScore(sheet.items);
  return tx.homework.create({
    data: {
      lessonId,
      teacherId: people.anna.id,
      language: 'en',
      title: sheet.title,
      instructions: sheet.instructions,
      items: sheet.items,
      maxScore,
      createdAt: setAt,
      submissions: { create: [{ studentId: people.ivan.id, dueAt, maxScore, createdAt: setAt, ...handedIn }] },
    },
  });
}

/** Ivan's answers, auto-checked as handing in does, then Anna's marks and comment a day later. */
function handedIn(sheet: typeof HOLIDAY_HOMEWORK, submittedAt: Date): HandedIn {
  const result = applyMarks(scoreHomework(sheet.items, sheet.answers), sheet.marks);
  return {
    answers: sheet.answers,
    itemResults: result.items,
    score: result.score,
    submittedAt,
    comment: sheet.comment,
    markedAt: after(submittedAt, 20 * HOUR_MS + 15 * MINUTE_MS),
  };
}

/**
 * Homework set at the end of Ivan's past lessons, each due at the start of his next lesson: last
 * week's handed in, auto-checked and marked by Anna; yesterday's still to do, in the tails. Answers
 * the overdue one, for its notification.
 */
export async function seedHomework(tx: Tx, people: DemoPeople, lessons: DemoLessons): Promise<{ homeworkId: string; title: string; dueAt: Date }> {
  const { lastWeek, yesterday, now } = lessons;
  const submittedAt = after(lastWeek.endsAt, 2 * DAY_MS + 3 * HOUR_MS);
  const lastWeekDue = homeworkDueAt(lastWeek.endsAt, yesterday.startsAt);
  await createHomework(tx, people, lastWeek.id, lastWeek.endsAt, lastWeekDue, HOLIDAY_HOMEWORK, handedIn(HOLIDAY_HOMEWORK, submittedAt));

  const dueAt = homeworkDueAt(yesterday.endsAt, now.startsAt);
  const tail = await createHomework(tx, people, yesterday.id, yesterday.endsAt, dueAt, PRESENT_PERFECT_HOMEWORK);
  return { homeworkId: tail.id, title: tail.title, dueAt };
}
