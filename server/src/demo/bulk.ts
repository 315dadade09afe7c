/**
 * The rows a bulk insert (`createManyAndReturn`) returned, found by a unique column: the demo is
 * written in a few statements rather than one per row, and RETURNING does not promise the order of
 * the input.
 */
export function indexBy<T, K>(rows: readonly T[], key: (row: T) => K): (value: K) => T {
  const index = new Map(rows.map((row) => [key(row), row]));
  return (value) => {
    const row = index.get(value);
    if (row === undefined) throw new Error(`the bulk insert returned no row for ${String(value)}`);
    return row;
  };
}
