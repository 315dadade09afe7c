import { z } from 'zod';

export const Role = z.enum(['student', 'teacher', 'methodist', 'admin']);
export type Role = z.infer<typeof Role>;

/** Interface languages. */
export const Locale = z.enum(['en', 'ru']);
export type Locale = z.infer<typeof Locale>;

/** Languages the school teaches. */
export const Language = z.enum(['en', 'zh']);
export type Language = z.infer<typeof Language>;

export const Uuid = z.uuid();

export const Email = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: 'must be an e-mail address' }))
  .transform((value) => value.toLowerCase());

/** An IANA time zone name the runtime knows, e.g. `Europe/Moscow`. */
export const TimeZone = z.string().refine(
  (value) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: value });
      return value.includes('/') || value === 'UTC';
    } catch {
      return false;
    }
  },
  { message: 'must be an IANA time zone such as Europe/Moscow' },
);

export const Password = z
  .string()
  .min(8, { message: 'must be at least 8 characters' })
  .max(200, { message: 'must be at most 200 characters' });

export const PersonName = z.string().trim().min(1).max(120);

/** Dates travel as ISO 8601 strings in UTC. */
export const IsoDateTime = z.iso.datetime({ offset: true });

export const Pagination = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
