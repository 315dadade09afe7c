import { z } from 'zod';

/**
 * Stable error codes. Clients switch on these, never on messages; a code, once published,
 * keeps its meaning.
 */
export const ErrorCode = z.enum([
  'validation_failed',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'internal',
  'payload_too_large',
  'email_taken',
  'invalid_credentials',
  'email_not_confirmed',
  'email_already_confirmed',
  'account_disabled',
  'code_invalid',
  'code_expired',
  'code_attempts_exceeded',
  'resend_cooldown',
  'refresh_token_invalid',
  'refresh_token_reused',
  'agreement_outdated',
  'room_not_open',
  'room_closed',
  'room_locked',
  'room_elsewhere',
  'removed_from_room',
  'not_in_room',
  'muted_by_teacher',
  'media_error',
  'unsupported_file_type',
  'file_type_mismatch',
  'insufficient_credits',
  'payments_unavailable',
  'payment_provider_unavailable',
  'payment_provider_refused',
  'payment_not_refundable',
  'webhook_refused',
  'slot_taken',
  'teacher_already_assigned',
  'homework_closed',
  'homework_already_submitted',
  'lesson_cancelled',
  'telegram_unavailable',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** One bad field: `path` is the dotted location, e.g. `body.email`. */
export const FieldError = z.object({
  path: z.string(),
  message: z.string(),
});
export type FieldError = z.infer<typeof FieldError>;

/** RFC 9457 problem details, with our stable `code` and the bad fields. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: ErrorCode,
  detail: z.string().optional(),
  errors: z.array(FieldError).optional(),
  retryAfterSeconds: z.number().int().optional(),
});
export type Problem = z.infer<typeof Problem>;
