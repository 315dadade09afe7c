import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentMessage {
  chatId: number;
  text: string;
}

/**
 * A local stand-in for Telegram's Bot API, speaking the methods the school's bot uses (getMe,
 * setWebhook, sendMessage) at `<url>/bot<token>/<method>`, and delivering updates to the webhook
 * the server registered, with its secret token, as Telegram would.
 */
export class FakeTelegram {
  readonly messages: SentMessage[] = [];
  webhook: { url: string; secret: string } | undefined;
  readonly #server: http.Server;

  private constructor(
    server: http.Server,
    readonly token: string,
    readonly username: string,
  ) {
    this.#server = server;
  }

  static async start(token = 'test-bot-token', username = 'panda_test_bot'): Promise<FakeTelegram> {
    const server = http.createServer();
    const fake = new FakeTelegram(server, token, username);
    server.on('request', (request, response) => void fake.#handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  async #handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = chunks.length > 0 ? (JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>) : {};
    const answer = (status: number, payload: object) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
    const match = request.url?.match(/^\/bot([^/]+)\/(\w+)$/);
    if (!match || match[1] !== this.token) return void answer(401, { ok: false, error_code: 401, description: 'Unauthorized' });
    switch (match[2]) {
      case 'getMe':
        return void answer(200, { ok: true, result: { id: 1, is_bot: true, first_name: 'Panda', username: this.username } });
      case 'setWebhook':
        this.webhook = { url: String(body.url), secret: String(body.secret_token) };
        return void answer(200, { ok: true, result: true, description: 'Webhook was set' });
      case 'sendMessage':
        this.messages.push({ chatId: Number(body.chat_id), text: String(body.text) });
        return void answer(200, { ok: true, result: { message_id: this.messages.length, chat: { id: body.chat_id }, text: body.text } });
      default:
        return void answer(404, { ok: false, error_code: 404, description: 'Not Found' });
    }
  }

  /**
   * Posts an update to the registered webhook's path on `serverUrl` (test servers' PUBLIC_URL is
   * not where they listen), with the registered secret unless another (or null: none) is given.
   */
  async deliver(serverUrl: string, update: object, secret: string | null = this.webhook?.secret ?? null): Promise<number> {
    if (!this.webhook) throw new Error('no webhook was set');
    const response = await fetch(`${serverUrl}${new URL(this.webhook.url).pathname}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(secret !== null ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
      body: JSON.stringify(update),
    });
    return response.status;
  }

  /** Messages sent to a chat so far. */
  to(chatId: number): string[] {
    return this.messages.filter((m) => m.chatId === chatId).map((m) => m.text);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }
}
