import type { Prisma } from '@panda/db';
import { CURATORS, isOneOf, type Actor } from '@panda/shared';

/** Methodists and admins look after the whole library: they see everything and share materials. */
export const curatesLibrary = (user: Actor): boolean => isOneOf(CURATORS, user.role);

/** A teacher sees their own materials and the shared ones; curators see all. */
export function visibleMaterials(user: Actor): Prisma.MaterialWhereInput {
  return curatesLibrary(user) ? {} : { OR: [{ ownerId: user.id }, { shared: true }] };
}

/** The owner and the curators may change or remove a material (and a plan). */
export const mayChange = (user: Actor, owned: { ownerId: string }): boolean => owned.ownerId === user.id || curatesLibrary(user);
