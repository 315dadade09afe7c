import { DAY_MS, HOUR_MS } from '@panda/shared';
import { describe, expect, it } from 'vitest';
import {
  allocateFifo,
  cancellationOutcome,
  choiceOpensAt,
  dayStartsAt,
  decideFreeze,
  deriveBalance,
  dueChoices,
  dueExpirations,
  lessonOutcome,
  repurchaseExtensions,
  SCHOOL_CREDIT_RULES as RULES,
  validUntil,
  type PackageState,
} from './credit-rules.js';

const paidAt = new Date('2026-03-01T10:30:00Z');
const at = (ms: number) => new Date(paidAt.getTime() + ms);
const pkg = (over: Partial<PackageState> = {}): PackageState => ({
  purchaseId: 'p1',
  paidAt,
  expiresAt: validUntil(paidAt, 28),
  available: 3,
  held: 0,
  ...over,
});

describe('validity', () => {
  it('is 28 days from the payment instant, extended by frozen days', () => {
    expect(validUntil(paidAt, 28).toISOString()).toBe('2026-03-29T10:30:00.000Z');
    expect(validUntil(paidAt, 28, [{ days: 7 }]).toISOString()).toBe('2026-04-05T10:30:00.000Z');
    expect(validUntil(paidAt, 28, [{ days: 3 }, { days: 2 }]).getTime()).toBe(paidAt.getTime() + 33 * DAY_MS);
  });

  it('counts days in UTC from the payment: day 1 starts at payment, day 27 26 days later', () => {
    expect(dayStartsAt(paidAt, 1)).toEqual(paidAt);
    expect(dayStartsAt(paidAt, 27).toISOString()).toBe('2026-03-27T10:30:00.000Z');
  });
});

describe('cancellation', () => {
  const startsAt = new Date('2026-03-10T18:00:00Z');
  const before = (h: number, m: number, s: number) => new Date(startsAt.getTime() - (h * 3600 + m * 60 + s) * 1000);

  it('releases at 8:00:01 and at exactly 8:00:00 before the start, burns at 7:59:59', () => {
    expect(cancellationOutcome(startsAt, before(8, 0, 1), RULES)).toBe('release');
    expect(cancellationOutcome(startsAt, before(8, 0, 0), RULES)).toBe('release');
    expect(cancellationOutcome(startsAt, before(7, 59, 59), RULES)).toBe('burn');
    expect(cancellationOutcome(startsAt, startsAt, RULES)).toBe('burn');
    expect(cancellationOutcome(startsAt, new Date(startsAt.getTime() + HOUR_MS), RULES)).toBe('burn');
  });

  it('follows the configured window', () => {
    expect(cancellationOutcome(startsAt, before(23, 0, 0), { cancelWindowHours: 24 })).toBe('burn');
    expect(cancellationOutcome(startsAt, before(24, 0, 0), { cancelWindowHours: 24 })).toBe('release');
  });

  it('never burns a lesson inside a freeze', () => {
    expect(cancellationOutcome(startsAt, before(0, 5, 0), RULES, { insideFreeze: true })).toBe('release');
  });

  it('uses the credit for a held lesson and for a no-show', () => {
    expect(lessonOutcome('held')).toBe('consume');
    expect(lessonOutcome('no_show')).toBe('consume');
  });
});

describe('day 27', () => {
  it('opens at the start of day 27 in UTC from the payment instant, moved by freezes', () => {
    expect(choiceOpensAt(validUntil(paidAt, 28), RULES).toISOString()).toBe('2026-03-27T10:30:00.000Z');
    expect(choiceOpensAt(validUntil(paidAt, 28, [{ days: 7 }]), RULES).toISOString()).toBe('2026-04-03T10:30:00.000Z');
  });

  it('asks students with credits left, from day 27 until the end of day 28', () => {
    const day27 = dayStartsAt(paidAt, 27);
    expect(dueChoices([pkg()], new Date(day27.getTime() - 1), RULES)).toEqual([]);
    expect(dueChoices([pkg()], day27, RULES)).toEqual([{ purchaseId: 'p1', remaining: 3, opensAt: day27, expiresAt: validUntil(paidAt, 28) }]);
    expect(dueChoices([pkg()], at(28 * DAY_MS - 1), RULES)).toHaveLength(1);
    expect(dueChoices([pkg()], at(28 * DAY_MS), RULES)).toEqual([]);
    expect(dueChoices([pkg({ available: 0, held: 2 })], day27, RULES)).toEqual([]);
  });

  it('buying again makes remaining credits valid 28 days from the new payment', () => {
    const newPaidAt = at(26 * DAY_MS + 5 * HOUR_MS);
    const newExpiresAt = validUntil(newPaidAt, 28);
    expect(repurchaseExtensions([pkg(), pkg({ purchaseId: 'used', available: 0 })], newPaidAt, newExpiresAt)).toEqual([
      { purchaseId: 'p1', from: validUntil(paidAt, 28), to: newExpiresAt },
    ]);
    // An expired package is not brought back.
    expect(repurchaseExtensions([pkg()], at(28 * DAY_MS), validUntil(at(28 * DAY_MS), 28))).toEqual([]);
  });

  it('burns the rest at the end of day 28, not a millisecond before', () => {
    expect(dueExpirations([pkg()], at(28 * DAY_MS - 1))).toEqual([]);
    expect(dueExpirations([pkg()], at(28 * DAY_MS))).toEqual([{ purchaseId: 'p1', credits: 3 }]);
    expect(dueExpirations([pkg({ available: 0, held: 1 })], at(30 * DAY_MS))).toEqual([]);
  });
});

