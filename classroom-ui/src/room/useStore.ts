import { useSyncExternalStore } from 'react';
import type { Store } from './store';

/** The current state of a store; the component re-renders when it changes. */
export function useStore<S extends object>(store: Store<S>): S {
  return useSyncExternalStore(store.subscribe, store.getState);
}
