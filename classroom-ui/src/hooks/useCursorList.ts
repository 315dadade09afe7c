import { useState, type DependencyList } from 'react';
import { asApiError, type ApiError } from '../api/client';
import { useQuery } from './useQuery';

export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

export interface CursorList<T> {
  items: T[] | undefined;
  error: ApiError | undefined;
  loading: boolean;
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
}

interface MorePages<T> {
  /** The first page these follow: a new search or a reload drops them. */
  after: CursorPage<T>;
  items: T[];
  nextCursor: string | null;
}

/** A list the server pages with cursors: the first page per `deps`, then "show more". */
export function useCursorList<T>(
  load: (cursor: string | undefined, signal?: AbortSignal) => Promise<CursorPage<T>>,
  deps: DependencyList,
): CursorList<T> {
  const first = useQuery((signal) => load(undefined, signal), deps);
  const [more, setMore] = useState<MorePages<T>>();
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<ApiError>();

  const page = first.data;
  const extra = page && more?.after === page ? more : undefined;
  const nextCursor = extra ? extra.nextCursor : (page?.nextCursor ?? null);

  function loadMore() {
    if (!page || !nextCursor || loadingMore) return;
    setLoadingMore(true);
    setMoreError(undefined);
    void load(nextCursor).then(
      (next) => setMore({ after: page, items: [...(extra?.items ?? []), ...next.items], nextCursor: next.nextCursor }),
      (error: unknown) => setMoreError(asApiError(error)),
    ).finally(() => setLoadingMore(false));
  }

  return {
    items: page && [...page.items, ...(extra?.items ?? [])],
    error: first.error ?? moreError,
    loading: first.loading || loadingMore,
    hasMore: nextCursor !== null,
    loadMore,
    reload: first.reload,
  };
}
