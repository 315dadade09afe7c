import type { Db, Language, Prisma, Role } from '@panda/db';
import { hashPassword, materialContentColumns } from '@panda/api';
import { CreateMaterialBody, parseRichText, type Clock } from '@panda/shared';

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
 * languages), their teachers with a week of working hours, a package purchase, and lessons today
 * and this week.
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

    // A week of working hours for everyone who teaches, so that students can book from the first visit.
    const workingHours: Array<{ teacher: string; weekdays: number[]; from: number; to: number }> = [
      { teacher: 'anna', weekdays: [1, 2, 3, 4, 5, 6, 7], from: 10, to: 22 },
      { teacher: 'li', weekdays: [1, 2, 3, 4, 5, 6, 7], from: 9, to: 21 },
      { teacher: 'methodist', weekdays: [1, 2, 3, 4, 5], from: 10, to: 19 },
    ];
    await tx.teacherAvailability.createMany({
      data: workingHours.flatMap(({ teacher, weekdays, from, to }) =>
        weekdays.map((weekday) => ({ teacherId: person(teacher), weekday, startMinute: from * 60, endMinute: to * 60 })),
      ),
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
    const lessonIds: string[] = [];
    for (const lesson of lessons) {
      const startsAt = new Date(nextHour.getTime() + lesson.start);
      const { id: lessonId } = await tx.lesson.create({
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
      lessonIds.push(lessonId);
    }
    await seedDemoLibrary(tx, person('anna'), lessonIds[0] as string);

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

/** Anna's small English library, in the shape the API accepts (checked by the same schema). */
const DEMO_MATERIALS: unknown[] = [
  {
    kind: 'text',
    title: 'Present Perfect: when we use it',
    content: {
      doc: parseRichText(
        [
          '# Present Perfect',
          'We use the Present Perfect (**have/has + past participle**) to talk about experience and about the past that matters *now*.',
          '## We use it for',
          '- experience: *I have been to London.*',
          '- recent news: *She has just arrived.*',
          '- unfinished time: *We have not finished yet.*',
          '## Not with a finished time',
          '> I have seen him yesterday. ✗ — I saw him yesterday. ✓',
          'More examples: [British Council, Present Perfect](https://learnenglish.britishcouncil.org/grammar/a1-a2-grammar/present-perfect).',
        ].join('\n'),
      ),
    },
    tags: ['grammar'],
  },
  {
    kind: 'vocabulary',
    title: 'Travel words',
    content: {
      entries: [
        { word: 'airport', transcription: '/ˈeə.pɔːt/', translation: 'аэропорт', example: 'Have you ever slept at an airport?' },
        { word: 'luggage', transcription: '/ˈlʌɡ.ɪdʒ/', translation: 'багаж', example: 'They have lost my luggage.' },
        { word: 'passport', transcription: '/ˈpɑːs.pɔːt/', translation: 'паспорт', example: 'I have just renewed my passport.' },
        { word: 'journey', transcription: '/ˈdʒɜː.ni/', translation: 'поездка', example: 'It has been a long journey.' },
        { word: 'abroad', transcription: '/əˈbrɔːd/', translation: 'за границей', example: 'Have you ever lived abroad?' },
      ],
    },
    tags: ['vocabulary', 'travel'],
  },
  {
    kind: 'test',
    title: 'Present Perfect check',
    content: {
      instructions: 'Answer every question; the last one is marked by your teacher.',
      items: [
        {
          type: 'choice',
          id: 'which-tense',
          prompt: 'Which sentence is in the Present Perfect?',
          options: [
            { id: 'a', text: 'I went to Paris last year.' },
            { id: 'b', text: 'I have been to Paris.' },
            { id: 'c', text: 'I am going to Paris.' },
          ],
          correct: ['b'],
        },
        {
          type: 'choice',
          id: 'time-words',
          prompt: 'Which words often go with the Present Perfect?',
          multiple: true,
          points: 2,
          options: [
            { id: 'ever', text: 'ever' },
            { id: 'yesterday', text: 'yesterday' },
            { id: 'already', text: 'already' },
            { id: 'last-week', text: 'last week' },
            { id: 'just', text: 'just' },
          ],
          correct: ['ever', 'already', 'just'],
        },
        {
          type: 'gap_fill',
          id: 'gaps',
          points: 2,
          prompt: 'Complete the sentences.',
          text: 'She [[visit]] (visit) London twice. We [[finish]] finished our homework yet.',
          gaps: [
            { id: 'visit', accepted: ['has visited', "'s visited"] },
            { id: 'finish', accepted: ["haven't"], options: ["haven't", "hasn't", "didn't"] },
          ],
        },
        {
          type: 'matching',
          id: 'answers',
          prompt: 'Match the questions and the answers.',
          pairs: [
            { left: 'Have you ever flown?', right: 'Yes, many times.' },
            { left: 'Has he arrived?', right: 'Not yet.' },
            { left: 'Where have you been?', right: 'At the airport.' },
          ],
        },
        { type: 'word_order', id: 'order', prompt: 'Put the words in order.', tokens: ['I', 'have', 'never', 'been', 'abroad'] },
        { type: 'short_answer', id: 'participle', prompt: 'Write the past participle of “go”.', accepted: ['gone'] },
        { type: 'free_text', id: 'about-you', points: 3, prompt: 'Write three sentences about places you have visited.', maxLength: 1000 },
      ],
    },
  },
  {
    kind: 'link',
    title: 'British Council: Present Perfect practice',
    content: { url: 'https://learnenglish.britishcouncil.org/grammar/a1-a2-grammar/present-perfect', description: 'Exercises to do at home.' },
  },
];

/** Anna's library, her plan "English A2 — lesson 10" from it, assigned to her lesson with Ivan. */
async function seedDemoLibrary(tx: Prisma.TransactionClient, annaId: string, lessonId: string): Promise<void> {
  const about = { language: 'en', level: 'A2', course: 'General English A2', topic: 'Present Perfect', lessonNumber: 10 } as const;
  const materialIds: string[] = [];
  for (const input of DEMO_MATERIALS) {
    const material = CreateMaterialBody.parse({ ...about, ...(input as object) });
    const { content: _content, ...fields } = material;
    const { id } = await tx.material.create({ data: { ...fields, ownerId: annaId, ...materialContentColumns(material) } });
    materialIds.push(id);
  }
  const plan = await tx.lessonPlan.create({
    data: {
      ...about,
      ownerId: annaId,
      title: 'English A2 — lesson 10',
      items: { create: materialIds.map((materialId, position) => ({ materialId, position })) },
    },
  });
  await tx.lesson.update({ where: { id: lessonId }, data: { planId: plan.id } });
}
