import { ErrorCode } from '@panda/shared';
import { describe, expect, it } from 'vitest';
import { DomainError, invalidField, invalidFields } from '../domain-error.js';
import { STATUS_OF } from './error-status.js';
import { problemOf } from './problem.js';

describe('STATUS_OF', () => {
  it('gives every error code, and nothing else, an HTTP error status', () => {
    expect(Object.keys(STATUS_OF).sort()).toEqual([...ErrorCode.options].sort());
    const notAnErrorStatus = ErrorCode.options.filter((code) => !(Number.isInteger(STATUS_OF[code]) && STATUS_OF[code] >= 400 && STATUS_OF[code] < 600));
    expect(notAnErrorStatus).toEqual([]);
  });
});

describe('problemOf', () => {
  it('answers an invalid field as validation_failed naming it, as the router names a bad body field', () => {
    expect(problemOf(invalidField('body.startsAt', 'must be in the future')).toProblem()).toEqual({
      type: 'https://panda-classroom.dev/problems/validation_failed',
      title: 'Bad Request',
      status: 400,
      code: 'validation_failed',
      detail: 'invalid body.startsAt',
      errors: [{ path: 'body.startsAt', message: 'must be in the future' }],
    });
  });

  it('names every invalid field once in the detail', () => {
    const fields = [
      { path: 'body.intervals.1', message: 'overlaps interval 0 of the same day' },
      { path: 'body.intervals.2.end', message: 'must be after the start' },
    ];
    expect(problemOf(invalidFields(fields)).toProblem()).toMatchObject({ status: 400, detail: 'invalid body.intervals.1, body.intervals.2.end', errors: fields });
  });

  it('answers a domain error with the status of its code, its detail, no fields, and when to ask again', () => {
    expect(problemOf(new DomainError('insufficient_credits', 'not enough credits')).toProblem()).toEqual({
      type: 'https://panda-classroom.dev/problems/insufficient_credits',
      title: 'Conflict',
      status: 409,
      code: 'insufficient_credits',
      detail: 'not enough credits',
    });
    const cooldown = problemOf(new DomainError('resend_cooldown', 'wait 30 s before asking for another code', { retryAfterSeconds: 30 }));
    expect({ status: cooldown.status, retryAfterSeconds: cooldown.retryAfterSeconds }).toEqual({ status: 429, retryAfterSeconds: 30 });
  });
});
