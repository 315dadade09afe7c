import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

/**
 * A list's filters kept in the address's query, so a search can be bookmarked or sent to a
 * colleague. Each change replaces the history entry: Back leaves the list instead of undoing typing.
 */
export function useUrlFilters<N extends string>(names: readonly N[]) {
  const [params, setParams] = useSearchParams();
  const key = params.toString();

  const filters = useMemo(
    () => Object.fromEntries(names.map((name) => [name, params.get(name) ?? ''])) as Record<N, string>,
    // `params` is a new object on every render; its text says whether anything changed.
    [key, names],
  );

  const setFilters = useCallback(
    (changes: Partial<Record<N, string>>) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [name, value] of Object.entries(changes) as [N, string | undefined][]) {
            if (value) next.set(name, value);
            else next.delete(name);
          }
          return next;
        },
        // The fields show the address's values: a controlled input must get its new value at once,
        // not in the transition the router uses by default (it would drop keystrokes and ticks).
        { replace: true, flushSync: true },
      ),
    [setParams],
  );

  return { filters, setFilters };
}

/** Only the filters that are set: what goes to the API. */
export function activeFilters<N extends string>(filters: Record<N, string>): Partial<Record<N, string>> {
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== '')) as Partial<Record<N, string>>;
}
