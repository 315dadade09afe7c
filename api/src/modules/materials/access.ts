import type { Prisma } from '@panda/db';
import type { AuthUser } from '../../http/authenticate.js';

/** Who works with the library: everyone but students. */
export const STAFF = ['teacher', 'methodist', 'admin'] as const;

/** Methodists and admins look after the whole library: they see everything and share materials. */
export const curatesLibrary = (user: AuthUser): boolean => user.role === 'methodist' || user.role === 'admin';

/** A teacher sees their own materials and the shared ones; curators see all. */
export function visibleMaterials(user: AuthUser): Prisma.MaterialWhereInput {
  return curatesLibrary(user) ? {} : { OR: [{ ownerId: user.id }, { shared: true }] };
}

/** The owner and the curators may change or remove a material (and a plan). */
export const mayChange = (user: AuthUser, owned: { ownerId: string }): boolean => owned.ownerId === user.id || curatesLibrary(user);
