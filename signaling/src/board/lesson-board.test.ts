import { BOARD_RECORDS, BOARD_SEED_RECORDS, systemClock } from '@panda/shared';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardMetrics } from './board-metrics.js';
import type { BoardStore } from './board-store.js';
import { LessonBoard } from './lesson-board.js';

/** Keeps what a board stores in memory, as the database would: a snapshot and appended updates. */
class MemoryBoardStore implements BoardStore {
  snapshot: Uint8Array | null = null;
  readonly updates: Uint8Array[] = [];

  load(): Promise<{ state: Uint8Array; storedUpdates: number }> {
    const parts = [...(this.snapshot ? [this.snapshot] : []), ...this.updates];
    return Promise.resolve({ state: Y.mergeUpdates(parts.length > 0 ? parts : [Y.encodeStateAsUpdate(new Y.Doc())]), storedUpdates: this.updates.length });
  }

  append(_lessonId: string, update: Uint8Array): Promise<void> {
    this.updates.push(update);
    return Promise.resolve();
  }

  compact(_lessonId: string, state: Uint8Array): Promise<void> {
    this.snapshot = state;
    this.updates.length = 0;
    return Promise.resolve();
  }

  /** The records a board opened from what is stored would show. */
  storedRecords(): Record<string, unknown> {
    const doc = new Y.Doc();
    for (const part of [...(this.snapshot ? [this.snapshot] : []), ...this.updates]) Y.applyUpdate(doc, part);
    return doc.getMap(BOARD_RECORDS).toJSON();
  }
}

function openBoard(store: BoardStore): Promise<LessonBoard> {
  return LessonBoard.open('lesson-1', {
    store,
    clock: systemClock,
    relay: null,
    logger: pino({ level: 'silent' }),
    metrics: new BoardMetrics(new Registry(), () => ({ boards: 0, connections: 0 })),
    flushIntervalMs: 60_000,
    compactAfterUpdates: 1_000,
    onIdle: () => undefined,
  });
}

const stroke = (id: string, points: number) => ({ id, typeName: 'shape', type: 'draw', props: { points: Array.from({ length: points }, (_, i) => [i, i]) } });

describe('LessonBoard storage', () => {
  it('stores each batch as the difference since the last one, deletions included', async () => {
    const store = new MemoryBoardStore();
    const board = await openBoard(store);
    const records = board.doc.getMap(BOARD_RECORDS);
    board.doc.transact(() => {
      for (const id of ['shape:a', 'shape:b', 'shape:c']) records.set(id, stroke(id, 3));
    }, 'client');
    await board.flushed();
    // A deletion alone moves no state vector, yet must be stored.
    board.doc.transact(() => records.delete('shape:b'), 'client');
    await board.flushed();

    expect(store.updates).toHaveLength(2);
    expect(Object.keys(store.storedRecords()).sort()).toEqual([...BOARD_SEED_RECORDS.map((r) => r.id), 'shape:a', 'shape:c'].sort());
    await board.close();
  });

  it('stores a stroke rewritten while drawn once, not every version of it', async () => {
    const store = new MemoryBoardStore();
    const board = await openBoard(store);
    await board.flushed();
    const records = board.doc.getMap(BOARD_RECORDS);
    const received: Uint8Array[] = [];
    board.doc.on('update', (update: Uint8Array) => received.push(update));
    for (let points = 1; points <= 100; points++) board.doc.transact(() => records.set('shape:s', stroke('shape:s', points)), 'client');
    await board.flushed();

    const stored = store.updates.at(-1)!.byteLength;
    expect(stored).toBeLessThan(Y.mergeUpdates(received).byteLength / 10);
    expect(store.storedRecords()['shape:s']).toEqual(stroke('shape:s', 100));
    await board.close();
  });

  it('keeps a failed batch for the next flush', async () => {
    const store = new MemoryBoardStore();
    const board = await openBoard(store);
    await board.flushed();
    const append = store.append.bind(store);
    store.append = () => Promise.reject(new Error('database away'));
    board.doc.transact(() => board.doc.getMap(BOARD_RECORDS).set('shape:x', stroke('shape:x', 2)), 'client');
    await board.flushed();
    store.append = append;
    await board.flushed();

    expect(store.storedRecords()['shape:x']).toEqual(stroke('shape:x', 2));
    await board.close();
  });
});
