import { Problem, type ErrorCode, type FieldError, type Session } from '@panda/shared';

/** Failures the client itself detects, next to the server's stable codes. */
export type ClientErrorCode = ErrorCode | 'network' | 'unexpected';

export class ApiError extends Error {
  readonly status: number;
  readonly code: ClientErrorCode;
  readonly fieldErrors: FieldError[];
  readonly retryAfterSeconds: number | undefined;

  constructor(
    status: number,
    code: ClientErrorCode,
    details: { fieldErrors?: FieldError[]; retryAfterSeconds?: number | undefined } = {},
  ) {
    super(`${status} ${code}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fieldErrors = details.fieldErrors ?? [];
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
}

export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  // Anything else is a bug on this side: the person gets a generic message, the developer the details.
  console.error(error);
  return new ApiError(0, 'unexpected');
}

// The access token lives in memory only; the refresh token is an httpOnly cookie the page can't read.
let accessToken: string | null = null;
let refreshing: Promise<Session> | null = null;
let sessionLost: () => void = () => {};

export function setAccessToken(token: string | null): void {
  accessToken = token;
}

/** For connections that authenticate outside `request()`: the lesson-room socket reads it on every (re)connect. */
export function currentAccessToken(): string | null {
  return accessToken;
}

/** Lets the session context hear that the session can't be renewed, so it can send the person to login. */
export function onSessionLost(listener: () => void): void {
  sessionLost = listener;
}

interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal | undefined;
  /** False for the auth endpoints: their 401s mean "wrong credentials", not "token expired". */
  auth?: boolean;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  let response = await send(method, path, options);
  if (response.status === 401 && options.auth !== false) {
    await refreshSession();
    response = await send(method, path, options);
  }
  if (!response.ok) throw await toApiError(response);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * Renews the access token from the refresh cookie. Concurrent callers share one request: the server
 * rotates refresh tokens, and two parallel refreshes would look like a stolen token being reused.
 */
export function refreshSession(): Promise<Session> {
  refreshing ??= request<Session>('POST', '/api/auth/refresh', { auth: false })
    .then(
      (session) => {
        accessToken = session.accessToken;
        return session;
      },
      (error: unknown) => {
        // Being offline for a moment is no reason to sign the person out.
        if (!(error instanceof ApiError && error.code === 'network')) {
          accessToken = null;
          sessionLost();
        }
        throw error;
      },
    )
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

async function send(method: string, path: string, { body, signal }: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
  try {
    return await fetch(path, {
      method,
      headers,
      body: body === undefined ? null : JSON.stringify(body),
      credentials: 'same-origin',
      signal: signal ?? null,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, 'network');
  }
}

async function toApiError(response: Response): Promise<ApiError> {
  const parsed = Problem.safeParse(await response.json().catch(() => null));
  if (!parsed.success) return new ApiError(response.status, 'unexpected');
  const problem = parsed.data;
  return new ApiError(problem.status, problem.code, {
    fieldErrors: problem.errors,
    retryAfterSeconds: problem.retryAfterSeconds,
  });
}
