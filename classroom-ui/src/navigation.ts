import { Role } from '@panda/shared';

/** Every section of the app and where it lives. */
export const sections = {
  dashboard: '/dashboard',
  credits: '/credits',
  placement: '/placement',
  schedule: '/schedule',
  lessons: '/lessons',
  freeLessons: '/free-lessons',
  homework: '/homework',
  dictionary: '/dictionary',
  notes: '/notes',
  materials: '/materials',
  plans: '/plans',
  students: '/students',
  users: '/admin/users',
  outbox: '/admin/outbox',
  audit: '/admin/audit',
  payments: '/admin/payments',
  packages: '/admin/packages',
  settings: '/admin/settings',
  profile: '/profile',
} as const;

export type SectionId = keyof typeof sections;
// The keys of a literal object are exactly its key type.
export const sectionIds = Object.keys(sections) as SectionId[];

/** The side menu of each role, in order. A section is open to exactly the roles that list it. */
export const menus: Record<Role, readonly SectionId[]> = {
  student: ['dashboard', 'credits', 'schedule', 'lessons', 'freeLessons', 'homework', 'dictionary', 'notes', 'profile'],
  teacher: ['dashboard', 'schedule', 'lessons', 'materials', 'plans', 'students', 'homework', 'dictionary', 'profile'],
  methodist: ['dashboard', 'placement', 'schedule', 'lessons', 'students', 'materials', 'plans', 'profile'],
  admin: ['dashboard', 'users', 'students', 'outbox', 'audit', 'payments', 'packages', 'settings', 'materials', 'plans', 'profile'],
};

export function rolesFor(section: SectionId): Role[] {
  return Role.options.filter((role) => menus[role].includes(section));
}

/** History state the auth pages hand each other. */
export interface AuthState {
  /** The page that sent the person to login. */
  from?: string;
  /** An address to prefill. */
  email?: string;
  passwordChanged?: boolean;
  resendAfterSeconds?: number;
  emailChanged?: boolean;
}

export function confirmPath(email: string): string {
  return `/confirm?${new URLSearchParams({ email })}`;
}

export function passwordResetPath(email: string): string {
  return email ? `/reset-password?${new URLSearchParams({ email })}` : '/reset-password';
}
