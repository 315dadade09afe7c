import type { CreditEntry, Db, Prisma, Purchase } from '@panda/db';
import { DAY_MS, type Clock, type CreditBalance, type CreditLedgerEntry, type PaymentMethod } from '@panda/shared';
import { DomainError, invalidField } from '../../domain-error.js';
import {
  allocateFifo,
  cancellationOutcome,
  decideFreeze,
  deriveBalance,
  dueChoices,
  dueExpirations,
  heldDelta,
  repurchaseExtensions,
  validUntil,
  type CreditBucket,
  type CreditRules,
  type LedgerKind,
  type PackageState,
} from './credit-rules.js';

/** A transaction client: pass one to make a ledger operation part of a larger transaction. */
export type CreditTx = Prisma.TransactionClient;

/** Waiting for the student's lock under load (20 operations at once) must not time out. */
const TX_OPTIONS = { maxWait: 20_000, timeout: 30_000 };

const insufficient = () => new DomainError('insufficient_credits', 'not enough credits');

interface EntryInput {
  kind: LedgerKind;
  delta: number;
  purchaseId: string | null;
  idempotencyKey: string;
  lessonId?: string | null;
  reason?: string | null;
  actorId?: string | null;
}

interface LedgerState {
  purchases: Purchase[];
  entries: CreditEntry[];
  packages: PackageState[];
  buckets: CreditBucket[];
}

export interface PurchaseResult {
  purchase: Purchase;
  extended: { purchaseId: string; expiresAt: Date }[];
  replayed: boolean;
}

export interface FreezeResult {
  startsAt: Date;
  endsAt: Date;
  days: number;
  packages: { purchaseId: string; expiresAt: Date }[];
  releasedLessonIds: string[];
  replayed: boolean;
}

/**
 * The append-only ledger of a student's lesson credits. Every operation runs in a transaction
 * that holds the student's advisory lock (operations on one student happen one at a time), writes
 * its entries and moves the cached `CreditAccount` balance, whose CHECK keeps it from going
 * negative whatever the code does. Each operation has an idempotency key: repeating it returns the
 * first result and writes nothing. Pass `tx` to run an operation inside a caller's transaction
 * (booking, cancelling, ending a lesson).
 */
