import { randomUUID } from 'node:crypto';
import type { Db, Prisma } from '@panda/db';
import { MINUTE_MS, type AppNotification, type Clock, type NotificationEvent, type NotificationKind } from '@panda/shared';
import type { Logger } from 'pino';
import type { Mailer } from '../../mail/mailer.js';
import { notificationMail, renderNotification, type LessonRef, type NotificationData } from '../../mail/notification-templates.js';
import { effectiveChannels, MAX_ATTEMPTS, REMINDERS, reminderKey, reminderPlan, retryAt } from './notification-rules.js';
import type { TelegramBot } from './telegram.js';

type Tx = Prisma.TransactionClient;
type JobRecord = Prisma.NotificationJobGetPayload<object>;

export interface NotifyInput<K extends NotificationKind> {
  userId: string;
  kind: K;
  data: NotificationData[K];
  /** When to send; omitted: at once. */
  sendAt?: Date;
  /** The same key again creates nothing: e.g. `lesson-moved:<lessonId>:<startsAt>:<userId>`. */
  dedupeKey: string;
}

/**
 * Queues a notification in the caller's transaction, so it exists exactly when the change it
 * reports is committed. Any process's dispatcher sends it once `sendAt` has come, on the channels
 * the user chose for the kind.
 */
export async function notify<K extends NotificationKind>(tx: Tx, input: NotifyInput<K>): Promise<void> {
  await tx.notificationJob.createMany({
    data: [{ userId: input.userId, kind: input.kind, data: input.data as unknown as Prisma.InputJsonValue, sendAt: input.sendAt ?? null, dedupeKey: input.dedupeKey }],
    skipDuplicates: true,
  });
}

/** How long a claimed job is this process's to send; a process that dies mid-send holds it no longer. */
export const LEASE_MS = 5 * MINUTE_MS;

/** Reminders are created this long before they are due, so a sweep every few seconds sends them on time. */
const REMINDER_LOOKAHEAD_MS = 10 * MINUTE_MS;

const CLAIM_BATCH = 20;

export interface NotificationsDeps {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  /** Undefined when the school has no bot (TELEGRAM_BOT_TOKEN unset). */
  telegram: TelegramBot | undefined;
  logger: Pick<Logger, 'warn'>;
  /** For the link at the end of an e-mail. */
  publicUrl: string;
  /** Pushes a new in-app notification to the user's open connections (Socket.IO), if any. */
  live?: (userId: string, event: NotificationEvent) => void;
}

export interface ClaimedJob {
  job: JobRecord;
  token: string;
}

export function toNotificationDto(row: Prisma.NotificationGetPayload<object>): AppNotification {
  return { id: row.id, kind: row.kind, title: row.title, body: row.body, link: row.link, createdAt: row.createdAt.toISOString(), readAt: row.readAt?.toISOString() ?? null };
}

/**
 * The dispatcher. Due jobs are claimed with `FOR UPDATE SKIP LOCKED` and a lease, so two processes
 * never work on the same job at once; a job is marked sent in the same transaction that writes its
 * in-app notification, so that part happens exactly once. E-mail and Telegram cannot join a
 * database transaction: each send is recorded on the job right after it succeeds, and a process
 * dying between the send and that record means it is sent again once the lease runs out
 * (at-least-once, for that moment only).
 */
export class Notifications {
  readonly #deps: NotificationsDeps;

  constructor(deps: NotificationsDeps) {
    this.#deps = deps;
  }

  get telegram(): TelegramBot | undefined {
    return this.#deps.telegram;
  }

  /** One round: create the reminders that are due soon, then send everything due. */
  async tick(): Promise<void> {
    await this.scheduleReminders();
    let claimed: number;
    do claimed = await this.deliverDue();
    while (claimed === CLAIM_BATCH);
  }

