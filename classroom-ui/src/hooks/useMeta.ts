import type { Meta } from '@panda/shared';
import { api } from '../api/endpoints';
import { useQuery } from './useQuery';

let meta: Promise<Meta> | undefined;

/** Server facts that don't change while the page is open: fetched once and shared. */
export function useMeta(): Meta | undefined {
  return useQuery(
    () =>
      (meta ??= api.meta().catch((error: unknown) => {
        meta = undefined;
        throw error;
      })),
    [],
  ).data;
}
