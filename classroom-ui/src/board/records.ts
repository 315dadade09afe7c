import { BOARD_RECORD_TYPES, BOARD_RECORDS } from '@panda/shared';
import type { TLRecord, TLStore } from 'tldraw';
import type * as Y from 'yjs';

/** Puts records into the store and removes others, as changes from elsewhere (not undoable, not sent back). */
export function applyBoardRecords(store: TLStore, put: TLRecord[], removed: TLRecord['id'][]): void {
  store.mergeRemoteChanges(() => {
    if (removed.length > 0) store.remove(removed);
    try {
      store.put(put);
    } catch {
      // One record this version can't read must not keep the rest of the board away.
      for (const record of put) {
        try {
          store.put([record]);
        } catch (error) {
          console.warn('board record skipped', record.id, error);
        }
      }
    }
  });
}

/** Replaces the board's records in the store with the document's. */
export function loadBoardRecords(store: TLStore, doc: Y.Doc): void {
  const records = [...doc.getMap<TLRecord>(BOARD_RECORDS).values()];
  const ids = new Set(records.map((record) => record.id));
  const stale = store.allRecords().filter((record) => BOARD_RECORD_TYPES.has(record.typeName) && !ids.has(record.id));
  applyBoardRecords(store, records, stale.map((record) => record.id));
}
