/**
 * Money in minor units (kopecks, cents) as safe integers; the provider's decimal strings are read
 * and written digit by digit, never through floating point ("1999.99" ⇄ 199999).
 */

/** Digits after the point, per ISO 4217; anything not listed has two. */
const EXPONENTS: Readonly<Record<string, number>> = { JPY: 0, KRW: 0, BHD: 3, KWD: 3, OMR: 3 };

export function currencyExponent(currency: string): number {
  return EXPONENTS[currency.toUpperCase()] ?? 2;
}

export class MoneyFormatError extends Error {}

/** 199999, 'RUB' → '1999.99'. Throws on a negative, fractional or unsafe amount. */
export function formatMinorUnits(amountMinor: number, currency: string): string {
  if (!Number.isSafeInteger(amountMinor) || amountMinor < 0) {
    throw new MoneyFormatError(`amount must be a non-negative whole number of minor units, got ${amountMinor}`);
  }
  const exponent = currencyExponent(currency);
  if (exponent === 0) return String(amountMinor);
  const digits = String(amountMinor).padStart(exponent + 1, '0');
  return `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/** '1999.99', 'RUB' → 199999; '10' → 1000; '0.5' → 50. Throws on anything else (signs, exponents, too many decimals). */
export function parseMinorUnits(value: string, currency: string): number {
  const exponent = currencyExponent(currency);
  const match = /^(\d{1,15})(?:\.(\d+))?$/.exec(value);
  if (!match) throw new MoneyFormatError(`not an amount: ${JSON.stringify(value)}`);
  const whole = match[1] ?? '0';
  const fraction = match[2] ?? '';
  if (fraction.length > exponent) {
    throw new MoneyFormatError(`${JSON.stringify(value)} has more than ${exponent} decimals for ${currency}`);
  }
  const minor = Number(whole + fraction.padEnd(exponent, '0'));
  if (!Number.isSafeInteger(minor)) throw new MoneyFormatError(`amount too large: ${value}`);
  return minor;
}
