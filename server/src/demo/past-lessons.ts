import type { Prisma } from '@panda/db';
import { boardStateWith, compactBoard } from '@panda/signaling';
import { MINUTE_MS, scoreTest, TestAnswers } from '@panda/shared';
import { demoBoardRecords } from './board.js';
import { boardMaterialOf, materialOf, type DemoPlan } from './library.js';
import type { DemoLesson } from './lessons.js';
import type { DemoKey, DemoPeople } from './people.js';
import { after } from './times.js';

type Tx = Prisma.TransactionClient;

/** One line of a lesson's chat: who, how many minutes into the lesson, what. */
type ChatLine = [DemoKey, number, string];

const CHATS: Record<'lastWeek' | 'yesterday', ChatLine[]> = {
  lastWeek: [
    ['anna', 1, 'Hello Ivan! Today we talk about holidays. Where did you go last summer?'],
    ['ivan', 2, 'Hi! I went to Sochi with my family.'],
    ['anna', 50, 'Great job today. The homework is on your Homework page.'],
  ],
  yesterday: [
    ['anna', 1, 'Hello Ivan! Today: the Present Perfect. Watch the video first.'],
    ['ivan', 3, 'Ready!'],
    ['anna', 12, 'Have you ever been abroad?'],
    ['ivan', 13, 'Yes, I have been to Turkey twice.'],
    ['anna', 14, 'Perfect sentence 👍 I have put the new words into your dictionary.'],
    ['ivan', 58, 'Thank you! See you tomorrow.'],
  ],
};

/** Both were in the room from the start to the end: Anna a little early, Ivan a minute late. */
async function seedAttendance(tx: Tx, lesson: DemoLesson, people: DemoPeople): Promise<void> {
  await tx.lessonAttendance.createMany({
    data: [
      { lessonId: lesson.id, userId: people.anna.id, joinedAt: after(lesson.startsAt, -3 * MINUTE_MS), leftAt: lesson.endsAt },
      { lessonId: lesson.id, userId: people.ivan.id, joinedAt: after(lesson.startsAt, MINUTE_MS), leftAt: lesson.endsAt },
    ],
  });
}

async function seedChat(tx: Tx, lesson: DemoLesson, people: DemoPeople, lines: readonly ChatLine[]): Promise<void> {
  await tx.lessonChatMessage.createMany({
    data: lines.map(([who, minute, text]) => ({ lessonId: lesson.id, userId: people[who].id, text, createdAt: after(lesson.startsAt, minute * MINUTE_MS) })),
  });
}

/** Last week's lesson: who came and what was said (its homework is in homework.ts). */
export async function seedLastWeekLesson(tx: Tx, lesson: DemoLesson, people: DemoPeople): Promise<void> {
  await seedAttendance(tx, lesson, people);
  await seedChat(tx, lesson, people, CHATS.lastWeek);
}

/** Ivan's answers to the board test: mostly right, two slips, the free text waiting for Anna's mark. */
const IVANS_TEST_ANSWERS = TestAnswers.parse({
  'which-tense': ['b'],
  'time-words': ['ever', 'already', 'yesterday'],
  gaps: { visit: 'has visited', finish: "haven't" },
  answers: ['Yes, many times.', 'At the airport.', 'Not yet.'],
  order: ['I', 'have', 'never', 'been', 'abroad'],
  participle: 'went',
  'about-you': 'I have been to Kazan. I have visited Saint Petersburg twice. I have never been to London.',
});

/**
 * Yesterday's lesson: who came, the chat, the video, the words and the test Anna showed (on the
 * board as she left it), and Ivan's answers to the test, scored by the item engine.
 */
export async function seedYesterdaysLesson(tx: Tx, lesson: DemoLesson, people: DemoPeople, plan: DemoPlan): Promise<void> {
  await seedAttendance(tx, lesson, people);
  await seedChat(tx, lesson, people, CHATS.yesterday);

  const shown = [
    { material: materialOf(plan, 'video'), minute: 5 },
    { material: materialOf(plan, 'vocabulary'), minute: 15 },
    { material: materialOf(plan, 'test'), minute: 30 },
  ];
  await tx.lessonMaterial.createMany({
    data: shown.map(({ material, minute }) => ({ lessonId: lesson.id, materialId: material.id, shownById: people.anna.id, shownAt: after(lesson.startsAt, minute * MINUTE_MS) })),
  });
  const videoShownAt = after(lesson.startsAt, 5 * MINUTE_MS);
  const { records, playback } = demoBoardRecords(
    shown.map(({ material }) => boardMaterialOf(material)),
    videoShownAt,
  );
  await compactBoard(tx, lesson.id, boardStateWith(records, playback));

  const test = materialOf(plan, 'test');
  const result = scoreTest(test.content.items, IVANS_TEST_ANSWERS);
  await tx.lessonTestAttempt.create({
    data: {
      lessonId: lesson.id,
      materialId: test.id,
      studentId: people.ivan.id,
      answers: IVANS_TEST_ANSWERS,
      itemResults: result.items,
      score: result.score,
      maxScore: result.maxScore,
      submittedAt: after(lesson.startsAt, 40 * MINUTE_MS),
    },
  });
}
