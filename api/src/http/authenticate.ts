import type { Actor } from '@panda/shared';
import type { RequestHandler } from 'express';
import type { AccessTokens } from '../modules/auth/access-tokens.js';

/**
 * The caller, as proven by a valid access token: the actor the services are given, plus what only
 * the HTTP side needs.
 */
export interface AuthUser extends Actor {
  /** The session (refresh-token family) the access token was issued in, to tell it apart in the list. */
  sessionId?: string;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      user?: AuthUser;
    }
  }
}

/**
 * Reads `Authorization: Bearer …`. A missing or bad token leaves the request anonymous; each
 * operation's access rule decides whether that is enough.
 */
export function authenticate(tokens: AccessTokens): RequestHandler {
  return (request, _response, next) => {
    const header = request.headers.authorization;
    if (!header?.startsWith('Bearer ')) return next();
    tokens
      .verify(header.slice('Bearer '.length))
      .then((user) => {
        if (user) request.user = user;
        next();
      }, next);
  };
}
