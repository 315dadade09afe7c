import {
  Agreement,
  AgreementQuery,
  ChangeUnconfirmedEmailBody,
  ConfirmEmailBody,
  LoginBody,
  PasswordResetBody,
  PasswordResetRequestBody,
  ResendCodeBody,
  ResendCodeResult,
  Session,
  SignUpBody,
  SignUpResult,
} from '@panda/shared';
import type { Request, Response } from 'express';
import type { ApiDeps } from '../../deps.js';
import { DomainError } from '../../domain-error.js';
import type { RateLimitRule } from '../../http/router.js';
import type { ApiModule } from '../../module.js';
import { type IssuedSession, type SessionClient } from './auth-service.js';

const REFRESH_COOKIE = 'panda_refresh';
const COOKIE_PATH = '/api/auth';

export const authModule: ApiModule = {
  name: 'auth',
  register(router, deps) {
    const { auth } = deps.services;
    // Per client address, and per account for every operation that names an e-mail.
    const limit = (name: string): RateLimitRule => ({
      name,
      max: deps.settings.authRateLimitPerMinute,
      windowSeconds: 60,
      account: (request: Request) => emailOf(request.body),
    });
    const tag = 'auth';

    router.operation(
      { method: 'get', path: '/agreement', summary: 'The current user agreement', tag, access: 'public', query: AgreementQuery, response: Agreement },
      async ({ query }) => {
        const agreement = await auth.currentAgreement();
        if (!agreement) throw new DomainError('not_found', 'no user agreement has been published');
        return {
          version: agreement.version,
          text: query.locale === 'ru' ? agreement.textRu : agreement.textEn,
          publishedAt: agreement.publishedAt.toISOString(),
        };
      },
    );

    router.operation(
      { method: 'post', path: '/auth/signup', summary: 'Sign up as a student; a code is e-mailed', tag, access: 'public', body: SignUpBody, response: SignUpResult, status: 201, rateLimit: limit('signup') },
      ({ body }) => auth.signUp(body),
    );

    router.operation(
      { method: 'post', path: '/auth/confirm-email', summary: 'Confirm the e-mail address with the code; signs in', tag, access: 'public', body: ConfirmEmailBody, response: Session, rateLimit: limit('confirm') },
      async ({ body, request, response }) => sendSession(response, deps, await auth.confirmEmail(body, clientOf(request))),
    );

    router.operation(
      { method: 'post', path: '/auth/resend-code', summary: 'Send a new confirmation code', tag, access: 'public', body: ResendCodeBody, response: ResendCodeResult, rateLimit: limit('resend') },
      async ({ body }) => ({ resendAfterSeconds: await auth.resendConfirmation(body.email) }),
    );

    router.operation(
      { method: 'post', path: '/auth/change-email', summary: 'Correct a mistyped e-mail before confirming it', tag, access: 'public', body: ChangeUnconfirmedEmailBody, response: SignUpResult, rateLimit: limit('change-email') },
      ({ body }) => auth.changeUnconfirmedEmail(body),
    );

    router.operation(
      { method: 'post', path: '/auth/login', summary: 'Sign in; sets the refresh cookie', tag, access: 'public', body: LoginBody, response: Session, rateLimit: limit('login') },
      async ({ body, request, response }) => sendSession(response, deps, await auth.login(body, clientOf(request))),
    );

    router.operation(
      { method: 'post', path: '/auth/refresh', summary: 'Exchange the refresh cookie for a new session', tag, access: 'public', response: Session, rateLimit: limit('refresh') },
      async ({ request, response }) => {
        try {
          return sendSession(response, deps, await auth.refresh(readCookie(request, REFRESH_COOKIE), clientOf(request)));
        } catch (error) {
          clearRefreshCookie(response);
          throw error;
        }
      },
    );

    router.operation(
      { method: 'post', path: '/auth/logout', summary: 'End this session', tag, access: 'public', status: 204 },
      async ({ request, response }) => {
        await auth.logout(readCookie(request, REFRESH_COOKIE));
        clearRefreshCookie(response);
      },
    );

    router.operation(
      { method: 'post', path: '/auth/password-reset/request', summary: 'E-mail a code for setting a new password', tag, access: 'public', body: PasswordResetRequestBody, status: 202, rateLimit: limit('reset-request') },
      ({ body }) => auth.requestPasswordReset(body.email),
    );

    router.operation(
      { method: 'post', path: '/auth/password-reset/confirm', summary: 'Set a new password with the e-mailed code', tag, access: 'public', body: PasswordResetBody, status: 204, rateLimit: limit('reset-confirm') },
      ({ body }) => auth.resetPassword(body),
    );
  },
};

function sendSession(response: Response, deps: ApiDeps, issued: IssuedSession): Session {
  response.cookie(REFRESH_COOKIE, issued.refreshToken, {
    httpOnly: true,
    sameSite: 'strict',
    secure: deps.settings.publicUrl.startsWith('https:'),
    path: COOKIE_PATH,
    expires: issued.refreshExpiresAt,
  });
  return issued.session;
}

function clearRefreshCookie(response: Response): void {
  response.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH });
}

/** The address an auth request is about, so that one account's attempts are limited together. */
function emailOf(body: unknown): string {
  const email = (body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? email.trim().toLowerCase() : '';
}

/** Shown in the person's list of sessions; the user agent is cut short, being the client's to fill. */
function clientOf(request: Request): SessionClient {
  return { userAgent: request.get('user-agent')?.slice(0, 300) ?? null, ipAddress: request.ip ?? null };
}

function readCookie(request: Request, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}
