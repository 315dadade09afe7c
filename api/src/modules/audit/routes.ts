import type { Prisma } from '@panda/db';
import { ADMINS, AuditList, AuditQuery, type AuditAction, type AuditEntry, type AuditTargetType } from '@panda/shared';
import type { ApiModule } from '../../module.js';

export const auditModule: ApiModule = {
  name: 'audit',
  register(router, { db }) {
    router.operation(
      { method: 'get', path: '/admin/audit', summary: 'The audit log of back-office changes, newest first', tag: 'admin', access: ADMINS, query: AuditQuery, response: AuditList },
      async ({ query }) => {
        const where: Prisma.AuditEntryWhereInput = {
          ...(query.actorId ? { actorId: query.actorId } : {}),
          ...(query.action ? { action: query.action } : {}),
          ...(query.targetType ? { targetType: query.targetType } : {}),
          ...(query.targetId ? { targetId: query.targetId } : {}),
          ...(query.from || query.to
            ? { at: { ...(query.from ? { gte: new Date(query.from) } : {}), ...(query.to ? { lt: new Date(query.to) } : {}) } }
            : {}),
        };
        const [items, total] = await Promise.all([
          db.auditEntry.findMany({
            where,
            include: { actor: { select: { id: true, name: true } } },
            orderBy: [{ at: 'desc' }, { id: 'desc' }],
            skip: query.offset,
            take: query.limit,
          }),
          db.auditEntry.count({ where }),
        ]);
        return {
          items: items.map(toAuditEntryDto),
          total,
        };
      },
    );
  },
};

type AuditRecord = Prisma.AuditEntryGetPayload<{ include: { actor: { select: { id: true; name: true } } } }>;

// Entries are written only through `audit()`, which takes the shared enums; the response schema
// checks them again on the way out.
function toAuditEntryDto(entry: AuditRecord): AuditEntry {
  return {
    id: entry.id,
    actor: entry.actor,
    action: entry.action as AuditAction,
    targetType: entry.targetType as AuditTargetType,
    targetId: entry.targetId,
    before: entry.before as AuditEntry['before'],
    after: entry.after as AuditEntry['after'],
    reason: entry.reason,
    at: entry.at.toISOString(),
  };
}
