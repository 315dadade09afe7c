import type { Ack, ClientEventName, ClientPayload, ClientResult, ServerToClientEvents } from '@panda/shared';
import { ApiError, type ClientErrorCode } from '../api/client';
import { openSocket, type AppSocket } from '../api/socket';

/** Long enough for a busy media server to create a transport, short enough that a click gets an answer. */
const REQUEST_TIMEOUT_MS = 10_000;
/** How long the first connection may take before the room says the server can't be reached. */
const CONNECT_TIMEOUT_MS = 15_000;

/** A failed room request: the server's stable code, or `network` when no answer came. */
export class RoomError extends Error {
  readonly code: ClientErrorCode;
  /** With `room_elsewhere`: where the process hosting the room takes signaling connections. */
  readonly nodeUrl: string | undefined;

  constructor(code: ClientErrorCode, message: string = code, nodeUrl?: string) {
    super(message);
    this.name = 'RoomError';
    this.code = code;
    this.nodeUrl = nodeUrl;
  }
}

export function asRoomError(error: unknown): RoomError {
  if (error instanceof RoomError) return error;
  if (error instanceof ApiError) return new RoomError(error.code);
  // Anything else is a bug on this side: the person gets a generic message, the developer the details.
  console.error(error);
  return new RoomError('unexpected');
}

type AnyListener = (...args: never[]) => void;

export interface SignalingHandlers {
  /** `recovered`: Socket.IO restored the server-side session, and the events missed meanwhile. */
  onConnect: (recovered: boolean) => void;
  /** `byServer`: the server closed the connection, and Socket.IO won't reconnect by itself. */
  onDisconnect: (byServer: boolean) => void;
  /** The server refused the connection and retrying with the same credentials won't help. */
  onRefused: (error: RoomError) => void;
}

/**
 * The lesson-room socket: a typed request/answer helper over Socket.IO acknowledgements, the
 * server's events, and the handshake, which always carries the freshest access token.
 */
export class Signaling {
  readonly #handlers: SignalingHandlers;
  /** The room's listeners, kept to attach them again when the socket moves to another process. */
  readonly #listeners: Array<[string, AnyListener]> = [];
  #socket: AppSocket;
  /** Connected to another process than this page's server (see `moveTo`). */
  #elsewhere = false;
  /** While `connect()` waits: a refusal goes to its caller rather than to `onRefused`. */
  #waitingForConnect: ((error: RoomError) => void) | null = null;
  /** The connection being made, shared by every caller until it is made or fails. */
  #connecting: { socket: AppSocket; connected: Promise<void> } | null = null;

  constructor(handlers: SignalingHandlers) {
    this.#handlers = handlers;
    this.#socket = this.#open(null);
  }

  /** `url`: another process's address (see `moveTo`); null for this page's own server. */
  #open(url: string | null): AppSocket {
    const socket = openSocket(url, (refusal) => this.#refuse(new RoomError(refusal.code, refusal.message)));
    socket.on('connect', () => this.#handlers.onConnect(socket.recovered));
    socket.on('disconnect', (reason) => this.#handlers.onDisconnect(reason === 'io server disconnect'));
    for (const [event, listener] of this.#listeners) {
      (socket as unknown as { on(event: string, listener: AnyListener): void }).on(event, listener);
    }
    return socket;
  }

  get connected(): boolean {
    return this.#socket.connected;
  }

  /**
   * Talks to another process from now on: the one hosting the lesson's room when there are
   * several (`room_elsewhere`), or null to go back to this page's own server.
   */
  moveTo(url: string | null): void {
    this.close();
    this.#socket = this.#open(url);
    this.#elsewhere = url !== null;
  }

  get elsewhere(): boolean {
    return this.#elsewhere;
  }

  /**
   * Connects and resolves once the server has accepted the handshake. One handshake at a time: a
   * second `socket.connect()` while the first waits for its answer sends a second CONNECT on the
   * same connection, which the server answers by closing it (the pre-join screen connects ahead,
   * and a quick Join used to lose its `room:join` that way).
   */
  connect(): Promise<void> {
    if (this.#socket.connected) return Promise.resolve();
    const socket = this.#socket;
    if (this.#connecting?.socket === socket) return this.#connecting.connected;
    const connected = this.#handshake(socket).finally(() => {
      if (this.#connecting?.connected === connected) this.#connecting = null;
    });
    this.#connecting = { socket, connected };
    return connected;
  }

  #handshake(socket: AppSocket): Promise<void> {
    return new Promise((resolve, reject) => {
      const done = (error?: RoomError) => {
        clearTimeout(timer);
        socket.off('connect', onConnect);
        this.#waitingForConnect = null;
        if (error) reject(error);
        else resolve();
      };
      const onConnect = () => done();
      const timer = setTimeout(
        () => done(new RoomError('network', 'no connection to the server')),
        CONNECT_TIMEOUT_MS,
      );
      this.#waitingForConnect = done;
      socket.on('connect', onConnect);
      socket.connect();
    });
  }

  #refuse(error: RoomError): void {
    if (this.#waitingForConnect) this.#waitingForConnect(error);
    else this.#handlers.onRefused(error);
  }

  /** Connects again after the server dropped the connection on purpose (Socket.IO doesn't, then). */
  reconnect(): void {
    if (!this.#socket.active) this.#socket.connect();
  }

  on<E extends keyof ServerToClientEvents>(event: E, listener: ServerToClientEvents[E]): void {
    this.#listeners.push([event, listener]);
    // Socket.IO's overloads don't accept a generic event name; the signature above is the typed one.
    (this.#socket as unknown as { on(event: string, listener: AnyListener): void }).on(event, listener);
  }

  /** Sends a client event and resolves with the data of its acknowledgement; rejects with a `RoomError`. */
  async request<E extends ClientEventName>(event: E, payload: ClientPayload<E>): Promise<ClientResult<E>> {
    let answer: Ack<ClientResult<E>>;
    try {
      // Socket.IO's typed emit can't follow a generic event name; the types above say what goes in and out.
      const socket = this.#socket.timeout(REQUEST_TIMEOUT_MS) as unknown as {
        emitWithAck(event: E, payload: ClientPayload<E>): Promise<Ack<ClientResult<E>>>;
      };
      answer = await socket.emitWithAck(event, payload);
    } catch {
      // Timed out, or the connection dropped before the answer came.
      throw new RoomError('network', `${event}: no answer from the server`);
    }
    if (!answer.ok) throw new RoomError(answer.error.code, answer.error.message, answer.error.nodeUrl);
    return answer.data;
  }

  /** Closes the socket for good, listeners and all. */
  close(): void {
    const socket = this.#socket;
    // Detach first: the 'disconnect' this causes is not news to anyone.
    socket.removeAllListeners();
    socket.disconnect();
  }
}
