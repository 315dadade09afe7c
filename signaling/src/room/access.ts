import { MINUTE_MS, type Actor, type ErrorCode, type RoomRole } from '@panda/shared';

export interface LessonForAccess {
  teacherId: string;
  studentIds: readonly string[];
  status: 'scheduled' | 'held' | 'cancelled' | 'no_show';
  startsAt: Date;
  endsAt: Date;
}

export interface RoomTiming {
  /** The room opens this long before the start. */
  opensBeforeMinutes: number;
  /** …and closes this long after the end. */
  closesAfterMinutes: number;
}

export const DEFAULT_ROOM_TIMING: RoomTiming = { opensBeforeMinutes: 15, closesAfterMinutes: 15 };

export type RoomAccess =
  | { ok: true; role: RoomRole; opensAt: Date; closesAt: Date }
  | { ok: false; code: ErrorCode; message: string };

/**
 * Who may enter a lesson's room, and when: its teacher (the methodist in a placement lesson) and
 * its students, admins as observers, from `opensBeforeMinutes` before the start until
 * `closesAfterMinutes` after the end, unless the lesson was cancelled or already ended.
 */
export function decideRoomAccess(
  lesson: LessonForAccess,
  user: Actor,
  now: Date,
  timing: RoomTiming = DEFAULT_ROOM_TIMING,
): RoomAccess {
  const role: RoomRole | null =
    user.id === lesson.teacherId
      ? 'teacher'
      : lesson.studentIds.includes(user.id)
        ? 'student'
        : user.role === 'admin'
          ? 'observer'
          : null;
  if (!role) return { ok: false, code: 'forbidden', message: 'you are not in this lesson' };
  if (lesson.status === 'cancelled') return { ok: false, code: 'room_closed', message: 'the lesson was cancelled' };
  if (lesson.status !== 'scheduled') return { ok: false, code: 'room_closed', message: 'the lesson has ended' };
  const opensAt = new Date(lesson.startsAt.getTime() - timing.opensBeforeMinutes * MINUTE_MS);
  const closesAt = new Date(lesson.endsAt.getTime() + timing.closesAfterMinutes * MINUTE_MS);
  if (now < opensAt) return { ok: false, code: 'room_not_open', message: `the room opens at ${opensAt.toISOString()}` };
  if (now >= closesAt) return { ok: false, code: 'room_closed', message: 'the room has closed' };
  return { ok: true, role, opensAt, closesAt };
}

export type BoardAccess = { ok: true; write: 'full' | 'student' | 'none' } | { ok: false; code: 'forbidden' };

/**
 * Who may open a lesson's board, and what they may change: its teacher everything, at any time
 * (to prepare it before and review it after); its students draw while the room is open and read
 * it otherwise; admins read it; nobody else opens it.
 */
export function decideBoardAccess(lesson: LessonForAccess, user: Actor, now: Date, timing: RoomTiming = DEFAULT_ROOM_TIMING): BoardAccess {
  if (user.id === lesson.teacherId) return { ok: true, write: 'full' };
  if (lesson.studentIds.includes(user.id)) {
    const room = decideRoomAccess(lesson, user, now, timing);
    return { ok: true, write: room.ok ? 'student' : 'none' };
  }
  if (user.role === 'admin') return { ok: true, write: 'none' };
  return { ok: false, code: 'forbidden' };
}
