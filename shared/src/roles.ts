import type { Role } from './common.js';

/** Everyone but students: the people who work at the school. */
export const STAFF = ['teacher', 'methodist', 'admin'] as const satisfies readonly Role[];

/** Those who give lessons (a methodist teaches too). */
export const TEACHING = ['teacher', 'methodist'] as const satisfies readonly Role[];

/** Those who look after the school's methods across teachers: the shared library, placement, weekly series. */
export const CURATORS = ['methodist', 'admin'] as const satisfies readonly Role[];

export const STUDENTS = ['student'] as const satisfies readonly Role[];

export const ADMINS = ['admin'] as const satisfies readonly Role[];

/** Whether `role` belongs to `group` (a plain `includes` refuses a wider role type on these tuples). */
export const isOneOf = (group: readonly Role[], role: Role): boolean => group.includes(role);
