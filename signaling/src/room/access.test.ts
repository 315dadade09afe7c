import type { Actor } from '@panda/shared';
import { describe, expect, it } from 'vitest';
import { decideBoardAccess, decideRoomAccess, type LessonForAccess } from './access.js';

const start = new Date('2026-03-02T10:00:00Z');
const lesson: LessonForAccess = {
  teacherId: 'teacher',
  studentIds: ['s1', 's2'],
  status: 'scheduled',
  startsAt: start,
  endsAt: new Date('2026-03-02T11:00:00Z'),
};
const at = (iso: string) => new Date(`2026-03-02T${iso}Z`);

describe('who may enter a lesson room, and when', () => {
  it('lets in the teacher, the students and admins as observers; nobody else', () => {
    expect(decideRoomAccess(lesson, { id: 'teacher', role: 'teacher' }, start)).toMatchObject({ ok: true, role: 'teacher' });
    expect(decideRoomAccess(lesson, { id: 's2', role: 'student' }, start)).toMatchObject({ ok: true, role: 'student' });
    expect(decideRoomAccess(lesson, { id: 'boss', role: 'admin' }, start)).toMatchObject({ ok: true, role: 'observer' });
    expect(decideRoomAccess(lesson, { id: 'other', role: 'teacher' }, start)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(decideRoomAccess(lesson, { id: 'm', role: 'methodist' }, start)).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('opens 15 minutes before the start and closes 15 minutes after the end', () => {
    const student: Actor = { id: 's1', role: 'student' };
    expect(decideRoomAccess(lesson, student, at('09:44:59'))).toMatchObject({ ok: false, code: 'room_not_open' });
    expect(decideRoomAccess(lesson, student, at('09:45:00'))).toMatchObject({ ok: true });
    expect(decideRoomAccess(lesson, student, at('11:14:59'))).toMatchObject({ ok: true });
    expect(decideRoomAccess(lesson, student, at('11:15:00'))).toMatchObject({ ok: false, code: 'room_closed' });
  });

  it('stays shut for a cancelled or finished lesson', () => {
    const student: Actor = { id: 's1', role: 'student' };
    expect(decideRoomAccess({ ...lesson, status: 'cancelled' }, student, start)).toMatchObject({ code: 'room_closed' });
    expect(decideRoomAccess({ ...lesson, status: 'held' }, student, start)).toMatchObject({ code: 'room_closed' });
  });

  it('follows configured timing', () => {
    const timing = { opensBeforeMinutes: 5, closesAfterMinutes: 0 };
    expect(decideRoomAccess(lesson, { id: 's1', role: 'student' }, at('09:50:00'), timing)).toMatchObject({ ok: false });
    expect(decideRoomAccess(lesson, { id: 's1', role: 'student' }, at('09:55:00'), timing)).toMatchObject({ ok: true });
  });
});

describe('who may open a lesson board, and what they may change', () => {
  it('gives the teacher everything at any time, students drawing while the room is open, admins reading', () => {
    const student: Actor = { id: 's1', role: 'student' };
    expect(decideBoardAccess(lesson, { id: 'teacher', role: 'teacher' }, at('20:00:00'))).toEqual({ ok: true, write: 'full' });
    expect(decideBoardAccess(lesson, student, at('10:30:00'))).toEqual({ ok: true, write: 'student' });
    expect(decideBoardAccess(lesson, student, at('09:44:59'))).toEqual({ ok: true, write: 'none' });
    expect(decideBoardAccess({ ...lesson, status: 'held' }, student, at('10:30:00'))).toEqual({ ok: true, write: 'none' });
    expect(decideBoardAccess(lesson, { id: 'boss', role: 'admin' }, start)).toEqual({ ok: true, write: 'none' });
    expect(decideBoardAccess(lesson, { id: 'other', role: 'teacher' }, start)).toEqual({ ok: false, code: 'forbidden' });
    expect(decideBoardAccess(lesson, { id: 'stranger', role: 'student' }, start)).toEqual({ ok: false, code: 'forbidden' });
  });
});
