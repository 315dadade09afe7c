import { useMemo } from 'react';
import type { Filters } from '../api/endpoints';
import { useT } from '../i18n';
import { useCursorList, type CursorPage } from './useCursorList';
import { useDebouncedValue } from './useDebouncedValue';
import { validate, type Schema } from './useSubmit';
import { activeFilters } from './useUrlFilters';

/**
 * A list searched with filters once typing stops. The filters are checked with the shared query
 * schema first: a bad one is named next to its field (`errors`) instead of being sent.
 */
export function useFilteredList<T, F extends Record<string, string>>(
  schema: Schema<unknown>,
  filters: F,
  load: (filters: Filters, cursor: string | undefined, signal?: AbortSignal) => Promise<CursorPage<T>>,
) {
  const t = useT();
  const settled = useDebouncedValue(filters);
  const query = useMemo(() => activeFilters(settled), [settled]);
  const checked = useMemo(() => validate(schema, query, t), [schema, query, t]);
  const list = useCursorList<T>(
    (cursor, signal) => (checked.success ? load(query, cursor, signal) : Promise.resolve({ items: [], nextCursor: null })),
    [checked],
  );
  return { list, errors: checked.success ? {} : checked.errors };
}
