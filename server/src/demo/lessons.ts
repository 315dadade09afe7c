import type { Language, Prisma } from '@panda/db';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '@panda/shared';
import { indexBy } from './bulk.js';
import type { DemoKey, DemoPeople } from './people.js';
import { after, type DemoTimes } from './times.js';

export type LessonKey = 'now' | 'orderingFood' | 'ielts' | 'measureWords' | 'club' | 'placement' | 'yesterday' | 'lastWeek';

interface DemoLessonDefinition {
  key: LessonKey;
  teacher: DemoKey;
  language: Language;
  students: DemoKey[];
  startsAt: Date;
  minutes: number;
  kind?: 'placement';
  title: string;
  /** Past lessons: when they were booked, and that the teacher ended them in the room (held). */
  held?: { bookedAt: Date };
}

export interface DemoLesson {
  id: string;
  startsAt: Date;
  endsAt: Date;
  bookedAt: Date;
}

export type DemoLessons = Record<LessonKey, DemoLesson>;

function lessonDefinitions(times: DemoTimes): DemoLessonDefinition[] {
  const fromNextHour = (ms: number) => after(times.nextHour, ms);
  return [
    // Ivan's past lessons with Anna; Olga has none (her journal shows an empty past).
    { key: 'lastWeek', teacher: 'anna', language: 'en', students: ['ivan'], startsAt: times.lastWeek, minutes: 60, title: 'Holidays and travel', held: { bookedAt: after(times.ivanPaidAt, HOUR_MS) } },
    { key: 'yesterday', teacher: 'anna', language: 'en', students: ['ivan'], startsAt: times.yesterday, minutes: 60, title: 'Present Perfect: first steps', held: { bookedAt: after(times.lastWeek, HOUR_MS) } },
    // The first lesson is on now, so that a newcomer can open its room straight away.
    { key: 'now', teacher: 'anna', language: 'en', students: ['ivan'], startsAt: times.justNow, minutes: 60, title: 'Present Perfect in everyday talk' },
    { key: 'orderingFood', teacher: 'li', language: 'zh', students: ['maria'], startsAt: fromNextHour(2 * HOUR_MS), minutes: 45, title: 'Ordering food' },
    { key: 'ielts', teacher: 'anna', language: 'en', students: ['olga'], startsAt: fromNextHour(DAY_MS), minutes: 60, title: 'IELTS speaking part 2' },
    // Olga's two languages, two lessons in a row.
    { key: 'measureWords', teacher: 'li', language: 'zh', students: ['olga'], startsAt: fromNextHour(DAY_MS + HOUR_MS), minutes: 45, title: 'Measure words' },
    { key: 'club', teacher: 'anna', language: 'en', students: ['ivan', 'olga'], startsAt: fromNextHour(3 * DAY_MS), minutes: 90, title: 'Conversation club' },
    { key: 'placement', teacher: 'methodist', language: 'en', students: ['maria'], startsAt: fromNextHour(4 * DAY_MS), minutes: 45, kind: 'placement', title: 'Placement lesson' },
  ];
}

/** Ivan's past lessons, and lessons today and this week for everyone (each title is the demo's only one). */
export async function seedLessons(tx: Prisma.TransactionClient, people: DemoPeople, times: DemoTimes): Promise<DemoLessons> {
  const definitions = lessonDefinitions(times).map((lesson) => ({
    ...lesson,
    endsAt: after(lesson.startsAt, lesson.minutes * MINUTE_MS),
    bookedAt: lesson.held?.bookedAt ?? times.now,
  }));
  const rows = await tx.lesson.createManyAndReturn({
    data: definitions.map((lesson) => ({
      teacherId: people[lesson.teacher].id,
      language: lesson.language,
      kind: lesson.kind ?? 'regular',
      title: lesson.title,
      startsAt: lesson.startsAt,
      endsAt: lesson.endsAt,
      ...(lesson.held ? { status: 'held' as const, heldAt: lesson.endsAt } : {}),
      createdAt: lesson.bookedAt,
    })),
    select: { id: true, title: true },
  });
  const rowTitled = indexBy(rows, (row) => row.title);
  const lessons = {} as DemoLessons;
  for (const { key, title, startsAt, endsAt, bookedAt } of definitions) lessons[key] = { id: rowTitled(title).id, startsAt, endsAt, bookedAt };
  await tx.lessonStudent.createMany({
    data: definitions.flatMap((lesson) => lesson.students.map((student) => ({ lessonId: lessons[lesson.key].id, studentId: people[student].id }))),
  });
  return lessons;
}
