import type { Language, Prisma } from '@panda/db';
import {
  contactEmail,
  MINUTE_MS,
  TEACHING,
  type PlacementAssessmentBody,
  type ReassignTeacherBody,
  type SchedulePlacementBody,
  type StudentPlacementBody,
  type VisitorPlacementBody,
} from '@panda/shared';
import type { ApiDeps } from '../../deps.js';
import { DomainError, invalidField } from '../../domain-error.js';
import { audit } from '../audit/audit.js';
import { type EmailCodeStore } from '../auth/email-code-store.js';
import { UNUSABLE_PASSWORD } from '../auth/passwords.js';
import { notify } from '../notifications/notifications.js';
import { enrollmentWithPeople, placementStatus, requestWithPeople } from './placement-dto.js';

type Tx = Prisma.TransactionClient;

/** A request still waiting for its lesson or for the outcome: the same person asking again gets it back. */
const OPEN_STATUSES = ['new', 'scheduled'] as const;

/**
 * The free placement lesson: requests from visitors and students, the methodist's lesson, and
 * the assessment that enrolls the student with a teacher per language.
 */
export class PlacementService {
  readonly #deps: ApiDeps;
  readonly #codes: EmailCodeStore;

  constructor(deps: ApiDeps, codes: EmailCodeStore) {
    this.#deps = deps;
    this.#codes = codes;
  }

