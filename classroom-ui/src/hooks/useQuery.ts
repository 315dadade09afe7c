import { useCallback, useEffect, useState, type DependencyList } from 'react';
import { asApiError, type ApiError } from '../api/client';

export interface Query<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

interface QueryState<T> {
  data?: T;
  error?: ApiError;
  loading: boolean;
}

/**
 * Loads data for a component and reloads it when `deps` (the inputs of `load`) change.
 * Earlier data stays visible while reloading, so lists don't flicker when a filter changes.
 */
export function useQuery<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Query<T> {
  const [state, setState] = useState<QueryState<T>>({ loading: true });
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((current) => current + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    setState((current) => ({ data: current.data, loading: true }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, loading: false });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) {
          setState((current) => ({ data: current.data, error: asApiError(error), loading: false }));
        }
      },
    );
    return () => controller.abort();
    // `load` is a new function on every render; `deps` stands for what it reads.
  }, [...deps, version]);

  return { data: state.data, error: state.error, loading: state.loading, reload };
}
