import type { Db, Prisma } from '@panda/db';
import type { Actor, Clock, StudentCard, StudentLanguageCard, StudentList, StudentListQuery } from '@panda/shared';
import { DomainError } from '../../domain-error.js';
import type { CreditLedger } from '../credits/credit-ledger.js';
import { studentProgress } from '../homework/progress.js';
import { enrollmentWithPeople } from '../placement/placement-dto.js';

/** The languages of students a person may see: a teacher those assigned to them; a methodist and an admin all. */
export function enrollmentsVisibleTo(user: Actor): Prisma.EnrollmentWhereInput {
  return user.role === 'teacher' ? { teacherId: user.id } : {};
}

const anyCase = (value: string) => ({ contains: value, mode: 'insensitive' as const });

type EnrollmentRecord = Prisma.EnrollmentGetPayload<{ include: typeof enrollmentWithPeople }>;

/** Students as their teachers and the methodist see them: a card per student, a line per language. */
export class StudentCards {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #ledger: CreditLedger;

  constructor(db: Db, clock: Clock, ledger: CreditLedger) {
    this.#db = db;
    this.#clock = clock;
    this.#ledger = ledger;
  }

  async list(user: Actor, query: StudentListQuery): Promise<StudentList> {
    const enrollment: Prisma.EnrollmentWhereInput = {
      ...enrollmentsVisibleTo(user),
      ...(query.language ? { language: query.language } : {}),
      ...(query.teacherId && user.role !== 'teacher' ? { teacherId: query.teacherId } : {}),
    };
    // Staff see students not yet placed too, unless they ask for a language or a teacher.
    const onlyEnrolled = user.role === 'teacher' || Boolean(query.language ?? query.teacherId);
    const where: Prisma.UserWhereInput = {
      role: 'student',
      ...(onlyEnrolled ? { enrollments: { some: enrollment } } : {}),
      ...(query.q ? { OR: [{ name: anyCase(query.q) }, { email: anyCase(query.q) }] } : {}),
    };
    const [students, total] = await Promise.all([
      this.#db.user.findMany({ where, select: { id: true }, orderBy: [{ name: 'asc' }, { id: 'asc' }], skip: query.offset, take: query.limit }),
      this.#db.user.count({ where }),
    ]);
    const items = await Promise.all(students.map((student) => this.#card(user, student.id, enrollment)));
    return { items: items.filter((card) => card !== null), total };
  }

  /** One student's card; a teacher who does not teach them is told there is no such student. */
  async card(user: Actor, studentId: string): Promise<StudentCard> {
    const card = await this.#card(user, studentId, enrollmentsVisibleTo(user));
    if (!card || (user.role === 'teacher' && card.languages.length === 0)) throw new DomainError('not_found', 'no such student of yours');
    return card;
  }

  async #card(user: Actor, studentId: string, enrollment: Prisma.EnrollmentWhereInput): Promise<StudentCard | null> {
    const student = await this.#db.user.findFirst({ where: { id: studentId, role: 'student' }, select: { id: true, name: true, email: true } });
    if (!student) return null;
    const [enrollments, balance] = await Promise.all([
      this.#db.enrollment.findMany({ where: { ...enrollment, studentId }, include: enrollmentWithPeople, orderBy: { language: 'asc' } }),
      this.#ledger.balance(studentId),
    ]);
    const languages = await Promise.all(enrollments.map((entry) => this.#language(user, entry)));
    return { student, languages, credits: { available: balance.balance, held: balance.held, expiresAt: balance.expiresAt } };
  }

  async #language(user: Actor, enrollment: EnrollmentRecord): Promise<StudentLanguageCard> {
    const now = this.#clock.now();
    const studentId = enrollment.studentId;
    const words = { studentId, language: enrollment.language };
    const [progress, nextLesson, wordCount, due] = await Promise.all([
      studentProgress(this.#db, enrollment.student, enrollment.language, now),
      this.#db.lesson.findFirst({
        where: {
          language: enrollment.language,
          status: 'scheduled',
          endsAt: { gt: now },
          students: { some: { studentId } },
          // A teacher's next lesson with the student is with them.
          ...(user.role === 'teacher' ? { teacherId: user.id } : {}),
        },
        select: { id: true, startsAt: true },
        orderBy: { startsAt: 'asc' },
      }),
      this.#db.dictionaryEntry.count({ where: words }),
      this.#db.dictionaryEntry.count({ where: { ...words, due: { lte: now } } }),
    ]);
    return {
      enrollmentId: enrollment.id,
      language: enrollment.language,
      level: enrollment.level,
      goal: enrollment.goal,
      teacher: enrollment.teacher,
      nextLesson: nextLesson ? { id: nextLesson.id, startsAt: nextLesson.startsAt.toISOString() } : null,
      summary: progress.summary,
      dictionary: { words: wordCount, due },
    };
  }
}
