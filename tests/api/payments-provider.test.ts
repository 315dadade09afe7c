import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPaymentProvider,
  formatMinorUnits,
  NetworkAllowList,
  parseMinorUnits,
  PaymentProviderError,
  YooKassaProvider,
  YOOKASSA_NOTIFICATION_NETWORKS,
  type PaymentProvider,
  type WebhookResult,
} from '@panda/api';
import { FakeYooKassa } from '../support/fake-yookassa.js';

/**
 * A webhook endpoint as the API will have one: the raw body, headers and source address go to
 * parseWebhook; a verified event grants credits once per `payment:<id>` key (a Set stands in for
 * the ledger here); the answer's status is the refusal's.
 */
class WebhookReceiver {
  readonly results: WebhookResult[] = [];
  readonly granted = new Map<string, number>();
  readonly #server: http.Server;

  constructor(readonly provider: PaymentProvider) {
    this.#server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        void provider
          .parseWebhook({ rawBody: Buffer.concat(chunks), headers: request.headers, sourceIp: request.socket.remoteAddress })
          .then((result) => {
            this.results.push(result);
            if (result.ok && result.event.type === 'payment.succeeded') {
              const key = `payment:${result.event.payment.providerPaymentId}`;
              if (!this.granted.has(key)) this.granted.set(key, Number(result.event.payment.metadata.lessons));
            }
            response.writeHead(result.ok ? 200 : result.refusal.httpStatus).end();
          });
      });
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/api/payments/webhook/yookassa`;
  }

  get last(): WebhookResult {
    const result = this.results.at(-1);
    if (!result) throw new Error('no webhook received');
    return result;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}

let fake: FakeYooKassa;
let provider: PaymentProvider;
let receiver: WebhookReceiver;
let keyCounter = 0;
const key = () => `test-${process.pid}-${++keyCounter}`;

const yookassa = (webhook: { secret?: string; allowedNetworks?: string[] } = {}, overrides: { apiUrl?: string; secretKey?: string } = {}) =>
  new YooKassaProvider({
    apiUrl: overrides.apiUrl ?? fake.apiUrl,
    shopId: fake.shopId,
    secretKey: overrides.secretKey ?? fake.secretKey,
    webhook: { secret: webhook.secret, allowedNetworks: webhook.allowedNetworks ?? [] },
    timeoutMs: 2000,
  });

const order = (overrides: Partial<Parameters<PaymentProvider['createPayment']>[0]> = {}) => ({
  amountMinor: 199_999,
  currency: 'RUB',
  description: 'Package: 8 lessons of English',
  idempotenceKey: key(),
  returnUrl: 'https://school.example.com/payments/return',
  metadata: { purchaseId: 'purchase-1', lessons: '8' },
  ...overrides,
});

async function caught(promise: Promise<unknown>): Promise<PaymentProviderError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(PaymentProviderError);
    return error as PaymentProviderError;
  }
  throw new Error('expected a PaymentProviderError');
}

async function paidPayment(amountMinor = 199_999) {
  const created = await provider.createPayment(order({ amountMinor }));
  fake.pay(created.providerPaymentId);
  return created;
}

beforeAll(async () => {
  fake = await FakeYooKassa.start();
  provider = createPaymentProvider({
    provider: 'yookassa',
    yookassa: { apiUrl: fake.apiUrl, shopId: fake.shopId, secretKey: fake.secretKey },
    webhook: { secret: undefined, allowedNetworks: [] },
  })!;
  receiver = await new WebhookReceiver(provider).start();
});

afterAll(async () => {
  await receiver.close();
  await fake.close();
});

describe('money in minor units', () => {
  it('formats and reads amounts digit by digit, without floating point', () => {
    expect(formatMinorUnits(199_999, 'RUB')).toBe('1999.99');
    expect(formatMinorUnits(1, 'RUB')).toBe('0.01');
    expect(formatMinorUnits(100, 'RUB')).toBe('1.00');
    expect(formatMinorUnits(0, 'RUB')).toBe('0.00');
    expect(formatMinorUnits(1234, 'JPY')).toBe('1234');
    expect(formatMinorUnits(Number.MAX_SAFE_INTEGER, 'RUB')).toBe('90071992547409.91');
    expect(parseMinorUnits('1999.99', 'RUB')).toBe(199_999);
    expect(parseMinorUnits('1999.9', 'RUB')).toBe(199_990);
    expect(parseMinorUnits('10', 'RUB')).toBe(1000);
    expect(parseMinorUnits('0.10', 'RUB') + parseMinorUnits('0.20', 'RUB')).toBe(parseMinorUnits('0.30', 'RUB'));
    // 19.99 * 100 is 1998.9999999999998 and 4.35 * 100 is 434.99999999999994 in floating point; here they are exact.
    expect(parseMinorUnits('19.99', 'RUB')).toBe(1999);
    expect(parseMinorUnits('4.35', 'RUB')).toBe(435);
    expect(parseMinorUnits(formatMinorUnits(199_999, 'RUB'), 'RUB')).toBe(199_999);
    for (let minor = 0; minor < 100_000; minor += 997) {
      expect(parseMinorUnits(formatMinorUnits(minor, 'RUB'), 'RUB')).toBe(minor);
    }
  });

  it('refuses what is not an amount', () => {
    for (const bad of ['1999.999', '-1.00', '1e3', '1,50', ' 1.00', '.5', '1.', '']) {
      expect(() => parseMinorUnits(bad, 'RUB'), bad).toThrow();
    }
    for (const bad of [19.99, -1, Number.NaN, 2 ** 53]) {
      expect(() => formatMinorUnits(bad, 'RUB'), String(bad)).toThrow();
    }
  });
});

describe('YooKassa provider against a local YooKassa', () => {
  it('creates a payment, the payer pays on the confirmation page, and the webhook is verified by asking YooKassa', async () => {
    const created = await provider.createPayment(order({ metadata: { purchaseId: 'p-42', lessons: '8' } }));
    expect(created).toMatchObject({ status: 'pending', paid: false, amountMinor: 199_999, currency: 'RUB', metadata: { purchaseId: 'p-42' } });
    const sent = fake.payments.get(created.providerPaymentId);
    expect(sent?.amount).toEqual({ value: '1999.99', currency: 'RUB' });
    expect(fake.requests.at(-1)?.idempotenceKey).toMatch(/^test-/);

    const page = await fetch(created.confirmationUrl);
    expect(await page.text()).toContain('1999.99 RUB');
    const paid = await fetch(`${created.confirmationUrl}/pay`, { method: 'POST', redirect: 'manual' });
    expect(paid.status).toBe(302);
    expect(paid.headers.get('location')).toBe('https://school.example.com/payments/return');

    const before = fake.requests.length;
    expect((await fake.notify(receiver.url, 'payment.succeeded', created.providerPaymentId)).status).toBe(200);
    expect(fake.requests.slice(before)).toEqual([
      { method: 'GET', path: `/payments/${created.providerPaymentId}`, idempotenceKey: undefined },
    ]);
    const result = receiver.last;
    expect(result.ok && result.event.type === 'payment.succeeded' && result.event.payment).toMatchObject({
      providerPaymentId: created.providerPaymentId,
      status: 'succeeded',
      paid: true,
      amountMinor: 199_999,
      metadata: { purchaseId: 'p-42', lessons: '8' },
      confirmationUrl: undefined,
    });

    // YooKassa sends a notification again until it gets 200: still verified, credits granted once.
    expect((await fake.notify(receiver.url, 'payment.succeeded', created.providerPaymentId)).status).toBe(200);
    expect(receiver.last.ok).toBe(true);
    expect(receiver.granted.get(`payment:${created.providerPaymentId}`)).toBe(8);
    expect([...receiver.granted.keys()].filter((k) => k === `payment:${created.providerPaymentId}`)).toHaveLength(1);

    expect(await provider.getPayment(created.providerPaymentId)).toMatchObject({ status: 'succeeded', refundedMinor: 0 });
  });

  it('a cancelled payment is reported as payment.canceled', async () => {
    const created = await provider.createPayment(order());
    await fetch(`${created.confirmationUrl}/cancel`, { method: 'POST', redirect: 'manual' });
    await fake.notify(receiver.url, 'payment.canceled', created.providerPaymentId);
    expect(receiver.last).toMatchObject({ ok: true, event: { type: 'payment.canceled', payment: { status: 'canceled' } } });
  });

  it('creating with the same idempotence key gives the same payment; another input under it is refused', async () => {
    const input = order();
    const first = await provider.createPayment(input);
    const again = await provider.createPayment({ ...input });
    expect(again.providerPaymentId).toBe(first.providerPaymentId);
    expect([...fake.payments.values()].filter((p) => p.id === first.providerPaymentId)).toHaveLength(1);

    // A replay after the payer paid still answers with the first answer (the same payment).
    fake.pay(first.providerPaymentId);
    const afterPaying = await provider.createPayment({ ...input });
    expect(afterPaying.providerPaymentId).toBe(first.providerPaymentId);
    expect(afterPaying.confirmationUrl).toBe(first.confirmationUrl);
    expect((await provider.getPayment(first.providerPaymentId)).status).toBe('succeeded');

    const error = await caught(provider.createPayment({ ...input, amountMinor: 100 }));
    expect(error).toMatchObject({ kind: 'rejected', retryable: false, details: { httpStatus: 400, code: 'invalid_request', parameter: 'Idempotence-Key' } });
  });

  it('a retry with the same key after a 5xx creates one payment', async () => {
    const input = order();
    fake.failNext(1, 500);
    const error = await caught(provider.createPayment(input));
    expect(error).toMatchObject({ kind: 'provider_error', retryable: true, details: { httpStatus: 500 } });
    const created = await provider.createPayment(input);
    expect(created.status).toBe('pending');
  });

  it('refunds, verifies refund.succeeded, and never refunds twice for one key', async () => {
    const payment = await paidPayment(199_999);
    const refundKey = key();
    const refund = await provider.refund({ providerPaymentId: payment.providerPaymentId, amountMinor: 50_050, currency: 'RUB', idempotenceKey: refundKey });
    expect(refund).toMatchObject({ providerPaymentId: payment.providerPaymentId, status: 'succeeded', amountMinor: 50_050, currency: 'RUB' });
    expect(fake.refunds.get(refund.providerRefundId)?.amount).toEqual({ value: '500.50', currency: 'RUB' });

    const again = await provider.refund({ providerPaymentId: payment.providerPaymentId, amountMinor: 50_050, currency: 'RUB', idempotenceKey: refundKey });
    expect(again.providerRefundId).toBe(refund.providerRefundId);
    expect((await provider.getPayment(payment.providerPaymentId)).refundedMinor).toBe(50_050);

    await fake.notify(receiver.url, 'refund.succeeded', refund.providerRefundId);
    expect(receiver.last).toMatchObject({ ok: true, event: { type: 'refund.succeeded', refund: { providerRefundId: refund.providerRefundId, amountMinor: 50_050 } } });

    const tooMuch = await caught(
      provider.refund({ providerPaymentId: payment.providerPaymentId, amountMinor: 199_999, currency: 'RUB', idempotenceKey: key() }),
    );
    expect(tooMuch).toMatchObject({ kind: 'rejected', details: { parameter: 'amount' } });
    expect(await provider.getRefund(refund.providerRefundId)).toMatchObject({ status: 'succeeded' });
  });

  it('refuses forged notifications: unknown ids, wrong status, amount, currency or payment, bad bodies', async () => {
    const pending = await provider.createPayment(order());
    const paid = await paidPayment(99_900);
    const refund = await provider.refund({ providerPaymentId: paid.providerPaymentId, amountMinor: 100, currency: 'RUB', idempotenceKey: key() });
    const forged = async (event: string, id: string, object?: Record<string, unknown>) => {
      const { status } = await fake.notify(receiver.url, event, id, object ? { object } : {});
      const result = receiver.last;
      return { status, reason: result.ok ? 'accepted' : result.refusal.reason };
    };
    const unknownId = '2f0e2a8c-000f-5000-8000-1a2b3c4d5e6f';
    expect(await forged('payment.succeeded', unknownId, { id: unknownId, status: 'succeeded', amount: { value: '1999.99', currency: 'RUB' } })).toEqual({
      status: 400,
      reason: 'unknown_object',
    });
    expect(await forged('payment.succeeded', pending.providerPaymentId, { id: pending.providerPaymentId, status: 'succeeded' })).toEqual({
      status: 400,
      reason: 'mismatch',
    });
    const paidObject = { ...fake.payments.get(paid.providerPaymentId) };
    expect(await forged('payment.succeeded', paid.providerPaymentId, { ...paidObject, amount: { value: '99999.00', currency: 'RUB' } })).toEqual({
      status: 400,
      reason: 'mismatch',
    });
    expect(await forged('payment.succeeded', paid.providerPaymentId, { ...paidObject, amount: { value: '999.00', currency: 'USD' } })).toEqual({
      status: 400,
      reason: 'mismatch',
    });
    expect(await forged('payment.canceled', paid.providerPaymentId)).toEqual({ status: 400, reason: 'mismatch' });
    expect(
      await forged('refund.succeeded', refund.providerRefundId, { ...fake.refunds.get(refund.providerRefundId), payment_id: pending.providerPaymentId }),
    ).toEqual({ status: 400, reason: 'mismatch' });
    expect(await forged('refund.succeeded', paid.providerPaymentId)).toEqual({ status: 400, reason: 'unknown_object' });
    expect(await forged('payout.succeeded', paid.providerPaymentId)).toEqual({ status: 400, reason: 'unsupported_event' });
    expect(await forged('payment.succeeded', '../refunds', { id: '../refunds' })).toEqual({ status: 400, reason: 'malformed' });
    // The genuine one still passes.
    expect(await forged('payment.succeeded', paid.providerPaymentId)).toEqual({ status: 200, reason: 'accepted' });

    for (const rawBody of ['not json', '{"type":"notification"}', '{"event":"payment.succeeded","object":{"id":"x"}}']) {
      const result = await provider.parseWebhook({ rawBody, headers: {}, sourceIp: '127.0.0.1' });
      expect(result).toMatchObject({ ok: false, refusal: { reason: 'malformed', httpStatus: 400 } });
    }
  });

  it('with PAYMENT_WEBHOOK_SECRET set, only correctly signed notifications pass', async () => {
    const secret = 'a-shared-secret-of-the-signing-proxy';
    const signed = await new WebhookReceiver(yookassa({ secret })).start();
    try {
      const payment = await paidPayment();
      const before = fake.requests.length;
      expect((await fake.notify(signed.url, 'payment.succeeded', payment.providerPaymentId)).status).toBe(401);
      expect(signed.last).toMatchObject({ ok: false, refusal: { reason: 'bad_signature', detail: 'no signature' } });
      expect((await fake.notify(signed.url, 'payment.succeeded', payment.providerPaymentId, { signWith: 'another-secret-entirely' })).status).toBe(401);
      expect(signed.last).toMatchObject({ ok: false, refusal: { reason: 'bad_signature' } });
      expect(fake.requests.length).toBe(before); // refused before YooKassa is asked anything
      expect((await fake.notify(signed.url, 'payment.succeeded', payment.providerPaymentId, { signWith: secret })).status).toBe(200);
      expect(signed.last.ok).toBe(true);
    } finally {
      await signed.close();
    }
  });

  it('with PAYMENT_WEBHOOK_ALLOWED_IPS set, notifications from elsewhere are refused', async () => {
    const outside = await new WebhookReceiver(yookassa({ allowedNetworks: [...YOOKASSA_NOTIFICATION_NETWORKS] })).start();
    const inside = await new WebhookReceiver(yookassa({ allowedNetworks: ['10.0.0.0/8', '127.0.0.0/8'] })).start();
    try {
      const payment = await paidPayment();
      const before = fake.requests.length;
      expect((await fake.notify(outside.url, 'payment.succeeded', payment.providerPaymentId)).status).toBe(403);
      expect(outside.last).toMatchObject({ ok: false, refusal: { reason: 'source_not_allowed' } });
      expect(fake.requests.length).toBe(before);
      expect((await fake.notify(inside.url, 'payment.succeeded', payment.providerPaymentId)).status).toBe(200);
    } finally {
      await outside.close();
      await inside.close();
    }

    const list = new NetworkAllowList(YOOKASSA_NOTIFICATION_NETWORKS);
    expect(list.allows('185.71.76.31')).toBe(true);
    expect(list.allows('::ffff:185.71.76.1')).toBe(true);
    expect(list.allows('77.75.156.11')).toBe(true);
    expect(list.allows('2a02:5180:0:1::5')).toBe(true);
    expect(list.allows('185.71.76.32')).toBe(false);
    expect(list.allows('77.75.156.12')).toBe(false);
    expect(list.allows(undefined)).toBe(false);
    expect(list.allows('not an ip')).toBe(false);
    expect(() => new NetworkAllowList(['10.0.0.0/33'])).toThrow();
    expect(() => new NetworkAllowList(['example.com'])).toThrow();
  });

  it('network failures, timeouts, 5xx, 429, bad credentials and odd answers are typed errors', async () => {
    fake.dropNext(1);
    expect(await caught(provider.createPayment(order()))).toMatchObject({ kind: 'network', retryable: true });
    fake.failNext(1, 503);
    expect(await caught(provider.getPayment('2f0e2a8c-000f-5000-8000-1a2b3c4d5e6f'))).toMatchObject({ kind: 'provider_error', retryable: true, details: { httpStatus: 503 } });
    fake.failNext(1, 429);
    expect(await caught(provider.createPayment(order()))).toMatchObject({ kind: 'busy', retryable: true });
    expect(await caught(provider.getPayment('2f0e2a8c-000f-5000-8000-1a2b3c4d5e6f'))).toMatchObject({ kind: 'not_found', retryable: false });
    const wrongKey = await caught(yookassa({}, { secretKey: 'wrong' }).createPayment(order()));
    expect(wrongKey).toMatchObject({ kind: 'unauthorized', details: { httpStatus: 401, code: 'invalid_credentials' } });
    expect(wrongKey.message).not.toContain('wrong');

    // Nothing listening.
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await caught(yookassa({}, { apiUrl: `http://127.0.0.1:${port}/v3` }).getPayment('abc'))).toMatchObject({ kind: 'network' });

    // A server that never answers, one that answers nonsense, and one still processing (202).
    const odd = http.createServer((request, response) => {
      if (request.url?.includes('silent')) return;
      if (request.url?.includes('processing')) {
        response.writeHead(202, { 'Content-Type': 'application/json' }).end('{"type":"processing","retry_after":1800}');
        return;
      }
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(request.url?.includes('html') ? '<html>' : '{"id":"x","status":"paid"}');
    });
    await new Promise<void>((resolve) => odd.listen(0, '127.0.0.1', resolve));
    const oddUrl = `http://127.0.0.1:${(odd.address() as AddressInfo).port}`;
    try {
      const slow = new YooKassaProvider({ apiUrl: `${oddUrl}/silent`, shopId: '1', secretKey: 'k', webhook: { secret: undefined, allowedNetworks: [] }, timeoutMs: 200 });
      const timeout = await caught(slow.getPayment('abc'));
      expect(timeout).toMatchObject({ kind: 'network', retryable: true });
      expect(timeout.message).toMatch(/did not answer within 200 ms/);
      const html = yookassa({}, { apiUrl: `${oddUrl}/html` });
      expect(await caught(html.getPayment('abc'))).toMatchObject({ kind: 'bad_response', retryable: false });
      expect(await caught(yookassa({}, { apiUrl: `${oddUrl}/json` }).getPayment('abc'))).toMatchObject({ kind: 'bad_response' });
      expect(await caught(yookassa({}, { apiUrl: `${oddUrl}/processing` }).createPayment(order()))).toMatchObject({ kind: 'busy', retryable: true });
    } finally {
      odd.closeAllConnections();
      await new Promise<void>((resolve) => odd.close(() => resolve()));
    }

    // The webhook asks the provider to send again later when YooKassa cannot be asked.
    const payment = await paidPayment();
    fake.failNext(1, 500);
    expect((await fake.notify(receiver.url, 'payment.succeeded', payment.providerPaymentId)).status).toBe(503);
    expect(receiver.last).toMatchObject({ ok: false, refusal: { reason: 'provider_unavailable' } });
    expect((await fake.notify(receiver.url, 'payment.succeeded', payment.providerPaymentId)).status).toBe(200);
  });

  it('refuses bad input before sending anything', async () => {
    const before = fake.requests.length;
    expect(await caught(provider.createPayment(order({ amountMinor: 19.99 })))).toMatchObject({ kind: 'invalid_input' });
    expect(await caught(provider.createPayment(order({ amountMinor: 0 })))).toMatchObject({ kind: 'invalid_input' });
    expect(await caught(provider.createPayment(order({ currency: 'rub' })))).toMatchObject({ kind: 'invalid_input' });
    expect(await caught(provider.createPayment(order({ idempotenceKey: 'k'.repeat(65) })))).toMatchObject({ kind: 'invalid_input' });
    expect(await caught(provider.createPayment(order({ description: 'x'.repeat(129) })))).toMatchObject({ kind: 'invalid_input' });
    expect(await caught(provider.getPayment('../../me'))).toMatchObject({ kind: 'invalid_input' });
    expect(await caught(provider.createPayment(order({ metadata: { ['k'.repeat(33)]: 'v' } })))).toMatchObject({ kind: 'invalid_input' });
    expect(fake.requests.length).toBe(before);
    expect(createPaymentProvider({ provider: 'none' })).toBeUndefined();
  });
});
