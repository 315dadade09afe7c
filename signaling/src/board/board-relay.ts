import { randomBytes } from 'node:crypto';
import type { RedisClientType } from 'redis';

/** What travels between processes that hold the same board. */
export type RelayMessage =
  /** A document update made through this process. */
  | { kind: 'update'; payload: Uint8Array }
  /** An awareness update (cursors, names) of this process's connections. */
  | { kind: 'awareness'; payload: Uint8Array }
  /** "I just loaded this board, here is my state vector": holders answer with what it lacks. */
  | { kind: 'hello'; payload: Uint8Array };

export type RelayListener = (message: RelayMessage) => void;

/** Carries board traffic between the processes that hold the same board (several processes). */
export interface BoardRelay {
  join(lessonId: string, listener: RelayListener): Promise<void>;
  leave(lessonId: string): Promise<void>;
  publish(lessonId: string, message: RelayMessage): void;
  close(): Promise<void>;
}

const KINDS = ['update', 'awareness', 'hello'] as const;
const NODE_ID_BYTES = 8;

/**
 * Redis pub/sub, one channel per board. Each message starts with the sending process's id (so a
 * process skips its own) and a kind byte. Pub/sub loses what is sent while nobody listens; a
 * process that loads a board says `hello` so that the others send it what it missed.
 */
export class RedisBoardRelay implements BoardRelay {
  readonly #publisher: RedisClientType;
  readonly #subscriber: RedisClientType;
  readonly #prefix: string;
  readonly #nodeId = randomBytes(NODE_ID_BYTES);
  readonly #onError: (error: unknown) => void;

  private constructor(publisher: RedisClientType, subscriber: RedisClientType, prefix: string, onError: (error: unknown) => void) {
    this.#publisher = publisher;
    this.#subscriber = subscriber;
    this.#prefix = prefix;
    this.#onError = onError;
  }

  /** Opens the subscriber connection it needs besides `client`. */
  static async connect(client: RedisClientType, keyPrefix: string, onError: (error: unknown) => void): Promise<RedisBoardRelay> {
    const subscriber = client.duplicate();
    subscriber.on('error', onError);
    await subscriber.connect();
    return new RedisBoardRelay(client, subscriber, keyPrefix, onError);
  }

  async join(lessonId: string, listener: RelayListener): Promise<void> {
    await this.#subscriber.subscribe(
      this.#channel(lessonId),
      (message: Buffer) => {
        if (message.length <= NODE_ID_BYTES || message.subarray(0, NODE_ID_BYTES).equals(this.#nodeId)) return;
        const kind = KINDS[message[NODE_ID_BYTES] ?? KINDS.length];
        if (!kind) return;
        listener({ kind, payload: new Uint8Array(message.subarray(NODE_ID_BYTES + 1)) });
      },
      true,
    );
  }

  async leave(lessonId: string): Promise<void> {
    await this.#subscriber.unsubscribe(this.#channel(lessonId));
  }

  publish(lessonId: string, message: RelayMessage): void {
    const frame = Buffer.concat([this.#nodeId, Buffer.from([KINDS.indexOf(message.kind)]), message.payload]);
    this.#publisher.publish(this.#channel(lessonId), frame).catch(this.#onError);
  }

  async close(): Promise<void> {
    await this.#subscriber.quit();
  }

  #channel(lessonId: string): string {
    return `${this.#prefix}board:${lessonId}`;
  }
}
