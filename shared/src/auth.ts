import { z } from 'zod';
import { Email, IsoDateTime, Locale, Password, PersonName, TimeZone } from './common.js';
import { User } from './users.js';

export const EmailCodeValue = z.string().regex(/^\d{6}$/, { message: 'must be 6 digits' });

export const SignUpBody = z.object({
  email: Email,
  password: Password,
  name: PersonName,
  timeZone: TimeZone,
  locale: Locale,
  /** The version of the user agreement the person accepted. */
  agreementVersion: z.number().int().positive(),
});
export type SignUpBody = z.infer<typeof SignUpBody>;

/** The same for a new address and a taken one (whose owner is told by e-mail), so it names no account. */
export const SignUpResult = z.object({
  email: z.string(),
  /** Seconds until another code may be requested. */
  resendAfterSeconds: z.number().int(),
});
export type SignUpResult = z.infer<typeof SignUpResult>;

export const ConfirmEmailBody = z.object({ email: Email, code: EmailCodeValue });
export type ConfirmEmailBody = z.infer<typeof ConfirmEmailBody>;

export const ResendCodeBody = z.object({ email: Email });
export type ResendCodeBody = z.infer<typeof ResendCodeBody>;

export const ResendCodeResult = z.object({ resendAfterSeconds: z.number().int() });
export type ResendCodeResult = z.infer<typeof ResendCodeResult>;

/** Fixes a mistyped address before it is confirmed; the password proves it is the same person. */
export const ChangeUnconfirmedEmailBody = z.object({
  email: Email,
  password: z.string().min(1).max(200),
  newEmail: Email,
});
export type ChangeUnconfirmedEmailBody = z.infer<typeof ChangeUnconfirmedEmailBody>;

export const LoginBody = z.object({ email: Email, password: z.string().min(1).max(200) });
export type LoginBody = z.infer<typeof LoginBody>;

/** The refresh token itself travels only in an httpOnly cookie. */
export const Session = z.object({
  accessToken: z.string(),
  expiresInSeconds: z.number().int(),
  user: User,
});
export type Session = z.infer<typeof Session>;

/** A signed-in device or browser: one sign-in and the refresh tokens it rotated through. */
export const ActiveSession = z.object({
  id: z.uuid(),
  createdAt: IsoDateTime,
  /** When its refresh token was last exchanged. */
  lastUsedAt: IsoDateTime,
  userAgent: z.string().nullable(),
  /** The client address seen at that last use. */
  ipAddress: z.string().nullable(),
  /** The session the request itself belongs to. */
  current: z.boolean(),
});
export type ActiveSession = z.infer<typeof ActiveSession>;

export const ActiveSessionList = z.object({ items: z.array(ActiveSession) });
export type ActiveSessionList = z.infer<typeof ActiveSessionList>;

export const PasswordResetRequestBody = z.object({ email: Email });
export type PasswordResetRequestBody = z.infer<typeof PasswordResetRequestBody>;

export const PasswordResetBody = z.object({
  email: Email,
  code: EmailCodeValue,
  newPassword: Password,
});
export type PasswordResetBody = z.infer<typeof PasswordResetBody>;

export const Agreement = z.object({
  version: z.number().int(),
  text: z.string(),
  publishedAt: z.string(),
});
export type Agreement = z.infer<typeof Agreement>;

export const AgreementQuery = z.object({ locale: Locale.default('en') });
