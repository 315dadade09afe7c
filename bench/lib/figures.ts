/** Nearest-rank percentile; undefined when there is nothing. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Lost packets in % of those that were sent (lost + received). */
export function lossOf(lost: number, received: number): number {
  const total = lost + received;
  return total > 0 ? (Math.max(0, lost) / total) * 100 : 0;
}
