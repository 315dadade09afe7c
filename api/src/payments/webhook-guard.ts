import { createHmac, timingSafeEqual } from 'node:crypto';
import { BlockList, isIPv4, isIPv6 } from 'node:net';

/**
 * The networks YooKassa documents as the senders of its notifications
 * (https://yookassa.ru/developers/using-api/webhooks#ip). A suggested PAYMENT_WEBHOOK_ALLOWED_IPS.
 */
export const YOOKASSA_NOTIFICATION_NETWORKS: readonly string[] = [
  '185.71.76.0/27',
  '185.71.77.0/27',
  '77.75.153.0/25',
  '77.75.156.11',
  '77.75.156.35',
  '77.75.154.128/25',
  '2a02:5180::/32',
];

/** The header a signing proxy adds: hex HMAC-SHA256 of the raw body, optionally as `sha256=<hex>`. */
export const WEBHOOK_SIGNATURE_HEADER = 'x-payment-signature';

/** Hex HMAC-SHA256 of the body: what a signing proxy (or a test) puts in the signature header. */
export function signWebhookBody(rawBody: string | Uint8Array, secret: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('hex');
}

export function verifyWebhookSignature(rawBody: string | Uint8Array, header: string | undefined, secret: string): boolean {
  if (!header) return false;
  const given = header.trim().replace(/^sha256=/i, '');
  if (!/^[0-9a-f]{64}$/i.test(given)) return false;
  const expected = Buffer.from(signWebhookBody(rawBody, secret), 'hex');
  return timingSafeEqual(expected, Buffer.from(given, 'hex'));
}

/** An allow-list of addresses and CIDR networks, IPv4 and IPv6. Throws on a bad entry. */
export class NetworkAllowList {
  readonly #list = new BlockList();
  readonly entries: readonly string[];

  constructor(entries: readonly string[]) {
    this.entries = entries.map((entry) => entry.trim()).filter(Boolean);
    for (const entry of this.entries) {
      const [address = '', prefixText] = entry.split('/');
      const family = isIPv4(address) ? 'ipv4' : isIPv6(address) ? 'ipv6' : undefined;
      if (!family) throw new Error(`not an IP address or network: ${entry}`);
      if (prefixText === undefined) {
        this.#list.addAddress(address, family);
        continue;
      }
      const prefix = Number(prefixText);
      if (!/^\d{1,3}$/.test(prefixText) || prefix > (family === 'ipv4' ? 32 : 128)) {
        throw new Error(`bad network prefix: ${entry}`);
      }
      this.#list.addSubnet(address, prefix, family);
    }
  }

  allows(ip: string | undefined): boolean {
    if (!ip) return false;
    // An IPv4 client seen through a dual-stack socket: ::ffff:185.71.76.1
    const address = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1] ?? ip;
    if (isIPv4(address)) return this.#list.check(address, 'ipv4');
    if (isIPv6(address)) return this.#list.check(address, 'ipv6');
    return false;
  }
}

export interface WebhookGuardSettings {
  /** Set: every notification must carry a valid signature header. */
  secret: string | undefined;
  /** Non-empty: notifications from other addresses are refused. */
  allowedNetworks: readonly string[];
}

export type GuardVerdict = { ok: true } | { ok: false; reason: 'source_not_allowed' | 'bad_signature'; detail: string };

/** The checks made before the provider is asked anything. */
export class WebhookGuard {
  readonly #secret: string | undefined;
  readonly #allowList: NetworkAllowList | undefined;

  constructor(settings: WebhookGuardSettings) {
    this.#secret = settings.secret || undefined;
    this.#allowList = settings.allowedNetworks.length > 0 ? new NetworkAllowList(settings.allowedNetworks) : undefined;
  }

  check(request: {
    rawBody: string | Uint8Array;
    headers: Record<string, string | string[] | undefined>;
    sourceIp: string | undefined;
  }): GuardVerdict {
    if (this.#allowList && !this.#allowList.allows(request.sourceIp)) {
      return { ok: false, reason: 'source_not_allowed', detail: `source ${request.sourceIp ?? '(unknown)'} is not allowed` };
    }
    if (this.#secret) {
      const raw = headerValue(request.headers, WEBHOOK_SIGNATURE_HEADER);
      if (!verifyWebhookSignature(request.rawBody, raw, this.#secret)) {
        return { ok: false, reason: 'bad_signature', detail: raw ? 'the signature does not match' : 'no signature' };
      }
    }
    return { ok: true };
  }
}

function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}