export class CreditLedger {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    readonly rules: CreditRules,
  ) {}

  /** Runs `work` holding the student's lock: in `tx` when given, else in a transaction of its own. */
  async inStudentLock<T>(studentId: string, tx: CreditTx | undefined, work: (tx: CreditTx) => Promise<T>): Promise<T> {
    const run = async (t: CreditTx) => {
      await t.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`credits:${studentId}`}::text))`;
      await t.$executeRaw`
        INSERT INTO "CreditAccount" ("studentId", "available", "held")
        SELECT ${studentId}::uuid, COALESCE(SUM("delta"), 0)::int,
               COALESCE(SUM(CASE WHEN "kind" = 'hold' THEN 1 WHEN "kind" IN ('release', 'consume', 'burn') THEN -1 ELSE 0 END), 0)::int
        FROM "CreditEntry" WHERE "studentId" = ${studentId}::uuid
        ON CONFLICT ("studentId") DO NOTHING`;
      return work(t);
    };
    try {
      return tx ? await run(tx) : await this.db.$transaction(run, TX_OPTIONS);
    } catch (error) {
      if (isCheckViolation(error)) throw insufficient();
      throw error;
    }
  }

  /**
   * Grants a package's credits, valid the package type's `validityDays` from payment; earlier
   * unexpired credits join the new validity. `paid` is money already taken for it online: the
   * package is granted at that price even if it was taken off sale or repriced since.
   */
  purchase(
    input: {
      studentId: string;
      packageTypeId: string;
      paidAt?: Date;
      method?: PaymentMethod | null;
      paid?: { amountMinor: number; currency: string };
      actorId?: string | null;
      idempotencyKey: string;
    },
    tx?: CreditTx,
  ): Promise<PurchaseResult> {
    const key = `purchase:${input.studentId}:${input.idempotencyKey}`;
    return this.inStudentLock(input.studentId, tx, async (t) => {
      const first = await t.creditEntry.findUnique({ where: { idempotencyKey: key } });
      if (first) {
        const purchase = await t.purchase.findUniqueOrThrow({ where: { id: first.purchaseId as string } });
        const extensions = await t.creditEntry.findMany({ where: { idempotencyKey: { startsWith: `${key}:extend:` } }, include: { purchase: true } });
        return { purchase, extended: extensions.map((e) => ({ purchaseId: e.purchaseId as string, expiresAt: e.purchase?.expiresAt as Date })), replayed: true };
      }
      const packageType = await t.packageType.findUnique({ where: { id: input.packageTypeId } });
      if (!packageType || !(packageType.active || input.paid)) throw invalidField('body.packageTypeId', 'must be a package on sale');
      const now = this.clock.now();
      const paidAt = input.paidAt ?? now;
      if (paidAt.getTime() > now.getTime()) throw invalidField('body.paidAt', 'must not be in the future');
      await this.#expireDue(t, input.studentId);
      const state = await this.#state(t, input.studentId);
      const expiresAt = validUntil(paidAt, packageType.validityDays);
      const purchase = await t.purchase.create({
        data: {
          studentId: input.studentId,
          packageTypeId: packageType.id,
          lessons: packageType.lessons,
          amountMinor: input.paid?.amountMinor ?? packageType.priceMinor,
          currency: input.paid?.currency ?? packageType.currency,
          paidAt,
          expiresAt,
          method: input.method ?? null,
        },
      });
      const entries: EntryInput[] = [
        {
          kind: 'purchase',
          delta: packageType.lessons,
          purchaseId: purchase.id,
          idempotencyKey: key,
          actorId: input.actorId ?? null,
          reason: input.method ? `${packageType.name}: ${input.method} payment recorded` : packageType.name,
        },
      ];
      const extensions = repurchaseExtensions(state.packages, paidAt, expiresAt);
      for (const extension of extensions) {
        await t.purchase.update({ where: { id: extension.purchaseId }, data: { expiresAt: extension.to } });
        entries.push({
          kind: 'extension',
          delta: 0,
          purchaseId: extension.purchaseId,
          idempotencyKey: `${key}:extend:${extension.purchaseId}`,
          reason: `bought again: valid until ${extension.to.toISOString()} instead of ${extension.from.toISOString()}`,
        });
      }
      await this.#write(t, input.studentId, entries);
      return { purchase, extended: extensions.map((e) => ({ purchaseId: e.purchaseId, expiresAt: e.to })), replayed: false };
    });
  }

  /**
   * Holds one credit for a booked lesson, from the package that expires first among those still
   * valid at the lesson's start. A lesson already held for the student returns that hold.
   */
  hold(input: { studentId: string; lessonId: string; idempotencyKey?: string }, tx?: CreditTx): Promise<{ entry: CreditEntry; replayed: boolean }> {
    return this.inStudentLock(input.studentId, tx, async (t) => {
      if (input.idempotencyKey) {
        const first = await t.creditEntry.findUnique({ where: { idempotencyKey: `hold:${input.studentId}:${input.idempotencyKey}` } });
        if (first) return { entry: first, replayed: true };
      }
      const lesson = await t.lesson.findUnique({ where: { id: input.lessonId }, include: { students: { where: { studentId: input.studentId } } } });
      if (!lesson) throw new DomainError('not_found', 'no such lesson');
      if (lesson.students.length === 0) throw new DomainError('conflict', 'the student is not booked into this lesson');
      const holds = await t.creditEntry.findMany({ where: { studentId: input.studentId, lessonId: input.lessonId, kind: 'hold' }, orderBy: { createdAt: 'asc' } });
      const open = await this.#openHold(t, holds);
      if (open) return { entry: open, replayed: true };
      await this.#expireDue(t, input.studentId);
      const state = await this.#state(t, input.studentId);
      const [taken] = allocateFifo(state.buckets, 1, lesson.startsAt) ?? [];
      if (!taken) throw insufficient();
      const key = input.idempotencyKey ? `hold:${input.studentId}:${input.idempotencyKey}` : `hold:${input.studentId}:${input.lessonId}:${holds.length + 1}`;
      const [entry] = await this.#write(t, input.studentId, [{ kind: 'hold', delta: -1, purchaseId: taken.purchaseId, lessonId: input.lessonId, idempotencyKey: key }]);
      return { entry: entry as CreditEntry, replayed: false };
    });
  }

  /** The held credit comes back (cancelled in time, or inside a freeze). */
  release(input: { studentId: string; lessonId: string; reason?: string }, tx?: CreditTx) {
    return this.#settle('release', input, tx);
  }

  /** The held credit is used: the lesson was held or the student did not come. */
  consume(input: { studentId: string; lessonId: string; reason?: string }, tx?: CreditTx) {
    return this.#settle('consume', input, tx);
  }

  /** The held credit burns: cancelled less than the window before the start. */
  burn(input: { studentId: string; lessonId: string; reason?: string }, tx?: CreditTx) {
    return this.#settle('burn', input, tx);
  }

  /** Cancelling a booked lesson at `cancelledAt`: released with enough notice or inside a freeze, burnt otherwise. */
  cancel(input: { studentId: string; lessonId: string; cancelledAt?: Date }, tx?: CreditTx) {
    return this.inStudentLock(input.studentId, tx, async (t) => {
      const lesson = await t.lesson.findUnique({ where: { id: input.lessonId } });
      if (!lesson) throw new DomainError('not_found', 'no such lesson');
      const insideFreeze = (await t.creditFreeze.count({ where: { studentId: input.studentId, startsAt: { lte: lesson.startsAt }, endsAt: { gt: lesson.startsAt } } })) > 0;
      const outcome = cancellationOutcome(lesson.startsAt, input.cancelledAt ?? this.clock.now(), this.rules, { insideFreeze });
      return this.#settle(outcome, { ...input, reason: insideFreeze ? 'cancelled inside a freeze' : `cancelled: ${outcome}` }, t);
    });
  }

  /** Writes the expirations that are due: credits left on packages past their end burn. */
  expireDue(studentId: string, tx?: CreditTx): Promise<CreditEntry[]> {
    return this.inStudentLock(studentId, tx, (t) => this.#expireDue(t, studentId));
  }

  /** Freezes whole UTC days from `startsOn`: the packages with credits are extended, held lessons inside come back. */
  freeze(input: { studentId: string; startsOn: Date; days: number; idempotencyKey?: string }, tx?: CreditTx): Promise<FreezeResult> {
    const key = `freeze:${input.studentId}:${input.idempotencyKey ?? input.startsOn.toISOString().slice(0, 10)}`;
    return this.inStudentLock(input.studentId, tx, async (t) => {
      const first = await t.creditEntry.findUnique({ where: { idempotencyKey: key } });
      if (first) return this.#freezeReplay(t, input.studentId, key, first);
      const now = this.clock.now();
      await this.#expireDue(t, input.studentId);
      const state = await this.#state(t, input.studentId);
      const freezes = await t.creditFreeze.findMany({ where: { studentId: input.studentId } });
      const decision = decideFreeze({ startsOn: input.startsOn, days: input.days }, { packages: state.packages, freezes, now, limits: this.rules.freeze });
      if (!decision.ok) throw invalidField(`body.${decision.field}`, decision.message);
      const entries: EntryInput[] = [];
      const packages: FreezeResult['packages'] = [];
      for (const [index, purchaseId] of decision.purchaseIds.entries()) {
        const purchase = state.purchases.find((p) => p.id === purchaseId) as Purchase;
        const expiresAt = new Date(purchase.expiresAt.getTime() + input.days * DAY_MS);
        await t.purchase.update({ where: { id: purchaseId }, data: { expiresAt } });
        await t.creditFreeze.create({ data: { studentId: input.studentId, purchaseId, startsAt: decision.startsAt, endsAt: decision.endsAt, days: input.days, createdAt: now } });
        entries.push({
          kind: 'freeze',
          delta: 0,
          purchaseId,
          idempotencyKey: index === 0 ? key : `${key}:${index}`,
          reason: `frozen ${decision.startsAt.toISOString().slice(0, 10)} for ${input.days} days: valid until ${expiresAt.toISOString()}`,
        });
        packages.push({ purchaseId, expiresAt });
      }
      // Lessons inside the freeze are cancelled without penalty: their held credits come back.
      const releasedLessonIds: string[] = [];
      for (const hold of await this.#openHolds(t, input.studentId)) {
        const lesson = hold.lessonId ? await t.lesson.findUnique({ where: { id: hold.lessonId } }) : null;
        if (!lesson || lesson.startsAt < decision.startsAt || lesson.startsAt >= decision.endsAt) continue;
        entries.push({ kind: 'release', delta: 1, purchaseId: hold.purchaseId, lessonId: lesson.id, idempotencyKey: `settle:${hold.id}`, reason: 'inside a freeze' });
        releasedLessonIds.push(lesson.id);
      }
      // ...and the student leaves them: a lesson of theirs alone is cancelled, a group goes on without them.
      const inside = await t.lesson.findMany({
        where: { status: 'scheduled', startsAt: { gte: decision.startsAt, lt: decision.endsAt }, students: { some: { studentId: input.studentId } } },
        select: { id: true, _count: { select: { students: true } } },
      });
      for (const lesson of inside) {
        if (lesson._count.students === 1) await t.lesson.update({ where: { id: lesson.id }, data: { status: 'cancelled' } });
        else await t.lessonStudent.delete({ where: { lessonId_studentId: { lessonId: lesson.id, studentId: input.studentId } } });
      }
      await this.#write(t, input.studentId, entries);
      return { startsAt: decision.startsAt, endsAt: decision.endsAt, days: input.days, packages, releasedLessonIds, replayed: false };
    });
  }

  /**
   * An admin's correction, kept with the admin and the reason. Credits added are outside any
   * package (they do not expire); credits taken come from the package that expires first.
   */
  adjust(input: { studentId: string; delta: number; reason: string; actorId: string; idempotencyKey: string }, tx?: CreditTx): Promise<{ entries: CreditEntry[]; replayed: boolean }> {
    const key = `adjust:${input.studentId}:${input.idempotencyKey}`;
    return this.inStudentLock(input.studentId, tx, async (t) => {
      const earlier = await t.creditEntry.findMany({ where: { OR: [{ idempotencyKey: key }, { idempotencyKey: { startsWith: `${key}#` } }] }, orderBy: { idempotencyKey: 'asc' } });
      if (earlier.length > 0) return { entries: earlier, replayed: true };
      await this.#expireDue(t, input.studentId);
      const state = await this.#state(t, input.studentId);
      const parts = input.delta > 0 ? [{ purchaseId: null, credits: -input.delta }] : allocateFifo(state.buckets, -input.delta, this.clock.now());
      if (!parts) throw insufficient();
      const entries = await this.#write(
        t,
        input.studentId,
        parts.map((part, index) => ({
          kind: 'adjustment',
          delta: -part.credits,
          purchaseId: part.purchaseId,
          idempotencyKey: index === 0 ? key : `${key}#${index + 1}`,
          reason: input.reason,
          actorId: input.actorId,
        })),
      );
      return { entries, replayed: false };
    });
  }

  /**
   * A refunded package: its unused credits (available, not held for a booked lesson) are taken
   * back, at most `maxCredits`. Credits used or held stay with the student: they are paid for and
   * not refunded. Keyed `refund:<refundId>`; answers how many were taken (0: none were left, and
   * nothing is written).
   */
  refund(
    input: { studentId: string; purchaseId: string; refundId: string; maxCredits?: number; reason: string; actorId?: string | null },
    tx?: CreditTx,
  ): Promise<{ credits: number; replayed: boolean }> {
    const key = `refund:${input.refundId}`;
    return this.inStudentLock(input.studentId, tx, async (t) => {
      const first = await t.creditEntry.findUnique({ where: { idempotencyKey: key } });
      if (first) return { credits: -first.delta, replayed: true };
      await this.#expireDue(t, input.studentId);
      const state = await this.#state(t, input.studentId);
      const left = state.packages.find((p) => p.purchaseId === input.purchaseId);
      if (!left) throw new DomainError('not_found', 'no such purchase');
      const credits = Math.min(left.available, input.maxCredits ?? left.available);
      if (credits > 0) {
        await this.#write(t, input.studentId, [
          { kind: 'refund', delta: -credits, purchaseId: input.purchaseId, idempotencyKey: key, reason: input.reason, actorId: input.actorId ?? null },
        ]);
      }
      return { credits, replayed: false };
    });
  }

  /** The provider refused a refund whose credits were already taken back: they return to their package. */
  undoRefund(input: { studentId: string; refundId: string; reason: string }, tx?: CreditTx): Promise<void> {
    return this.inStudentLock(input.studentId, tx, async (t) => {
      const taken = await t.creditEntry.findUnique({ where: { idempotencyKey: `refund:${input.refundId}` } });
      if (!taken || (await t.creditEntry.findUnique({ where: { idempotencyKey: `refund:${input.refundId}:undo` } }))) return;
      await this.#write(t, input.studentId, [
        { kind: 'refund', delta: -taken.delta, purchaseId: taken.purchaseId, idempotencyKey: `refund:${input.refundId}:undo`, reason: input.reason },
      ]);
    });
  }

  /** The balance derived from the ledger (not the cache): available, held, per package, and the day-27 choice if due. */
  async balance(studentId: string, tx?: CreditTx): Promise<CreditBalance> {
    const client = tx ?? this.db;
    const [purchases, entries] = await Promise.all([
      client.purchase.findMany({ where: { studentId }, orderBy: { expiresAt: 'asc' } }),
      client.creditEntry.findMany({ where: { studentId }, select: { kind: true, delta: true, purchaseId: true } }),
    ]);
    const state = toState(purchases, entries);
    const derived = deriveBalance(entries);
    const withCredits = state.packages.filter((p) => p.available + p.held > 0);
    const [choice] = dueChoices(state.packages, this.clock.now(), this.rules);
    return {
      balance: derived.available,
      held: derived.held,
      expiresAt: withCredits[0]?.expiresAt.toISOString() ?? null,
      packages: withCredits.map((p) => ({ purchaseId: p.purchaseId, paidAt: p.paidAt.toISOString(), expiresAt: p.expiresAt.toISOString(), available: p.available, held: p.held })),
      unexpiring: derived.buckets.get(null)?.available ?? 0,
      choice: choice ? { purchaseId: choice.purchaseId, remaining: choice.remaining, opensAt: choice.opensAt.toISOString(), expiresAt: choice.expiresAt.toISOString() } : null,
    };
  }

  /** Every entry of a student's ledger, oldest first. */
  entries(studentId: string, tx?: CreditTx): Promise<CreditEntry[]> {
    return (tx ?? this.db).creditEntry.findMany({ where: { studentId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  }

  async #settle(kind: 'release' | 'consume' | 'burn', input: { studentId: string; lessonId: string; reason?: string }, tx?: CreditTx): Promise<{ entry: CreditEntry; replayed: boolean }> {
    return this.inStudentLock(input.studentId, tx, async (t) => {
      const holds = await t.creditEntry.findMany({ where: { studentId: input.studentId, lessonId: input.lessonId, kind: 'hold' }, orderBy: { createdAt: 'asc' } });
      const open = await this.#openHold(t, holds);
      if (!open) {
        const last = holds.at(-1);
        const settled = last && (await t.creditEntry.findUnique({ where: { idempotencyKey: `settle:${last.id}` } }));
        if (settled) return { entry: settled, replayed: true };
        throw new DomainError('conflict', 'no credit is held for this lesson');
      }
      const [entry] = await this.#write(t, input.studentId, [
        { kind, delta: kind === 'release' ? 1 : 0, purchaseId: open.purchaseId, lessonId: input.lessonId, idempotencyKey: `settle:${open.id}`, reason: input.reason ?? null },
      ]);
      return { entry: entry as CreditEntry, replayed: false };
    });
  }

  /** The credits held for these lessons and not yet settled; a lesson without one is free, or not paid for. */
  async lessonHolds(lessonIds: readonly string[], tx?: CreditTx): Promise<CreditEntry[]> {
    const client = tx ?? this.db;
    return unsettled(client, await client.creditEntry.findMany({ where: { lessonId: { in: [...lessonIds] }, kind: 'hold' }, orderBy: { createdAt: 'asc' } }));
  }

  /** The hold among `holds` not yet released, consumed or burnt. */
  async #openHold(t: CreditTx, holds: CreditEntry[]): Promise<CreditEntry | undefined> {
    return (await unsettled(t, holds))[0];
  }

  async #openHolds(t: CreditTx, studentId: string): Promise<CreditEntry[]> {
    return unsettled(t, await t.creditEntry.findMany({ where: { studentId, kind: 'hold' }, orderBy: { createdAt: 'asc' } }));
  }

  async #expireDue(t: CreditTx, studentId: string): Promise<CreditEntry[]> {
    const state = await this.#state(t, studentId);
    const due = dueExpirations(state.packages, this.clock.now());
    if (due.length === 0) return [];
    const entries: EntryInput[] = due.map((d) => ({
      kind: 'expire',
      delta: -d.credits,
      purchaseId: d.purchaseId,
      idempotencyKey: `expire:${d.purchaseId}:${state.entries.filter((e) => e.kind === 'expire' && e.purchaseId === d.purchaseId).length + 1}`,
      reason: 'the package ended with credits left',
    }));
    return this.#write(t, studentId, entries);
  }

  async #state(t: CreditTx, studentId: string): Promise<LedgerState> {
    const [purchases, entries] = await Promise.all([
      t.purchase.findMany({ where: { studentId }, orderBy: { expiresAt: 'asc' } }),
      t.creditEntry.findMany({ where: { studentId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
    ]);
    return { ...toState(purchases, entries), entries };
  }

  /** Appends entries and moves the cached balance by the same amounts (the CHECK refuses a negative one). */
  async #write(t: CreditTx, studentId: string, entries: EntryInput[]): Promise<CreditEntry[]> {
    if (entries.length === 0) return [];
    const now = this.clock.now();
    const written: CreditEntry[] = [];
    for (const [index, entry] of entries.entries()) {
      written.push(
        await t.creditEntry.create({
          data: {
            studentId,
            kind: entry.kind,
            delta: entry.delta,
            purchaseId: entry.purchaseId,
            lessonId: entry.lessonId ?? null,
            reason: entry.reason ?? null,
            actorId: entry.actorId ?? null,
            idempotencyKey: entry.idempotencyKey,
            // Entries written together keep their order.
            createdAt: new Date(now.getTime() + index),
          },
        }),
      );
    }
    const available = entries.reduce((sum, e) => sum + e.delta, 0);
    const held = entries.reduce((sum, e) => sum + heldDelta(e.kind), 0);
    await t.creditAccount.update({ where: { studentId }, data: { available: { increment: available }, held: { increment: held }, updatedAt: now } });
    return written;
  }

  async #freezeReplay(t: CreditTx, studentId: string, key: string, first: CreditEntry): Promise<FreezeResult> {
    const rows = await t.creditFreeze.findMany({ where: { studentId, createdAt: first.createdAt }, include: { purchase: true } });
    const released = await t.creditEntry.findMany({ where: { studentId, kind: 'release', reason: 'inside a freeze', createdAt: { gte: first.createdAt, lt: new Date(first.createdAt.getTime() + 1000) } } });
    const row = rows[0];
    void key;
    return {
      startsAt: row?.startsAt ?? first.createdAt,
      endsAt: row?.endsAt ?? first.createdAt,
      days: row?.days ?? 0,
      packages: rows.map((r) => ({ purchaseId: r.purchaseId, expiresAt: r.purchase.expiresAt })),
      releasedLessonIds: released.map((r) => r.lessonId as string),
      replayed: true,
    };
  }
}

