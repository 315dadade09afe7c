import type { Db, Prisma, WeeklySlot as WeeklySlotRecord } from '@panda/db';
import { CURATORS, HOUR_MS, isOneOf, MINUTE_MS, TEACHING, WEEK_MS, type Actor, type BookLessonBody, type CalendarLesson, type Clock, type CreditOutcome, type WeeklySlot } from '@panda/shared';
import { DomainError, invalidField } from '../../domain-error.js';
import type { CreditLedger, CreditTx } from '../credits/credit-ledger.js';
import { cancellationOutcome } from '../credits/credit-rules.js';
import { lessonWithPeople, toLessonDto } from '../lessons/lesson-dto.js';
import { notify, type Notifications } from '../notifications/notifications.js';
import { doubleBookingOf } from './double-booking.js';
import { closeLesson, SCHEDULE_TX_OPTIONS } from './lesson-close.js';
import { expandWeekly, fitsIn, mergeSpans, seriesOccurrences, subtractSpans, type ScheduleSettings, type Span } from './schedule-rules.js';
import { formatDate, formatTime, parseDate, toLocal } from './zoned-time.js';

type LessonRecord = Prisma.LessonGetPayload<{ include: typeof lessonWithPeople }>;
type SlotRecord = Prisma.WeeklySlotGetPayload<{ include: typeof slotWithPeople }>;

const person = { select: { id: true, name: true } } as const;
export const slotWithPeople = { student: person, teacher: person } satisfies Prisma.WeeklySlotInclude;

/** Tells everyone in a lesson but the one who changed it: the students get the teacher's name, the teacher the students'. */
async function notifyLessonChange(
  tx: Prisma.TransactionClient,
  lesson: LessonRecord,
  actor: Actor,
  change: { kind: 'lesson_cancelled' } | { kind: 'lesson_moved'; from: Date },
): Promise<void> {
  const { name: by } = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { name: true } });
  const people = [
    { id: lesson.teacher.id, with: lesson.students.map((s) => s.student.name).join(', ') },
    ...lesson.students.map((s) => ({ id: s.student.id, with: lesson.teacher.name })),
  ];
  for (const person of people.filter((p) => p.id !== actor.id)) {
    const ref = { lessonId: lesson.id, startsAt: lesson.startsAt.toISOString(), language: lesson.language, with: person.with };
    if (change.kind === 'lesson_cancelled') {
      await notify(tx, { userId: person.id, kind: 'lesson_cancelled', data: { ...ref, by }, dedupeKey: `lesson-cancelled:${lesson.id}:${person.id}` });
    } else {
      const data = { ...ref, by, from: change.from.toISOString() };
      await notify(tx, { userId: person.id, kind: 'lesson_moved', data, dedupeKey: `lesson-moved:${lesson.id}:${ref.startsAt}:${person.id}` });
    }
  }
}

const isInsufficient = (error: unknown) => error instanceof DomainError && error.code === 'insufficient_credits';

/**
 * The school's schedule: teachers' free time, bookings, cancellations with the credit rules,
 * moves, the outcome of a lesson, and weekly series. The database refuses double bookings (see
 * the schedule migration); this code keeps the credits in the same transaction as the lesson.
 */
