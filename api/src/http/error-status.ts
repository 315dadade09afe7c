import type { ErrorCode } from '@panda/shared';

/**
 * The HTTP status each error code is answered with: the one place that decides it. A `Record` over
 * every code, so a new code does not compile until it has its status here.
 */
export const STATUS_OF: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  internal: 500,
  payload_too_large: 413,
  email_taken: 409,
  invalid_credentials: 401,
  email_not_confirmed: 403,
  email_already_confirmed: 409,
  account_disabled: 403,
  code_invalid: 400,
  code_expired: 400,
  code_attempts_exceeded: 400,
  resend_cooldown: 429,
  refresh_token_invalid: 401,
  refresh_token_reused: 401,
  agreement_outdated: 409,
  // The lesson room's codes travel over signaling, not HTTP; these are what they would be answered with.
  room_not_open: 409,
  room_closed: 409,
  room_locked: 403,
  room_elsewhere: 409,
  removed_from_room: 403,
  not_in_room: 409,
  muted_by_teacher: 403,
  media_error: 500,
  unsupported_file_type: 400,
  file_type_mismatch: 400,
  insufficient_credits: 409,
  payments_unavailable: 503,
  payment_provider_unavailable: 503,
  payment_provider_refused: 502,
  payment_not_refundable: 409,
  // A notification that will not be applied. Refusing its sender (401/403) is the webhook's own answer: see the webhook routes.
  webhook_refused: 400,
  slot_taken: 409,
  teacher_already_assigned: 409,
  homework_closed: 409,
  homework_already_submitted: 409,
  lesson_cancelled: 409,
  telegram_unavailable: 503,
};
