import type { Prisma } from '@panda/db';
import type { AuditAction, AuditTargetType } from '@panda/shared';

/** The fields a change touched: small, JSON-safe values (ids, names, numbers, lists of them). */
export type AuditFields = Record<string, Prisma.InputJsonValue | null>;

export interface AuditInput {
  actorId: string;
  action: AuditAction;
  target: { type: AuditTargetType; id: string };
  before?: AuditFields | null;
  after?: AuditFields | null;
  reason?: string | null;
  /** The clock's now, so that tests with a moved clock read a consistent log. */
  at: Date;
}

/**
 * Records a back-office change in the append-only audit log. Call it with the transaction that
 * makes the change: the entry exists exactly when the change does.
 */
export async function audit(tx: Prisma.TransactionClient, input: AuditInput): Promise<void> {
  await tx.auditEntry.create({
    data: {
      actorId: input.actorId,
      action: input.action,
      targetType: input.target.type,
      targetId: input.target.id,
      before: input.before ?? undefined,
      after: input.after ?? undefined,
      reason: input.reason ?? null,
      at: input.at,
    },
  });
}
