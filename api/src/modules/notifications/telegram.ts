export interface TelegramSettings {
  /** The Bot API's base address, `https://api.telegram.org` (tests: a local fake). */
  apiUrl: string;
  /** The bot's token from @BotFather; part of every request's path, so never logged. */
  token: string;
  /** Telegram sends it back in `X-Telegram-Bot-Api-Secret-Token` with each update. */
  webhookSecret: string;
}

/** A failed Bot API call; the message names the method and Telegram's answer, never the token. */
export class TelegramError extends Error {}

const TIMEOUT_MS = 10_000;

/** The few Bot API methods the school's bot uses. */
export class TelegramBot {
  #username: Promise<string | null> | undefined;

  constructor(readonly settings: TelegramSettings) {}

  async #call<T>(method: string, body: Record<string, unknown>): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.settings.apiUrl}/bot${this.settings.token}/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      // fetch's own errors may quote the address, which holds the token.
      throw new TelegramError(`telegram ${method}: ${(error as Error).name === 'TimeoutError' ? 'timed out' : 'unreachable'}`);
    }
    const answer = (await response.json().catch(() => null)) as { ok?: boolean; result?: T; description?: string } | null;
    if (!answer?.ok) throw new TelegramError(`telegram ${method}: ${response.status} ${answer?.description ?? ''}`.trim());
    return answer.result as T;
  }

  sendMessage(chatId: bigint, text: string): Promise<unknown> {
    return this.#call('sendMessage', { chat_id: Number(chatId), text, link_preview_options: { is_disabled: true } });
  }

  /** Updates are pushed to `url` (it must be HTTPS and reachable from Telegram). */
  setWebhook(url: string): Promise<unknown> {
    return this.#call('setWebhook', { url, secret_token: this.settings.webhookSecret, allowed_updates: ['message'] });
  }

  /** The bot's @name for `t.me` links, asked once; null while Telegram cannot be reached. */
  username(): Promise<string | null> {
    this.#username ??= this.#call<{ username?: string }>('getMe', {}).then(
      (me) => me.username ?? null,
      () => {
        this.#username = undefined;
        return null;
      },
    );
    return this.#username;
  }
}
