import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { signWebhookBody, WEBHOOK_SIGNATURE_HEADER } from '@panda/api';

type Amount = { value: string; currency: string };

export interface FakePayment {
  id: string;
  status: 'pending' | 'waiting_for_capture' | 'succeeded' | 'canceled';
  paid: boolean;
  amount: Amount;
  refunded_amount?: Amount;
  refundable: boolean;
  confirmation?: { type: 'redirect'; return_url: string; confirmation_url: string };
  created_at: string;
  captured_at?: string;
  description?: string;
  metadata: Record<string, string>;
  recipient: { account_id: string; gateway_id: string };
  cancellation_details?: { party: string; reason: string };
  test: boolean;
}

export interface FakeRefund {
  id: string;
  payment_id: string;
  status: 'pending' | 'succeeded' | 'canceled';
  amount: Amount;
  created_at: string;
  description?: string;
}

interface Stored {
  fingerprint: string;
  status: number;
  body: unknown;
}

/**
 * A local stand-in for YooKassa's API v3 (https://yookassa.ru/developers/api) on 127.0.0.1: Basic
 * auth with a shop id and secret key, Idempotence-Key on POST (the same key and body give back the
 * first answer; the same key with another body is a 400), payments created `pending` with a
 * confirmation page on this server, refunds, and notifications posted to a webhook URL.
 *
 * Test controls: `pay(id)` / `cancel(id)` (or POST /checkout/<id>/pay|cancel as a payer would),
 * `failNext(n, status)` for 5xx answers, `dropNext(n)` to cut connections without an answer.
 */
export class FakeYooKassa {
  readonly shopId = '100500';
  readonly secretKey = 'test_fake_secret_key';
  readonly payments = new Map<string, FakePayment>();
  readonly refunds = new Map<string, FakeRefund>();
  /** Every API request, in order (method, path, Idempotence-Key). */
  readonly requests: Array<{ method: string; path: string; idempotenceKey: string | undefined }> = [];
  readonly #idempotence = new Map<string, Stored>();
  readonly #server: http.Server;
  #failures: number[] = [];
  #drops = 0;

