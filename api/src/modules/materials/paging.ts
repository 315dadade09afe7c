/**
 * Keyset paging by id, newest first (ids are UUIDv7, so time-ordered): fetch `limit + 1` rows
 * with `id < cursor`; the extra row says there is a next page.
 */
export function pageOf<T extends { id: string }>(rows: readonly T[], limit: number): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
}

export const pageWhere = (cursor: string | undefined) => (cursor ? { id: { lt: cursor } } : {});
