import { DAY_MS, MINUTE_MS } from '@panda/shared';
/**
 * Calendar days as `YYYY-MM-DD` strings in the viewer's time zone. Day arithmetic runs in UTC, where
 * no clock change can shift a date; only turning instants into days (and back) needs the zone.
 */


export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday of the week `day` is in. */
export function weekStart(day: string): string {
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

/** The days shown for `day`: its week, or whole weeks covering its month. */
export function visibleDays(day: string, view: 'week' | 'month'): string[] {
  const first = weekStart(view === 'week' ? day : `${day.slice(0, 8)}01`);
  const monthEnd = addDays(`${addDays(`${day.slice(0, 8)}01`, 31).slice(0, 8)}01`, -1);
  const count = view === 'week' ? 7 : Math.ceil((Date.parse(monthEnd) - Date.parse(first) + DAY_MS) / (7 * DAY_MS)) * 7;
  return Array.from({ length: count }, (_, index) => addDays(first, index));
}

/** What to ask the server for: a day more on each side covers any time zone's offset. */
export function fetchRange(days: readonly string[]): { from: string; to: string } {
  return { from: `${addDays(days[0] as string, -1)}T00:00:00Z`, to: `${addDays(days.at(-1) as string, 2)}T00:00:00Z` };
}

function parts(instant: Date, timeZone: string): Record<string, string> {
  const format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
  return Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, part.value]));
}

/** The day an instant falls on in `timeZone`. */
export function dayInZone(instant: Date | string, timeZone: string): string {
  const p = parts(new Date(instant), timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** An instant as a `datetime-local` value in `timeZone`. */
export function toLocalInput(instant: Date | string, timeZone: string): string {
  const p = parts(new Date(instant), timeZone);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** The instant when `timeZone`'s wall clock shows a `datetime-local` value. */
export function fromLocalInput(local: string, timeZone: string): Date {
  const wall = Date.parse(`${local}:00Z`);
  const offsetAt = (instant: number) => Date.parse(`${toLocalInput(new Date(instant), timeZone)}:00Z`) - Math.floor(instant / MINUTE_MS) * MINUTE_MS;
  const first = wall - offsetAt(wall);
  return new Date(wall - offsetAt(first));
}
