import { DAY_MS, HOUR_MS } from '@panda/shared';

/**
 * The school's rules for lesson credits, as pure functions with the time passed in. Nothing here
 * reads a clock or a database; the ledger (`credit-ledger.ts`) applies these decisions.
 *
 * Days are counted in UTC from the payment instant: day 1 is [paidAt, paidAt + 24 h), day 27
 * starts at paidAt + 26 × 24 h, and a 28-day package expires at paidAt + 28 × 24 h (the end of
 * day 28). Freezes push the end (and with it day 27) by the frozen days.
 */

export interface FreezeLimits {
  /** The longest single freeze, in days. */
  maxDaysPerFreeze: number;
  /** Frozen days a package may collect in all. */
  maxDaysPerPackage: number;
  /** Freezes a package may have. */
  maxFreezesPerPackage: number;
}

export interface CreditRules {
  /** Cancelling this many hours or more before the start releases the credit; later burns it. */
  cancelWindowHours: number;
  /** A package's credits are valid this many days from payment. */
  validityDays: number;
  /** On this day of the validity (1-based) a student with credits left is asked to choose. */
  choiceDay: number;
  freeze: FreezeLimits;
}

/** The school's own rules: 8 hours, 28 days, the choice on day 27, one week of freeze per package. */
export const SCHOOL_CREDIT_RULES: CreditRules = {
  cancelWindowHours: 8,
  validityDays: 28,
  choiceDay: 27,
  freeze: { maxDaysPerFreeze: 7, maxDaysPerPackage: 7, maxFreezesPerPackage: 1 },
};

const addDays = (at: Date, days: number) => new Date(at.getTime() + days * DAY_MS);

/** The end of a package's validity: paid + the validity days + every day frozen. */
export function validUntil(paidAt: Date, validityDays: number, freezes: readonly { days: number }[] = []): Date {
  return addDays(paidAt, validityDays + freezes.reduce((sum, freeze) => sum + freeze.days, 0));
}

/** The instant day `day` (1-based) of a validity that started at `paidAt` begins. */
export function dayStartsAt(paidAt: Date, day: number): Date {
  return addDays(paidAt, day - 1);
}

export type CancellationOutcome = 'release' | 'burn';

/**
 * Cancelling `cancelWindowHours` or more before the start costs nothing (release); less than that
 * burns the credit. Exactly 8:00:00 before is "8 hours or more": released. A lesson inside a
 * freeze is cancelled without penalty whenever it happens.
 */
export function cancellationOutcome(
  lessonStartsAt: Date,
  cancelledAt: Date,
  rules: Pick<CreditRules, 'cancelWindowHours'>,
  options: { insideFreeze?: boolean } = {},
): CancellationOutcome {
  if (options.insideFreeze) return 'release';
  const notice = lessonStartsAt.getTime() - cancelledAt.getTime();
  return notice >= rules.cancelWindowHours * HOUR_MS ? 'release' : 'burn';
}

/** What ends a held credit when the lesson is over: held or a no-show, the credit is used. */
export function lessonOutcome(status: 'held' | 'no_show'): 'consume' {
  void status;
  return 'consume';
}

/** A package as the rules see it: when it was paid, when it ends, and what is left of it. */
export interface PackageState {
  purchaseId: string;
  paidAt: Date;
  expiresAt: Date;
  /** Credits neither used, held, burnt nor expired. */
  available: number;
  /** Credits held by booked lessons. */
  held: number;
}

/**
 * When the choice opens for a package ending at `expiresAt`: the start of day `choiceDay` of a
 * `validityDays`-day validity, counted back from the end so that freezes move it too.
 */
export function choiceOpensAt(expiresAt: Date, rules: Pick<CreditRules, 'validityDays' | 'choiceDay'>): Date {
  return addDays(expiresAt, -(rules.validityDays - rules.choiceDay + 1));
}

export interface DueChoice {
  purchaseId: string;
  /** Credits that burn at `expiresAt` unless another package is bought. */
  remaining: number;
  opensAt: Date;
  expiresAt: Date;
}

/** Packages whose day-27 choice is due at `now`: credits left, the choice open, not yet expired. */
export function dueChoices(packages: readonly PackageState[], now: Date, rules: Pick<CreditRules, 'validityDays' | 'choiceDay'>): DueChoice[] {
  return packages
    .filter((p) => p.available > 0)
    .map((p) => ({ purchaseId: p.purchaseId, remaining: p.available, opensAt: choiceOpensAt(p.expiresAt, rules), expiresAt: p.expiresAt }))
    .filter((choice) => choice.opensAt.getTime() <= now.getTime() && now.getTime() < choice.expiresAt.getTime())
    .sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime());
}

export interface Extension {
  purchaseId: string;
  from: Date;
  to: Date;
}

/**
 * Buying again: every earlier package still valid at the new payment and with credits left
 * (available or held) becomes valid until the new package's end — remaining plus new credits are
 * valid `validityDays` from the new payment.
 */
export function repurchaseExtensions(packages: readonly PackageState[], newPaidAt: Date, newExpiresAt: Date): Extension[] {
  return packages
    .filter((p) => p.available + p.held > 0 && p.expiresAt.getTime() > newPaidAt.getTime() && p.expiresAt.getTime() < newExpiresAt.getTime())
    .map((p) => ({ purchaseId: p.purchaseId, from: p.expiresAt, to: newExpiresAt }));
}

/** The credits that burn at the end of their validity (the end of day 28): available ones, once `now` reaches it. */
export function dueExpirations(packages: readonly PackageState[], now: Date): { purchaseId: string; credits: number }[] {
  return packages
    .filter((p) => p.available > 0 && p.expiresAt.getTime() <= now.getTime())
    .map((p) => ({ purchaseId: p.purchaseId, credits: p.available }));
}