describe('FIFO allocation', () => {
  const soon = new Date('2026-03-20T00:00:00Z');
  const later = new Date('2026-04-20T00:00:00Z');
  const buckets = [
    { purchaseId: 'later', expiresAt: later, available: 2 },
    { purchaseId: null, expiresAt: null, available: 5 },
    { purchaseId: 'soon', expiresAt: soon, available: 1 },
  ];

  it('takes the credit that expires first, unexpiring credits last', () => {
    expect(allocateFifo(buckets, 1, new Date('2026-03-10T00:00:00Z'))).toEqual([{ purchaseId: 'soon', credits: 1 }]);
    expect(allocateFifo(buckets, 4, new Date('2026-03-10T00:00:00Z'))).toEqual([
      { purchaseId: 'soon', credits: 1 },
      { purchaseId: 'later', credits: 2 },
      { purchaseId: null, credits: 1 },
    ]);
  });

  it('skips packages that have expired by the lesson, and refuses when there are not enough', () => {
    expect(allocateFifo(buckets, 1, soon)).toEqual([{ purchaseId: 'later', credits: 1 }]);
    expect(allocateFifo(buckets, 9, soon)).toBeNull();
    expect(allocateFifo([], 1, soon)).toBeNull();
  });
});

describe('freeze', () => {
  const now = new Date('2026-03-05T15:00:00Z');
  const limits = RULES.freeze;
  const context = { packages: [pkg()], freezes: [], now, limits };

  it('freezes whole UTC days from midnight, extending every package with credits', () => {
    expect(decideFreeze({ startsOn: new Date('2026-03-05T00:00:00Z'), days: 7 }, context)).toEqual({
      ok: true,
      startsAt: new Date('2026-03-05T00:00:00Z'),
      endsAt: new Date('2026-03-12T00:00:00Z'),
      purchaseIds: ['p1'],
    });
  });

  it('refuses a freeze too long, in the past, or without credits', () => {
    expect(decideFreeze({ startsOn: new Date('2026-03-06T00:00:00Z'), days: 8 }, context)).toMatchObject({ ok: false, field: 'days' });
    expect(decideFreeze({ startsOn: new Date('2026-03-06T00:00:00Z'), days: 0 }, context)).toMatchObject({ ok: false, field: 'days' });
    expect(decideFreeze({ startsOn: new Date('2026-03-04T00:00:00Z'), days: 2 }, context)).toMatchObject({ ok: false, field: 'startsOn' });
    expect(decideFreeze({ startsOn: new Date('2026-03-06T00:00:00Z'), days: 2 }, { ...context, packages: [pkg({ available: 0 })] })).toMatchObject({
      ok: false,
      field: 'startsOn',
    });
    expect(decideFreeze({ startsOn: new Date('2026-04-01T00:00:00Z'), days: 2 }, context)).toMatchObject({ ok: false, field: 'startsOn' });
  });

  it('refuses overlapping freezes and more than a package allows', () => {
    const first = { purchaseId: 'p1', startsAt: new Date('2026-03-06T00:00:00Z'), endsAt: new Date('2026-03-09T00:00:00Z'), days: 3 };
    const roomy = { ...limits, maxFreezesPerPackage: 3 };
    expect(decideFreeze({ startsOn: new Date('2026-03-08T00:00:00Z'), days: 2 }, { ...context, freezes: [first], limits: roomy })).toMatchObject({
      ok: false,
      message: 'overlaps another freeze',
    });
    expect(decideFreeze({ startsOn: new Date('2026-03-09T00:00:00Z'), days: 2 }, { ...context, freezes: [first] })).toMatchObject({
      ok: false,
      field: 'startsOn',
    });
    expect(decideFreeze({ startsOn: new Date('2026-03-09T00:00:00Z'), days: 5 }, { ...context, freezes: [first], limits: roomy })).toMatchObject({
      ok: false,
      field: 'days',
    });
    expect(decideFreeze({ startsOn: new Date('2026-03-09T00:00:00Z'), days: 4 }, { ...context, freezes: [first], limits: roomy })).toMatchObject({ ok: true });
  });
});

describe('derived balance', () => {
  it('sums available and held credits per package from the ledger', () => {
    const balance = deriveBalance([
      { kind: 'purchase', delta: 8, purchaseId: 'p1' },
      { kind: 'hold', delta: -1, purchaseId: 'p1' },
      { kind: 'hold', delta: -1, purchaseId: 'p1' },
      { kind: 'release', delta: 1, purchaseId: 'p1' },
      { kind: 'hold', delta: -1, purchaseId: 'p1' },
      { kind: 'consume', delta: 0, purchaseId: 'p1' },
      { kind: 'adjustment', delta: 2, purchaseId: null },
      { kind: 'freeze', delta: 0, purchaseId: 'p1' },
    ]);
    expect(balance.available).toBe(8);
    expect(balance.held).toBe(1);
    expect(balance.buckets.get('p1')).toEqual({ available: 6, held: 1 });
    expect(balance.buckets.get(null)).toEqual({ available: 2, held: 0 });
  });
});
