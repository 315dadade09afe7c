import type { Prisma } from '@panda/db';
import type { User } from '@panda/shared';

export const userWithLanguages = { teacherLanguages: true } satisfies Prisma.UserInclude;
export type UserRecord = Prisma.UserGetPayload<{ include: typeof userWithLanguages }>;

export function toUserDto(user: UserRecord): User {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    timeZone: user.timeZone,
    locale: user.locale,
    emailConfirmed: user.emailVerifiedAt !== null,
    disabled: user.disabledAt !== null,
    teaches: user.teacherLanguages.map((entry) => entry.language).sort(),
    recordingOptOut: user.recordingOptOut,
  };
}
