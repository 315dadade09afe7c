import { z } from 'zod';
import { Pagination } from './common.js';
import { IdempotencyKey } from './credits.js';

/** Money is whole minor units (kopecks for RUB): 1_600_000 is 16 000.00 ₽. */
export const AmountMinor = z.number().int().min(1, { message: 'must be at least 1 (minor units)' }).max(1_000_000_000);

/** ISO 4217, upper case. */
export const Currency = z.string().regex(/^[A-Z]{3}$/, { message: 'must be a currency code such as RUB' });

// --- Package types ---

/** A lesson package on sale: n lessons valid a number of days from payment, at a price. */
export const PackageType = z.object({
  id: z.uuid(),
  name: z.string(),
  lessons: z.number().int(),
  validityDays: z.number().int(),
  priceMinor: z.number().int(),
  currency: z.string(),
  /** Only active packages can be bought. */
  active: z.boolean(),
});
export type PackageType = z.infer<typeof PackageType>;

export const PackageTypeList = z.object({ items: z.array(PackageType) });
export type PackageTypeList = z.infer<typeof PackageTypeList>;

const packageTypeFields = {
  name: z.string().trim().min(1).max(100),
  lessons: z.number().int().min(1).max(200),
  validityDays: z.number().int().min(1).max(366),
  priceMinor: AmountMinor,
  currency: Currency,
  active: z.boolean(),
};

/** `validityDays` defaults to the school's standard (CREDIT_VALIDITY_DAYS). */
export const CreatePackageTypeBody = z.object({
  ...packageTypeFields,
  validityDays: packageTypeFields.validityDays.optional(),
  currency: Currency.default('RUB'),
  active: z.boolean().default(true),
});
export type CreatePackageTypeBody = z.input<typeof CreatePackageTypeBody>;

/** Any of the fields; a package already bought keeps what it was bought with. */
export const UpdatePackageTypeBody = z
  .object(packageTypeFields)
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'must change at least one field' });
export type UpdatePackageTypeBody = z.infer<typeof UpdatePackageTypeBody>;

export const PackageTypeQuery = z.object({
  /** Admins may list inactive packages too. */
  active: z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
});

// --- Payments ---

export const PaymentStatus = z.enum(['pending', 'succeeded', 'cancelled', 'refunded']);
export type PaymentStatus = z.infer<typeof PaymentStatus>;

export const RefundStatus = z.enum(['pending', 'succeeded', 'failed']);
export type RefundStatus = z.infer<typeof RefundStatus>;

export const PaymentRefund = z.object({
  id: z.uuid(),
  amountMinor: z.number().int(),
  currency: z.string(),
  /** Credits taken back from the package. */
  credits: z.number().int(),
  status: RefundStatus,
  reason: z.string().nullable(),
  createdAt: z.string(),
});
export type PaymentRefund = z.infer<typeof PaymentRefund>;

export const Payment = z.object({
  id: z.uuid(),
  /** 'yookassa' (online), or 'cash' / 'bank' for a payment an admin recorded. */
  provider: z.string(),
  providerPaymentId: z.string().nullable(),
  student: z.object({ id: z.uuid(), name: z.string(), email: z.string() }),
  package: z.object({ id: z.uuid(), name: z.string(), lessons: z.number().int() }),
  amountMinor: z.number().int(),
  currency: z.string(),
  status: PaymentStatus,
  /** Where to send the payer while the payment is pending. */
  confirmationUrl: z.string().nullable(),
  /** The package of credits it granted, once paid. */
  purchaseId: z.uuid().nullable(),
  paidAt: z.string().nullable(),
  createdAt: z.string(),
  refunds: z.array(PaymentRefund),
});
export type Payment = z.infer<typeof Payment>;

export const PaymentList = z.object({ items: z.array(Payment), total: z.number().int() });
export type PaymentList = z.infer<typeof PaymentList>;

/** A student buys a package online: the answer's `confirmationUrl` is the provider's page to pay on. */
export const CreatePaymentBody = z.object({
  packageTypeId: z.uuid(),
  /** Optional: the same key again returns the same payment instead of a second one (a double click). */
  idempotencyKey: IdempotencyKey.optional(),
});
export type CreatePaymentBody = z.infer<typeof CreatePaymentBody>;

export const MyPaymentsQuery = Pagination;

export const PaymentListQuery = Pagination.extend({
  status: PaymentStatus.optional(),
  /** 'yookassa', 'cash' or 'bank'. */
  provider: z.string().trim().min(1).max(40).optional(),
  studentId: z.uuid().optional(),
  /** Part of the student's name or e-mail. */
  search: z.string().trim().max(100).optional(),
});
export type PaymentListQuery = z.infer<typeof PaymentListQuery>;

/**
 * Refund a paid package: its unused credits are taken back and the money for them is returned
 * (credits already used or held for a booked lesson stay paid for).
 */
export const RefundPaymentBody = z.object({
  reason: z.string().trim().min(3, { message: 'must be at least 3 characters' }).max(500),
});
export type RefundPaymentBody = z.infer<typeof RefundPaymentBody>;