/** A bucket credits are taken from: a package, or credits granted outside any package (`purchaseId` null, no expiry). */
export interface CreditBucket {
  purchaseId: string | null;
  expiresAt: Date | null;
  available: number;
}

/**
 * First-expiring first: takes `count` credits from buckets still valid at `usableAt` (the lesson's
 * start for a hold), the one that expires first before later ones, unexpiring credits last.
 * Null when there are not enough.
 */
export function allocateFifo(buckets: readonly CreditBucket[], count: number, usableAt: Date): { purchaseId: string | null; credits: number }[] | null {
  const usable = buckets
    .filter((b) => b.available > 0 && (b.expiresAt === null || b.expiresAt.getTime() > usableAt.getTime()))
    .sort((a, b) => (a.expiresAt?.getTime() ?? Infinity) - (b.expiresAt?.getTime() ?? Infinity));
  const taken: { purchaseId: string | null; credits: number }[] = [];
  let left = count;
  for (const bucket of usable) {
    if (left === 0) break;
    const credits = Math.min(left, bucket.available);
    taken.push({ purchaseId: bucket.purchaseId, credits });
    left -= credits;
  }
  return left === 0 ? taken : null;
}

export interface FreezeRecord {
  purchaseId: string;
  startsAt: Date;
  endsAt: Date;
  days: number;
}

export type FreezeDecision =
  | { ok: true; startsAt: Date; endsAt: Date; purchaseIds: string[] }
  | { ok: false; field: 'startsOn' | 'days'; message: string };

/** The start of the UTC day `at` falls in. */
export function startOfUtcDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

/**
 * A freeze of `days` whole UTC days from `startsOn` (midnight UTC). Refused when: too long; in
 * the past (today is fine); overlapping another freeze of the student; no package with credits is
 * valid when it starts; or a package it would extend has used up its freezes or frozen days.
 * Extends every package with credits valid at its start.
 */
export function decideFreeze(
  request: { startsOn: Date; days: number },
  context: { packages: readonly PackageState[]; freezes: readonly FreezeRecord[]; now: Date; limits: FreezeLimits },
): FreezeDecision {
  const { limits } = context;
  if (!Number.isInteger(request.days) || request.days < 1) return { ok: false, field: 'days', message: 'must be at least 1' };
  if (request.days > limits.maxDaysPerFreeze) {
    return { ok: false, field: 'days', message: `a freeze lasts at most ${limits.maxDaysPerFreeze} days` };
  }
  const startsAt = startOfUtcDay(request.startsOn);
  const endsAt = addDays(startsAt, request.days);
  if (startsAt.getTime() < startOfUtcDay(context.now).getTime()) return { ok: false, field: 'startsOn', message: 'must not be in the past' };
  const overlapping = context.freezes.some((f) => f.startsAt.getTime() < endsAt.getTime() && startsAt.getTime() < f.endsAt.getTime());
  if (overlapping) return { ok: false, field: 'startsOn', message: 'overlaps another freeze' };
  const affected = context.packages.filter(
    (p) => p.available + p.held > 0 && p.expiresAt.getTime() > startsAt.getTime() && p.expiresAt.getTime() > context.now.getTime(),
  );
  if (affected.length === 0) return { ok: false, field: 'startsOn', message: 'no package with credits is valid then' };
  for (const p of affected) {
    const own = context.freezes.filter((f) => f.purchaseId === p.purchaseId);
    if (own.length + 1 > limits.maxFreezesPerPackage) {
      return { ok: false, field: 'startsOn', message: `a package may be frozen ${limits.maxFreezesPerPackage} time(s)` };
    }
    const frozen = own.reduce((sum, f) => sum + f.days, 0);
    if (frozen + request.days > limits.maxDaysPerPackage) {
      return { ok: false, field: 'days', message: `a package may be frozen ${limits.maxDaysPerPackage} days in all; ${limits.maxDaysPerPackage - frozen} left` };
    }
  }
  return { ok: true, startsAt, endsAt, purchaseIds: affected.map((p) => p.purchaseId) };
}

export type LedgerKind = 'purchase' | 'hold' | 'release' | 'consume' | 'burn' | 'expire' | 'freeze' | 'extension' | 'adjustment' | 'refund';

/** One ledger entry as the balance needs it. `delta` changes the available credits. */
export interface LedgerLine {
  kind: LedgerKind;
  delta: number;
  purchaseId: string | null;
}

/**
 * How an entry moves held credits: a hold moves one available credit to held (delta −1); a
 * release moves it back (+1); consume and burn end one held credit (delta 0).
 */
export function heldDelta(kind: LedgerKind): number {
  if (kind === 'hold') return 1;
  if (kind === 'release' || kind === 'consume' || kind === 'burn') return -1;
  return 0;
}

export interface DerivedBalance {
  available: number;
  held: number;
  /** Per bucket (package, or `null` for credits outside a package). */
  buckets: Map<string | null, { available: number; held: number }>;
}

/** The balance is the ledger summed: available = Σ delta, held = Σ heldDelta, per bucket and in all. */
export function deriveBalance(lines: readonly LedgerLine[]): DerivedBalance {
  const buckets = new Map<string | null, { available: number; held: number }>();
  let available = 0;
  let held = 0;
  for (const line of lines) {
    const bucket = buckets.get(line.purchaseId) ?? { available: 0, held: 0 };
    bucket.available += line.delta;
    bucket.held += heldDelta(line.kind);
    buckets.set(line.purchaseId, bucket);
    available += line.delta;
    held += heldDelta(line.kind);
  }
  return { available, held, buckets };
}
