import type { Prisma } from '@panda/db';
import {
  CreateUserBody,
  IdParams,
  OutboxList,
  OutboxQuery,
  UpdateUserBody,
  User,
  UserList,
  UserListQuery,
  type Language,
} from '@panda/shared';
import { conflict, fieldProblem, notFound } from '../../http/problem.js';
import type { ApiModule } from '../../module.js';
import { EmailCodeStore } from '../auth/email-code-store.js';
import { UNUSABLE_PASSWORD } from '../auth/passwords.js';
import { toUserDto, userWithLanguages } from '../users/user-dto.js';

const admins = ['admin'] as const;

export const adminModule: ApiModule = {
  name: 'admin',
  register(router, deps) {
    const { db, clock } = deps;
    const codes = new EmailCodeStore(deps);
    const tag = 'admin';

    router.operation(
      { method: 'get', path: '/admin/users', summary: 'List users', tag, access: admins, query: UserListQuery, response: UserList },
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
      { method: 'post', path: '/admin/users', summary: 'Create an account (teachers, methodists, admins); a code to set the password is e-mailed', tag, access: admins, body: CreateUserBody, response: User, status: 201 },
      async ({ body }) => {
        ensureTeachesFitsRole(body.role, body.teaches);
        if (await db.user.findUnique({ where: { email: body.email } })) {
          throw conflict('email_taken', 'an account with this e-mail already exists');
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
          return { user, code: await codes.issue(tx, user.id, 'reset_password') };
        });
        await codes.send('welcome_staff', user, code);
        return toUserDto(user);
      },
    );

    router.operation(
      { method: 'patch', path: '/admin/users/:id', summary: 'Change a user’s name, role, languages or disable the account', tag, access: admins, params: IdParams, body: UpdateUserBody, response: User },
      async ({ params, body, user: actor }) => {
        const target = await db.user.findUnique({ where: { id: params.id }, include: userWithLanguages });
        if (!target) throw notFound('no such user');
        if (target.id === actor.id && (body.disabled || (body.role && body.role !== 'admin'))) {
          throw fieldProblem(body.disabled ? 'body.disabled' : 'body.role', 'admins cannot disable or demote themselves');
        }
        const role = body.role ?? target.role;
        const teaches = body.teaches ?? target.teacherLanguages.map((entry) => entry.language);
        ensureTeachesFitsRole(role, teaches);
        const now = clock.now();
        const updated = await db.$transaction(async (tx) => {
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
      { method: 'get', path: '/admin/outbox', summary: 'Mail kept in the dev outbox (when no SMTP server is configured)', tag, access: admins, query: OutboxQuery, response: OutboxList },
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

/** Only people who teach have languages they teach. */
function ensureTeachesFitsRole(role: string, teaches: Language[]): void {
  if (teaches.length > 0 && role !== 'teacher' && role !== 'methodist') {
    throw fieldProblem('body.teaches', 'only teachers and methodists teach languages');
  }
}
