import { z } from 'zod';
import { IsoDateTime } from './common.js';

/** What a ledger entry records; the balance is derived from the entries. */
export const CreditEntryKind = z.enum(['purchase', 'hold', 'release', 'consume', 'burn', 'expire', 'freeze', 'extension', 'adjustment', 'refund']);
export type CreditEntryKind = z.infer<typeof CreditEntryKind>;

/**
 * Makes a write safe to repeat: the same key again returns the first result and writes nothing.
 * Any string the client generates once per intended operation (a UUID is fine).
 */
export const IdempotencyKey = z.string().trim().min(8, { message: 'must be at least 8 characters' }).max(100);

/** A package's credits: available to book, held by booked lessons, and when they expire. */
export const CreditPackage = z.object({
  purchaseId: z.uuid(),
  paidAt: z.string(),
  expiresAt: z.string(),
  available: z.number().int(),
  held: z.number().int(),
});
export type CreditPackage = z.infer<typeof CreditPackage>;

/**
 * Day 27: credits are left on a package that ends soon. Buy another package (the remaining credits
 * join it, valid as long as the new one) or let them burn at `expiresAt`.
 */
export const CreditChoice = z.object({
  purchaseId: z.uuid(),
  remaining: z.number().int(),
  opensAt: z.string(),
  expiresAt: z.string(),
});
export type CreditChoice = z.infer<typeof CreditChoice>;

export const CreditBalance = z.object({
  /** Credits available to book (not held). */
  balance: z.number().int(),
  /** Credits held by booked lessons. */
  held: z.number().int(),
  /** The earliest expiry among packages that still have credits, if any. */
  expiresAt: z.string().nullable(),
  packages: z.array(CreditPackage),
  /** Credits granted outside a package (admin adjustments): they do not expire. */
  unexpiring: z.number().int(),
  /** The day-27 choice, when one is due (shown as a banner). */
  choice: CreditChoice.nullable(),
});
export type CreditBalance = z.infer<typeof CreditBalance>;

/** A freeze (illness, holiday) of whole UTC days from `startsOn`. */
export const CreateFreezeBody = z.object({
  startsOn: z.iso.date({ message: 'must be a date such as 2026-03-01' }),
  days: z.number().int().min(1).max(366),
  /** Optional: the same start date is already a replay. */
  idempotencyKey: IdempotencyKey.optional(),
});
export type CreateFreezeBody = z.infer<typeof CreateFreezeBody>;

export const CreditFreeze = z.object({
  startsAt: z.string(),
  endsAt: z.string(),
  days: z.number().int(),
  /** The packages it extended, with their new expiry. */
  packages: z.array(z.object({ purchaseId: z.uuid(), expiresAt: z.string() })),
  /** Lessons inside the freeze whose held credits came back without penalty. */
  releasedLessonIds: z.array(z.uuid()),
});
export type CreditFreeze = z.infer<typeof CreditFreeze>;

export const CreditLedgerEntry = z.object({
  id: z.uuid(),
  kind: CreditEntryKind,
  delta: z.number().int(),
  purchaseId: z.uuid().nullable(),
  lessonId: z.uuid().nullable(),
  reason: z.string().nullable(),
  /** The admin who made an adjustment or recorded a payment. */
  actorId: z.uuid().nullable(),
  createdAt: z.string(),
});
export type CreditLedgerEntry = z.infer<typeof CreditLedgerEntry>;

export const CreditLedger = z.object({
  items: z.array(CreditLedgerEntry),
  balance: CreditBalance,
});
export type CreditLedger = z.infer<typeof CreditLedger>;

/** An admin's correction of a student's credits; the reason is kept in the ledger with the admin. */
export const CreditAdjustmentBody = z.object({
  delta: z
    .number()
    .int()
    .min(-100)
    .max(100)
    .refine((value) => value !== 0, { message: 'must not be 0' }),
  reason: z.string().trim().min(3).max(500),
  idempotencyKey: IdempotencyKey,
});
export type CreditAdjustmentBody = z.infer<typeof CreditAdjustmentBody>;

export const CreditAdjustment = z.object({
  entries: z.array(CreditLedgerEntry),
  balance: CreditBalance,
});
export type CreditAdjustment = z.infer<typeof CreditAdjustment>;

export const PaymentMethod = z.enum(['cash', 'bank']);
export type PaymentMethod = z.infer<typeof PaymentMethod>;

/** A payment an admin received (cash, bank transfer): grants the package's credits. */
export const RecordPurchaseBody = z.object({
  packageTypeId: z.uuid(),
  /** Default: now. */
  paidAt: IsoDateTime.optional(),
  method: PaymentMethod,
  idempotencyKey: IdempotencyKey,
});
export type RecordPurchaseBody = z.infer<typeof RecordPurchaseBody>;

export const RecordedPurchase = z.object({
  purchaseId: z.uuid(),
  lessons: z.number().int(),
  paidAt: z.string(),
  expiresAt: z.string(),
  method: PaymentMethod.nullable(),
  /** Earlier packages whose remaining credits now last as long as this one. */
  extended: z.array(z.object({ purchaseId: z.uuid(), expiresAt: z.string() })),
  balance: CreditBalance,
});
export type RecordedPurchase = z.infer<typeof RecordedPurchase>;
