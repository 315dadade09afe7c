import type { ErrorCode, FieldError, Problem } from '@panda/shared';
import type { DomainError } from '../domain-error.js';
import { STATUS_OF } from './error-status.js';

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

/** An expected failure as the HTTP edge answers it: RFC 9457 problem details with a status and a stable code. */
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

/** A refusal of the HTTP layer's own (signing in, rate limits, the body's encoding), at its code's status. */
export function problem(code: ErrorCode, detail: string, extra: { errors?: FieldError[]; retryAfterSeconds?: number } = {}): ProblemError {
  return new ProblemError(STATUS_OF[code], code, detail, extra);
}

/** A domain error as it is answered: the status of its code, its detail, the fields at fault. */
export function problemOf(error: DomainError): ProblemError {
  return problem(error.code, error.message, { errors: error.fields, retryAfterSeconds: error.retryAfterSeconds });
}

/**
 * The one exception to the table: a webhook's sender gets the status its protocol expects (YooKassa
 * reads 401 as a bad signature and 403 as an address not allowed; Telegram's check answers 403).
 */
export function webhookRefusal(status: number, detail: string): ProblemError {
  return new ProblemError(status, 'webhook_refused', detail);
}
