import { randomUUID } from 'node:crypto';
import type { Db, Payment, PaymentRefund, Prisma, Purchase } from '@panda/db';
import type { Clock, PaymentMethod } from '@panda/shared';
import type { Logger } from 'pino';
import { DomainError, invalidField } from '../../domain-error.js';
import { PaymentProviderError, type PaymentProvider, type ProviderPayment, type ProviderRefund, type WebhookRefusal, type WebhookRequest } from '../../payments/provider.js';
import { audit } from '../audit/audit.js';
import type { CreditLedger, CreditTx } from '../credits/credit-ledger.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a payment is shown with. */
export const paymentInclude = {
  student: { select: { id: true, name: true, email: true } },
  packageType: { select: { id: true, name: true, lessons: true } },
  refunds: { orderBy: { createdAt: 'asc' } },
} satisfies Prisma.PaymentInclude;

export type PaymentWithDetails = Prisma.PaymentGetPayload<{ include: typeof paymentInclude }>;

const unavailable = (detail: string) => new DomainError('payment_provider_unavailable', detail, { retryAfterSeconds: 10 });

/**
 * A payment received in cash or by bank transfer, recorded by an admin: written with the purchase
 * it granted (in the same transaction), so that it is listed and refunded like any payment.
 */
export async function recordManualPayment(tx: CreditTx, purchase: Purchase, method: PaymentMethod): Promise<void> {
  await tx.payment.create({
    data: {
      provider: method,
      studentId: purchase.studentId,
      packageTypeId: purchase.packageTypeId,
      amountMinor: purchase.amountMinor,
      currency: purchase.currency,
      status: 'succeeded',
      purchaseId: purchase.id,
      idempotencyKey: `purchase:${purchase.id}`,
      paidAt: purchase.paidAt,
    },
  });
}

/**
 * Online payments and refunds. The provider's own answers are the truth: a payment's credits are
 * granted when the provider says it succeeded (through a verified notification, or when the
 * student's page asks), once, through the ledger's `payment:<providerPaymentId>` key.
 *
 * A refund gives back the money for the package's unused credits only: the credits are taken back
 * first (under the student's lock, so a booking cannot slip in between), then the provider is
 * asked; if it refuses, the credits return. Credits already used or held for a booked lesson stay
 * paid for.
 */
export class PaymentService {
  constructor(
    private readonly deps: { db: Db; clock: Clock; ledger: CreditLedger; provider: PaymentProvider | undefined; publicUrl: string; logger: Logger },
  ) {}

