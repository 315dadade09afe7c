import { BOARD_LESSON, BOARD_PLAYBACK } from '@panda/shared';
import { atom, type TLStore } from 'tldraw';
import * as Y from 'yjs';
import type { BoardSource } from './context';
import { loadBoardRecords } from './records';

/**
 * A lesson's board at a moment of its replay: the stored batches up to that moment applied in
 * order. Moving forward applies only the new ones; moving back starts again from the first.
 */
export class BoardReplay implements BoardSource {
  readonly #store: TLStore;
  readonly #docAtom = atom<Y.Doc | null>('replayed board', null);
  #doc = new Y.Doc();
  #applied = 0;

  constructor(store: TLStore) {
    this.#store = store;
    this.#docAtom.set(this.#doc);
  }

  get docSignal() {
    return this.#docAtom;
  }

  get playback(): Y.Map<unknown> {
    return this.#doc.getMap(BOARD_PLAYBACK);
  }

  get lesson(): Y.Map<unknown> {
    return this.#doc.getMap(BOARD_LESSON);
  }

  /** Shows the board after these batches (the ones up to the moment, in their order). */
  show(batches: readonly Uint8Array[]): void {
    if (batches.length === this.#applied) return;
    if (batches.length < this.#applied) {
      this.#doc.destroy();
      this.#doc = new Y.Doc();
      this.#applied = 0;
      this.#docAtom.set(this.#doc);
    }
    this.#doc.transact(() => {
      for (const batch of batches.slice(this.#applied)) Y.applyUpdate(this.#doc, batch);
    });
    this.#applied = batches.length;
    loadBoardRecords(this.#store, this.#doc);
  }

  close(): void {
    this.#doc.destroy();
  }
}
