import type { ServerToClientEvents, SignalingIdentity } from '@panda/shared';

/** One event to a client: its name and what its listener receives. */
export type ServerEvent = {
  [E in keyof ServerToClientEvents]: [E, ...Parameters<ServerToClientEvents[E]>];
}[keyof ServerToClientEvents];

/**
 * A client's connection as a lesson room sees it. The transport behind it (Socket.IO) is not the
 * room's business, so the room can be run and tested without one.
 */
export interface RoomConnection {
  /** Kept when the connection is recovered after a short drop. */
  readonly id: string;
  readonly identity: SignalingIdentity;
  /** False once it dropped; a recovered connection comes back as a new one with the same id. */
  readonly connected: boolean;
  /**
   * The lesson this connection sits in, kept with the connection so that a recovered one still
   * knows it. Only the seat map writes it.
   */
  lessonId: string | undefined;
  /** To this connection only; dropped while it is down. */
  send(...event: ServerEvent): void;
  /** From now on the channel's broadcasts reach this connection. */
  join(channel: string): Promise<void>;
  leave(channel: string): void;
}

/** Who a broadcast goes to: everyone in the channel, but for the connection `except` (a sender's own). */
export interface Audience {
  channel: string;
  except?: string;
}

/** Broadcasts reach the channel's connections on every process, not only this one. */
export interface RoomChannels {
  broadcast(audience: Audience, ...event: ServerEvent): void;
}
