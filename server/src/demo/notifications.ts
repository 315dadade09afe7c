import { reminderKey, renderNotification, type NotificationData } from '@panda/api';
import type { Prisma } from '@panda/db';
import { type CreditBalance, HOUR_MS, type NotificationKind } from '@panda/shared';
import { indexBy } from './bulk.js';
import type { DemoLesson, DemoLessons } from './lessons.js';
import type { DemoPeople, SeededPerson } from './people.js';
import { after, type DemoTimes } from './times.js';

interface Delivered<K extends NotificationKind> {
  to: SeededPerson;
  kind: K;
  data: NotificationData[K];
  dedupeKey: string;
  sentAt: Date;
  /** Left out: still unread. */
  readAt?: Date;
}

/**
 * Notifications as the dispatcher leaves them once sent: each job marked sent (so nothing sends it
 * again) with the bell's line, written in the reader's language.
 */
async function delivered(tx: Prisma.TransactionClient, notices: ReadonlyArray<Delivered<NotificationKind>>): Promise<void> {
  const jobs = await tx.notificationJob.createManyAndReturn({
    data: notices.map((notice) => ({
      userId: notice.to.id,
      kind: notice.kind,
      data: notice.data as unknown as Prisma.InputJsonValue,
      sendAt: notice.sentAt,
      dedupeKey: notice.dedupeKey,
      status: 'sent' as const,
      attempts: 1,
      sentAt: notice.sentAt,
      createdAt: notice.sentAt,
    })),
    select: { id: true, dedupeKey: true },
  });
  const jobOf = indexBy(jobs, (job) => job.dedupeKey);
  await tx.notification.createMany({
    data: notices.map((notice) => ({
      userId: notice.to.id,
      jobId: jobOf(notice.dedupeKey).id,
      kind: notice.kind,
      ...renderNotification(notice.kind, notice.data, notice.to),
      createdAt: notice.sentAt,
      readAt: notice.readAt ?? null,
    })),
  });
}

/** A lesson reminder for one of its people, sent when the dispatcher would have sent it. */
function reminder(kind: 'lesson_reminder_24h' | 'lesson_reminder_1h', lesson: DemoLesson, to: SeededPerson, other: SeededPerson, read: boolean): Delivered<typeof kind> {
  const sentAt = after(lesson.startsAt, kind === 'lesson_reminder_1h' ? -HOUR_MS : -24 * HOUR_MS);
  return {
    to,
    kind,
    data: { lessonId: lesson.id, startsAt: lesson.startsAt.toISOString(), language: 'en', with: other.name },
    dedupeKey: reminderKey(kind, lesson.id, lesson.startsAt, to.id),
    sentAt,
    ...(read ? { readAt: after(sentAt, HOUR_MS) } : {}),
  };
}

export interface NotificationsInput {
  people: DemoPeople;
  lessons: DemoLessons;
  times: DemoTimes;
  /** Yesterday's homework, overdue since the lesson on now began. */
  overdue: { homeworkId: string; title: string; dueAt: Date };
  placementRequests: ReadonlyArray<{ id: string; name: string; language: 'en' | 'zh'; createdAt: Date }>;
  mariaChoice: CreditBalance['choice'];
}

/** The bells: reminders (the latest unread), Ivan's overdue homework, the methodist's new requests, Maria's day-27 notice. */
export async function seedNotifications(tx: Prisma.TransactionClient, input: NotificationsInput): Promise<void> {
  const { people, lessons, overdue } = input;
  const { ivan, anna } = people;
  const notices: Array<Delivered<NotificationKind>> = [
    reminder('lesson_reminder_24h', lessons.yesterday, ivan, anna, true),
    reminder('lesson_reminder_24h', lessons.yesterday, anna, ivan, true),
    reminder('lesson_reminder_1h', lessons.now, ivan, anna, false),
    reminder('lesson_reminder_1h', lessons.now, anna, ivan, false),
    {
      to: ivan,
      kind: 'homework_overdue',
      data: { homeworkId: overdue.homeworkId, title: overdue.title, dueAt: overdue.dueAt.toISOString() },
      dedupeKey: `homework-overdue:${overdue.homeworkId}:${ivan.id}:${overdue.dueAt.toISOString()}`,
      sentAt: overdue.dueAt,
    },
    ...input.placementRequests.map(
      (request): Delivered<'placement_request'> => ({
        to: people.methodist,
        kind: 'placement_request',
        data: { name: request.name, language: request.language },
        dedupeKey: `placement-request:${request.id}:${people.methodist.id}`,
        sentAt: request.createdAt,
      }),
    ),
  ];
  const choice = input.mariaChoice;
  if (choice) {
    notices.push({
      to: people.maria,
      kind: 'credits_choice',
      data: { remaining: choice.remaining, expiresAt: choice.expiresAt },
      dedupeKey: `credits-choice:${choice.purchaseId}`,
      sentAt: new Date(choice.opensAt),
    });
  }
  await delivered(tx, notices);
}