  get #provider(): PaymentProvider {
    const { provider } = this.deps;
    if (!provider) throw new DomainError('payments_unavailable', 'online payments are not set up here (PAYMENT_PROVIDER=none)');
    return provider;
  }

  find(id: string): Promise<PaymentWithDetails | null> {
    return this.deps.db.payment.findUnique({ where: { id }, include: paymentInclude });
  }

  async #get(id: string): Promise<PaymentWithDetails> {
    const payment = await this.find(id);
    if (!payment) throw new DomainError('not_found', 'no such payment');
    return payment;
  }

  /**
   * A student starts paying for a package: the payment is written first, then created at the
   * provider with the idempotence key `payment:<id>`, so a retry after a lost answer gets the same
   * payment back rather than a second one.
   */
  async create(input: { studentId: string; packageTypeId: string; idempotencyKey: string | undefined }): Promise<{ payment: PaymentWithDetails; created: boolean }> {
    const provider = this.#provider;
    const { db } = this.deps;
    const key = `me:${input.studentId}:${input.idempotencyKey ?? randomUUID()}`;
    let payment = await db.payment.findUnique({ where: { idempotencyKey: key }, include: paymentInclude });
    const created = !payment;
    if (payment && payment.packageTypeId !== input.packageTypeId) throw invalidField('body.idempotencyKey', 'was used for another package');
    if (!payment) {
      const packageType = await db.packageType.findUnique({ where: { id: input.packageTypeId } });
      if (!packageType?.active) throw invalidField('body.packageTypeId', 'must be a package on sale');
      const data = {
        provider: provider.name,
        studentId: input.studentId,
        packageTypeId: packageType.id,
        amountMinor: packageType.priceMinor,
        currency: packageType.currency,
        idempotencyKey: key,
      };
      // Two requests with one key at the same moment: the second finds the first's row.
      payment = await db.payment
        .create({ data, include: paymentInclude })
        .catch(async (error: unknown): Promise<PaymentWithDetails> => {
          const first = await db.payment.findUnique({ where: { idempotencyKey: key }, include: paymentInclude });
          if (!first) throw error;
          return first;
        });
    }
    if (payment.providerPaymentId || payment.status !== 'pending') return { payment, created };
    try {
      const atProvider = await provider.createPayment({
        amountMinor: payment.amountMinor,
        currency: payment.currency,
        description: `Panda Classroom: ${payment.packageType.name}`.slice(0, 128),
        idempotenceKey: `payment:${payment.id}`,
        returnUrl: `${this.deps.publicUrl}/payments/${payment.id}`,
        metadata: { paymentId: payment.id, studentId: payment.studentId },
      });
      payment = await db.payment.update({
        where: { id: payment.id },
        data: { providerPaymentId: atProvider.providerPaymentId, confirmationUrl: atProvider.confirmationUrl },
        include: paymentInclude,
      });
      return { payment, created };
    } catch (error) {
      if (!(error instanceof PaymentProviderError) || error.retryable) {
        this.deps.logger.warn({ err: error, paymentId: payment.id }, 'the payment provider did not create a payment; a retry with the same key carries on');
        throw unavailable('the payment service did not answer; try again');
      }
      this.deps.logger.error({ err: error, paymentId: payment.id }, 'the payment provider refused a payment');
      await db.payment.update({ where: { id: payment.id }, data: { status: 'cancelled' } });
      throw new DomainError('payment_provider_refused', `the payment service refused the payment: ${error.message}`);
    }
  }

  /**
   * A student's payment, brought up to date: while it is pending the provider is asked, so the
   * page the payer returns to shows the result even before (or without) the notification.
   */
  async refresh(payment: PaymentWithDetails): Promise<PaymentWithDetails> {
    const { provider } = this.deps;
    if (payment.status !== 'pending' || !payment.providerPaymentId || provider?.name !== payment.provider) return payment;
    try {
      await this.#apply(await provider.getPayment(payment.providerPaymentId));
    } catch (error) {
      // The local state is still a fine answer; the notification or the next look settles it.
      this.deps.logger.warn({ err: error, paymentId: payment.id }, 'could not ask the payment provider about a pending payment');
      return payment;
    }
    return this.#get(payment.id);
  }

  /**
   * A notification from the provider: verified by asking the provider, then applied once. One the
   * provider's check refuses (its sender, its body) comes back as that refusal, for the webhook to
   * answer with the status the provider expects; one that cannot be applied throws.
   */
  async webhook(request: WebhookRequest): Promise<WebhookRefusal | undefined> {
    const result = await this.#provider.parseWebhook(request);
    if (!result.ok) {
      const { reason, detail, httpStatus } = result.refusal;
      this.deps.logger.warn({ reason, detail, sourceIp: request.sourceIp }, 'payment notification refused');
      if (httpStatus >= 500) throw unavailable(detail);
      return result.refusal;
    }
    const { event } = result;
    if (event.type === 'refund.succeeded') {
      await this.#refundSucceeded(event.refund);
      return;
    }
    // With `capture: true` a payment never waits for capture; nothing to do.
    if (event.type === 'payment.waiting_for_capture') return;
    const outcome = await this.#apply(event.payment);
    if (outcome !== 'applied') throw new DomainError('webhook_refused', `${outcome}: ${event.payment.providerPaymentId}`);
  }

  /** The provider's verified state of a payment, applied: succeeded grants the package (once), canceled closes it. */
  async #apply(verified: ProviderPayment): Promise<'applied' | 'unknown_payment' | 'amount_mismatch'> {
    const { db, ledger, logger } = this.deps;
    const provider = this.#provider;
    const byMetadata = verified.metadata.paymentId;
    // The notification may come before the provider's id was stored with the payment.
    const payment =
      (await db.payment.findUnique({ where: { providerPaymentId: verified.providerPaymentId } })) ??
      (byMetadata && UUID.test(byMetadata)
        ? await db.payment.findFirst({ where: { id: byMetadata, provider: provider.name, providerPaymentId: null } })
        : null);
    if (!payment) return 'unknown_payment';
    if (payment.amountMinor !== verified.amountMinor || payment.currency !== verified.currency) {
      logger.error({ paymentId: payment.id, verified }, 'the provider reports another amount than the payment was created with');
      return 'amount_mismatch';
    }
    if (verified.status === 'succeeded') {
      await ledger.inStudentLock(payment.studentId, undefined, async (tx) => {
        const bought = await ledger.purchase(
          {
            studentId: payment.studentId,
            packageTypeId: payment.packageTypeId,
            paid: { amountMinor: verified.amountMinor, currency: verified.currency },
            idempotencyKey: `payment:${verified.providerPaymentId}`,
          },
          tx,
        );
        await tx.payment.updateMany({
          where: { id: payment.id, status: { in: ['pending', 'cancelled'] } },
          data: { status: 'succeeded', providerPaymentId: verified.providerPaymentId, purchaseId: bought.purchase.id, paidAt: bought.purchase.paidAt, confirmationUrl: null },
        });
      });
    } else if (verified.status === 'canceled') {
      await db.payment.updateMany({ where: { id: payment.id, status: 'pending' }, data: { status: 'cancelled', providerPaymentId: verified.providerPaymentId, confirmationUrl: null } });
    }
    return 'applied';
  }

  /**
   * An admin refunds a paid package. One refund per payment: asking again carries on a pending
   * one (after the provider could not be reached) and answers a finished one as it is.
   */
  async refund(input: { paymentId: string; actorId: string; reason: string }): Promise<{ payment: PaymentWithDetails; created: boolean }> {
    const { ledger, clock } = this.deps;
    const payment = await this.#get(input.paymentId);
    let refund = payment.refunds.find((r) => r.status !== 'failed');
    const created = !refund;
    if (!refund) {
      if (payment.status !== 'succeeded' || !payment.purchaseId) throw new DomainError('payment_not_refundable', `a ${payment.status} payment cannot be refunded`);
      const purchaseId = payment.purchaseId;
      refund = await ledger.inStudentLock(payment.studentId, undefined, async (tx) => {
        // Another admin may have refunded it a moment ago.
        const active = await tx.paymentRefund.findFirst({ where: { paymentId: payment.id, status: { not: 'failed' } } });
        if (active) return active;
        const id = randomUUID();
        const { credits } = await ledger.refund({ studentId: payment.studentId, purchaseId, refundId: id, reason: `refund: ${input.reason}`, actorId: input.actorId }, tx);
        if (credits === 0) throw new DomainError('payment_not_refundable', 'every lesson of this package is used or booked: nothing is left to refund');
        const purchase = await tx.purchase.findUniqueOrThrow({ where: { id: purchaseId } });
        // The money for the unused lessons, rounded down to a whole minor unit.
        const amountMinor = Math.floor((payment.amountMinor * credits) / purchase.lessons);
        const manual = payment.providerPaymentId === null;
        const row = await tx.paymentRefund.create({
          data: { id, paymentId: payment.id, amountMinor, currency: payment.currency, credits, reason: input.reason, actorId: input.actorId, status: manual ? 'succeeded' : 'pending' },
        });
        if (manual) await tx.payment.update({ where: { id: payment.id }, data: { status: 'refunded' } });
        await audit(tx, {
          actorId: input.actorId,
          action: 'payment.refund',
          target: { type: 'payment', id: payment.id },
          after: { refundId: id, credits, amountMinor, currency: payment.currency },
          reason: input.reason,
          at: clock.now(),
        });
        return row;
      });
    }
    if (refund.status === 'pending' && payment.providerPaymentId) await this.#refundAtProvider(payment, payment.providerPaymentId, refund);
    return { payment: await this.#get(payment.id), created };
  }

  async #refundAtProvider(payment: Payment, providerPaymentId: string, refund: PaymentRefund): Promise<void> {
    const provider = this.#provider;
    let answer: ProviderRefund;
    try {
      answer = await provider.refund({
        providerPaymentId,
        amountMinor: refund.amountMinor,
        currency: refund.currency,
        idempotenceKey: `refund:${refund.id}`,
        ...(refund.reason ? { description: refund.reason.slice(0, 250) } : {}),
      });
    } catch (error) {
      if (!(error instanceof PaymentProviderError) || error.retryable) {
        this.deps.logger.warn({ err: error, refundId: refund.id }, 'the payment provider did not answer a refund; asking again carries it on');
        throw unavailable('the payment service did not answer; the refund is pending, ask again to carry it on');
      }
      await this.#refundFailed(payment, refund, error.message);
      throw new DomainError('payment_provider_refused', `the payment service refused the refund: ${error.message}`);
    }
    if (answer.status === 'canceled') {
      await this.#refundFailed(payment, refund, 'the refund was canceled');
      throw new DomainError('payment_provider_refused', 'the payment service canceled the refund');
    }
    await this.deps.ledger.inStudentLock(payment.studentId, undefined, (tx) => this.#settleRefund(tx, payment.id, refund.id, answer));
  }

  async #refundFailed(payment: Payment, refund: PaymentRefund, why: string): Promise<void> {
    const { ledger, logger } = this.deps;
    logger.error({ refundId: refund.id, why }, 'the payment provider refused a refund; its credits return');
    await ledger.inStudentLock(payment.studentId, undefined, async (tx) => {
      await ledger.undoRefund({ studentId: payment.studentId, refundId: refund.id, reason: `refund refused: ${why}` }, tx);
      await tx.paymentRefund.update({ where: { id: refund.id }, data: { status: 'failed' } });
    });
  }

  async #settleRefund(tx: CreditTx, paymentId: string, refundId: string, answer: ProviderRefund): Promise<void> {
    await tx.paymentRefund.update({ where: { id: refundId }, data: { providerRefundId: answer.providerRefundId, ...(answer.status === 'succeeded' ? { status: 'succeeded' } : {}) } });
    if (answer.status === 'succeeded') await tx.payment.update({ where: { id: paymentId }, data: { status: 'refunded' } });
  }

  /**
   * The provider says a refund went through: ours is marked done; one made in the provider's own
   * back office takes back the package's unused credits in proportion to the money returned.
   */
  async #refundSucceeded(verified: ProviderRefund): Promise<void> {
    const { db, ledger } = this.deps;
    const payment = await db.payment.findUnique({ where: { providerPaymentId: verified.providerPaymentId } });
    if (!payment) throw new DomainError('webhook_refused', `unknown_payment: ${verified.providerPaymentId}`);
    await ledger.inStudentLock(payment.studentId, undefined, async (tx) => {
      const ours =
        (await tx.paymentRefund.findUnique({ where: { providerRefundId: verified.providerRefundId } })) ??
        (await tx.paymentRefund.findFirst({ where: { paymentId: payment.id, providerRefundId: null, status: 'pending' } }));
      if (ours) return this.#settleRefund(tx, payment.id, ours.id, verified);
      const id = randomUUID();
      const purchase = payment.purchaseId ? await tx.purchase.findUnique({ where: { id: payment.purchaseId } }) : null;
      const maxCredits = purchase ? Math.ceil((purchase.lessons * verified.amountMinor) / payment.amountMinor) : 0;
      const { credits } = purchase
        ? await ledger.refund({ studentId: payment.studentId, purchaseId: purchase.id, refundId: id, maxCredits, reason: `refunded in ${payment.provider}` }, tx)
        : { credits: 0 };
      await tx.paymentRefund.create({
        data: { id, paymentId: payment.id, providerRefundId: verified.providerRefundId, amountMinor: verified.amountMinor, currency: verified.currency, credits, status: 'succeeded' },
      });
      await tx.payment.update({ where: { id: payment.id }, data: { status: 'refunded' } });
    });
  }
}
