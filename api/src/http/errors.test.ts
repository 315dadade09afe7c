import type { NextFunction, Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain-error.js';
import { problemHandler } from './errors.js';
import { ProblemError } from './problem.js';

/** What the handler answers and logs for one failure. */
function handle(error: unknown): { status: number; body: unknown; logged: string[] } {
  const logged: string[] = [];
  const answer = { status: 0, body: undefined as unknown };
  const request = { log: { error: () => logged.push('error'), warn: () => logged.push('warn') } } as unknown as Request;
  const response = {
    setHeader: () => response,
    status: (status: number) => ((answer.status = status), response),
    type: () => response,
    json: (body: unknown) => ((answer.body = body), response),
  } as unknown as Response;
  problemHandler(error, request, response, (() => undefined) as NextFunction);
  return { ...answer, logged };
}

describe('problemHandler', () => {
  it('logs the unexpected as an error and answers without its details', () => {
    const { status, body, logged } = handle(new Error('connection reset at db.ts:12'));
    expect({ status, logged }).toEqual({ status: 500, logged: ['error'] });
    expect(JSON.stringify(body)).not.toContain('db.ts');
  });

  it('logs a refusal the code meant as a warning, and a client’s mistake not at all', () => {
    expect(handle(new ProblemError(503, 'payments_unavailable', 'online payments are off')).logged).toEqual(['warn']);
    expect(handle(new ProblemError(404, 'not_found', 'no such lesson')).logged).toEqual([]);
  });

  it('answers a domain error with the status its code has at the edge', () => {
    const { status, body, logged } = handle(new DomainError('payments_unavailable', 'online payments are off'));
    expect({ status, body, logged }).toEqual({ status: 503, body: expect.objectContaining({ code: 'payments_unavailable', detail: 'online payments are off' }), logged: ['warn'] });
  });
});
