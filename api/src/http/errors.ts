// Brings in pino-http's `request.log` typing.
import type {} from 'pino-http';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ProblemError } from './problem.js';

const PRISMA_ERRORS: Record<string, () => ProblemError> = {
  // A unique constraint caught what a check could not (two requests at the same moment).
  P2002: () => new ProblemError(409, 'conflict', 'this conflicts with existing data'),
  P2025: () => new ProblemError(404, 'not_found', 'not found'),
};

/** The schedule's no-double-booking constraints (EXCLUDE over lessons' time ranges) and what each means. */
const OVERLAP_CONSTRAINTS: Record<string, string> = {
  Lesson_teacher_no_overlap: 'the teacher has another lesson at that time',
  LessonStudent_student_no_overlap: 'the student has another lesson at that time',
};

/** PostgreSQL's exclusion_violation (23P01), however Prisma and its driver adapter wrap it. */
export function fromExclusionViolation(error: unknown): ProblemError | null {
  const queue: unknown[] = [error];
  const seen = new Set<unknown>();
  while (queue.length > 0) {
    const current = queue.shift();
    if (!current || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const record = current as { originalCode?: unknown; originalMessage?: unknown; cause?: unknown; meta?: unknown; driverAdapterError?: unknown };
    if (record.originalCode === '23P01') {
      const message = String(record.originalMessage);
      const detail = Object.entries(OVERLAP_CONSTRAINTS).find(([name]) => message.includes(`"${name}"`))?.[1] ?? 'that time is taken';
      return new ProblemError(409, 'slot_taken', detail);
    }
    queue.push(record.cause, record.meta, record.driverAdapterError);
  }
  return null;
}

/** Body-parser failures carry a `type`; they are the client's fault, not ours. */
function fromBodyParser(error: { type?: string }): ProblemError | null {
  if (error.type === 'entity.parse.failed') {
    return new ProblemError(400, 'validation_failed', 'the body is not valid JSON', {
      errors: [{ path: 'body', message: 'malformed JSON' }],
    });
  }
  if (error.type === 'entity.too.large') return new ProblemError(413, 'payload_too_large', 'the body is too large');
  if (error.type === 'encoding.unsupported' || error.type === 'charset.unsupported') {
    return new ProblemError(400, 'validation_failed', 'unsupported body encoding', {
      errors: [{ path: 'body', message: 'unsupported encoding' }],
    });
  }
  return null;
}

function toProblem(error: unknown): ProblemError | null {
  if (error instanceof ProblemError) return error;
  if (typeof error !== 'object' || error === null) return null;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && PRISMA_ERRORS[code]) return PRISMA_ERRORS[code]();
  return fromExclusionViolation(error) ?? fromBodyParser(error);
}

/**
 * Every failure leaves as problem+json and never shows a stack. Only the unexpected is an error in
 * the log; a refusal the code meant (online payments off, a provider down) is a warning.
 */
export const problemHandler: ErrorRequestHandler = (error, request, response, _next) => {
  const expected = toProblem(error);
  const problem = expected ?? new ProblemError(500, 'internal', 'something went wrong on our side; it has been logged');
  if (!expected) request.log.error({ err: error }, 'request failed');
  else if (problem.status >= 500) request.log.warn({ code: problem.code, detail: problem.message }, 'request refused');
  if (problem.retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(problem.retryAfterSeconds));
  response.status(problem.status).type('application/problem+json').json(problem.toProblem());
};

export const notFoundHandler: RequestHandler = (request, _response, next) => {
  next(new ProblemError(404, 'not_found', `no such endpoint: ${request.method} ${request.path}`));
};