  /** Sends what is due now (e.g. right after a change was committed); failures are logged, never thrown. */
  async flush(): Promise<void> {
    await this.deliverDue().catch((error: unknown) => this.#deps.logger.warn({ err: error }, 'sending notifications failed'));
  }

  /**
   * Creates the 24-hour and 1-hour reminders of upcoming lessons for their teacher and students.
   * Computed from the lessons themselves (not at booking), so a booking, a move or a restart needs
   * nothing else; the dedupe key carries the start, so a moved lesson gets fresh reminders.
   */
  async scheduleReminders(): Promise<number> {
    const { db, clock } = this.#deps;
    const now = clock.now();
    const latest = now.getTime() + REMINDER_LOOKAHEAD_MS;
    const lessons = await db.lesson.findMany({
      where: { status: 'scheduled', startsAt: { gt: now, lte: new Date(latest + REMINDERS[0].before) } },
      include: { teacher: { select: { id: true, name: true } }, students: { include: { student: { select: { id: true, name: true } } } } },
    });
    const jobs: Prisma.NotificationJobCreateManyInput[] = [];
    for (const lesson of lessons) {
      const people = [
        { userId: lesson.teacherId, with: lesson.students.map((s) => s.student.name).join(', ') },
        ...lesson.students.map((s) => ({ userId: s.student.id, with: lesson.teacher.name })),
      ];
      for (const { kind, sendAt } of reminderPlan({ startsAt: lesson.startsAt, bookedAt: lesson.createdAt }, now)) {
        if (sendAt.getTime() > latest) continue;
        for (const person of people) {
          const data: LessonRef = { lessonId: lesson.id, startsAt: lesson.startsAt.toISOString(), language: lesson.language, with: person.with };
          jobs.push({ userId: person.userId, kind, data: { ...data }, sendAt, dedupeKey: reminderKey(kind, lesson.id, lesson.startsAt, person.userId) });
        }
      }
    }
    if (jobs.length === 0) return 0;
    return (await db.notificationJob.createMany({ data: jobs, skipDuplicates: true })).count;
  }

  /** Claims and sends one batch of due jobs; the number claimed. */
  async deliverDue(): Promise<number> {
    const claimed = await this.claim(CLAIM_BATCH);
    for (const job of claimed) await this.deliver(job);
    return claimed.length;
  }

  /** Takes up to `limit` due jobs nobody holds, for LEASE_MS. */
  async claim(limit: number): Promise<ClaimedJob[]> {
    const { db, clock } = this.#deps;
    const now = clock.now();
    const token = randomUUID();
    // The columns are UTC timestamps without a zone: compare with UTC text.
    const at = now.toISOString();
    const until = new Date(now.getTime() + LEASE_MS).toISOString();
    const rows = await db.$queryRaw<Array<{ id: string }>>`
      UPDATE "NotificationJob" SET "lockToken" = ${token}::uuid, "lockedUntil" = ${until}::timestamp, "attempts" = "attempts" + 1
      WHERE "id" IN (
        SELECT "id" FROM "NotificationJob"
        WHERE "status" = 'pending' AND ("sendAt" IS NULL OR "sendAt" <= ${at}::timestamp)
          AND ("lockedUntil" IS NULL OR "lockedUntil" <= ${at}::timestamp)
        ORDER BY "sendAt" ASC NULLS FIRST
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
      RETURNING "id"`;
    if (rows.length === 0) return [];
    const jobs = await db.notificationJob.findMany({ where: { id: { in: rows.map((r) => r.id) }, lockToken: token }, orderBy: { sendAt: 'asc' } });
    return jobs.map((job) => ({ job, token }));
  }

  /** Sends a claimed job on the user's channels; gives it back for a retry when a channel fails. */
  async deliver(claimed: ClaimedJob): Promise<void> {
    const { db, clock, mailer, telegram, publicUrl } = this.#deps;
    const mine = { id: claimed.job.id, lockToken: claimed.token, status: 'pending' as const };
    // A process that stalled past its lease finds the job taken over (or done) and leaves it.
    const job = await db.notificationJob.findFirst({ where: mine });
    if (!job) return;
    const user = await db.user.findUnique({ where: { id: job.userId }, include: { telegramLink: true, notificationPrefs: { where: { kind: job.kind } } } });
    if (!user || user.disabledAt || !(await this.#stillRelevant(job))) {
      await db.notificationJob.updateMany({ where: mine, data: { status: 'obsolete', lockedUntil: null } });
      return;
    }
    const rendered = renderNotification(job.kind, job.data as never, user);
    const channels = effectiveChannels(job.kind, user.notificationPrefs[0]?.channels, { telegram: Boolean(telegram && user.telegramLink) });
    try {
      if (channels.includes('email') && !job.emailSentAt) {
        await mailer.send(notificationMail(rendered, user, publicUrl));
        if ((await db.notificationJob.updateMany({ where: mine, data: { emailSentAt: clock.now() } })).count === 0) return;
      }
      if (telegram && user.telegramLink && channels.includes('telegram') && !job.telegramSentAt) {
        await telegram.sendMessage(user.telegramLink.chatId, `${rendered.title}\n\n${rendered.body}\n\n${publicUrl}${rendered.link}`);
        if ((await db.notificationJob.updateMany({ where: mine, data: { telegramSentAt: clock.now() } })).count === 0) return;
      }
    } catch (error) {
      const giveUp = job.attempts >= MAX_ATTEMPTS;
      const lastError = error instanceof Error ? error.message.slice(0, 500) : 'failed';
      await db.notificationJob.updateMany({ where: mine, data: { lastError, status: giveUp ? 'failed' : 'pending', lockedUntil: giveUp ? null : retryAt(job.attempts, clock.now()) } });
      this.#deps.logger.warn({ jobId: job.id, kind: job.kind, attempts: job.attempts, error: lastError }, 'a notification could not be sent');
      return;
    }
    const now = clock.now();
    const created = await db.$transaction(async (tx) => {
      // Still ours: a process whose lease ran out must not finish what another has taken over.
      const done = await tx.notificationJob.updateMany({ where: mine, data: { status: 'sent', sentAt: now, lockedUntil: null } });
      if (done.count === 0 || !channels.includes('in_app')) return null;
      const row = await tx.notification.create({ data: { userId: job.userId, jobId: job.id, kind: job.kind, ...rendered, createdAt: now } });
      return { notification: toNotificationDto(row), unread: await tx.notification.count({ where: { userId: job.userId, readAt: null } }) };
    });
    if (created) this.#deps.live?.(job.userId, created);
  }

  /**
   * A reminder is about a lesson that still takes place at that time, with this person in it; a
   * homework notice about work still not handed in, with the same deadline.
   */
  async #stillRelevant(job: JobRecord): Promise<boolean> {
    if (job.kind === 'homework_due_soon' || job.kind === 'homework_overdue') {
      const { homeworkId, dueAt } = job.data as unknown as NotificationData['homework_due_soon'];
      const submission = await this.#deps.db.homeworkSubmission.findUnique({ where: { homeworkId_studentId: { homeworkId, studentId: job.userId } } });
      return submission !== null && submission.submittedAt === null && submission.dueAt.toISOString() === dueAt;
    }
    if (job.kind !== 'lesson_reminder_24h' && job.kind !== 'lesson_reminder_1h') return true;
    const { lessonId, startsAt } = job.data as unknown as LessonRef;
    const lesson = await this.#deps.db.lesson.findUnique({ where: { id: lessonId }, include: { students: { select: { studentId: true } } } });
    return (
      lesson?.status === 'scheduled' &&
      lesson.startsAt.toISOString() === startsAt &&
      (lesson.teacherId === job.userId || lesson.students.some((s) => s.studentId === job.userId))
    );
  }
}
