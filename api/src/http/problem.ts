import type { ErrorCode, FieldError, Problem } from '@panda/shared';
import type { ZodError } from 'zod';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** An expected failure, answered as RFC 9457 problem details with a stable code. */
export class ProblemError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly errors: FieldError[] | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    status: number,
    code: ErrorCode,
    detail: string,
    extra: { errors?: FieldError[]; retryAfterSeconds?: number } = {},
  ) {
    super(detail);
    this.status = status;
    this.code = code;
    this.errors = extra.errors;
    this.retryAfterSeconds = extra.retryAfterSeconds;
  }

  toProblem(): Problem {
    return {
      type: `https://panda-classroom.dev/problems/${this.code}`,
      title: TITLES[this.status] ?? 'Error',
      status: this.status,
      code: this.code,
      detail: this.message,
      ...(this.errors ? { errors: this.errors } : {}),
      ...(this.retryAfterSeconds !== undefined ? { retryAfterSeconds: this.retryAfterSeconds } : {}),
    };
  }
}

export const badRequest = (code: ErrorCode, detail: string) => new ProblemError(400, code, detail);
export const unauthorized = (code: ErrorCode, detail: string) => new ProblemError(401, code, detail);
export const forbidden = (code: ErrorCode, detail: string) => new ProblemError(403, code, detail);
export const notFound = (detail: string) => new ProblemError(404, 'not_found', detail);
export const conflict = (code: ErrorCode, detail: string) => new ProblemError(409, code, detail);
export const tooManyRequests = (code: ErrorCode, detail: string, retryAfterSeconds: number) =>
  new ProblemError(429, code, detail, { retryAfterSeconds });

/** A rule about one field that a schema alone cannot express. */
export function fieldProblem(path: string, message: string): ProblemError {
  return new ProblemError(400, 'validation_failed', `invalid ${path}`, { errors: [{ path, message }] });
}

/** Names every bad field, prefixed by where it came from (`body`, `query`, `params`). */
export function validationProblem(where: string, error: ZodError): ProblemError {
  const errors = error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  const fields = [...new Set(errors.map((e) => e.path))].join(', ');
  return new ProblemError(400, 'validation_failed', `invalid ${fields}`, { errors });
}
