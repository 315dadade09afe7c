import type { Db, Prisma } from '@panda/db';
import {
  lessonOutcome,
  MINUTE_MS,
  type Actor,
  type ChatMessage,
  type Clock,
  type LessonAttendanceLine,
  type LessonJournal as LessonJournalPage,
  type LessonJournalEntry,
  type LessonJournalQuery,
  type LessonOutcome,
  type LessonOverview,
} from '@panda/shared';
import { DomainError } from '../../domain-error.js';
import { submissionWith, toSubmissionSummary } from '../homework/homework-dto.js';
import { lessonWithPeople } from '../lessons/lesson-dto.js';
import type { ScheduleService } from './schedule-service.js';

/** The lessons a person may see: their own; a methodist also every placement lesson; an admin all. */
export function lessonsVisibleTo(user: Actor): Prisma.LessonWhereInput {
  if (user.role === 'admin') return {};
  if (user.role === 'student') return { students: { some: { studentId: user.id } } };
  if (user.role === 'methodist') return { OR: [{ teacherId: user.id }, { kind: 'placement' }] };
  return { teacherId: user.id };
}

/** A stored chat message (with its author's name) as the lesson's page and its replay show it. */
export function toChatMessage(message: { id: string; userId: string; text: string; createdAt: Date; user: { name: string } }): ChatMessage {
  return { id: message.id, participantId: message.userId, name: message.user.name, text: message.text, sentAt: message.createdAt.toISOString() };
}

/** A student's burned credit is theirs; staff see a lesson as burned when any student's was. */
const burnsSeenBy = (user: Actor): Prisma.CreditEntryWhereInput =>
  user.role === 'student' ? { kind: 'burn', studentId: user.id } : { kind: 'burn' };

function outcomeWhere(outcome: LessonOutcome, user: Actor): Prisma.LessonWhereInput {
  const burned = { creditEntries: { some: burnsSeenBy(user) } };
  switch (outcome) {
    case 'booked':
      return { status: 'scheduled' };
    case 'burned':
      return { status: 'cancelled', ...burned };
    case 'cancelled':
      return { status: 'cancelled', NOT: burned };
    default:
      return { status: outcome };
  }
}

const journalInclude = (user: Actor) =>
  ({
    ...lessonWithPeople,
    plan: { select: { title: true } },
    creditEntries: { where: burnsSeenBy(user), select: { id: true }, take: 1 },
    _count: { select: { materials: true, homework: true } },
  }) satisfies Prisma.LessonInclude;

type JournalRecord = Prisma.LessonGetPayload<{ include: ReturnType<typeof journalInclude> }>;

/**
 * The lessons of a person as a journal: to come and gone by, with how each went, and one lesson
 * whole (who came, the chat, the homework set in it).
 */
export class LessonJournal {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #schedule: ScheduleService;

  constructor(db: Db, clock: Clock, schedule: ScheduleService) {
    this.#db = db;
    this.#clock = clock;
    this.#schedule = schedule;
  }

  async list(user: Actor, query: LessonJournalQuery): Promise<LessonJournalPage> {
    const now = this.#clock.now();
    const upcoming = query.when === 'upcoming';
    const filters: Prisma.LessonWhereInput[] = [
      lessonsVisibleTo(user),
      upcoming ? { endsAt: { gt: now } } : { endsAt: { lte: now } },
      ...(query.language ? [{ language: query.language }] : []),
      ...(query.teacherId ? [{ teacherId: query.teacherId }] : []),
      ...(query.studentId ? [{ students: { some: { studentId: query.studentId } } }] : []),
      ...(query.kind ? [{ kind: query.kind }] : []),
      ...(query.outcome ? [outcomeWhere(query.outcome, user)] : []),
    ];
    // Keyset paging on (start, id), in the list's own direction.
    if (query.cursor) {
      const after = await this.#db.lesson.findUnique({ where: { id: query.cursor }, select: { startsAt: true } });
      if (after) {
        const beyond = upcoming ? 'gt' : 'lt';
        filters.push({ OR: [{ startsAt: { [beyond]: after.startsAt } }, { startsAt: after.startsAt, id: { [beyond]: query.cursor } }] });
      }
    }
    const direction = upcoming ? 'asc' : 'desc';
    const rows = await this.#db.lesson.findMany({
      where: { AND: filters },
      include: journalInclude(user),
      orderBy: [{ startsAt: direction }, { id: direction }],
      take: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    return { items: await this.#entries(page), nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null };
  }

  async overview(user: Actor, lessonId: string): Promise<LessonOverview> {
    const lesson = await this.#db.lesson.findFirst({ where: { id: lessonId, ...lessonsVisibleTo(user) }, include: journalInclude(user) });
    if (!lesson) throw new DomainError('not_found', 'no such lesson');
    const ownOnly = user.role === 'student' ? { studentId: user.id } : {};
    const [[entry], stays, chat, submissions] = await Promise.all([
      this.#entries([lesson]),
      this.#db.lessonAttendance.findMany({ where: { lessonId, ...(user.role === 'student' ? { userId: user.id } : {}) } }),
      this.#db.lessonChatMessage.findMany({ where: { lessonId }, orderBy: { createdAt: 'asc' }, include: { user: { select: { name: true } } } }),
      this.#db.homeworkSubmission.findMany({ where: { homework: { lessonId }, ...ownOnly }, include: submissionWith, orderBy: { createdAt: 'asc' } }),
    ]);
    const now = this.#clock.now();
    const seats = user.role === 'student' ? lesson.students.filter((seat) => seat.student.id === user.id) : lesson.students;
    const attendance: LessonAttendanceLine[] = seats.map(({ student }) => {
      const own = stays.filter((stay) => stay.userId === student.id);
      const ms = own.reduce((sum, stay) => sum + Math.max(0, (stay.leftAt ?? minDate(now, lesson.endsAt)).getTime() - stay.joinedAt.getTime()), 0);
      return { student, present: own.length > 0, minutes: Math.round(ms / MINUTE_MS) };
    });
    return {
      lesson: entry as LessonJournalEntry,
      attendance,
      chat: chat.map(toChatMessage),
      homework: submissions.map((submission) => toSubmissionSummary(submission, now)),
    };
  }

  async #entries(lessons: JournalRecord[]): Promise<LessonJournalEntry[]> {
    const calendar = await this.#schedule.toCalendar(lessons);
    return lessons.map((lesson, index) => ({
      ...(calendar[index] as (typeof calendar)[number]),
      outcome: lessonOutcome(lesson.status, lesson.creditEntries.length > 0),
      planTitle: lesson.plan?.title ?? null,
      shownCount: lesson._count.materials,
      homeworkCount: lesson._count.homework,
    }));
  }
}

const minDate = (a: Date, b: Date) => (a.getTime() < b.getTime() ? a : b);
