import { z } from 'zod';
import { IsoDateTime, Pagination } from './common.js';

/**
 * What a back-office change did. Stable names: the audit log is read years later, so a name once
 * written keeps its meaning; add new ones rather than renaming.
 */
export const AuditAction = z.enum([
  'user.create',
  'user.rename',
  'user.role',
  'user.disable',
  'user.enable',
  'user.teaches',
  'enrollment.assess',
  'enrollment.reassign',
  'credits.adjust',
  'credits.purchase',
  'package_type.create',
  'package_type.update',
  'payment.refund',
]);
export type AuditAction = z.infer<typeof AuditAction>;

/** The kind of record a change was made to; `targetId` is its id. */
export const AuditTargetType = z.enum(['user', 'enrollment', 'package_type', 'payment']);
export type AuditTargetType = z.infer<typeof AuditTargetType>;

/** Why a back-office change was made, when the form asks for it. */
export const AuditReason = z.string().trim().min(3, { message: 'must be at least 3 characters' }).max(500);

export const AuditEntry = z.object({
  id: z.uuid(),
  actor: z.object({ id: z.uuid(), name: z.string() }),
  action: AuditAction,
  targetType: AuditTargetType,
  targetId: z.uuid(),
  /** Only the fields the change touched, before and after it. */
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  reason: z.string().nullable(),
  at: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** Newest first; every filter is optional. */
export const AuditQuery = Pagination.extend({
  actorId: z.uuid().optional(),
  action: AuditAction.optional(),
  targetType: AuditTargetType.optional(),
  targetId: z.uuid().optional(),
  from: IsoDateTime.optional(),
  to: IsoDateTime.optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditList = z.object({ items: z.array(AuditEntry), total: z.number().int() });
export type AuditList = z.infer<typeof AuditList>;
