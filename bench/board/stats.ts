import type { Percentiles } from './commands.js';

/** Nearest-rank percentiles (NaN when there is nothing). */
export function percentiles(values: readonly number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN);
  return { count: sorted.length, p50: at(50), p90: at(90), p99: at(99), max: at(100) };
}
