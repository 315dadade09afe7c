import type {
  Agreement,
  ChangeUnconfirmedEmailBody,
  ConfirmEmailBody,
  CreateUserBody,
  CreditBalance,
  Lesson,
  LessonList,
  Locale,
  LoginBody,
  Meta,
  OutboxList,
  PasswordResetBody,
  PasswordResetRequestBody,
  ResendCodeBody,
  ResendCodeResult,
  Role,
  Session,
  SignUpBody,
  SignUpResult,
  UpdateProfileBody,
  UpdateUserBody,
  User,
  UserList,
} from '@panda/shared';
import { request } from './client';

// A type, not an interface: `query()` needs the implicit index signature.
type Page = {
  limit: number;
  offset: number;
};

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

// Bodies are the output of the shared schemas: pages validate before they call these.
export const api = {
  meta: () => request<Meta>('GET', '/api/meta', { auth: false }),
  agreement: (locale: Locale, signal?: AbortSignal) =>
    request<Agreement>('GET', `/api/agreement${query({ locale })}`, { auth: false, signal }),

  signUp: (body: SignUpBody) => request<SignUpResult>('POST', '/api/auth/signup', { body, auth: false }),
  confirmEmail: (body: ConfirmEmailBody) =>
    request<Session>('POST', '/api/auth/confirm-email', { body, auth: false }),
  resendCode: (body: ResendCodeBody) =>
    request<ResendCodeResult>('POST', '/api/auth/resend-code', { body, auth: false }),
  changeEmail: (body: ChangeUnconfirmedEmailBody) =>
    request<SignUpResult>('POST', '/api/auth/change-email', { body, auth: false }),
  login: (body: LoginBody) => request<Session>('POST', '/api/auth/login', { body, auth: false }),
  logout: () => request<void>('POST', '/api/auth/logout', { auth: false }),
  requestPasswordReset: (body: PasswordResetRequestBody) =>
    request<void>('POST', '/api/auth/password-reset/request', { body, auth: false }),
  resetPassword: (body: PasswordResetBody) =>
    request<void>('POST', '/api/auth/password-reset/confirm', { body, auth: false }),

  updateMe: (body: UpdateProfileBody) => request<User>('PATCH', '/api/me', { body }),
  myLessons: (range: { from: string; to: string }, signal?: AbortSignal) =>
    request<LessonList>('GET', `/api/me/lessons${query(range)}`, { signal }),
  myCredits: (signal?: AbortSignal) => request<CreditBalance>('GET', '/api/me/credits', { signal }),
  lesson: (id: string, signal?: AbortSignal) =>
    request<Lesson>('GET', `/api/lessons/${encodeURIComponent(id)}`, { signal }),

  users: (params: Page & { role?: Role | undefined; search?: string }, signal?: AbortSignal) =>
    request<UserList>('GET', `/api/admin/users${query(params)}`, { signal }),
  createUser: (body: CreateUserBody) => request<User>('POST', '/api/admin/users', { body }),
  updateUser: (id: string, body: UpdateUserBody) =>
    request<User>('PATCH', `/api/admin/users/${encodeURIComponent(id)}`, { body }),
  outbox: (params: Page & { to?: string }, signal?: AbortSignal) =>
    request<OutboxList>('GET', `/api/admin/outbox${query(params)}`, { signal }),
};