/** The holds not yet released, consumed or burnt (each settlement is keyed by its hold). */
async function unsettled(client: Pick<CreditTx, 'creditEntry'>, holds: CreditEntry[]): Promise<CreditEntry[]> {
  if (holds.length === 0) return [];
  const settled = await client.creditEntry.findMany({ where: { idempotencyKey: { in: holds.map((h) => `settle:${h.id}`) } }, select: { idempotencyKey: true } });
  const done = new Set(settled.map((s) => s.idempotencyKey));
  return holds.filter((h) => !done.has(`settle:${h.id}`));
}

function toState(purchases: Purchase[], lines: { kind: LedgerKind; delta: number; purchaseId: string | null }[]): Omit<LedgerState, 'entries'> {
  const derived = deriveBalance(lines);
  const packages: PackageState[] = purchases.map((p) => ({
    purchaseId: p.id,
    paidAt: p.paidAt,
    expiresAt: p.expiresAt,
    available: derived.buckets.get(p.id)?.available ?? 0,
    held: derived.buckets.get(p.id)?.held ?? 0,
  }));
  const buckets: CreditBucket[] = [
    ...packages.map((p) => ({ purchaseId: p.purchaseId, expiresAt: p.expiresAt, available: p.available })),
    { purchaseId: null, expiresAt: null, available: derived.buckets.get(null)?.available ?? 0 },
  ];
  return { purchases, packages, buckets };
}

/** PostgreSQL's check_violation (23514), however the driver adapter wraps it. */
function isCheckViolation(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const record = current as { code?: unknown; message?: unknown; meta?: unknown; cause?: unknown };
    if (record.code === '23514') return true;
    if (typeof record.message === 'string' && /CreditAccount_(available|held)_check|violates check constraint/.test(record.message)) return true;
    if (record.meta && JSON.stringify(record.meta).includes('23514')) return true;
    current = record.cause;
  }
  return false;
}

export function toLedgerEntryDto(entry: CreditEntry): CreditLedgerEntry {
  return {
    id: entry.id,
    kind: entry.kind,
    delta: entry.delta,
    purchaseId: entry.purchaseId,
    lessonId: entry.lessonId,
    reason: entry.reason,
    actorId: entry.actorId,
    createdAt: entry.createdAt.toISOString(),
  };
}
