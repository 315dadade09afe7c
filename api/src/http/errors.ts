// Brings in pino-http's `request.log` typing.
import type {} from 'pino-http';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { DomainError } from '../domain-error.js';
import { doubleBookingOf } from '../modules/schedule/double-booking.js';
import { problem, problemOf, ProblemError } from './problem.js';

const PRISMA_ERRORS: Record<string, () => ProblemError> = {
  // A unique constraint caught what a check could not (two requests at the same moment).
  P2002: () => problem('conflict', 'this conflicts with existing data'),
  P2025: () => problem('not_found', 'not found'),
};

/** Body-parser failures carry a `type`; they are the client's fault, not ours. */
function fromBodyParser(error: { type?: string }): ProblemError | null {
  if (error.type === 'entity.parse.failed') {
    return problem('validation_failed', 'the body is not valid JSON', {
      errors: [{ path: 'body', message: 'malformed JSON' }],
    });
  }
  if (error.type === 'entity.too.large') return problem('payload_too_large', 'the body is too large');
  if (error.type === 'encoding.unsupported' || error.type === 'charset.unsupported') {
    return problem('validation_failed', 'unsupported body encoding', {
      errors: [{ path: 'body', message: 'unsupported encoding' }],
    });
  }
  return null;
}

function toProblem(error: unknown): ProblemError | null {
  if (error instanceof ProblemError) return error;
  if (error instanceof DomainError) return problemOf(error);
  if (typeof error !== 'object' || error === null) return null;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && PRISMA_ERRORS[code]) return PRISMA_ERRORS[code]();
  const doubleBooking = doubleBookingOf(error);
  return doubleBooking ? problemOf(doubleBooking) : fromBodyParser(error);
}

/**
 * Every failure leaves as problem+json and never shows a stack. Only the unexpected is an error in
 * the log; a refusal the code meant (online payments off, a provider down) is a warning.
 */
export const problemHandler: ErrorRequestHandler = (error, request, response, _next) => {
  const expected = toProblem(error);
  const answer = expected ?? problem('internal', 'something went wrong on our side; it has been logged');
  if (!expected) request.log.error({ err: error }, 'request failed');
  else if (answer.status >= 500) request.log.warn({ code: answer.code, detail: answer.message }, 'request refused');
  if (answer.retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(answer.retryAfterSeconds));
  response.status(answer.status).type('application/problem+json').json(answer.toProblem());
};

export const notFoundHandler: RequestHandler = (request, _response, next) => {
  next(problem('not_found', `no such endpoint: ${request.method} ${request.path}`));
};
