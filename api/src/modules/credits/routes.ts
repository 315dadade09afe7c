import {
  ADMINS,
  CreateFreezeBody,
  CreditAdjustment,
  CreditAdjustmentBody,
  CreditBalance,
  CreditFreeze,
  CreditLedger as CreditLedgerDto,
  IdParams,
  RecordedPurchase,
  RecordPurchaseBody,
  STUDENTS,
} from '@panda/shared';
import type { Db } from '@panda/db';
import { DomainError } from '../../domain-error.js';
import type { ApiModule } from '../../module.js';
import { audit } from '../audit/audit.js';
import { recordManualPayment } from '../payments/payment-service.js';
import { toLedgerEntryDto } from './credit-ledger.js';

async function requireStudent(db: Db, id: string): Promise<void> {
  const student = await db.user.findUnique({ where: { id }, select: { role: true } });
  if (student?.role !== 'student') throw new DomainError('not_found', 'no such student');
}

export const creditsModule: ApiModule = {
  name: 'credits',
  register(router, { db, clock, services }) {
    const tag = 'credits';
    const { ledger } = services;

    router.operation(
      {
        method: 'get',
        path: '/me/credits',
        summary: 'My lesson credits: available, held, per package with expiry, and the day-27 choice when it is due',
        tag,
        access: STUDENTS,
        response: CreditBalance,
      },
      async ({ user }) => {
        await ledger.expireDue(user.id);
        return ledger.balance(user.id);
      },
    );

    router.operation(
      {
        method: 'post',
        path: '/me/credits/freezes',
        summary: 'Freeze my lessons for whole days (illness, holiday): the packages last that much longer',
        tag,
        access: STUDENTS,
        body: CreateFreezeBody,
        response: CreditFreeze,
        status: 201,
      },
      async ({ user, body, setStatus }) => {
        const result = await ledger.freeze({
          studentId: user.id,
          startsOn: new Date(`${body.startsOn}T00:00:00Z`),
          days: body.days,
          ...(body.idempotencyKey ? { idempotencyKey: body.idempotencyKey } : {}),
        });
        if (result.replayed) setStatus(200);
        return {
          startsAt: result.startsAt.toISOString(),
          endsAt: result.endsAt.toISOString(),
          days: result.days,
          packages: result.packages.map((p) => ({ purchaseId: p.purchaseId, expiresAt: p.expiresAt.toISOString() })),
          releasedLessonIds: result.releasedLessonIds,
        };
      },
    );

    router.operation(
      { method: 'get', path: '/admin/students/:id/ledger', summary: "A student's credit ledger, oldest first, with the derived balance", tag, access: ADMINS, params: IdParams, response: CreditLedgerDto },
      async ({ params }) => {
        await requireStudent(db, params.id);
        await ledger.expireDue(params.id);
        const [entries, balance] = await Promise.all([ledger.entries(params.id), ledger.balance(params.id)]);
        return { items: entries.map(toLedgerEntryDto), balance };
      },
    );

    router.operation(
      {
        method: 'post',
        path: '/admin/students/:id/credit-adjustments',
        summary: "Correct a student's credits (kept in the ledger with the admin and the reason)",
        tag,
        access: ADMINS,
        params: IdParams,
        body: CreditAdjustmentBody,
        response: CreditAdjustment,
        status: 201,
      },
      async ({ params, body, user, setStatus }) => {
        await requireStudent(db, params.id);
        const result = await ledger.inStudentLock(params.id, undefined, async (tx) => {
          const adjusted = await ledger.adjust({ studentId: params.id, delta: body.delta, reason: body.reason, actorId: user.id, idempotencyKey: body.idempotencyKey }, tx);
          if (!adjusted.replayed) {
            await audit(tx, { actorId: user.id, action: 'credits.adjust', target: { type: 'user', id: params.id }, after: { delta: body.delta }, reason: body.reason, at: clock.now() });
          }
          return adjusted;
        });
        if (result.replayed) setStatus(200);
        return { entries: result.entries.map(toLedgerEntryDto), balance: await ledger.balance(params.id) };
      },
    );

    router.operation(
      {
        method: 'post',
        path: '/admin/students/:id/purchases',
        summary: 'Record a payment received in cash or by bank transfer: grants the package',
        tag,
        access: ADMINS,
        params: IdParams,
        body: RecordPurchaseBody,
        response: RecordedPurchase,
        status: 201,
      },
      async ({ params, body, user, setStatus }) => {
        await requireStudent(db, params.id);
        const result = await ledger.inStudentLock(params.id, undefined, async (tx) => {
          const bought = await ledger.purchase(
            {
              studentId: params.id,
              packageTypeId: body.packageTypeId,
              ...(body.paidAt ? { paidAt: new Date(body.paidAt) } : {}),
              method: body.method,
              actorId: user.id,
              idempotencyKey: body.idempotencyKey,
            },
            tx,
          );
          if (!bought.replayed) {
            const after = { purchaseId: bought.purchase.id, packageTypeId: body.packageTypeId, lessons: bought.purchase.lessons, method: body.method };
            await audit(tx, { actorId: user.id, action: 'credits.purchase', target: { type: 'user', id: params.id }, after, at: clock.now() });
            // Listed with the online payments, and refunded the same way.
            await recordManualPayment(tx, bought.purchase, body.method);
          }
          return bought;
        });
        if (result.replayed) setStatus(200);
        return {
          purchaseId: result.purchase.id,
          lessons: result.purchase.lessons,
          paidAt: result.purchase.paidAt.toISOString(),
          expiresAt: result.purchase.expiresAt.toISOString(),
          method: result.purchase.method,
          extended: result.extended.map((e) => ({ purchaseId: e.purchaseId, expiresAt: e.expiresAt.toISOString() })),
          balance: await ledger.balance(params.id),
        };
      },
    );
  },
};
