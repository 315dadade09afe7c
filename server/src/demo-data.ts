import type { Db, Language, Role } from '@panda/db';
import { hashPassword } from '@panda/api';
import type { Clock } from '@panda/shared';

export const DEMO_PASSWORD = 'panda-demo';

interface DemoPerson {
  key: string;
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

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Fills an empty database with a small school: staff, three students (Olga learns both
 * languages), their teachers, a package purchase, and lessons today and this week.
 * Does nothing when there are users already.
 */
export async function seedDemoData(db: Db, clock: Clock): Promise<void> {
  if ((await db.user.count()) > 0) return;
  const now = clock.now();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const nextHour = new Date(Math.ceil(now.getTime() / HOUR) * HOUR);
  // The first lesson is on now, so that a newcomer can open its room straight away.
  const justNow = new Date(Math.floor(now.getTime() / (5 * 60_000)) * 5 * 60_000);

  await db.$transaction(async (tx) => {
    const id: Record<string, string> = {};
    for (const person of DEMO_PEOPLE) {
      const user = await tx.user.create({
        data: {
          email: person.email,
          name: person.name,
          role: person.role,
          timeZone: person.timeZone,
          locale: person.locale,
          passwordHash,
          emailVerifiedAt: now,
          teacherLanguages: { create: (person.teaches ?? []).map((language) => ({ language })) },
        },
      });
      id[person.key] = user.id;
    }
    const person = (key: string) => id[key] as string;

    await tx.enrollment.createMany({
      data: [
        { studentId: person('ivan'), language: 'en', teacherId: person('anna'), level: 'A2', goal: 'Speak confidently at work' },
        { studentId: person('maria'), language: 'zh', teacherId: person('li'), level: 'HSK 1', goal: 'Travel to China' },
        { studentId: person('olga'), language: 'en', teacherId: person('anna'), level: 'B1', goal: 'IELTS 6.5' },
        { studentId: person('olga'), language: 'zh', teacherId: person('li'), level: 'HSK 2', goal: 'HSK 3 exam' },
      ],
    });

    const lessons: Array<{ teacher: string; language: Language; students: string[]; start: number; minutes: number; kind?: 'placement'; title: string }> = [
      { teacher: 'anna', language: 'en', students: ['ivan'], start: justNow.getTime() - nextHour.getTime(), minutes: 60, title: 'Present Perfect in everyday talk' },
      { teacher: 'li', language: 'zh', students: ['maria'], start: 2 * HOUR, minutes: 45, title: 'Ordering food' },
      { teacher: 'anna', language: 'en', students: ['olga'], start: DAY, minutes: 60, title: 'IELTS speaking part 2' },
      // Olga's two languages, two lessons in a row.
      { teacher: 'li', language: 'zh', students: ['olga'], start: DAY + HOUR, minutes: 45, title: 'Measure words' },
      { teacher: 'anna', language: 'en', students: ['ivan', 'olga'], start: 3 * DAY, minutes: 90, title: 'Conversation club' },
      { teacher: 'methodist', language: 'en', students: ['maria'], start: 4 * DAY, minutes: 45, kind: 'placement', title: 'Placement lesson' },
    ];
    for (const lesson of lessons) {
      const startsAt = new Date(nextHour.getTime() + lesson.start);
      await tx.lesson.create({
        data: {
          teacherId: person(lesson.teacher),
          language: lesson.language,
          kind: lesson.kind ?? 'regular',
          title: lesson.title,
          startsAt,
          endsAt: new Date(startsAt.getTime() + lesson.minutes * 60_000),
          students: { create: lesson.students.map((key) => ({ studentId: person(key) })) },
        },
      });
    }

    const standard = await tx.packageType.create({
      data: { name: '8 lessons', lessons: 8, validityDays: 28, priceMinor: 1_600_000, currency: 'RUB' },
    });
    const paidAt = new Date(now.getTime() - 3 * DAY);
    const purchase = await tx.purchase.create({
      data: {
        studentId: person('ivan'),
        packageTypeId: standard.id,
        lessons: standard.lessons,
        amountMinor: standard.priceMinor,
        currency: standard.currency,
        paidAt,
        expiresAt: new Date(paidAt.getTime() + standard.validityDays * DAY),
      },
    });
    await tx.creditEntry.create({
      data: {
        studentId: person('ivan'),
        purchaseId: purchase.id,
        kind: 'purchase',
        delta: standard.lessons,
        idempotencyKey: `demo-purchase:${purchase.id}`,
        createdAt: paidAt,
      },
    });
  });
}
