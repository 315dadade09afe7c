import { z } from 'zod';
import { AuditReason } from './audit.js';
import { Email, Language, Locale, Pagination, PersonName, Role, TimeZone } from './common.js';

export const User = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: Role,
  timeZone: z.string(),
  locale: Locale,
  emailConfirmed: z.boolean(),
  disabled: z.boolean(),
  /** Languages a teacher or methodist teaches; empty for others. */
  teaches: z.array(Language),
  /** A student who does not want to be in lessons' recordings (see `isRecorded`). */
  recordingOptOut: z.boolean(),
});
export type User = z.infer<typeof User>;

export const UpdateProfileBody = z
  .object({ name: PersonName, timeZone: TimeZone, locale: Locale, recordingOptOut: z.boolean() })
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'nothing to update' });
export type UpdateProfileBody = z.infer<typeof UpdateProfileBody>;

/** The languages a teacher or methodist teaches, each once. */
const Teaches = z
  .array(Language)
  .max(Language.options.length)
  .refine((languages) => new Set(languages).size === languages.length, { message: 'must not repeat a language' });

/** Admins create staff; the new person sets a password with a code sent by e-mail. */
export const CreateUserBody = z.object({
  email: Email,
  name: PersonName,
  role: Role,
  timeZone: TimeZone,
  locale: Locale,
  teaches: Teaches.default([]),
});
export type CreateUserBody = z.infer<typeof CreateUserBody>;

/** Every change is audited; `reason` is kept with it. */
export const UpdateUserBody = z
  .object({
    name: PersonName,
    role: Role,
    disabled: z.boolean(),
    teaches: Teaches,
    reason: AuditReason,
  })
  .partial()
  .refine((body) => Object.keys(body).some((key) => key !== 'reason'), { message: 'nothing to update' });
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

export const UserListQuery = Pagination.extend({
  role: Role.optional(),
  search: z.string().trim().max(100).optional(),
});
export type UserListQuery = z.infer<typeof UserListQuery>;

export const UserList = z.object({ items: z.array(User), total: z.number().int() });
export type UserList = z.infer<typeof UserList>;

export const IdParams = z.object({ id: z.uuid() });

export const OutboxMail = z.object({
  id: z.uuid(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  createdAt: z.string(),
});
export type OutboxMail = z.infer<typeof OutboxMail>;

export const OutboxQuery = Pagination.extend({ to: z.string().trim().max(254).optional() });
export const OutboxList = z.object({ items: z.array(OutboxMail), total: z.number().int() });
export type OutboxList = z.infer<typeof OutboxList>;
