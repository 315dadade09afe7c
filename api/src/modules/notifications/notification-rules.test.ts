import { describe, expect, it } from 'vitest';
import { effectiveChannels, reminderKey, reminderPlan, retryAt } from './notification-rules.js';

const HOUR = 3_600_000;
const start = new Date('2026-03-10T15:00:00Z');
const at = (hoursBeforeStart: number) => new Date(start.getTime() - hoursBeforeStart * HOUR);

describe('reminderPlan', () => {
  it('plans the 24-hour and the 1-hour reminder of a lesson booked days ahead', () => {
    expect(reminderPlan({ startsAt: start, bookedAt: at(72) }, at(30))).toEqual([
      { kind: 'lesson_reminder_24h', sendAt: at(24) },
      { kind: 'lesson_reminder_1h', sendAt: at(1) },
    ]);
  });

  it('leaves out a reminder whose moment passed before the booking', () => {
    expect(reminderPlan({ startsAt: start, bookedAt: at(5) }, at(5))).toEqual([{ kind: 'lesson_reminder_1h', sendAt: at(1) }]);
    expect(reminderPlan({ startsAt: start, bookedAt: at(0.5) }, at(0.5))).toEqual([]);
  });

  it('after a late sweep, sends only what still makes sense', () => {
    expect(reminderPlan({ startsAt: start, bookedAt: at(72) }, at(0.99))).toEqual([{ kind: 'lesson_reminder_1h', sendAt: at(1) }]);
    expect(reminderPlan({ startsAt: start, bookedAt: at(72) }, start)).toEqual([]);
  });

  it('keys a reminder by lesson, start and person, so a moved lesson gets new ones', () => {
    expect(reminderKey('lesson_reminder_1h', 'l1', start, 'u1')).toBe('reminder:1h:l1:2026-03-10T15:00:00.000Z:u1');
    expect(reminderKey('lesson_reminder_24h', 'l1', at(-2), 'u1')).not.toBe(reminderKey('lesson_reminder_24h', 'l1', start, 'u1'));
  });
});

describe('effectiveChannels', () => {
  it('uses the defaults until chosen, and Telegram only once linked', () => {
    expect(effectiveChannels('lesson_reminder_1h', undefined, { telegram: false })).toEqual(['in_app']);
    expect(effectiveChannels('lesson_moved', undefined, { telegram: true })).toEqual(['in_app', 'email', 'telegram']);
    expect(effectiveChannels('lesson_moved', [], { telegram: true })).toEqual([]);
    expect(effectiveChannels('lesson_moved', ['telegram'], { telegram: false })).toEqual([]);
  });
});

it('retries after 1, 2, 4… minutes', () => {
  const now = new Date('2026-03-10T00:00:00Z');
  expect([1, 2, 3].map((attempts) => (retryAt(attempts, now).getTime() - now.getTime()) / 60_000)).toEqual([1, 2, 4]);
});
