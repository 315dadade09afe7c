import { z } from 'zod';
import { IsoDateTime } from './common.js';

/** What a notification is about; each user picks the channels per kind. */
export const NotificationKind = z.enum([
  'lesson_reminder_24h',
  'lesson_reminder_1h',
  'lesson_cancelled',
  'lesson_moved',
  'homework_due_soon',
  'homework_overdue',
  'credits_choice',
  'placement_request',
]);
export type NotificationKind = z.infer<typeof NotificationKind>;

export const NotificationChannel = z.enum(['in_app', 'email', 'telegram']);
export type NotificationChannel = z.infer<typeof NotificationChannel>;

/** One notification in the bell, written in the user's language and time zone when it was sent. */
export const AppNotification = z.object({
  id: z.uuid(),
  kind: NotificationKind,
  title: z.string(),
  body: z.string(),
  /** The page of the app it is about, e.g. `/schedule`. */
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type AppNotification = z.infer<typeof AppNotification>;

export const NotificationListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** Only those sent before this instant: the next page after the last item's `createdAt`. */
  before: IsoDateTime.optional(),
});
export type NotificationListQuery = z.infer<typeof NotificationListQuery>;

export const NotificationList = z.object({
  items: z.array(AppNotification),
  unread: z.number().int(),
});
export type NotificationList = z.infer<typeof NotificationList>;

export const UnreadCount = z.object({ unread: z.number().int() });
export type UnreadCount = z.infer<typeof UnreadCount>;

/** Sent over the Socket.IO connection to the user's own channel when a notification arrives. */
export const NotificationEvent = z.object({ notification: AppNotification, unread: z.number().int() });
export type NotificationEvent = z.infer<typeof NotificationEvent>;

export const NotificationPreference = z.object({
  kind: NotificationKind,
  /** Empty: this kind is not sent at all. */
  channels: z.array(NotificationChannel).max(3).refine((channels) => new Set(channels).size === channels.length, { message: 'must not repeat a channel' }),
});
export type NotificationPreference = z.infer<typeof NotificationPreference>;

export const NotificationSettings = z.object({
  /** The kinds that concern the user's role, each with its chosen channels. */
  preferences: z.array(NotificationPreference),
  telegram: z.object({
    /** The school has configured a bot. */
    available: z.boolean(),
    linked: z.boolean(),
  }),
});
export type NotificationSettings = z.infer<typeof NotificationSettings>;

export const UpdateNotificationSettingsBody = z.object({
  preferences: z
    .array(NotificationPreference)
    .min(1)
    .max(NotificationKind.options.length)
    .refine((items) => new Set(items.map((p) => p.kind)).size === items.length, { message: 'must not repeat a kind' }),
});
export type UpdateNotificationSettingsBody = z.infer<typeof UpdateNotificationSettingsBody>;

/** A one-time code to send to the school's bot as `/start <code>`; it links the chat to this account. */
export const TelegramLinkCode = z.object({
  code: z.string(),
  /** What to send to the bot. */
  command: z.string(),
  /** `https://t.me/<bot>?start=<code>` when the bot's name is known. */
  url: z.string().nullable(),
  expiresAt: z.string(),
});
export type TelegramLinkCode = z.infer<typeof TelegramLinkCode>;

/** The part of a Telegram Bot API `Update` the bot reads; the rest is ignored. */
export const TelegramUpdate = z.object({
  update_id: z.number().int(),
  message: z
    .object({
      chat: z.object({ id: z.number().int() }),
      text: z.string().max(4096).optional(),
    })
    .optional(),
});
export type TelegramUpdate = z.infer<typeof TelegramUpdate>;
