import type { Role } from '@panda/shared';
import express, { type Request, type Response } from 'express';
import { type z, type ZodType } from 'zod';
import type { AuthUser } from './authenticate.js';
import { invalidInput } from '../domain-error.js';
import { problem } from './problem.js';
import type { RateLimiter } from './rate-limit.js';

/** Who may call an operation: anyone, any signed-in user, or the listed roles. */
export type Access = 'public' | 'user' | readonly Role[];

/** `max` attempts per window from one client address and, separately, against one account. */
export interface RateLimitRule {
  /** Bucket name, e.g. `login`. */
  name: string;
  max: number;
  windowSeconds: number;
  /**
   * The account an attempt is aimed at (e.g. the e-mail being tried), counted whatever the
   * address, so that spreading attempts over many addresses gains nothing.
   */
  account?: (request: Request) => string | undefined;
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface OperationSpec<
  B extends ZodType = ZodType,
  Q extends ZodType = ZodType,
  P extends ZodType = ZodType,
  R extends ZodType = ZodType,
> {
  method: Method;
  /** Express-style path below `/api`, e.g. `/admin/users/:id`. */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  body?: B;
  query?: Q;
  params?: P;
  /** Omitted for operations that answer 204/202 without a body. */
  response?: R;
  status?: 200 | 201 | 202 | 204;
  rateLimit?: RateLimitRule;
}

type Infer<T> = T extends ZodType ? z.output<T> : undefined;

export interface OperationContext<B, Q, P, U> {
  body: B;
  query: Q;
  params: P;
  user: U;
  request: Request;
  response: Response;
  /** Answers with another of the documented statuses (e.g. 200 instead of 201 for an existing entry). */
  setStatus: (status: 200 | 201 | 202 | 204) => void;
}

type UserFor<A extends Access> = A extends 'public' ? AuthUser | null : AuthUser;

/**
 * Wraps an express router so that every operation is validated, authorized, rate-limited and
 * described for OpenAPI from one declaration.
 */
export class ApiRouter {
  readonly #router = express.Router();
  readonly #operations: OperationSpec[] = [];
  readonly #rateLimiter: RateLimiter;

  constructor(rateLimiter: RateLimiter) {
    this.#rateLimiter = rateLimiter;
  }

  get express(): express.Router {
    return this.#router;
  }

  get operations(): readonly OperationSpec[] {
    return this.#operations;
  }

  operation<
    A extends Access,
    B extends ZodType | undefined = undefined,
    Q extends ZodType | undefined = undefined,
    P extends ZodType | undefined = undefined,
    R extends ZodType | undefined = undefined,
  >(
    spec: Omit<OperationSpec, 'access' | 'body' | 'query' | 'params' | 'response'> & {
      access: A;
      body?: B;
      query?: Q;
      params?: P;
      response?: R;
    },
    handler: (
      context: OperationContext<Infer<B>, Infer<Q>, Infer<P>, UserFor<A>>,
    ) => Promise<Infer<R> | void>,
  ): void {
    this.#operations.push(spec);
    this.#router[spec.method](spec.path, async (request, response, next) => {
      try {
        const user = authorize(spec.access, request.user ?? null);
        if (spec.rateLimit) await this.#enforceRateLimit(spec.rateLimit, request);
        let status = spec.status ?? 200;
        const context = {
          body: parse('body', spec.body, request.body),
          query: parse('query', spec.query, request.query),
          params: parse('params', spec.params, request.params),
          user,
          request,
          response,
          setStatus: (value: typeof status) => void (status = value),
        } as OperationContext<Infer<B>, Infer<Q>, Infer<P>, UserFor<A>>;
        const result = await handler(context);
        // A handler that streamed its own answer (a file) has said everything.
        if (response.headersSent) return;
        if (spec.response) response.status(status).json(spec.response.parse(result));
        else response.status(status).end();
      } catch (error) {
        next(error);
      }
    });
  }

  async #enforceRateLimit(rule: RateLimitRule, request: Request): Promise<void> {
    const account = rule.account?.(request);
    const keys = [`${rule.name}:address:${request.ip ?? 'unknown'}`, ...(account ? [`${rule.name}:account:${account}`] : [])];
    const verdicts = await Promise.all(keys.map((key) => this.#rateLimiter.hit(key, rule.max, rule.windowSeconds)));
    const refused = verdicts.filter((verdict) => !verdict.allowed);
    if (refused.length > 0) {
      const wait = Math.max(...refused.map((verdict) => verdict.retryAfterSeconds));
      throw problem('rate_limited', 'too many attempts; try again later', { retryAfterSeconds: wait });
    }
  }
}

function authorize(access: Access, user: AuthUser | null): AuthUser | null {
  if (access === 'public') return user;
  if (!user) throw problem('unauthorized', 'sign in first');
  if (access !== 'user' && !access.includes(user.role)) {
    throw problem('forbidden', `this needs one of the roles: ${access.join(', ')}`);
  }
  return user;
}

function parse(where: string, schema: ZodType | undefined, value: unknown): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw invalidInput(where, result.error);
  return result.data;
}
