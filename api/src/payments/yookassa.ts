import { z } from 'zod';
import { formatMinorUnits, MoneyFormatError, parseMinorUnits } from './money.js';
import {
  PaymentProviderError,
  type CreatedPayment,
  type CreatePaymentInput,
  type PaymentProvider,
  type ProviderPayment,
  type ProviderRefund,
  type RefundInput,
  type VerifiedPaymentEvent,
  type WebhookRefusal,
  type WebhookRequest,
  type WebhookResult,
} from './provider.js';
import { WebhookGuard } from './webhook-guard.js';

/**
 * YooKassa's REST API v3 (https://yookassa.ru/developers/api): Basic auth with the shop id and
 * secret key, an Idempotence-Key on every POST, amounts as `{ value: "1999.99", currency: "RUB" }`,
 * one-stage payments (`capture: true`) confirmed by redirecting the payer.
 */
export interface YooKassaSettings {
  /** https://api.yookassa.ru/v3 in production; the tests point it at a local server. */
  apiUrl: string;
  shopId: string;
  secretKey: string;
  /** Optional HMAC-SHA256 header check and source allow-list for notifications. */
  webhook: { secret: string | undefined; allowedNetworks: readonly string[] };
  /** Each API call gives up after this long (a 'network' error). */
  timeoutMs?: number;
}

const Amount = z.object({ value: z.string(), currency: z.string().regex(/^[A-Z]{3}$/) });

