import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '@panda/db';
import { MINUTE_MS, type Clock, type TelegramLinkCode, type TelegramUpdate } from '@panda/shared';
import { TELEGRAM_REPLIES } from '../../mail/notification-templates.js';
import type { TelegramBot } from './telegram.js';

/** A linking code is good this long. */
const CODE_TTL_MS = 15 * MINUTE_MS;

const hash = (code: string) => createHash('sha256').update(code).digest('hex');

/**
 * Linking a Telegram chat to an account: the user gets a one-time code on the profile page and
 * sends `/start <code>` to the bot (a `t.me/<bot>?start=<code>` link does it in one tap); Telegram
 * delivers that message to our webhook. Codes are 128 random bits, so a plain hash keeps them.
 */
export class TelegramLinks {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly bot: TelegramBot,
  ) {}

  /** A fresh code for the user; an earlier unused one stops working. */
  async newCode(userId: string): Promise<TelegramLinkCode> {
    const code = randomBytes(16).toString('base64url');
    const expiresAt = new Date(this.clock.now().getTime() + CODE_TTL_MS);
    await this.db.telegramLinkCode.upsert({ where: { userId }, create: { userId, codeHash: hash(code), expiresAt }, update: { codeHash: hash(code), expiresAt } });
    const username = await this.bot.username();
    return { code, command: `/start ${code}`, url: username ? `https://t.me/${username}?start=${code}` : null, expiresAt: expiresAt.toISOString() };
  }

  /** Telegram signs nothing: an update is ours when it carries the secret we gave to setWebhook. */
  verifies(secretHeader: string | undefined): boolean {
    const expected = Buffer.from(this.bot.settings.webhookSecret);
    const given = Buffer.from(secretHeader ?? '');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** Handles an update from the webhook: `/start <code>` links the chat; anything else is ignored. */
  async handle(update: TelegramUpdate): Promise<void> {
    const message = update.message;
    const code = message?.text?.match(/^\/start\s+([\w-]{1,64})\s*$/)?.[1];
    if (!message || !code) return;
    const chatId = BigInt(message.chat.id);
    const now = this.clock.now();
    const user = await this.db.$transaction(async (tx) => {
      const found = await tx.telegramLinkCode.findUnique({ where: { codeHash: hash(code) }, include: { user: true } });
      if (!found || found.expiresAt <= now) return null;
      await tx.telegramLinkCode.delete({ where: { userId: found.userId } });
      // A chat belongs to one account: linking it again moves it.
      await tx.telegramLink.deleteMany({ where: { OR: [{ chatId }, { userId: found.userId }] } });
      await tx.telegramLink.create({ data: { userId: found.userId, chatId, linkedAt: now } });
      return found.user;
    });
    // The link stands either way; a lost answer is not worth Telegram retrying the update.
    await this.bot.sendMessage(chatId, user ? TELEGRAM_REPLIES.linked[user.locale](user.name) : TELEGRAM_REPLIES.invalid).catch(() => undefined);
  }
}
