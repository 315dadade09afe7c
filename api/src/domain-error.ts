import type { ErrorCode, FieldError } from '@panda/shared';
import type { ZodError } from 'zod';

/**
 * A refusal by the school's rules: a stable code clients switch on, what happened, and, when
 * inputs are at fault, which ones. Services throw these and pick no HTTP status: the edge answers
 * each code with the status in its one table (`http/error-status.ts`).
 */
export class DomainError extends Error {
  readonly code: ErrorCode;
  /** The inputs at fault as dotted paths (`body.email`), each with what is wrong with it. */
  readonly fields: FieldError[] | undefined;
  /** When asking again can succeed: after a cooldown, or once a provider answers again. */
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, detail: string, extra: { fields?: FieldError[]; retryAfterSeconds?: number } = {}) {
    super(detail);
    this.code = code;
    this.fields = extra.fields;
    this.retryAfterSeconds = extra.retryAfterSeconds;
  }
}

/** Inputs that break rules a schema alone cannot express, each named: `invalid body.a, body.b`. */
export function invalidFields(fields: FieldError[]): DomainError {
  const paths = [...new Set(fields.map((field) => field.path))].join(', ');
  return new DomainError('validation_failed', `invalid ${paths}`, { fields });
}

/** One input that breaks a rule, e.g. `invalidField('body.startsAt', 'must be in the future')`. */
export const invalidField = (path: string, message: string): DomainError => invalidFields([{ path, message }]);

/** What a schema refused, every bad field named under `where` (`body`, `query`, `body.content`). */
export function invalidInput(where: string, error: ZodError): DomainError {
  return invalidFields(error.issues.map((issue) => ({ path: [where, ...issue.path.map(String)].join('.'), message: issue.message })));
}
