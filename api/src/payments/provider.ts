/**
 * The payment-provider layer: what the school asks of an online payment service, independent of
 * which one. Amounts are whole minor units (kopecks); the provider formats them for the wire.
 * Nothing here touches the database: granting credits once per payment is the caller's job (see
 * the README next to this file).
 */

export type PaymentStatus = 'pending' | 'waiting_for_capture' | 'succeeded' | 'canceled';
export type RefundStatus = 'pending' | 'succeeded' | 'canceled';

export interface CreatePaymentInput {
  /** Whole minor units (kopecks for RUB): 199999 is 1999.99. */
  amountMinor: number;
  /** ISO 4217, e.g. 'RUB'. */
  currency: string;
  /** Shown to the payer and in the provider's back office (YooKassa: up to 128 characters). */
  description: string;
  /**
   * The same key with the same input gives back the same payment instead of a second one
   * (YooKassa: at most 64 characters, remembered for 24 hours). Use one per purchase attempt.
   */
  idempotenceKey: string;
  /** Where the payer's browser is sent back after paying or giving up. */
  returnUrl: string;
  /** Kept with the payment and returned by getPayment (e.g. the purchase id); strings only. */
  metadata: Record<string, string>;
}

export interface ProviderPayment {
  providerPaymentId: string;
  status: PaymentStatus;
  /** True once the money is taken (status succeeded or waiting_for_capture). */
  paid: boolean;
  amountMinor: number;
  currency: string;
  /** Minor units refunded so far. */
  refundedMinor: number;
  /** The page to send the payer to; present while the payment waits for them. */
  confirmationUrl: string | undefined;
  description: string | undefined;
  metadata: Record<string, string>;
  createdAt: Date;
  /** A test-mode payment: no real money moved. */
  test: boolean;
}

export interface CreatedPayment extends ProviderPayment {
  /** Where to redirect the payer. */
  confirmationUrl: string;
}

export interface RefundInput {
  providerPaymentId: string;
  amountMinor: number;
  currency: string;
  /** One key per refund decision, e.g. `refund:<purchaseId>:<n>`; a retry with it never refunds twice. */
  idempotenceKey: string;
  description?: string;
}

export interface ProviderRefund {
  providerRefundId: string;
  providerPaymentId: string;
  status: RefundStatus;
  amountMinor: number;
  currency: string;
  createdAt: Date;
}

/** A notification that the provider's own API confirmed: its objects are the provider's answer, not the request body. */
export type VerifiedPaymentEvent =
  | { type: 'payment.succeeded' | 'payment.canceled' | 'payment.waiting_for_capture'; payment: ProviderPayment }
  | { type: 'refund.succeeded'; refund: ProviderRefund };

export type WebhookRefusalReason =
  /** The request came from an address outside PAYMENT_WEBHOOK_ALLOWED_IPS. */
  | 'source_not_allowed'
  /** PAYMENT_WEBHOOK_SECRET is set and the signature header is missing or wrong. */
  | 'bad_signature'
  /** Not JSON, or not a notification. */
  | 'malformed'
  /** An event this layer does not know. */
  | 'unsupported_event'
  /** The provider does not know the payment or refund named in it. */
  | 'unknown_object'
  /** The provider's own answer disagrees with the notification (status, amount, currency, payment). */
  | 'mismatch'
  /** The provider could not be asked (network, 5xx): answer 5xx so the provider sends it again. */
  | 'provider_unavailable';

export interface WebhookRefusal {
  reason: WebhookRefusalReason;
  detail: string;
  /** What to answer the sender: 5xx asks the provider to send the notification again later. */
  httpStatus: number;
}

export type WebhookResult = { ok: true; event: VerifiedPaymentEvent } | { ok: false; refusal: WebhookRefusal };

export interface WebhookRequest {
  /** The body exactly as received (needed for the signature). */
  rawBody: string | Uint8Array;
  headers: Record<string, string | string[] | undefined>;
  /** The sender's address as the server sees it (express `req.ip`, with `trust proxy` set right). */
  sourceIp: string | undefined;
}

export type PaymentProviderErrorKind =
  /** No answer: connection refused or reset, DNS, timeout. The outcome is unknown: retry with the same key. */
  | 'network'
  /** The provider failed (5xx). The outcome is unknown: retry with the same key. */
  | 'provider_error'
  /** Too many requests (429), or still processing (202): retry later with the same key. */
  | 'busy'
  /** The provider refused the request (400), including an idempotence key reused for other input. */
  | 'rejected'
  /** Wrong shop id or secret key, or not allowed (401, 403). */
  | 'unauthorized'
  /** No such payment or refund (404). */
  | 'not_found'
  /** The answer was not what the protocol promises. */
  | 'bad_response'
  /** The input was refused before anything was sent (bad amount, id or key). */
  | 'invalid_input';

const RETRYABLE: ReadonlySet<PaymentProviderErrorKind> = new Set(['network', 'provider_error', 'busy']);

/** Every failure of a provider call is one of these; nothing else is thrown. */
export class PaymentProviderError extends Error {
  override readonly name = 'PaymentProviderError';
  /** True when the same call (with the same idempotence key) may succeed later. */
  readonly retryable: boolean;

  constructor(
    readonly kind: PaymentProviderErrorKind,
    message: string,
    readonly details: { httpStatus?: number; code?: string; parameter?: string; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.retryable = RETRYABLE.has(kind);
  }
}

export interface PaymentProvider {
  /** 'yookassa', … — stored with each payment so its webhook is routed back. */
  readonly name: string;
  createPayment(input: CreatePaymentInput): Promise<CreatedPayment>;
  getPayment(providerPaymentId: string): Promise<ProviderPayment>;
  refund(input: RefundInput): Promise<ProviderRefund>;
  getRefund(providerRefundId: string): Promise<ProviderRefund>;
  /**
   * Checks a notification (source address, signature when a secret is set), then asks the
   * provider for the object it names and returns the provider's answer. Never throws.
   */
  parseWebhook(request: WebhookRequest): Promise<WebhookResult>;
}