  /** A visitor's request; asking again for the same language while one is open changes nothing. */
  async requestAsVisitor(body: VisitorPlacementBody): Promise<void> {
    const { db, clock } = this.#deps;
    const open = await db.placementRequest.findFirst({ where: { contact: body.contact, language: body.language, status: { in: [...OPEN_STATUSES] } } });
    if (open) return;
    await this.#created((tx) =>
      tx.placementRequest.create({
        data: {
          name: body.name,
          contact: body.contact,
          email: contactEmail(body.contact),
          language: body.language,
          comment: body.comment ?? null,
          consentedAt: clock.now(),
          locale: body.locale,
          timeZone: body.timeZone,
        },
      }),
    );
  }

  /** A student's request; an open one for the language is returned instead of a second. */
  async requestAsStudent(studentId: string, body: StudentPlacementBody) {
    const { db } = this.#deps;
    const open = await db.placementRequest.findFirst({ where: { studentId, language: body.language, status: { in: [...OPEN_STATUSES] } }, include: requestWithPeople });
    if (open) return { request: open, created: false };
    const student = await db.user.findUniqueOrThrow({ where: { id: studentId } });
    const request = await this.#created((tx) =>
      tx.placementRequest.create({
        data: { name: student.name, contact: student.email, email: student.email, language: body.language, comment: body.comment ?? null, studentId },
        include: requestWithPeople,
      }),
    );
    return { request, created: true };
  }

  /** Creates a request and tells every methodist about it. */
  async #created<R extends { id: string; name: string; language: Language }>(create: (tx: Tx) => Promise<R>): Promise<R> {
    const { db, notifications } = this.#deps;
    const request = await db.$transaction(async (tx) => {
      const created = await create(tx);
      const methodists = await tx.user.findMany({ where: { role: 'methodist', disabledAt: null }, select: { id: true } });
      for (const { id } of methodists) {
        await notify(tx, { userId: id, kind: 'placement_request', data: { name: created.name, language: created.language }, dedupeKey: `placement-request:${created.id}:${id}` });
      }
      return created;
    });
    await notifications.flush();
    return request;
  }

  /**
   * Books the lesson with the methodist, free (no credit is held). A visitor gets a student account
   * and an e-mailed code to set its password, so they can sign in and enter the room. Scheduling a
   * scheduled request again moves it: the earlier lesson is cancelled.
   */
  async schedule(requestId: string, methodistId: string, body: SchedulePlacementBody) {
    const { db, clock } = this.#deps;
    const startsAt = new Date(body.startsAt);
    if (startsAt.getTime() <= clock.now().getTime()) throw invalidField('body.startsAt', 'must be in the future');
    const endsAt = new Date(startsAt.getTime() + body.durationMinutes * MINUTE_MS);
    const { request, invite } = await db.$transaction(async (tx) => {
      const request = await this.#lockRequest(tx, requestId);
      if (request.status === 'assessed' || request.status === 'cancelled' || request.lesson?.status === 'held') {
        throw new DomainError('conflict', `the request is ${placementStatus(request)}; it cannot be scheduled`);
      }
      const student = request.studentId ? { id: request.studentId, invite: null } : await this.#studentFor(tx, request, body.email);
      if (request.lessonId && request.lesson?.status === 'scheduled') await tx.lesson.update({ where: { id: request.lessonId }, data: { status: 'cancelled' } });
      const lessonId = await this.#bookLesson(tx, { methodistId, studentId: student.id, language: request.language, startsAt, endsAt });
      const updated = await tx.placementRequest.update({
        where: { id: request.id },
        data: { status: 'scheduled', studentId: student.id, methodistId, lessonId, ...(student.invite ? { email: student.invite.user.email } : {}) },
        include: requestWithPeople,
      });
      return { request: updated, invite: student.invite };
    });
    if (invite) await this.#codes.send('welcome_student', invite.user, invite.code);
    return request;
  }

  async cancel(requestId: string) {
    return this.#deps.db.$transaction(async (tx) => {
      const request = await this.#lockRequest(tx, requestId);
      if (request.status === 'assessed' || request.status === 'cancelled') throw new DomainError('conflict', `the request is already ${request.status}`);
      if (request.lessonId && request.lesson?.status === 'scheduled') {
        await tx.lesson.update({ where: { id: request.lessonId }, data: { status: 'cancelled' } });
      }
      return tx.placementRequest.update({ where: { id: request.id }, data: { status: 'cancelled' }, include: requestWithPeople });
    });
  }

  /**
   * Records the outcome per language and enrolls the student with the teacher chosen for it. An
   * enrollment that already has another teacher is refused: changing the teacher is a reassignment.
   * The lesson counts as held from here (the room may not have recorded it).
   */
  async assess(requestId: string, actorId: string, body: PlacementAssessmentBody) {
    const { db, clock } = this.#deps;
    const now = clock.now();
    return db.$transaction(async (tx) => {
      const request = await this.#lockRequest(tx, requestId);
      const { lesson } = request;
      if (!request.studentId || !lesson || request.status === 'cancelled' || lesson.status === 'cancelled') {
        throw new DomainError('conflict', 'only a placement lesson that took place can be assessed');
      }
      if (lesson.startsAt.getTime() > now.getTime()) throw new DomainError('conflict', 'the placement lesson has not started yet');
      for (const [index, item] of body.assessments.entries()) {
        await requireTeacherOf(tx, item.teacherId, item.language, `body.assessments.${index}.teacherId`);
        const current = await tx.enrollment.findUnique({ where: { studentId_language: { studentId: request.studentId, language: item.language } } });
        if (current?.teacherId && current.teacherId !== item.teacherId) {
          throw new DomainError('teacher_already_assigned', `the student already has a teacher for ${item.language}; reassign them explicitly`);
        }
        const fields = { level: item.level, goal: item.goal, notes: item.notes ?? null, teacherId: item.teacherId };
        const enrollment = await tx.enrollment.upsert({
          where: { studentId_language: { studentId: request.studentId, language: item.language } },
          create: { studentId: request.studentId, language: item.language, ...fields },
          update: fields,
        });
        await audit(tx, {
          actorId,
          action: 'enrollment.assess',
          target: { type: 'enrollment', id: enrollment.id },
          before: current ? { level: current.level, goal: current.goal, teacherId: current.teacherId } : null,
          after: { language: item.language, level: item.level, goal: item.goal, teacherId: item.teacherId },
          at: now,
        });
      }
      if (lesson.status === 'scheduled') await tx.lesson.update({ where: { id: lesson.id }, data: { status: 'held', heldAt: now } });
      return tx.placementRequest.update({ where: { id: request.id }, data: { status: 'assessed' }, include: requestWithPeople });
    });
  }

  /** The explicit change of teacher ("one teacher teaches a student a language until reassigned"). */
  async reassign(enrollmentId: string, actorId: string, body: ReassignTeacherBody) {
    const { db, clock } = this.#deps;
    return db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT 1 FROM "Enrollment" WHERE "id" = ${enrollmentId}::uuid FOR UPDATE`;
      const enrollment = await tx.enrollment.findUnique({ where: { id: enrollmentId } });
      if (!enrollment) throw new DomainError('not_found', 'no such enrollment');
      if (enrollment.teacherId === body.teacherId) throw invalidField('body.teacherId', 'is already the teacher');
      await requireTeacherOf(tx, body.teacherId, enrollment.language, 'body.teacherId');
      const updated = await tx.enrollment.update({ where: { id: enrollment.id }, data: { teacherId: body.teacherId }, include: enrollmentWithPeople });
      await audit(tx, {
        actorId,
        action: 'enrollment.reassign',
        target: { type: 'enrollment', id: enrollment.id },
        before: { teacherId: enrollment.teacherId },
        after: { teacherId: body.teacherId },
        reason: body.reason,
        at: clock.now(),
      });
      return updated;
    });
  }

  /** Reads the request locked, so that two methodists acting on it at once take turns. */
  async #lockRequest(tx: Tx, id: string) {
    await tx.$executeRaw`SELECT 1 FROM "PlacementRequest" WHERE "id" = ${id}::uuid FOR UPDATE`;
    const request = await tx.placementRequest.findUnique({ where: { id }, include: { lesson: true } });
    if (!request) throw new DomainError('not_found', 'no such placement request');
    return request;
  }

  /** The visitor's account: an existing student's with that e-mail, or a new one to be invited. */
  async #studentFor(tx: Tx, request: { email: string | null; name: string; locale: 'en' | 'ru' | null; timeZone: string | null }, givenEmail: string | undefined) {
    const email = givenEmail ?? request.email;
    if (!email) throw invalidField('body.email', 'is needed: the visitor left a phone or Telegram contact');
    const existing = await tx.user.findUnique({ where: { email } });
    if (existing) {
      if (existing.role !== 'student') throw invalidField('body.email', 'belongs to a staff account');
      return { id: existing.id, invite: null };
    }
    const user = await tx.user.create({
      data: { email, name: request.name, role: 'student', timeZone: request.timeZone ?? 'UTC', locale: request.locale ?? 'en', passwordHash: UNUSABLE_PASSWORD },
    });
    return { id: user.id, invite: { user, code: await this.#codes.issue(tx, user.id, 'reset_password') } };
  }

  /**
   * A free placement lesson with the methodist. The database refuses it when either of them has
   * another lesson then (answered as `slot_taken`), which rolls back the whole scheduling.
   */
  async #bookLesson(tx: Tx, input: { methodistId: string; studentId: string; language: Language; startsAt: Date; endsAt: Date }): Promise<string> {
    const lesson = await tx.lesson.create({
      data: {
        teacherId: input.methodistId,
        language: input.language,
        kind: 'placement',
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        students: { create: [{ studentId: input.studentId }] },
      },
    });
    return lesson.id;
  }
}

/** The teacher must be an active teacher (or methodist) of the language. */
async function requireTeacherOf(tx: Tx, teacherId: string, language: Language, path: string): Promise<void> {
  const teacher = await tx.user.findFirst({
    where: { id: teacherId, disabledAt: null, role: { in: [...TEACHING] }, teacherLanguages: { some: { language } } },
  });
  if (!teacher) throw invalidField(path, `must be an active teacher of ${language}`);
}
