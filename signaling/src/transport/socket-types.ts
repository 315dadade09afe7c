import type { ClientToServerEvents, ServerToClientEvents, SignalingIdentity } from '@panda/shared';
import type { Server, Socket } from 'socket.io';

export interface SocketData {
  identity: SignalingIdentity;
  /** The lesson room this connection is in; restored with the connection state on recovery. */
  lessonId?: string | undefined;
}

export type SignalingServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type SignalingSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
