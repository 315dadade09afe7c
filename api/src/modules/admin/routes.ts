import type { Prisma } from '@panda/db';
import {
  ADMINS,
  CreateUserBody,
  IdParams,
  isOneOf,
  OutboxList,
  OutboxQuery,
  TEACHING,
  UpdateUserBody,
  User,
  UserList,
  UserListQuery,
  type Language,
  type Role,
} from '@panda/shared';
import { DomainError, invalidField } from '../../domain-error.js';
import type { ApiModule } from '../../module.js';
import { audit, type AuditInput } from '../audit/audit.js';
import { UNUSABLE_PASSWORD } from '../auth/passwords.js';
import { toUserDto, userWithLanguages } from '../users/user-dto.js';

export const adminModule: ApiModule = {
  name: 'admin',
  register(router, deps) {
    const { db, clock } = deps;
    const codes = deps.services.emailCodes;
    const tag = 'admin';

    router.operation(
      { method: 'get', path: '/admin/users', summary: 'List users', tag, access: ADMINS, query: UserListQuery, response: UserList },
      async ({ query }) => {
        const where: Prisma.UserWhereInput = {
          ...(query.role ? { role: query.role } : {}),
          ...(query.search
            ? {
                OR: [
                  { email: { contains: query.search, mode: 'insensitive' } },
                  { name: { contains: query.search, mode: 'insensitive' } },
                ],
              }
            : {}),
        };
        const [items, total] = await Promise.all([
          db.user.findMany({ where, include: userWithLanguages, orderBy: { createdAt: 'asc' }, skip: query.offset, take: query.limit }),
          db.user.count({ where }),
        ]);
        return { items: items.map(toUserDto), total };
      },
    );

    router.operation(
      { method: 'post', path: '/admin/users', summary: 'Create an account (teachers, methodists, admins); a code to set the password is e-mailed', tag, access: ADMINS, body: CreateUserBody, response: User, status: 201 },
      async ({ body, user: actor }) => {
        ensureTeachesFitsRole(body.role, body.teaches);
        if (await db.user.findUnique({ where: { email: body.email } })) {
          throw new DomainError('email_taken', 'an account with this e-mail already exists');
        }
        const { user, code } = await db.$transaction(async (tx) => {
          const user = await tx.user.create({
            data: {
              email: body.email,
              name: body.name,
              role: body.role,
              timeZone: body.timeZone,
              locale: body.locale,
              passwordHash: UNUSABLE_PASSWORD,
              teacherLanguages: { create: body.teaches.map((language) => ({ language })) },
            },
            include: userWithLanguages,
          });
          await audit(tx, {
            actorId: actor.id,
            action: 'user.create',
            target: { type: 'user', id: user.id },
            after: { email: user.email, name: user.name, role: user.role, teaches: body.teaches },
            at: clock.now(),
          });
          return { user, code: await codes.issue(tx, user.id, 'reset_password') };
        });
        await codes.send('welcome_staff', user, code);
        return toUserDto(user);
      },
    );

    router.operation(
      { method: 'get', path: '/admin/users/:id', summary: 'One user', tag, access: ADMINS, params: IdParams, response: User },
      async ({ params }) => {
        const user = await db.user.findUnique({ where: { id: params.id }, include: userWithLanguages });
        if (!user) throw new DomainError('not_found', 'no such user');
        return toUserDto(user);
      },
    );

    router.operation(
      { method: 'patch', path: '/admin/users/:id', summary: 'Change a user’s name, role, languages or disable the account', tag, access: ADMINS, params: IdParams, body: UpdateUserBody, response: User },
      async ({ params, body, user: actor }) => {
        const target = await db.user.findUnique({ where: { id: params.id }, include: userWithLanguages });
        if (!target) throw new DomainError('not_found', 'no such user');
        if (target.id === actor.id && (body.disabled || (body.role && body.role !== 'admin'))) {
          throw invalidField(body.disabled ? 'body.disabled' : 'body.role', 'admins cannot disable or demote themselves');
        }
        const role = body.role ?? target.role;
        const taught = target.teacherLanguages.map((entry) => entry.language).sort();
        const teaches = body.teaches ?? taught;
        ensureTeachesFitsRole(role, teaches);
        const now = clock.now();
        const updated = await db.$transaction(async (tx) => {
          for (const change of userChanges(target, taught, body)) {
            await audit(tx, { ...change, actorId: actor.id, target: { type: 'user', id: target.id }, reason: body.reason ?? null, at: now });
          }
          if (body.teaches) {
            await tx.teacherLanguage.deleteMany({ where: { teacherId: target.id } });
            await tx.teacherLanguage.createMany({ data: body.teaches.map((language) => ({ teacherId: target.id, language })) });
          }
          if (body.disabled) {
            await tx.refreshToken.updateMany({ where: { userId: target.id, revokedAt: null }, data: { revokedAt: now } });
          }
          return tx.user.update({
            where: { id: target.id },
            data: {
              ...(body.name !== undefined ? { name: body.name } : {}),
              ...(body.role !== undefined ? { role: body.role } : {}),
              ...(body.disabled !== undefined ? { disabledAt: body.disabled ? now : null } : {}),
            },
            include: userWithLanguages,
          });
        });
        return toUserDto(updated);
      },
    );

    router.operation(
      { method: 'get', path: '/admin/outbox', summary: 'Mail kept in the dev outbox (when no SMTP server is configured)', tag, access: ADMINS, query: OutboxQuery, response: OutboxList },
      async ({ query }) => {
        const where = query.to ? { to: query.to.toLowerCase() } : {};
        const [items, total] = await Promise.all([
          db.devOutboxMail.findMany({ where, orderBy: { createdAt: 'desc' }, skip: query.offset, take: query.limit }),
          db.devOutboxMail.count({ where }),
        ]);
        return { items: items.map((mail) => ({ ...mail, createdAt: mail.createdAt.toISOString() })), total };
      },
    );
  },
};

/** One audit entry per aspect the update really changes. */
function userChanges(
  target: { name: string; role: Role; disabledAt: Date | null },
  taught: Language[],
  body: UpdateUserBody,
): Pick<AuditInput, 'action' | 'before' | 'after'>[] {
  const changes: Pick<AuditInput, 'action' | 'before' | 'after'>[] = [];
  if (body.name !== undefined && body.name !== target.name) {
    changes.push({ action: 'user.rename', before: { name: target.name }, after: { name: body.name } });
  }
  if (body.role !== undefined && body.role !== target.role) {
    changes.push({ action: 'user.role', before: { role: target.role }, after: { role: body.role } });
  }
  if (body.disabled !== undefined && body.disabled !== (target.disabledAt !== null)) {
    changes.push({ action: body.disabled ? 'user.disable' : 'user.enable', before: { disabled: !body.disabled }, after: { disabled: body.disabled } });
  }
  const teaches = body.teaches ? [...body.teaches].sort() : undefined;
  if (teaches && teaches.join() !== taught.join()) {
    changes.push({ action: 'user.teaches', before: { teaches: taught }, after: { teaches } });
  }
  return changes;
}

/** Only people who teach have languages they teach. */
function ensureTeachesFitsRole(role: Role, teaches: Language[]): void {
  if (teaches.length > 0 && !isOneOf(TEACHING, role)) {
    throw invalidField('body.teaches', 'only teachers and methodists teach languages');
  }
}
