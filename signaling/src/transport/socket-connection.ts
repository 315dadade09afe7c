import type { SignalingIdentity } from '@panda/shared';
import type { Audience, RoomChannels, RoomConnection, ServerEvent } from '../room/connection.js';
import type { SignalingServer, SignalingSocket } from './socket-types.js';

type Emit = (...event: ServerEvent) => boolean;

/** A Socket.IO connection as a lesson room sees it; one per socket. */
export class SocketConnection implements RoomConnection {
  readonly #socket: SignalingSocket;

  constructor(socket: SignalingSocket) {
    this.#socket = socket;
  }

  get id(): string {
    return this.#socket.id;
  }

  get identity(): SignalingIdentity {
    return this.#socket.data.identity;
  }

  get connected(): boolean {
    return this.#socket.connected;
  }

  // In socket.data: Socket.IO's connection state recovery restores it, and the seat with it.
  get lessonId(): string | undefined {
    return this.#socket.data.lessonId;
  }

  set lessonId(lessonId: string | undefined) {
    this.#socket.data.lessonId = lessonId;
  }

  send(...event: ServerEvent): void {
    (this.#socket.emit as Emit)(...event);
  }

  async join(channel: string): Promise<void> {
    await this.#socket.join(channel);
  }

  leave(channel: string): void {
    void this.#socket.leave(channel);
  }
}

/** Socket.IO rooms as broadcast channels; through the Redis adapter when there is one. */
export class SocketChannels implements RoomChannels {
  readonly #io: SignalingServer;

  constructor(io: SignalingServer) {
    this.#io = io;
  }

  broadcast({ channel, except }: Audience, ...event: ServerEvent): void {
    // A socket's id is also a room of its own: leaving it out is what `socket.to(channel)` does.
    const audience = except === undefined ? this.#io.to(channel) : this.#io.to(channel).except(except);
    (audience.emit as Emit)(...event);
  }
}
