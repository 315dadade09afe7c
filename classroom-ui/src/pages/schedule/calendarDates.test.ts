import { describe, expect, it } from 'vitest';
import { addDays, dayInZone, fetchRange, fromLocalInput, toLocalInput, visibleDays, weekStart } from './calendarDates';

describe('calendar days', () => {
  it('finds the week and the whole weeks of a month', () => {
    expect(weekStart('2026-03-01')).toBe('2026-02-23');
    expect(visibleDays('2026-03-04', 'week')).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08']);
    const march = visibleDays('2026-03-15', 'month');
    expect([march[0], march.at(-1), march.length]).toEqual(['2026-02-23', '2026-04-05', 42]);
    expect(fetchRange(['2026-03-02', '2026-03-08'])).toEqual({ from: '2026-03-01T00:00:00Z', to: '2026-03-10T00:00:00Z' });
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
  });

  it('puts instants on the day and wall-clock time of the viewer, across the DST change', () => {
    expect(dayInZone('2026-03-01T23:30:00Z', 'Europe/Moscow')).toBe('2026-03-02');
    expect(toLocalInput('2026-03-30T08:00:00Z', 'Europe/Berlin')).toBe('2026-03-30T10:00');
    expect(fromLocalInput('2026-03-30T10:00', 'Europe/Berlin').toISOString()).toBe('2026-03-30T08:00:00.000Z');
    expect(fromLocalInput('2026-03-23T10:00', 'Europe/Berlin').toISOString()).toBe('2026-03-23T09:00:00.000Z');
  });
});