export class ScheduleService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    readonly ledger: CreditLedger,
    private readonly notifications: Notifications,
    readonly settings: ScheduleSettings,
  ) {}

  requireDuration(minutes: number, path: string): void {
    if (!this.settings.lessonDurations.includes(minutes)) throw invalidField(path, `must be one of ${this.settings.lessonDurations.join(', ')}`);
  }

  /**
   * Lessons as the calendar shows them: with their series and who has not paid yet. Only a series
   * lesson can wait for payment (a booking holds its credit or fails); lessons made by hand without
   * the ledger (the demo school's) are not reported as unpaid.
   */
  async toCalendar(lessons: LessonRecord[], tx?: CreditTx): Promise<CalendarLesson[]> {
    const unpaid = lessons.filter((l) => l.weeklySlotId && l.kind === 'regular' && l.status === 'scheduled');
    const holds = unpaid.length > 0 ? await this.ledger.lessonHolds(unpaid.map((l) => l.id), tx) : [];
    const paid = new Set(holds.map((h) => `${h.lessonId}:${h.studentId}`));
    return lessons.map((lesson) => ({
      ...toLessonDto(lesson),
      weeklySlotId: lesson.weeklySlotId,
      awaitingPayment: unpaid.includes(lesson) ? lesson.students.filter((s) => !paid.has(`${lesson.id}:${s.student.id}`)).map((s) => s.student.id) : [],
    }));
  }

  /** A teacher's free time in [from, to): availability minus lessons and weekly series. */
  async freeTime(teacherId: string, from: Date, to: Date): Promise<{ timeZone: string; free: Span[] }> {
    const teacher = await this.db.user.findUniqueOrThrow({ where: { id: teacherId }, include: { availability: true } });
    const [lessons, slots] = await Promise.all([
      this.db.lesson.findMany({ where: { teacherId, status: { not: 'cancelled' }, startsAt: { lt: to }, endsAt: { gt: from } }, select: { startsAt: true, endsAt: true } }),
      this.db.weeklySlot.findMany({ where: { teacherId, endedAt: null }, include: { lessons: { where: { slotOccurrence: { gte: from, lt: to } }, select: { slotOccurrence: true } } } }),
    ]);
    const intervals = teacher.availability.map((a) => ({ weekday: a.weekday, startMinute: a.startMinute, endMinute: a.endMinute }));
    // A series keeps its weekly time even where no lesson is generated yet; a week it did generate counts as that lesson.
    const series = slots.flatMap((slot) => {
      const generated = new Set(slot.lessons.map((l) => l.slotOccurrence?.getTime()));
      return seriesOccurrences(seriesRule(slot), from, to).filter((span) => !generated.has(span.start));
    });
    const busy = [...lessons.map((l) => ({ start: l.startsAt.getTime(), end: l.endsAt.getTime() })), ...series];
    return { timeZone: teacher.timeZone, free: subtractSpans(expandWeekly(intervals, teacher.timeZone, from, to), mergeSpans(busy)) };
  }

  /** Books a single lesson; a regular one holds a credit in the same transaction. */
  async book(user: Actor, body: BookLessonBody): Promise<CalendarLesson> {
    this.requireDuration(body.durationMinutes, 'body.durationMinutes');
    const startsAt = new Date(body.startsAt);
    const endsAt = new Date(startsAt.getTime() + body.durationMinutes * MINUTE_MS);
    if (startsAt <= this.clock.now()) throw invalidField('body.startsAt', 'must be in the future');
    if (body.kind === 'placement' && !isOneOf(CURATORS, user.role)) throw new DomainError('forbidden', 'placement lessons are booked by methodists');

    const studentId = user.role === 'student' ? user.id : body.studentId;
    if (!studentId) throw invalidField('body.studentId', 'is required when staff book a lesson');
    if (user.role === 'student' && body.studentId && body.studentId !== user.id) throw new DomainError('forbidden', 'students book only for themselves');
    const student = await this.db.user.findUnique({ where: { id: studentId } });
    if (student?.role !== 'student' || student.disabledAt) throw invalidField('body.studentId', 'must be an active student');
    const enrollment = await this.db.enrollment.findUnique({ where: { studentId_language: { studentId, language: body.language } } });

    let teacherId: string;
    if (user.role === 'student') {
      if (body.teacherId) throw new DomainError('forbidden', 'a student books with the teacher assigned to them');
      if (!enrollment?.teacherId) throw invalidField('body.language', 'you have no teacher for this language yet');
      teacherId = enrollment.teacherId;
    } else if (user.role === 'admin') {
      const chosen = body.teacherId ?? enrollment?.teacherId;
      if (!chosen) throw invalidField('body.teacherId', 'is required: the student has no teacher for this language');
      teacherId = chosen;
    } else {
      if (body.teacherId && body.teacherId !== user.id) throw new DomainError('forbidden', 'teachers book only their own lessons');
      teacherId = user.id;
    }
    const teacher = await this.db.user.findUnique({ where: { id: teacherId }, include: { teacherLanguages: true } });
    if (!teacher || !isOneOf(TEACHING, teacher.role) || teacher.disabledAt) throw invalidField('body.teacherId', 'must be an active teacher or methodist');
    if (body.kind === 'placement' && teacher.role !== 'methodist') throw invalidField('body.kind', 'placement lessons are held by methodists');
    if (!teacher.teacherLanguages.some((l) => l.language === body.language)) throw invalidField('body.language', 'the teacher does not teach this language');

    if (user.role === 'student') {
      // Students pick from the teacher's published free time; staff may agree any time.
      const { free } = await this.freeTime(teacherId, startsAt, endsAt);
      if (!fitsIn(free, startsAt.getTime(), endsAt.getTime())) throw new DomainError('slot_taken', 'the teacher is not free at that time');
    }

    return this.ledger.inStudentLock(studentId, undefined, async (tx) => {
      const lesson = await tx.lesson.create({
        data: { teacherId, language: body.language, kind: body.kind, title: body.title ?? null, startsAt, endsAt, students: { create: [{ studentId }] } },
        include: lessonWithPeople,
      });
      if (body.kind === 'regular') await this.ledger.hold({ studentId, lessonId: lesson.id }, tx);
      const [dto] = await this.toCalendar([lesson], tx);
      return dto as CalendarLesson;
    });
  }

  /** A lesson the user takes part in (as its teacher or one of its students), or any for an admin. */
  async lessonFor(user: Actor, lessonId: string): Promise<LessonRecord> {
    const lesson = await this.db.lesson.findUnique({ where: { id: lessonId }, include: lessonWithPeople });
    const mine = lesson && (lesson.teacherId === user.id || lesson.students.some((s) => s.student.id === user.id));
    if (!lesson || (!mine && user.role !== 'admin')) throw new DomainError('not_found', 'no such lesson');
    return lesson;
  }

  /** Not started, not cancelled, held or missed: the lesson may still change. */
  #requireUpcoming(lesson: LessonRecord): void {
    if (lesson.status !== 'scheduled') throw new DomainError('conflict', `the lesson is ${lesson.status}`);
    if (lesson.startsAt <= this.clock.now()) throw new DomainError('conflict', 'the lesson has started; mark it held or a no-show instead');
  }

  #requireTeacher(user: Actor, lesson: LessonRecord): void {
    if (lesson.teacherId !== user.id && user.role !== 'admin') throw new DomainError('forbidden', "only the lesson's teacher may do this");
  }

  /** What cancelling now would do to the credit: for a student the 8-hour rule, for staff always a release. */
  async cancellationPreview(user: Actor, lessonId: string): Promise<{ outcome: CreditOutcome; freeUntil: Date }> {
    const lesson = await this.lessonFor(user, lessonId);
    const freeUntil = new Date(lesson.startsAt.getTime() - this.ledger.rules.cancelWindowHours * HOUR_MS);
    const holds = await this.ledger.lessonHolds([lesson.id]);
    if (user.role !== 'student') return { outcome: holds.length > 0 ? 'release' : 'none', freeUntil };
    if (!holds.some((h) => h.studentId === user.id)) return { outcome: 'none', freeUntil };
    const insideFreeze = (await this.db.creditFreeze.count({ where: { studentId: user.id, startsAt: { lte: lesson.startsAt }, endsAt: { gt: lesson.startsAt } } })) > 0;
    return { outcome: cancellationOutcome(lesson.startsAt, this.clock.now(), this.ledger.rules, { insideFreeze }), freeUntil };
  }

  /**
   * Cancels a lesson. A student's credit follows the 8-hour rule (a student leaving a group lesson
   * gives up only their seat); the teacher's or the school's cancelling always returns it.
   */
  async cancel(user: Actor, lessonId: string): Promise<{ lesson: CalendarLesson; credits: { studentId: string; outcome: CreditOutcome }[] }> {
    const lesson = await this.lessonFor(user, lessonId);
    this.#requireUpcoming(lesson);
    const byStudent = user.role === 'student';
    const leaving = byStudent ? [user.id] : lesson.students.map((s) => s.student.id);
    const result = await this.db.$transaction(async (tx) => {
      if (byStudent && lesson.students.length > 1) await tx.lessonStudent.delete({ where: { lessonId_studentId: { lessonId, studentId: user.id } } });
      else await tx.lesson.update({ where: { id: lessonId }, data: { status: 'cancelled' } });
      const held = new Set((await this.ledger.lessonHolds([lessonId], tx)).map((h) => h.studentId));
      const credits: { studentId: string; outcome: CreditOutcome }[] = [];
      for (const studentId of leaving) {
        if (!held.has(studentId)) {
          credits.push({ studentId, outcome: 'none' });
          continue;
        }
        const { entry } = byStudent
          ? await this.ledger.cancel({ studentId, lessonId, cancelledAt: this.clock.now() }, tx)
          : await this.ledger.release({ studentId, lessonId, reason: `cancelled by the ${user.role}` }, tx);
        credits.push({ studentId, outcome: entry.kind === 'burn' ? 'burn' : 'release' });
      }
      // A student leaving a group lesson concerns only its teacher.
      const told = byStudent ? { ...lesson, students: lesson.students.filter((s) => s.student.id === user.id) } : lesson;
      await notifyLessonChange(tx, told, user, { kind: 'lesson_cancelled' });
      const after = await tx.lesson.findUniqueOrThrow({ where: { id: lessonId }, include: lessonWithPeople });
      const [dto] = await this.toCalendar([after], tx);
      return { lesson: dto as CalendarLesson, credits };
    }, SCHEDULE_TX_OPTIONS);
    await this.notifications.flush();
    return result;
  }

  /** The teacher moves a lesson to another time (the database refuses a taken one); its students are notified. */
  async move(user: Actor, lessonId: string, input: { startsAt: string; durationMinutes?: number | undefined }): Promise<CalendarLesson> {
    const lesson = await this.lessonFor(user, lessonId);
    this.#requireTeacher(user, lesson);
    this.#requireUpcoming(lesson);
    if (input.durationMinutes !== undefined) this.requireDuration(input.durationMinutes, 'body.durationMinutes');
    const startsAt = new Date(input.startsAt);
    if (startsAt <= this.clock.now()) throw invalidField('body.startsAt', 'must be in the future');
    const length = input.durationMinutes !== undefined ? input.durationMinutes * MINUTE_MS : lesson.endsAt.getTime() - lesson.startsAt.getTime();
    const moved = await this.db.$transaction(async (tx) => {
      const after = await tx.lesson.update({ where: { id: lessonId }, data: { startsAt, endsAt: new Date(startsAt.getTime() + length) }, include: lessonWithPeople });
      await notifyLessonChange(tx, after, user, { kind: 'lesson_moved', from: lesson.startsAt });
      return after;
    }, SCHEDULE_TX_OPTIONS);
    await this.notifications.flush();
    const [dto] = await this.toCalendar([moved]);
    return dto as CalendarLesson;
  }

  /** The teacher records the outcome once the lesson has started: held or a no-show both use the held credits. */
  async mark(user: Actor, lessonId: string, status: 'held' | 'no_show'): Promise<CalendarLesson> {
    const lesson = await this.lessonFor(user, lessonId);
    this.#requireTeacher(user, lesson);
    if (lesson.status !== 'scheduled') throw new DomainError('conflict', `the lesson is ${lesson.status}`);
    const now = this.clock.now();
    if (lesson.startsAt > now) throw new DomainError('conflict', 'the lesson has not started yet');
    return this.db.$transaction(async (tx) => {
      await closeLesson(tx, this.ledger, { lessonId, status, at: now, reason: status === 'held' ? 'held' : 'no-show' });
      const after = await tx.lesson.findUniqueOrThrow({ where: { id: lessonId }, include: lessonWithPeople });
      const [dto] = await this.toCalendar([after], tx);
      return dto as CalendarLesson;
    }, SCHEDULE_TX_OPTIONS);
  }

  // --- Weekly series ---

  /** Starts a weekly series and generates its lessons for the coming weeks, all or nothing (a taken week refuses the series). */
  async createSeries(input: { studentId: string; teacherId: string; language: 'en' | 'zh'; weekday: number; startMinute: number; durationMinutes: number; startsOn?: string | undefined }) {
    this.requireDuration(input.durationMinutes, 'body.durationMinutes');
    const [student, teacher, enrollment] = await Promise.all([
      this.db.user.findUnique({ where: { id: input.studentId } }),
      this.db.user.findUnique({ where: { id: input.teacherId } }),
      this.db.enrollment.findUnique({ where: { studentId_language: { studentId: input.studentId, language: input.language } } }),
    ]);
    if (student?.role !== 'student' || student.disabledAt) throw invalidField('body.studentId', 'must be an active student');
    if (!teacher || !isOneOf(TEACHING, teacher.role) || teacher.disabledAt) throw invalidField('body.teacherId', 'must be an active teacher or methodist');
    if (enrollment?.teacherId !== teacher.id) throw invalidField('body.teacherId', 'must be the teacher assigned to the student for this language');
    const today = toLocal(this.clock.now(), teacher.timeZone);
    const startsOn = input.startsOn ?? formatDate(today);
    if (startsOn < formatDate(today)) throw invalidField('body.startsOn', "must not be in the past (in the teacher's time zone)");

    return this.ledger.inStudentLock(student.id, undefined, async (tx) => {
      const slot = await tx.weeklySlot.create({
        data: {
          studentId: student.id,
          teacherId: teacher.id,
          language: input.language,
          weekday: input.weekday,
          startMinute: input.startMinute,
          durationMinutes: input.durationMinutes,
          timeZone: teacher.timeZone,
          startsOn: new Date(`${startsOn}T00:00:00Z`),
        },
        include: slotWithPeople,
      });
      const lessons: LessonRecord[] = [];
      for (const occurrence of seriesOccurrences(seriesRule(slot), this.clock.now(), this.#horizon())) lessons.push(await this.#generate(tx, slot, occurrence));
      return { slot: toSlotDto(slot), lessons: await this.toCalendar(lessons, tx) };
    });
  }

  /**
   * Tops up a series to the horizon, one lesson per transaction: a week taken meanwhile (the
   * teacher booked over it) is skipped, a week another process generated is left alone.
   */
  async topUpSeries(slot: WeeklySlotRecord): Promise<{ created: number; skipped: Date[] }> {
    const existing = await this.db.lesson.findMany({ where: { weeklySlotId: slot.id, slotOccurrence: { gte: this.clock.now() } }, select: { slotOccurrence: true } });
    const done = new Set(existing.map((l) => l.slotOccurrence?.getTime()));
    const report = { created: 0, skipped: [] as Date[] };
    for (const occurrence of seriesOccurrences(seriesRule(slot), this.clock.now(), this.#horizon())) {
      if (done.has(occurrence.start)) continue;
      try {
        await this.ledger.inStudentLock(slot.studentId, undefined, (tx) => this.#generate(tx, slot, occurrence));
        report.created += 1;
      } catch (error) {
        if ((error as { code?: unknown }).code === 'P2002') continue;
        if (!doubleBookingOf(error)) throw error;
        report.skipped.push(new Date(occurrence.start));
      }
    }
    return report;
  }

  /** One lesson of a series, holding a credit when the student has one; without, it waits for payment. */
  async #generate(tx: CreditTx, slot: WeeklySlotRecord, occurrence: Span): Promise<LessonRecord> {
    const lesson = await tx.lesson.create({
      data: {
        teacherId: slot.teacherId,
        language: slot.language,
        startsAt: new Date(occurrence.start),
        endsAt: new Date(occurrence.end),
        weeklySlotId: slot.id,
        slotOccurrence: new Date(occurrence.start),
        students: { create: [{ studentId: slot.studentId }] },
      },
      include: lessonWithPeople,
    });
    await this.tryHold(slot.studentId, lesson.id, tx);
    return lesson;
  }

  /** Holds a credit for a lesson if the student has one; false if not. */
  async tryHold(studentId: string, lessonId: string, tx?: CreditTx): Promise<boolean> {
    try {
      await this.ledger.hold({ studentId, lessonId }, tx);
      return true;
    } catch (error) {
      if (isInsufficient(error)) return false;
      throw error;
    }
  }

  /** Ends a series now: its lessons from now on are cancelled and their credits come back. */
  async endSeries(slotId: string): Promise<{ slot: WeeklySlot; cancelledLessonIds: string[] }> {
    const now = this.clock.now();
    return this.db.$transaction(async (tx) => {
      const slot = await tx.weeklySlot.findUnique({ where: { id: slotId }, include: slotWithPeople });
      if (!slot) throw new DomainError('not_found', 'no such weekly slot');
      if (slot.endedAt) throw new DomainError('conflict', 'the series has ended already');
      const ended = await tx.weeklySlot.update({ where: { id: slotId }, data: { endedAt: now }, include: slotWithPeople });
      const upcoming = await tx.lesson.findMany({ where: { weeklySlotId: slotId, status: 'scheduled', startsAt: { gt: now } }, select: { id: true } });
      for (const { id } of upcoming) await tx.lesson.update({ where: { id }, data: { status: 'cancelled' } });
      for (const hold of await this.ledger.lessonHolds(upcoming.map((l) => l.id), tx)) {
        await this.ledger.release({ studentId: hold.studentId, lessonId: hold.lessonId as string, reason: 'the weekly series ended' }, tx);
      }
      return { slot: toSlotDto(ended), cancelledLessonIds: upcoming.map((l) => l.id) };
    }, SCHEDULE_TX_OPTIONS);
  }

  #horizon(): Date {
    return new Date(this.clock.now().getTime() + this.settings.weeksAhead * WEEK_MS);
  }
}

export function seriesRule(slot: WeeklySlotRecord) {
  return {
    weekday: slot.weekday,
    startMinute: slot.startMinute,
    durationMinutes: slot.durationMinutes,
    timeZone: slot.timeZone,
    startsOn: parseDate(slot.startsOn.toISOString().slice(0, 10)),
    endedAt: slot.endedAt,
  };
}

export function toSlotDto(slot: SlotRecord): WeeklySlot {
  return {
    id: slot.id,
    student: slot.student,
    teacher: slot.teacher,
    language: slot.language,
    weekday: slot.weekday,
    startTime: formatTime(slot.startMinute),
    durationMinutes: slot.durationMinutes,
    timeZone: slot.timeZone,
    startsOn: slot.startsOn.toISOString().slice(0, 10),
    endedAt: slot.endedAt?.toISOString() ?? null,
  };
}
