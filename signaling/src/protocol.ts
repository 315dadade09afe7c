import { MediaError } from '@panda/sfu';
import { performance } from 'node:perf_hooks';
import {
  ClientEvents,
  eventRate,
  type Ack,
  type ClientEventName,
  type ClientResult,
  type SignalingError,
} from '@panda/shared';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { SignalingProblem } from './signaling-problem.js';
import { TokenBucket } from './token-bucket.js';
import type { SignalingSocket } from './transport/socket-types.js';

type Payload<E extends ClientEventName> = z.output<(typeof ClientEvents)[E]['payload']>;

export type EventHandler<E extends ClientEventName> = (payload: Payload<E>) => Promise<ClientResult<E>>;

/** An answer later than this is logged as slow. */
const SLOW_ANSWER_MS = 2_000;

/**
 * Registers a handler for one client event: the connection's rate for the event is enforced, the
 * payload is validated against the protocol's schema, the answer always goes back through the
 * acknowledgement, and nothing a client sends can throw out of the handler.
 */
export function handle<E extends ClientEventName>(
  socket: SignalingSocket,
  event: E,
  logger: Logger,
  handler: EventHandler<E>,
): void {
  const allowance = new TokenBucket(eventRate(event), performance.now());
  // One warning per flood, not one per refused message.
  let flooding = false;
  const listener = (payload: unknown, ack: unknown) => {
    // Every event is a request; one sent without an acknowledgement has nobody to answer.
    if (typeof ack !== 'function') return;
    const reply = ack as (answer: Ack<ClientResult<E>>) => void;
    if (!allowance.take(performance.now())) {
      if (!flooding) logger.warn({ event, userId: socket.data.identity.userId }, 'signaling event rate exceeded');
      flooding = true;
      reply({ ok: false, error: { code: 'rate_limited', message: `${event} is sent too often; wait a moment` } });
      return;
    }
    flooding = false;
    const parsed = ClientEvents[event].payload.safeParse(payload === undefined ? {} : payload);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'payload'}: ${issue.message}`);
      reply({ ok: false, error: { code: 'validation_failed', message: fields.join('; ') } });
      return;
    }
    const startedAt = performance.now();
    const answer = (result: Ack<ClientResult<E>>) => {
      const ms = Math.round(performance.now() - startedAt);
      // An answer this late is one the client may have given up on (it waits 10 s): worth an operator's look.
      if (ms >= SLOW_ANSWER_MS) logger.warn({ event, userId: socket.data.identity.userId, ms, ok: result.ok }, 'slow signaling answer');
      reply(result);
    };
    // Started inside a promise so that a synchronous throw is answered like any other failure.
    Promise.resolve(parsed.data as Payload<E>).then(handler).then(
      (data) => answer({ ok: true, data }),
      (error: unknown) => answer({ ok: false, error: toSignalingError(error, event, logger) }),
    );
  };
  socket.on(event, listener as never);
}

function toSignalingError(error: unknown, event: string, logger: Logger): SignalingError {
  if (error instanceof SignalingProblem) {
    return { code: error.code, message: error.message, ...(error.nodeUrl ? { nodeUrl: error.nodeUrl } : {}) };
  }
  if (error instanceof MediaError) return { code: error.code, message: error.message };
  // mediasoup rejects parameters it cannot use with a TypeError (the client's fault), and work on
  // something already closed (a worker just died) with an InvalidStateError.
  if (error instanceof TypeError || (error instanceof Error && error.name === 'InvalidStateError')) {
    return { code: 'media_error', message: error.message };
  }
  logger.error({ err: error, event }, 'signaling handler failed');
  return { code: 'internal', message: 'something went wrong on our side; it has been logged' };
}
