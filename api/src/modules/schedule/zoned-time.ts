import { DAY_MS, MINUTE_MS } from '@panda/shared';

/**
 * Wall-clock time in IANA time zones with nothing but `Intl`: availability and weekly series are
 * agreed in local time ("Tuesdays at 10:00 in Berlin") and must stay there across DST changes,
 * while lessons are stored as UTC instants.
 */

/** A calendar date (no time zone): `2026-03-29` is `{ year: 2026, month: 3, day: 29 }`. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

export interface LocalDateTime extends LocalDate {
  /** Minutes after midnight. */
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** The wall-clock date and time at `instant` in `timeZone` (seconds dropped). */
export function toLocal(instant: Date, timeZone: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return { year: parts.year as number, month: parts.month as number, day: parts.day as number, minute: (parts.hour as number) * 60 + (parts.minute as number) };
}

/** How far `timeZone`'s wall clock is ahead of UTC at `instant`, in ms. */
function offsetAt(instant: number, timeZone: string): number {
  const local = toLocal(new Date(instant), timeZone);
  const wall = Date.UTC(local.year, local.month - 1, local.day, 0, local.minute);
  // The wall clock has no seconds: compare with the instant truncated to its minute.
  return wall - Math.floor(instant / MINUTE_MS) * MINUTE_MS;
}

/**
 * The instant when `timeZone`'s wall clock shows `local`. Like Temporal's "compatible"
 * disambiguation: a time that occurs twice (autumn) is its first occurrence; a time skipped by
 * the clock (spring) is read with the offset before the change, i.e. as much later as the gap.
 * `minute` may be 1440 or more: it runs into the following days.
 */
export function fromLocal(local: LocalDateTime, timeZone: string): Date {
  const wall = Date.UTC(local.year, local.month - 1, local.day, 0, local.minute);
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const candidates = [...new Set([before, after])].map((offset) => wall - offset).filter((instant) => instant - wall === -offsetAt(instant, timeZone));
  return new Date(candidates.length > 0 ? Math.min(...candidates) : wall - before);
}

/** The date `days` after `date`. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: LocalDate): number {
  return ((new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() + 6) % 7) + 1;
}

/** Negative, zero or positive as `a` is before, on or after `b`. */
export function compareDates(a: LocalDate, b: LocalDate): number {
  return Date.UTC(a.year, a.month - 1, a.day) - Date.UTC(b.year, b.month - 1, b.day);
}

/** `2026-03-29` → a date. */
export function parseDate(text: string): LocalDate {
  const [year, month, day] = text.split('-').map(Number);
  return { year: year as number, month: month as number, day: day as number };
}

export function formatDate(date: LocalDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** `09:30` → 570; `24:00` → 1440. */
export function parseTime(text: string): number {
  const [hours, minutes] = text.split(':').map(Number);
  return (hours as number) * 60 + (minutes as number);
}

/** 570 → `09:30`; 1440 → `24:00`. */
export function formatTime(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}