const PaymentObject = z.looseObject({
  id: z.string().min(1),
  status: z.enum(['pending', 'waiting_for_capture', 'succeeded', 'canceled']),
  paid: z.boolean(),
  amount: Amount,
  refunded_amount: Amount.optional(),
  confirmation: z.looseObject({ type: z.string(), confirmation_url: z.string().optional() }).optional(),
  created_at: z.string(),
  description: z.string().optional(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  test: z.boolean().optional(),
});

const RefundObject = z.looseObject({
  id: z.string().min(1),
  payment_id: z.string().min(1),
  status: z.enum(['pending', 'succeeded', 'canceled']),
  amount: Amount,
  created_at: z.string(),
});

const ErrorBody = z.looseObject({
  type: z.literal('error'),
  code: z.string().optional(),
  description: z.string().optional(),
  parameter: z.string().optional(),
});

const Notification = z.looseObject({
  type: z.literal('notification'),
  event: z.string(),
  object: z.looseObject({
    id: z.string(),
    status: z.string().optional(),
    amount: Amount.optional(),
    payment_id: z.string().optional(),
  }),
});

const OBJECT_ID = /^[\w-]{1,100}$/;
const PAYMENT_EVENTS = {
  'payment.succeeded': 'succeeded',
  'payment.canceled': 'canceled',
  'payment.waiting_for_capture': 'waiting_for_capture',
} as const;

export class YooKassaProvider implements PaymentProvider {
  readonly name = 'yookassa';
  readonly #apiUrl: string;
  readonly #authorization: string;
  readonly #timeoutMs: number;
  readonly #guard: WebhookGuard;

  constructor(settings: YooKassaSettings) {
    this.#apiUrl = settings.apiUrl.replace(/\/+$/, '');
    this.#authorization = `Basic ${Buffer.from(`${settings.shopId}:${settings.secretKey}`).toString('base64')}`;
    this.#timeoutMs = settings.timeoutMs ?? 15_000;
    this.#guard = new WebhookGuard(settings.webhook);
  }

  async createPayment(input: CreatePaymentInput): Promise<CreatedPayment> {
    checkKey(input.idempotenceKey);
    if (input.amountMinor <= 0) throw new PaymentProviderError('invalid_input', 'the amount must be positive');
    if (input.description.length > 128) throw new PaymentProviderError('invalid_input', 'the description is longer than 128 characters');
    const metadata = Object.entries(input.metadata);
    if (metadata.length > 16 || metadata.some(([name, value]) => name.length > 32 || value.length > 512)) {
      throw new PaymentProviderError('invalid_input', 'metadata: at most 16 keys of up to 32 characters, values up to 512');
    }
    const body = {
      amount: amount(input.amountMinor, input.currency),
      capture: true,
      confirmation: { type: 'redirect', return_url: input.returnUrl },
      description: input.description,
      metadata: input.metadata,
    };
    const answer = await this.#call('POST', '/payments', body, input.idempotenceKey, PaymentObject);
    // A replayed key returns the first answer, whose confirmation_url stays the payer's page.
    const confirmationUrl = answer.confirmation?.confirmation_url;
    if (!confirmationUrl) throw new PaymentProviderError('bad_response', 'the created payment has no confirmation_url');
    return { ...toPayment(answer), confirmationUrl };
  }

  async getPayment(providerPaymentId: string): Promise<ProviderPayment> {
    checkId(providerPaymentId);
    return toPayment(await this.#call('GET', `/payments/${providerPaymentId}`, undefined, undefined, PaymentObject));
  }

  async refund(input: RefundInput): Promise<ProviderRefund> {
    checkId(input.providerPaymentId);
    checkKey(input.idempotenceKey);
    if (input.amountMinor <= 0) throw new PaymentProviderError('invalid_input', 'the amount must be positive');
    const body = {
      payment_id: input.providerPaymentId,
      amount: amount(input.amountMinor, input.currency),
      ...(input.description ? { description: input.description } : {}),
    };
    return toRefund(await this.#call('POST', '/refunds', body, input.idempotenceKey, RefundObject));
  }

  async getRefund(providerRefundId: string): Promise<ProviderRefund> {
    checkId(providerRefundId);
    return toRefund(await this.#call('GET', `/refunds/${providerRefundId}`, undefined, undefined, RefundObject));
  }

  async parseWebhook(request: WebhookRequest): Promise<WebhookResult> {
    const verdict = this.#guard.check(request);
    if (!verdict.ok) {
      return refuse(verdict.reason, verdict.detail, verdict.reason === 'source_not_allowed' ? 403 : 401);
    }
    let json: unknown;
    try {
      json = JSON.parse(typeof request.rawBody === 'string' ? request.rawBody : Buffer.from(request.rawBody).toString('utf8'));
    } catch {
      return refuse('malformed', 'the body is not JSON', 400);
    }
    const parsed = Notification.safeParse(json);
    if (!parsed.success) return refuse('malformed', 'the body is not a YooKassa notification', 400);
    const { event, object: hint } = parsed.data;
    if (!OBJECT_ID.test(hint.id)) return refuse('malformed', 'the object id is malformed', 400);

    // The body is only a hint: what counts is the provider's own answer for that id.
    try {
      if (event in PAYMENT_EVENTS) {
        const type = event as keyof typeof PAYMENT_EVENTS;
        const payment = await this.getPayment(hint.id);
        const mismatch =
          payment.status !== PAYMENT_EVENTS[type]
            ? `the payment is ${payment.status}, not ${PAYMENT_EVENTS[type]}`
            : amountMismatch(hint.amount, payment.amountMinor, payment.currency);
        if (mismatch) return refuse('mismatch', mismatch, 400);
        return accept({ type, payment });
      }
      if (event === 'refund.succeeded') {
        const refund = await this.getRefund(hint.id);
        const mismatch =
          refund.status !== 'succeeded'
            ? `the refund is ${refund.status}, not succeeded`
            : hint.payment_id !== undefined && hint.payment_id !== refund.providerPaymentId
              ? 'the refund belongs to another payment'
              : amountMismatch(hint.amount, refund.amountMinor, refund.currency);
        if (mismatch) return refuse('mismatch', mismatch, 400);
        return accept({ type: 'refund.succeeded', refund });
      }
    } catch (error) {
      if (error instanceof PaymentProviderError) {
        if (error.kind === 'not_found') return refuse('unknown_object', `YooKassa does not know ${hint.id}`, 400);
        return refuse('provider_unavailable', `could not check with YooKassa: ${error.message}`, 503);
      }
      return refuse('provider_unavailable', 'could not check with YooKassa', 503);
    }
    return refuse('unsupported_event', `event ${event} is not handled`, 400);
  }

  async #call<T extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    idempotenceKey: string | undefined,
    schema: T,
  ): Promise<z.infer<T>> {
    const headers: Record<string, string> = { Authorization: this.#authorization, Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (idempotenceKey) headers['Idempotence-Key'] = idempotenceKey;
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${this.#apiUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.#timeoutMs),
        redirect: 'error',
      });
      text = await response.text();
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      throw new PaymentProviderError('network', timedOut ? `YooKassa did not answer within ${this.#timeoutMs} ms` : 'YooKassa could not be reached', {
        cause: error,
      });
    }
    const json = parseJson(text);
    if (response.status === 200) {
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        throw new PaymentProviderError('bad_response', `unexpected answer to ${method} ${path}: ${parsed.error.issues[0]?.message ?? ''}`, {
          httpStatus: 200,
        });
      }
      return parsed.data;
    }
    throw errorFor(response.status, json, `${method} ${path}`);
  }
}

function errorFor(httpStatus: number, json: unknown, what: string): PaymentProviderError {
  const body = ErrorBody.safeParse(json);
  const info = body.success ? { code: body.data.code, parameter: body.data.parameter } : {};
  const said = body.success && body.data.description ? `: ${body.data.description}` : '';
  const details = { httpStatus, ...info };
  if (httpStatus === 202) return new PaymentProviderError('busy', `YooKassa is still processing ${what}`, details);
  if (httpStatus === 429) return new PaymentProviderError('busy', `too many requests to YooKassa${said}`, details);
  if (httpStatus === 401 || httpStatus === 403) {
    return new PaymentProviderError('unauthorized', `YooKassa refused the shop id and secret key${said}`, details);
  }
  if (httpStatus === 404) return new PaymentProviderError('not_found', `YooKassa does not know ${what}${said}`, details);
  if (httpStatus >= 500) return new PaymentProviderError('provider_error', `YooKassa failed (${httpStatus})${said}`, details);
  if (httpStatus >= 400) return new PaymentProviderError('rejected', `YooKassa refused ${what}${said}`, details);
  return new PaymentProviderError('bad_response', `unexpected HTTP ${httpStatus} for ${what}`, details);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function amount(amountMinor: number, currency: string): { value: string; currency: string } {
  if (!/^[A-Z]{3}$/.test(currency)) throw new PaymentProviderError('invalid_input', `not a currency code: ${currency}`);
  try {
    return { value: formatMinorUnits(amountMinor, currency), currency };
  } catch (error) {
    throw new PaymentProviderError('invalid_input', (error as Error).message);
  }
}

function readAmount(value: { value: string; currency: string }): number {
  try {
    return parseMinorUnits(value.value, value.currency);
  } catch (error) {
    if (error instanceof MoneyFormatError) throw new PaymentProviderError('bad_response', error.message);
    throw error;
  }
}

function amountMismatch(hint: { value: string; currency: string } | undefined, amountMinor: number, currency: string): string | undefined {
  if (!hint) return undefined;
  if (hint.currency !== currency) return `the currency is ${currency}, not ${hint.currency}`;
  let hinted: number;
  try {
    hinted = parseMinorUnits(hint.value, hint.currency);
  } catch {
    return `the amount ${hint.value} is malformed`;
  }
  return hinted === amountMinor ? undefined : `the amount is ${formatMinorUnits(amountMinor, currency)}, not ${hint.value}`;
}

function toPayment(object: z.infer<typeof PaymentObject>): ProviderPayment {
  const metadata: Record<string, string> = {};
  for (const [key, value] of Object.entries(object.metadata ?? {})) {
    if (typeof value === 'string') metadata[key] = value;
  }
  return {
    providerPaymentId: object.id,
    status: object.status,
    paid: object.paid,
    amountMinor: readAmount(object.amount),
    currency: object.amount.currency,
    refundedMinor: object.refunded_amount ? readAmount(object.refunded_amount) : 0,
    confirmationUrl: object.status === 'pending' ? object.confirmation?.confirmation_url : undefined,
    description: object.description,
    metadata,
    createdAt: new Date(object.created_at),
    test: object.test ?? false,
  };
}

function toRefund(object: z.infer<typeof RefundObject>): ProviderRefund {
  return {
    providerRefundId: object.id,
    providerPaymentId: object.payment_id,
    status: object.status,
    amountMinor: readAmount(object.amount),
    currency: object.amount.currency,
    createdAt: new Date(object.created_at),
  };
}

function checkId(id: string): void {
  if (!OBJECT_ID.test(id)) throw new PaymentProviderError('invalid_input', 'malformed payment or refund id');
}

function checkKey(key: string): void {
  if (key.length < 1 || key.length > 64) throw new PaymentProviderError('invalid_input', 'the idempotence key must be 1–64 characters');
}

const accept = (event: VerifiedPaymentEvent): WebhookResult => ({ ok: true, event });
const refuse = (reason: WebhookRefusal['reason'], detail: string, httpStatus: number): WebhookResult => ({
  ok: false,
  refusal: { reason, detail, httpStatus },
});
