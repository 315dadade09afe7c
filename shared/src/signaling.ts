import { z } from 'zod';
import { ErrorCode } from './errors.js';

/** Bumped on any incompatible change to a signaling message. */
export const SIGNALING_PROTOCOL_VERSION = 1;

/** What a client sends in the Socket.IO handshake (`auth`). */
export const SignalingHandshake = z.object({
  token: z.string().min(1),
  protocol: z.literal(SIGNALING_PROTOCOL_VERSION),
});
export type SignalingHandshake = z.infer<typeof SignalingHandshake>;

/** Every acknowledgement carries either data or an error with a stable code. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string } };

export const SignalingConnectError = z.object({ code: ErrorCode, message: z.string() });

/** Who a signaling connection belongs to, as the server established it. */
export interface SignalingIdentity {
  userId: string;
  role: 'student' | 'teacher' | 'methodist' | 'admin';
}

/**
 * Events the server sends. Each later capability (lesson room, board, notifications) adds its own;
 * they are listed here so both sides are compiled against one definition.
 */
export interface ServerToClientEvents {
  'session:ready': (session: { protocol: number; user: SignalingIdentity }) => void;
}

/** Events the client sends; every one is acknowledged with an `Ack`. */
export type ClientToServerEvents = Record<never, never>;
