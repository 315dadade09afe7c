import type { Language, Prisma, Role } from '@panda/db';
import { indexBy } from './bulk.js';

export const DEMO_PASSWORD = 'panda-demo';

export type DemoKey = 'admin' | 'methodist' | 'anna' | 'li' | 'ivan' | 'maria' | 'olga';

interface DemoPerson {
  key: DemoKey;
  email: string;
  name: string;
  role: Role;
  teaches?: Language[];
  timeZone: string;
  locale: 'en' | 'ru';
}

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  { key: 'admin', email: 'admin@example.com', name: 'Alla Admin', role: 'admin', timeZone: 'Europe/Moscow', locale: 'ru' },
  { key: 'methodist', email: 'methodist@example.com', name: 'Marina Methodist', role: 'methodist', teaches: ['en', 'zh'], timeZone: 'Europe/Moscow', locale: 'ru' },
  { key: 'anna', email: 'anna@example.com', name: 'Anna Smirnova', role: 'teacher', teaches: ['en'], timeZone: 'Europe/Moscow', locale: 'ru' },
  { key: 'li', email: 'li@example.com', name: 'Li Wei', role: 'teacher', teaches: ['zh'], timeZone: 'Asia/Shanghai', locale: 'en' },
  { key: 'ivan', email: 'ivan@example.com', name: 'Ivan Petrov', role: 'student', timeZone: 'Europe/Moscow', locale: 'ru' },
  { key: 'maria', email: 'maria@example.com', name: 'Maria Ivanova', role: 'student', timeZone: 'Asia/Yekaterinburg', locale: 'ru' },
  { key: 'olga', email: 'olga@example.com', name: 'Olga Kuznetsova', role: 'student', timeZone: 'Europe/Berlin', locale: 'en' },
];

/** A demo person as the rest of the seed needs them: the id, and what notifications are written for. */
export interface SeededPerson {
  id: string;
  name: string;
  locale: 'en' | 'ru';
  timeZone: string;
}

export type DemoPeople = Record<DemoKey, SeededPerson>;

/** Creates the demo people (e-mail confirmed, one password), their enrollments and working hours. */
export async function seedPeople(tx: Prisma.TransactionClient, passwordHash: string, now: Date): Promise<DemoPeople> {
  const users = await tx.user.createManyAndReturn({
    data: DEMO_PEOPLE.map((person) => ({
      email: person.email,
      name: person.name,
      role: person.role,
      timeZone: person.timeZone,
      locale: person.locale,
      passwordHash,
      emailVerifiedAt: now,
    })),
    select: { id: true, email: true },
  });
  const userWith = indexBy(users, (user) => user.email);
  const people = {} as DemoPeople;
  for (const person of DEMO_PEOPLE) {
    const { id } = userWith(person.email);
    people[person.key] = { id, name: person.name, locale: person.locale, timeZone: person.timeZone };
  }
  await tx.teacherLanguage.createMany({
    data: DEMO_PEOPLE.flatMap((person) => (person.teaches ?? []).map((language) => ({ teacherId: people[person.key].id, language }))),
  });
  const id = (key: DemoKey) => people[key].id;

  await tx.enrollment.createMany({
    data: [
      { studentId: id('ivan'), language: 'en', teacherId: id('anna'), level: 'A2', goal: 'Speak confidently at work' },
      { studentId: id('maria'), language: 'zh', teacherId: id('li'), level: 'HSK 1', goal: 'Travel to China' },
      { studentId: id('olga'), language: 'en', teacherId: id('anna'), level: 'B1', goal: 'IELTS 6.5' },
      { studentId: id('olga'), language: 'zh', teacherId: id('li'), level: 'HSK 2', goal: 'HSK 3 exam' },
    ],
  });

  // A week of working hours for everyone who teaches, so that students can book from the first visit.
  const workingHours: Array<{ teacher: DemoKey; weekdays: number[]; from: number; to: number }> = [
    { teacher: 'anna', weekdays: [1, 2, 3, 4, 5, 6, 7], from: 10, to: 22 },
    { teacher: 'li', weekdays: [1, 2, 3, 4, 5, 6, 7], from: 9, to: 21 },
    { teacher: 'methodist', weekdays: [1, 2, 3, 4, 5], from: 10, to: 19 },
  ];
  await tx.teacherAvailability.createMany({
    data: workingHours.flatMap(({ teacher, weekdays, from, to }) =>
      weekdays.map((weekday) => ({ teacherId: id(teacher), weekday, startMinute: from * 60, endMinute: to * 60 })),
    ),
  });
  return people;
}
