import type { PackageType as PackageTypeRow, Prisma } from '@panda/db';
import {
  ADMINS,
  CreatePackageTypeBody,
  CreatePaymentBody,
  IdParams,
  MyPaymentsQuery,
  PackageType,
  PackageTypeList,
  PackageTypeQuery,
  Payment,
  PaymentList,
  PaymentListQuery,
  RefundPaymentBody,
  STUDENTS,
  UpdatePackageTypeBody,
} from '@panda/shared';
import { DomainError } from '../../domain-error.js';
import { webhookRefusal } from '../../http/problem.js';
import type { ApiModule } from '../../module.js';
import { audit } from '../audit/audit.js';
import { paymentInclude, type PaymentWithDetails } from './payment-service.js';

const toPackageTypeDto = (row: PackageTypeRow): PackageType => ({
  id: row.id,
  name: row.name,
  lessons: row.lessons,
  validityDays: row.validityDays,
  priceMinor: row.priceMinor,
  currency: row.currency,
  active: row.active,
});

function toPaymentDto(payment: PaymentWithDetails): Payment {
  return {
    id: payment.id,
    provider: payment.provider,
    providerPaymentId: payment.providerPaymentId,
    student: payment.student,
    package: payment.packageType,
    amountMinor: payment.amountMinor,
    currency: payment.currency,
    status: payment.status,
    confirmationUrl: payment.confirmationUrl,
    purchaseId: payment.purchaseId,
    paidAt: payment.paidAt?.toISOString() ?? null,
    createdAt: payment.createdAt.toISOString(),
    refunds: payment.refunds.map((r) => ({
      id: r.id,
      amountMinor: r.amountMinor,
      currency: r.currency,
      credits: r.credits,
      status: r.status,
      reason: r.reason,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}

export const paymentsModule: ApiModule = {
  name: 'payments',
  register(router, { db, clock, settings, services }) {
    const tag = 'payments';
    const { payments: service } = services;

    router.operation(
      { method: 'get', path: '/packages', summary: 'Lesson packages on sale', tag, access: 'user', response: PackageTypeList },
      async () => {
        const items = await db.packageType.findMany({ where: { active: true }, orderBy: [{ lessons: 'asc' }, { priceMinor: 'asc' }] });
        return { items: items.map(toPackageTypeDto) };
      },
    );

    router.operation(
      {
        method: 'post',
        path: '/me/payments',
        summary: 'Start paying for a package online: answers the payment with `confirmationUrl`, the provider’s page to send the payer to (503 payments_unavailable when online payments are off)',
        tag,
        access: STUDENTS,
        body: CreatePaymentBody,
        response: Payment,
        status: 201,
      },
      async ({ user, body, setStatus }) => {
        const { payment, created } = await service.create({ studentId: user.id, packageTypeId: body.packageTypeId, idempotencyKey: body.idempotencyKey });
        if (!created) setStatus(200);
        return toPaymentDto(payment);
      },
    );

    router.operation(
      { method: 'get', path: '/me/payments', summary: 'My payments, newest first', tag, access: STUDENTS, query: MyPaymentsQuery, response: PaymentList },
      async ({ user, query }) => {
        const where = { studentId: user.id };
        const [items, total] = await Promise.all([
          db.payment.findMany({ where, include: paymentInclude, orderBy: { createdAt: 'desc' }, skip: query.offset, take: query.limit }),
          db.payment.count({ where }),
        ]);
        return { items: items.map(toPaymentDto), total };
      },
    );

    router.operation(
      { method: 'get', path: '/me/payments/:id', summary: 'One of my payments; while pending, the provider is asked for news (the page the payer returns to polls this)', tag, access: STUDENTS, params: IdParams, response: Payment },
      async ({ user, params }) => {
        const payment = await service.find(params.id);
        if (payment?.studentId !== user.id) throw new DomainError('not_found', 'no such payment');
        return toPaymentDto(await service.refresh(payment));
      },
    );

    router.operation(
      {
        method: 'post',
        path: '/payments/webhook',
        summary: 'Notifications from the payment provider (YooKassa: payment.succeeded, payment.canceled, refund.succeeded). Each is checked with the provider before anything changes; forged or unknown ones get 4xx',
        tag,
        access: 'public',
      },
      async ({ request }) => {
        const refusal = await service.webhook({ rawBody: request.rawBody ?? '', headers: request.headers, sourceIp: request.ip });
        if (refusal) throw webhookRefusal(refusal.httpStatus, `${refusal.reason}: ${refusal.detail}`);
      },
    );

    router.operation(
      { method: 'get', path: '/admin/payments', summary: 'Payments: online and recorded, newest first, by status, provider, student', tag, access: ADMINS, query: PaymentListQuery, response: PaymentList },
      async ({ query }) => {
        const where: Prisma.PaymentWhereInput = {
          ...(query.status ? { status: query.status } : {}),
          ...(query.provider ? { provider: query.provider } : {}),
          ...(query.studentId ? { studentId: query.studentId } : {}),
          ...(query.search
            ? { student: { OR: [{ email: { contains: query.search, mode: 'insensitive' } }, { name: { contains: query.search, mode: 'insensitive' } }] } }
            : {}),
        };
        const [items, total] = await Promise.all([
          db.payment.findMany({ where, include: paymentInclude, orderBy: { createdAt: 'desc' }, skip: query.offset, take: query.limit }),
          db.payment.count({ where }),
        ]);
        return { items: items.map(toPaymentDto), total };
      },
    );

    router.operation(
      {
        method: 'post',
        path: '/admin/payments/:id/refunds',
        summary:
          'Refund a payment: the package’s unused lessons are taken back and their money returned (through the provider for online payments). Asking again carries on a pending refund (409 payment_not_refundable when nothing is left)',
        tag,
        access: ADMINS,
        params: IdParams,
        body: RefundPaymentBody,
        response: Payment,
        status: 201,
      },
      async ({ params, body, user, setStatus }) => {
        const { payment, created } = await service.refund({ paymentId: params.id, actorId: user.id, reason: body.reason });
        if (!created) setStatus(200);
        return toPaymentDto(payment);
      },
    );

    router.operation(
      { method: 'get', path: '/admin/package-types', summary: 'Package types, on sale or not', tag, access: ADMINS, query: PackageTypeQuery, response: PackageTypeList },
      async ({ query }) => {
        const items = await db.packageType.findMany({
          where: query.active === undefined ? {} : { active: query.active },
          orderBy: [{ active: 'desc' }, { lessons: 'asc' }, { priceMinor: 'asc' }],
        });
        return { items: items.map(toPackageTypeDto) };
      },
    );

    router.operation(
      { method: 'post', path: '/admin/package-types', summary: 'Put a package on sale (price in minor units: kopecks)', tag, access: ADMINS, body: CreatePackageTypeBody, response: PackageType, status: 201 },
      async ({ body, user }) => {
        const created = await db.$transaction(async (tx) => {
          const row = await tx.packageType.create({ data: { ...body, validityDays: body.validityDays ?? settings.credits.validityDays } });
          await audit(tx, { actorId: user.id, action: 'package_type.create', target: { type: 'package_type', id: row.id }, after: toPackageTypeDto(row), at: clock.now() });
          return row;
        });
        return toPackageTypeDto(created);
      },
    );

    router.operation(
      {
        method: 'patch',
        path: '/admin/package-types/:id',
        summary: 'Change a package type or take it off sale; packages already bought keep what they were bought with',
        tag,
        access: ADMINS,
        params: IdParams,
        body: UpdatePackageTypeBody,
        response: PackageType,
      },
      async ({ params, body, user }) => {
        const updated = await db.$transaction(async (tx) => {
          const before = await tx.packageType.findUnique({ where: { id: params.id } });
          if (!before) throw new DomainError('not_found', 'no such package type');
          const row = await tx.packageType.update({ where: { id: params.id }, data: body });
          const changed = (Object.keys(body) as (keyof typeof body)[]).filter((field) => before[field] !== row[field]);
          if (changed.length > 0) {
            await audit(tx, {
              actorId: user.id,
              action: 'package_type.update',
              target: { type: 'package_type', id: row.id },
              before: Object.fromEntries(changed.map((field) => [field, before[field]])),
              after: Object.fromEntries(changed.map((field) => [field, row[field]])),
              at: clock.now(),
            });
          }
          return row;
        });
        return toPackageTypeDto(updated);
      },
    );
  },
};
