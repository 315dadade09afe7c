import { useMemo } from 'react';
import type { PaymentStatus } from '@panda/shared';
import { useLocale } from '../../i18n';

/** Digits after the point of a currency (2 for RUB, 0 for JPY), as the browser knows it. */
function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Formats whole minor units (kopecks) as money in the interface language: 1600000 RUB → "16 000,00 ₽". */
export function useMoneyFormat(): (amountMinor: number, currency: string) => string {
  const { locale } = useLocale();
  return useMemo(
    () => (amountMinor: number, currency: string) =>
      new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amountMinor / 10 ** minorDigits(currency)),
    [locale],
  );
}

/** 1600000, RUB → "16000.00": how a price is shown in an input. */
export function minorToInput(amountMinor: number, currency: string): string {
  const digits = minorDigits(currency);
  if (digits === 0) return String(amountMinor);
  const text = String(amountMinor).padStart(digits + 1, '0');
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/**
 * "16 000,50" or "16000.5", RUB → 1600050, digit by digit (never through floating point).
 * Anything else gives NaN, which the shared schema then refuses with a message.
 */
export function inputToMinor(text: string, currency: string): number {
  const digits = /^[A-Z]{3}$/.test(currency) ? minorDigits(currency) : 2;
  const match = /^(\d+)(?:[.,](\d*))?$/.exec(text.replace(/[\s\u00a0]/g, ''));
  const fraction = match?.[2] ?? '';
  if (!match || fraction.length > digits) return Number.NaN;
  return Number(`${match[1] ?? ''}${fraction.padEnd(digits, '0')}`);
}

/** The badge colour of a payment's status. */
export const statusBadge: Record<PaymentStatus, string> = {
  pending: 'badge badge-warn',
  succeeded: 'badge badge-active',
  cancelled: 'badge',
  refunded: 'badge badge-disabled',
};
