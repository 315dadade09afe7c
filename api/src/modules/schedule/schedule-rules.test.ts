import { describe, expect, it } from 'vitest';
import {
  availabilityProblems,
  expandWeekly,
  fitsIn,
  fittingStarts,
  mergeSpans,
  seriesOccurrences,
  subtractSpans,
  type Span,
} from './schedule-rules.js';
import { addDays, fromLocal, parseDate, toLocal, weekdayOf } from './zoned-time.js';

const iso = (text: string) => Date.parse(text);
const span = (start: string, end: string): Span => ({ start: iso(start), end: iso(end) });
const asIso = (spans: Span[]) => spans.map((s) => [new Date(s.start).toISOString(), new Date(s.end).toISOString()]);

describe('wall-clock time in a time zone', () => {
  it('converts both ways, in winter and in summer', () => {
    expect(fromLocal({ year: 2026, month: 1, day: 15, minute: 600 }, 'Europe/Berlin').toISOString()).toBe('2026-01-15T09:00:00.000Z');
    expect(fromLocal({ year: 2026, month: 7, day: 15, minute: 600 }, 'Europe/Berlin').toISOString()).toBe('2026-07-15T08:00:00.000Z');
    expect(fromLocal({ year: 2026, month: 7, day: 15, minute: 600 }, 'Asia/Kathmandu').toISOString()).toBe('2026-07-15T04:15:00.000Z');
    expect(toLocal(new Date('2026-07-15T08:00:00Z'), 'Europe/Berlin')).toEqual({ year: 2026, month: 7, day: 15, minute: 600 });
    expect(toLocal(new Date('2026-07-15T23:30:00Z'), 'Europe/Moscow')).toEqual({ year: 2026, month: 7, day: 16, minute: 150 });
  });

  it('reads a time the spring change skips as that much later, and a repeated autumn time as its first occurrence', () => {
    // Berlin, 29 March 2026: 02:00 → 03:00.
    expect(fromLocal({ year: 2026, month: 3, day: 29, minute: 150 }, 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    // Berlin, 25 October 2026: 03:00 → 02:00; 02:30 happens twice.
    expect(fromLocal({ year: 2026, month: 10, day: 25, minute: 150 }, 'Europe/Berlin').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    // New York, 8 March 2026: 02:00 → 03:00.
    expect(fromLocal({ year: 2026, month: 3, day: 8, minute: 150 }, 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z');
  });

  it('runs minutes past midnight into the next day, and knows weekdays', () => {
    expect(fromLocal({ year: 2026, month: 3, day: 1, minute: 1440 }, 'UTC').toISOString()).toBe('2026-03-02T00:00:00.000Z');
    expect(weekdayOf(parseDate('2026-03-02'))).toBe(1);
    expect(weekdayOf(parseDate('2026-03-01'))).toBe(7);
    expect(addDays(parseDate('2026-02-28'), 1)).toEqual(parseDate('2026-03-01'));
  });
});

describe('availability', () => {
  it('must end after it starts and not overlap on one day; touching intervals are fine', () => {
    expect(availabilityProblems([
      { weekday: 1, startMinute: 600, endMinute: 720 },
      { weekday: 1, startMinute: 720, endMinute: 780 },
      { weekday: 2, startMinute: 600, endMinute: 720 },
    ])).toEqual([]);
    expect(availabilityProblems([
      { weekday: 1, startMinute: 600, endMinute: 720 },
      { weekday: 1, startMinute: 700, endMinute: 800 },
      { weekday: 3, startMinute: 600, endMinute: 600 },
    ])).toEqual([
      { path: 'body.intervals.1', message: 'overlaps interval 0 of the same day' },
      { path: 'body.intervals.2.end', message: 'must be after the start' },
    ]);
  });

  it('expands a week in the teacher zone to UTC, keeping the wall-clock time across the DST change', () => {
    // Mondays 10:00–12:00 in Berlin, around 29 March 2026.
    const week = [{ weekday: 1, startMinute: 600, endMinute: 720 }];
    expect(asIso(expandWeekly(week, 'Europe/Berlin', new Date('2026-03-23T00:00:00Z'), new Date('2026-04-06T00:00:00Z')))).toEqual([
      ['2026-03-23T09:00:00.000Z', '2026-03-23T11:00:00.000Z'],
      ['2026-03-30T08:00:00.000Z', '2026-03-30T10:00:00.000Z'],
    ]);
  });

  it('clips to the window and joins a day ending at 24:00 with the next one starting at 00:00', () => {
    const week = [
      { weekday: 1, startMinute: 1320, endMinute: 1440 },
      { weekday: 2, startMinute: 0, endMinute: 60 },
    ];
    expect(asIso(expandWeekly(week, 'UTC', new Date('2026-03-02T22:30:00Z'), new Date('2026-03-09T00:00:00Z')))).toEqual([
      ['2026-03-02T22:30:00.000Z', '2026-03-03T01:00:00.000Z'],
    ]);
  });
});

describe('free time', () => {
  const free = subtractSpans(
    [span('2026-03-02T09:00:00Z', '2026-03-02T13:00:00Z')],
    [span('2026-03-02T10:00:00Z', '2026-03-02T11:00:00Z'), span('2026-03-02T12:30:00Z', '2026-03-02T14:00:00Z')],
  );

  it('is availability minus lessons', () => {
    expect(asIso(free)).toEqual([
      ['2026-03-02T09:00:00.000Z', '2026-03-02T10:00:00.000Z'],
      ['2026-03-02T11:00:00.000Z', '2026-03-02T12:30:00.000Z'],
    ]);
  });

  it('offers quarter-hour starts where the whole lesson fits, right up to the next lesson (two in a row)', () => {
    expect(fittingStarts(free, 60 * 60_000, 0).map((s) => new Date(s).toISOString())).toEqual([
      '2026-03-02T09:00:00.000Z',
      '2026-03-02T11:00:00.000Z',
      '2026-03-02T11:15:00.000Z',
      '2026-03-02T11:30:00.000Z',
    ]);
    expect(fittingStarts(free, 60 * 60_000, iso('2026-03-02T11:20:00Z')).map((s) => new Date(s).toISOString())).toEqual(['2026-03-02T11:30:00.000Z']);
    expect(fitsIn(free, iso('2026-03-02T11:30:00Z'), iso('2026-03-02T12:30:00Z'))).toBe(true);
    expect(fitsIn(free, iso('2026-03-02T09:30:00Z'), iso('2026-03-02T10:30:00Z'))).toBe(false);
  });

  it('merges overlapping and touching spans', () => {
    expect(asIso(mergeSpans([span('2026-03-02T11:00:00Z', '2026-03-02T12:00:00Z'), span('2026-03-02T10:00:00Z', '2026-03-02T11:00:00Z')]))).toEqual([
      ['2026-03-02T10:00:00.000Z', '2026-03-02T12:00:00.000Z'],
    ]);
  });
});

describe('a weekly series', () => {
  const rule = { weekday: 2, startMinute: 600, durationMinutes: 60, timeZone: 'Europe/Berlin', startsOn: parseDate('2026-03-17') };

  it('stays at 10:00 Berlin time across the March and October changes', () => {
    const march = seriesOccurrences(rule, new Date('2026-03-01T00:00:00Z'), new Date('2026-04-08T00:00:00Z'));
    expect(asIso(march)).toEqual([
      ['2026-03-17T09:00:00.000Z', '2026-03-17T10:00:00.000Z'],
      ['2026-03-24T09:00:00.000Z', '2026-03-24T10:00:00.000Z'],
      ['2026-03-31T08:00:00.000Z', '2026-03-31T09:00:00.000Z'],
      ['2026-04-07T08:00:00.000Z', '2026-04-07T09:00:00.000Z'],
    ]);
    const october = seriesOccurrences(rule, new Date('2026-10-19T00:00:00Z'), new Date('2026-11-01T00:00:00Z'));
    expect(asIso(october).map(([start]) => start)).toEqual(['2026-10-20T08:00:00.000Z', '2026-10-27T09:00:00.000Z']);
    for (const occurrence of [...march, ...october]) expect(toLocal(new Date(occurrence.start), 'Europe/Berlin').minute).toBe(600);
  });

  it('has no lessons before its first date or from its end on', () => {
    const ended = { ...rule, endedAt: new Date('2026-03-24T09:00:00Z') };
    expect(asIso(seriesOccurrences(ended, new Date('2026-03-01T00:00:00Z'), new Date('2026-04-08T00:00:00Z'))).map(([start]) => start)).toEqual(['2026-03-17T09:00:00.000Z']);
  });
});
