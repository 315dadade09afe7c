import { HOUR_MS, MINUTE_MS, type NotificationChannel, type NotificationKind, type Role } from '@panda/shared';

/** The kinds that concern each role: what the settings page offers. */
export const KINDS_BY_ROLE: Record<Role, readonly NotificationKind[]> = {
  student: ['lesson_reminder_24h', 'lesson_reminder_1h', 'lesson_cancelled', 'lesson_moved', 'homework_due_soon', 'homework_overdue', 'credits_choice'],
  teacher: ['lesson_reminder_24h', 'lesson_reminder_1h', 'lesson_cancelled', 'lesson_moved'],
  methodist: ['lesson_reminder_24h', 'lesson_reminder_1h', 'lesson_cancelled', 'lesson_moved', 'placement_request'],
  admin: ['lesson_cancelled', 'lesson_moved'],
};

/**
 * Channels a kind uses until the user chooses: everything in the app and on Telegram (once
 * linked); e-mail for all but the 1-hour reminder, which is stale by the time mail is read.
 */
export function defaultChannels(kind: NotificationKind): NotificationChannel[] {
  return kind === 'lesson_reminder_1h' ? ['in_app', 'telegram'] : ['in_app', 'email', 'telegram'];
}

/** The channels a notification goes out on: the user's choice (or the default) that can be reached. */
export function effectiveChannels(kind: NotificationKind, chosen: readonly NotificationChannel[] | undefined, reach: { telegram: boolean }): NotificationChannel[] {
  return (chosen ?? defaultChannels(kind)).filter((channel) => channel !== 'telegram' || reach.telegram);
}

/** The lesson reminders, each sent this long before the start. */
export const REMINDERS = [
  { kind: 'lesson_reminder_24h', before: 24 * HOUR_MS },
  { kind: 'lesson_reminder_1h', before: HOUR_MS },
] as const;

export type ReminderKind = (typeof REMINDERS)[number]['kind'];

/**
 * The reminders a lesson should get, computed from the lesson alone so that a periodic sweep can
 * create them idempotently. A reminder whose moment passed before the lesson was booked is left
 * out (a lesson booked for this evening gets no "tomorrow" reminder), and so is one overtaken by a
 * later reminder or the start (a sweep that ran late sends only the one that still makes sense).
 */
export function reminderPlan(lesson: { startsAt: Date; bookedAt: Date }, now: Date): Array<{ kind: ReminderKind; sendAt: Date }> {
  const start = lesson.startsAt.getTime();
  return REMINDERS.flatMap(({ kind, before }, index) => {
    const sendAt = start - before;
    const overtakenAt = start - (REMINDERS[index + 1]?.before ?? 0);
    if (sendAt < lesson.bookedAt.getTime() || now.getTime() >= overtakenAt) return [];
    return [{ kind, sendAt: new Date(sendAt) }];
  });
}

/** Each reminder once per person, lesson and start time: a moved lesson gets new ones. */
export function reminderKey(kind: ReminderKind, lessonId: string, startsAt: Date, userId: string): string {
  return `reminder:${kind === 'lesson_reminder_1h' ? '1h' : '24h'}:${lessonId}:${startsAt.toISOString()}:${userId}`;
}

/** Attempts before a job is given up. */
export const MAX_ATTEMPTS = 6;

/** After a failed attempt, when to try again: 1, 2, 4, 8, 16 minutes. */
export function retryAt(attempts: number, now: Date): Date {
  return new Date(now.getTime() + 2 ** Math.max(0, attempts - 1) * MINUTE_MS);
}
