import type { PaymentProvider } from './provider.js';
import { YooKassaProvider } from './yookassa.js';

export * from './provider.js';
export { formatMinorUnits, parseMinorUnits, currencyExponent, MoneyFormatError } from './money.js';
export {
  NetworkAllowList,
  WebhookGuard,
  signWebhookBody,
  verifyWebhookSignature,
  WEBHOOK_SIGNATURE_HEADER,
  YOOKASSA_NOTIFICATION_NETWORKS,
} from './webhook-guard.js';
export { YooKassaProvider, type YooKassaSettings } from './yookassa.js';

/** PAYMENT_PROVIDER and its settings, as read by server/src/config.ts. */
export type PaymentSettings =
  | { provider: 'none' }
  | {
      provider: 'yookassa';
      yookassa: { apiUrl: string; shopId: string; secretKey: string };
      webhook: { secret: string | undefined; allowedNetworks: string[] };
    };

/** The configured provider, or undefined when online payments are off (PAYMENT_PROVIDER=none). */
export function createPaymentProvider(settings: PaymentSettings): PaymentProvider | undefined {
  switch (settings.provider) {
    case 'none':
      return undefined;
    case 'yookassa':
      return new YooKassaProvider({ ...settings.yookassa, webhook: settings.webhook });
  }
}