  private constructor() {
    this.#server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => this.#handle(request, Buffer.concat(chunks).toString('utf8'), response));
    });
  }

  static async start(): Promise<FakeYooKassa> {
    const fake = new FakeYooKassa();
    await new Promise<void>((resolve) => fake.#server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get baseUrl(): string {
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** What YOOKASSA_API_URL should be. */
  get apiUrl(): string {
    return `${this.baseUrl}/v3`;
  }

  /** The settings that point a test server's payments at this provider. */
  get serverEnv(): Record<string, string> {
    return { PAYMENT_PROVIDER: 'yookassa', YOOKASSA_API_URL: this.apiUrl, YOOKASSA_SHOP_ID: this.shopId, YOOKASSA_SECRET_KEY: this.secretKey };
  }

  /** The next `count` API requests are answered with `status` (500 by default) and YooKassa's error body. */
  failNext(count: number, status = 500): void {
    this.#failures.push(...Array<number>(count).fill(status));
  }

  /** The next `count` API requests get no answer: the connection is cut. */
  dropNext(count = 1): void {
    this.#drops += count;
  }

  /** The payer paid: the payment succeeds (one-stage payment, captured at once). */
  pay(id: string): FakePayment {
    const payment = this.#payment(id);
    if (payment.status !== 'pending') throw new Error(`payment ${id} is ${payment.status}`);
    Object.assign(payment, {
      status: 'succeeded',
      paid: true,
      refundable: true,
      captured_at: new Date().toISOString(),
    });
    delete payment.confirmation;
    return payment;
  }

  /** The payer gave up, or the bank declined. */
  cancel(id: string): FakePayment {
    const payment = this.#payment(id);
    if (payment.status !== 'pending') throw new Error(`payment ${id} is ${payment.status}`);
    Object.assign(payment, { status: 'canceled', cancellation_details: { party: 'yoo_money', reason: 'expired_on_confirmation' } });
    delete payment.confirmation;
    return payment;
  }

  /**
   * Posts a notification about a payment or refund to `webhookUrl`, as YooKassa does. `object`
   * overrides the object sent (to forge one); `signWith` adds the signature a signing proxy would;
   * `headers` adds others (X-Forwarded-For, as a trusted proxy in front of the app would).
   */
  async notify(
    webhookUrl: string,
    event: string,
    id: string,
    options: { object?: Record<string, unknown>; signWith?: string; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; body: string }> {
    const object = options.object ?? (event.startsWith('refund.') ? this.refunds.get(id) : this.payments.get(id)) ?? { id };
    const body = JSON.stringify({ type: 'notification', event, object });
    const headers: Record<string, string> = { 'Content-Type': 'application/json', ...options.headers };
    if (options.signWith) headers[WEBHOOK_SIGNATURE_HEADER] = signWebhookBody(body, options.signWith);
    const response = await fetch(webhookUrl, { method: 'POST', headers, body });
    return { status: response.status, body: await response.text() };
  }

  close(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  #payment(id: string): FakePayment {
    const payment = this.payments.get(id);
    if (!payment) throw new Error(`no payment ${id}`);
    return payment;
  }

  #handle(request: http.IncomingMessage, rawBody: string, response: http.ServerResponse): void {
    const url = new URL(request.url ?? '/', this.baseUrl);
    const method = request.method ?? 'GET';
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const error = (status: number, code: string, description: string, parameter?: string) =>
      send(status, { type: 'error', id: randomUUID(), code, description, ...(parameter ? { parameter } : {}) });

    // The payer's side: the confirmation page and its two buttons.
    const checkout = /^\/checkout\/([\w-]+)(?:\/(pay|cancel))?$/.exec(url.pathname);
    if (checkout) {
      const payment = this.payments.get(checkout[1] ?? '');
      if (!payment) return error(404, 'not_found', 'no such payment');
      if (method === 'GET' && !checkout[2]) {
        response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        // A payer's page: each button posts to the route below, which redirects back to the shop.
        response.end(
          `<h1>Pay ${payment.amount.value} ${payment.amount.currency}</h1><p>${payment.description ?? ''}</p>` +
            `<form method="post" action="/checkout/${payment.id}/pay"><button id="pay">Pay</button></form>` +
            `<form method="post" action="/checkout/${payment.id}/cancel"><button id="cancel">Cancel</button></form>`,
        );
        return;
      }
      if (method !== 'POST' || !checkout[2]) return error(405, 'method_not_allowed', 'use POST');
      const returnUrl = payment.confirmation?.return_url;
      try {
        if (checkout[2] === 'pay') this.pay(payment.id);
        else this.cancel(payment.id);
      } catch (caught) {
        return error(400, 'invalid_request', (caught as Error).message);
      }
      response.writeHead(302, { Location: returnUrl ?? '/' });
      response.end();
      return;
    }

    if (!url.pathname.startsWith('/v3/')) return error(404, 'not_found', 'unknown path');
    const path = url.pathname.slice('/v3'.length);
    const idempotenceKey = header(request, 'idempotence-key');
    this.requests.push({ method, path, idempotenceKey });

    if (this.#drops > 0) {
      this.#drops -= 1;
      request.socket.destroy();
      return;
    }
    const failure = this.#failures.shift();
    if (failure !== undefined) return error(failure, 'internal_server_error', 'Internal server error');

    const expected = `Basic ${Buffer.from(`${this.shopId}:${this.secretKey}`).toString('base64')}`;
    if (header(request, 'authorization') !== expected) {
      return error(401, 'invalid_credentials', 'Login or password is incorrect');
    }

    if (method === 'GET') {
      const found = /^\/(payments|refunds)\/([^/]+)$/.exec(path);
      const object = found?.[1] === 'payments' ? this.payments.get(found[2] ?? '') : this.refunds.get(found?.[2] ?? '');
      if (!object) return error(404, 'not_found', 'Incorrect object id');
      return send(200, object);
    }
    if (method !== 'POST') return error(405, 'method_not_allowed', 'Method not allowed');
    if (!(header(request, 'content-type') ?? '').startsWith('application/json')) {
      response.writeHead(415);
      response.end();
      return;
    }
    if (!idempotenceKey || idempotenceKey.length > 64) {
      return error(400, 'invalid_request', 'Idempotence key is missing or longer than 64 characters', 'Idempotence-Key');
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(rawBody) as Record<string, unknown>;
    } catch {
      return error(400, 'invalid_request', 'Body is not JSON');
    }
    const fingerprint = createHash('sha256').update(`${path}\n${JSON.stringify(body)}`).digest('hex');
    const stored = this.#idempotence.get(idempotenceKey);
    if (stored) {
      if (stored.fingerprint !== fingerprint) {
        return error(400, 'invalid_request', 'Idempotence key duplicated with a different request', 'Idempotence-Key');
      }
      return send(stored.status, stored.body);
    }
    const result = path === '/payments' ? this.#createPayment(body) : path === '/refunds' ? this.#createRefund(body) : undefined;
    if (!result) return error(404, 'not_found', 'unknown path');
    // Like YooKassa, a replay gets the first answer as it was then, not the object as it is now.
    if (result.status === 200) this.#idempotence.set(idempotenceKey, { fingerprint, status: 200, body: structuredClone(result.body) });
    send(result.status, result.body);
  }

  #createPayment(body: Record<string, unknown>): { status: number; body: unknown } {
    const amount = readAmount(body.amount);
    if (!amount) return invalid('Invalid amount', 'amount');
    const confirmation = body.confirmation as { type?: unknown; return_url?: unknown } | undefined;
    if (confirmation?.type !== 'redirect' || typeof confirmation.return_url !== 'string') {
      return invalid('Redirect confirmation with a return_url is required here', 'confirmation');
    }
    if (body.description !== undefined && (typeof body.description !== 'string' || body.description.length > 128)) {
      return invalid('Invalid description', 'description');
    }
    const id = `${randomUUID().slice(0, 8)}-000f-5000-8000-${randomUUID().slice(-12)}`;
    const payment: FakePayment = {
      id,
      status: 'pending',
      paid: false,
      amount,
      refundable: false,
      confirmation: { type: 'redirect', return_url: confirmation.return_url, confirmation_url: `${this.baseUrl}/checkout/${id}` },
      created_at: new Date().toISOString(),
      ...(typeof body.description === 'string' ? { description: body.description } : {}),
      metadata: (body.metadata as Record<string, string> | undefined) ?? {},
      recipient: { account_id: this.shopId, gateway_id: '1000001' },
      test: true,
    };
    this.payments.set(id, payment);
    return { status: 200, body: payment };
  }

  #createRefund(body: Record<string, unknown>): { status: number; body: unknown } {
    const payment = typeof body.payment_id === 'string' ? this.payments.get(body.payment_id) : undefined;
    if (!payment) return invalid('Payment not found', 'payment_id');
    if (payment.status !== 'succeeded') return invalid('Payment is not succeeded', 'payment_id');
    const amount = readAmount(body.amount);
    if (!amount || amount.currency !== payment.amount.currency) return invalid('Invalid amount', 'amount');
    const refunded = payment.refunded_amount ? kopecks(payment.refunded_amount.value) : 0n;
    const total = refunded + kopecks(amount.value);
    if (total > kopecks(payment.amount.value)) return invalid('Refund amount exceeds the payment amount', 'amount');
    const refund: FakeRefund = {
      id: `${randomUUID().slice(0, 8)}-0015-5000-9000-${randomUUID().slice(-12)}`,
      payment_id: payment.id,
      status: 'succeeded',
      amount,
      created_at: new Date().toISOString(),
      ...(typeof body.description === 'string' ? { description: body.description } : {}),
    };
    this.refunds.set(refund.id, refund);
    payment.refunded_amount = { value: fromKopecks(total), currency: amount.currency };
    payment.refundable = total < kopecks(payment.amount.value);
    return { status: 200, body: refund };
  }
}

function header(request: http.IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function readAmount(value: unknown): Amount | undefined {
  const amount = value as Partial<Amount> | undefined;
  if (typeof amount?.value !== 'string' || !/^\d+(\.\d{1,2})?$/.test(amount.value) || kopecks(amount.value) === 0n) return undefined;
  if (typeof amount.currency !== 'string' || !/^[A-Z]{3}$/.test(amount.currency)) return undefined;
  return { value: amount.value, currency: amount.currency };
}

const kopecks = (value: string): bigint => {
  const [whole = '0', fraction = ''] = value.split('.');
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
};
const fromKopecks = (value: bigint): string => `${value / 100n}.${String(value % 100n).padStart(2, '0')}`;

const invalid = (description: string, parameter: string) => ({
  status: 400,
  body: { type: 'error', id: randomUUID(), code: 'invalid_request', description, parameter },
});
