import { MINUTE_MS, type FieldError } from '@panda/shared';
import { addDays, compareDates, fromLocal, toLocal, weekdayOf, type LocalDate } from './zoned-time.js';

/** A half-open span of time `[start, end)` in ms since the epoch: a lesson may start where another ends. */
export interface Span {
  start: number;
  end: number;
}

/** An interval of a week in wall-clock time: ISO weekday, minutes after midnight (end up to 1440). */
export interface WeeklyInterval {
  weekday: number;
  startMinute: number;
  endMinute: number;
}

/** Lessons start on the quarter hour. */
export const START_STEP_MS = 15 * MINUTE_MS;

/** What is wrong with a week of availability: each interval must end after it starts, and a day's intervals must not overlap. */
export function availabilityProblems(intervals: readonly WeeklyInterval[]): FieldError[] {
  const problems: FieldError[] = [];
  intervals.forEach((interval, index) => {
    if (interval.endMinute <= interval.startMinute) {
      problems.push({ path: `body.intervals.${index}.end`, message: 'must be after the start' });
      return;
    }
    const clash = intervals.findIndex(
      (other, j) => j < index && other.weekday === interval.weekday && other.startMinute < interval.endMinute && interval.startMinute < other.endMinute,
    );
    if (clash >= 0) problems.push({ path: `body.intervals.${index}`, message: `overlaps interval ${clash} of the same day` });
  });
  return problems;
}

/** Sorts and joins spans that overlap or touch. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const merged: Span[] = [];
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    const last = merged.at(-1);
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else if (span.end > span.start) merged.push({ ...span });
  }
  return merged;
}

/** `spans` with every part covered by `busy` taken out. */
export function subtractSpans(spans: readonly Span[], busy: readonly Span[]): Span[] {
  const taken = mergeSpans(busy);
  const result: Span[] = [];
  for (const span of mergeSpans(spans)) {
    let cursor = span.start;
    for (const block of taken) {
      if (block.end <= cursor || block.start >= span.end) continue;
      if (block.start > cursor) result.push({ start: cursor, end: block.start });
      cursor = Math.max(cursor, block.end);
    }
    if (cursor < span.end) result.push({ start: cursor, end: span.end });
  }
  return result;
}

/** Local dates whose days may touch [from, to) in any time zone (a day either side covers every offset). */
function localDates(from: Date, to: Date, timeZone: string): LocalDate[] {
  const dates: LocalDate[] = [];
  const last = addDays(toLocal(to, timeZone), 1);
  for (let date = addDays(toLocal(from, timeZone), -1); compareDates(date, last) <= 0; date = addDays(date, 1)) dates.push(date);
  return dates;
}

/** A weekly availability, in `timeZone`'s wall clock, as instants within [from, to). */
export function expandWeekly(intervals: readonly WeeklyInterval[], timeZone: string, from: Date, to: Date): Span[] {
  const spans: Span[] = [];
  for (const date of localDates(from, to, timeZone)) {
    const weekday = weekdayOf(date);
    for (const interval of intervals) {
      if (interval.weekday !== weekday) continue;
      const start = Math.max(fromLocal({ ...date, minute: interval.startMinute }, timeZone).getTime(), from.getTime());
      const end = Math.min(fromLocal({ ...date, minute: interval.endMinute }, timeZone).getTime(), to.getTime());
      if (end > start) spans.push({ start, end });
    }
  }
  return mergeSpans(spans);
}

/** The starts on the quarter hour, not before `notBefore`, where a lesson of `durationMs` fits in a free span. */
export function fittingStarts(free: readonly Span[], durationMs: number, notBefore: number): number[] {
  const starts: number[] = [];
  for (const span of free) {
    const first = Math.ceil(Math.max(span.start, notBefore) / START_STEP_MS) * START_STEP_MS;
    for (let start = first; start + durationMs <= span.end; start += START_STEP_MS) starts.push(start);
  }
  return starts;
}

/** Whether `[start, end)` lies inside one of the free spans. */
export function fitsIn(free: readonly Span[], start: number, end: number): boolean {
  return free.some((span) => span.start <= start && end <= span.end);
}

/** A weekly series: every `weekday` at `startMinute` of `timeZone`'s wall clock, from the date `startsOn`. */
export interface SeriesRule {
  weekday: number;
  startMinute: number;
  durationMinutes: number;
  timeZone: string;
  startsOn: LocalDate;
  /** No lessons from this instant on. */
  endedAt?: Date | null;
}

/** The lessons a series has starting in [from, to); the wall-clock time stays put across DST changes. */
export function seriesOccurrences(rule: SeriesRule, from: Date, to: Date): Span[] {
  const spans: Span[] = [];
  const until = Math.min(to.getTime(), rule.endedAt?.getTime() ?? Infinity);
  for (const date of localDates(from, to, rule.timeZone)) {
    if (weekdayOf(date) !== rule.weekday || compareDates(date, rule.startsOn) < 0) continue;
    const start = fromLocal({ ...date, minute: rule.startMinute }, rule.timeZone).getTime();
    if (start >= from.getTime() && start < until) spans.push({ start, end: start + rule.durationMinutes * MINUTE_MS });
  }
  return spans;
}

/** The schedule's settings. */
export interface ScheduleSettings {
  /** Lesson lengths offered, in minutes (`LESSON_DURATIONS`). */
  lessonDurations: readonly number[];
  /** How many weeks ahead a weekly series has its lessons (`WEEKLY_SLOT_WEEKS_AHEAD`). */
  weeksAhead: number;
}
