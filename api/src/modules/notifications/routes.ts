import {
  IdParams,
  NotificationList,
  NotificationListQuery,
  NotificationSettings,
  TelegramLinkCode,
  TelegramUpdate,
  UnreadCount,
  UpdateNotificationSettingsBody,
  type Role,
} from '@panda/shared';
import type { Db } from '@panda/db';
import { DomainError, invalidField } from '../../domain-error.js';
import { webhookRefusal } from '../../http/problem.js';
import type { ApiModule } from '../../module.js';
import { defaultChannels, KINDS_BY_ROLE } from './notification-rules.js';
import { toNotificationDto } from './notifications.js';

async function settingsOf(db: Db, user: { id: string; role: Role }, telegramAvailable: boolean): Promise<NotificationSettings> {
  const [chosen, link] = await Promise.all([db.notificationPreference.findMany({ where: { userId: user.id } }), db.telegramLink.findUnique({ where: { userId: user.id } })]);
  return {
    preferences: KINDS_BY_ROLE[user.role].map((kind) => ({ kind, channels: chosen.find((p) => p.kind === kind)?.channels ?? defaultChannels(kind) })),
    telegram: { available: telegramAvailable, linked: link !== null },
  };
}

const unreadOf = (db: Db, userId: string) => db.notification.count({ where: { userId, readAt: null } });

export const notificationsModule: ApiModule = {
  name: 'notifications',
  register(router, { db, clock, notifications, services }) {
    const tag = 'notifications';
    const bot = notifications.telegram;
    const links = services.telegramLinks;
    const requireLinks = () => {
      if (!links) throw new DomainError('telegram_unavailable', 'the school has no Telegram bot (TELEGRAM_BOT_TOKEN is not set)');
      return links;
    };

    router.operation(
      { method: 'get', path: '/me/notifications', summary: 'My notifications, newest first, and how many are unread', tag, access: 'user', query: NotificationListQuery, response: NotificationList },
      async ({ user, query }) => {
        const [items, unread] = await Promise.all([
          db.notification.findMany({
            where: { userId: user.id, ...(query.before ? { createdAt: { lt: new Date(query.before) } } : {}) },
            orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
            take: query.limit,
          }),
          unreadOf(db, user.id),
        ]);
        return { items: items.map(toNotificationDto), unread };
      },
    );

    router.operation(
      { method: 'post', path: '/me/notifications/:id/read', summary: 'Mark one of my notifications read; answers the unread count', tag, access: 'user', params: IdParams, response: UnreadCount },
      async ({ user, params }) => {
        const notification = await db.notification.findUnique({ where: { id: params.id } });
        if (notification?.userId !== user.id) throw new DomainError('not_found', 'no such notification');
        if (!notification.readAt) await db.notification.update({ where: { id: params.id }, data: { readAt: clock.now() } });
        return { unread: await unreadOf(db, user.id) };
      },
    );

    router.operation(
      { method: 'post', path: '/me/notifications/read-all', summary: 'Mark all my notifications read', tag, access: 'user', response: UnreadCount },
      async ({ user }) => {
        await db.notification.updateMany({ where: { userId: user.id, readAt: null }, data: { readAt: clock.now() } });
        return { unread: 0 };
      },
    );

    router.operation(
      { method: 'get', path: '/me/notification-settings', summary: 'The channels of each kind of notification that concerns me, and my Telegram link', tag, access: 'user', response: NotificationSettings },
      async ({ user }) => settingsOf(db, user, Boolean(bot)),
    );

    router.operation(
      {
        method: 'put',
        path: '/me/notification-settings',
        summary: 'Choose the channels of some kinds of notification (an empty list: not at all); kinds left out keep theirs',
        tag,
        access: 'user',
        body: UpdateNotificationSettingsBody,
        response: NotificationSettings,
      },
      async ({ user, body }) => {
        body.preferences.forEach(({ kind }, index) => {
          if (!KINDS_BY_ROLE[user.role].includes(kind)) throw invalidField(`body.preferences.${index}.kind`, `does not concern a ${user.role}`);
        });
        await db.$transaction(
          body.preferences.map(({ kind, channels }) =>
            db.notificationPreference.upsert({ where: { userId_kind: { userId: user.id, kind } }, create: { userId: user.id, kind, channels }, update: { channels } }),
          ),
        );
        return settingsOf(db, user, Boolean(bot));
      },
    );

    router.operation(
      {
        method: 'post',
        path: '/me/telegram/link-code',
        summary: 'A one-time code to send to the school’s Telegram bot as `/start <code>`, linking the chat to my account (503 telegram_unavailable without a bot)',
        tag,
        access: 'user',
        response: TelegramLinkCode,
        status: 201,
      },
      async ({ user }) => requireLinks().newCode(user.id),
    );

    router.operation(
      { method: 'delete', path: '/me/telegram', summary: 'Unlink my Telegram chat', tag, access: 'user', status: 204 },
      async ({ user }) => {
        await db.telegramLink.deleteMany({ where: { userId: user.id } });
      },
    );

    router.operation(
      {
        method: 'post',
        path: '/telegram/webhook',
        summary: 'Updates from Telegram (set with setWebhook at start-up); refused without the secret token header',
        tag,
        access: 'public',
        body: TelegramUpdate,
        status: 204,
      },
      async ({ body, request }) => {
        const handler = requireLinks();
        if (!handler.verifies(request.get('x-telegram-bot-api-secret-token'))) throw webhookRefusal(403, 'the secret token is missing or wrong');
        await handler.handle(body);
      },
    );
  },
};
