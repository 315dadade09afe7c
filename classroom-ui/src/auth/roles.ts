import { CURATORS, isOneOf, type Role } from '@panda/shared';

/** Methodists and admins look after the school's whole library: they change any material or plan and share materials. */
export const curatesLibrary = (role: Role): boolean => isOneOf(CURATORS, role);
