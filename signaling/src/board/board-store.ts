import type { Db, Prisma } from '@panda/db';
import * as Y from 'yjs';

/** Where boards are kept between lessons: a compacted snapshot plus the updates stored since. */
export interface BoardStore {
  /** The whole stored state of a lesson's board (an empty update when it has none). */
  load(lessonId: string): Promise<{ state: Uint8Array; storedUpdates: number }>;
  /** Appends updates (already merged into one), and keeps them with their time for the replay. */
  append(lessonId: string, update: Uint8Array, at: Date): Promise<void>;
  /**
   * Folds the stored updates and `state` into a new snapshot. Whatever is stored is merged in, so
   * a process that compacts with an older copy of the board never drops another's updates.
   */
  compact(lessonId: string, state: Uint8Array): Promise<void>;
}

export class PrismaBoardStore implements BoardStore {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  async load(lessonId: string): Promise<{ state: Uint8Array; storedUpdates: number }> {
    const [snapshot, updates] = await Promise.all([
      this.#db.boardDocument.findUnique({ where: { lessonId } }),
      this.#db.boardUpdate.findMany({ where: { lessonId }, orderBy: { id: 'asc' }, select: { data: true } }),
    ]);
    const parts = [...(snapshot ? [snapshot.snapshot] : []), ...updates.map((u) => u.data)];
    return { state: parts.length === 0 ? Y.encodeStateAsUpdate(new Y.Doc()) : Y.mergeUpdates(parts), storedUpdates: updates.length };
  }

  async append(lessonId: string, update: Uint8Array, at: Date): Promise<void> {
    const data = new Uint8Array(update);
    await this.#db.$transaction([
      this.#db.boardUpdate.create({ data: { lessonId, data } }),
      this.#db.boardHistory.create({ data: { lessonId, at, data } }),
    ]);
  }

  async compact(lessonId: string, state: Uint8Array): Promise<void> {
    await this.#db.$transaction((tx) => compactBoard(tx, lessonId, state));
  }
}

/**
 * `BoardStore.compact` inside a caller's transaction: folds the stored updates and `state` into a
 * new snapshot of the lesson's board.
 */
export async function compactBoard(tx: Prisma.TransactionClient, lessonId: string, state: Uint8Array): Promise<void> {
  // Serializes compactions of one board across processes.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`board:${lessonId}`}))`;
  const [snapshot, updates] = await Promise.all([
    tx.boardDocument.findUnique({ where: { lessonId } }),
    tx.boardUpdate.findMany({ where: { lessonId }, select: { id: true, data: true } }),
  ]);
  // Applying to a live document (rather than merging updates) drops deleted content.
  const doc = new Y.Doc();
  doc.transact(() => {
    if (snapshot) Y.applyUpdate(doc, snapshot.snapshot);
    for (const update of updates) Y.applyUpdate(doc, update.data);
    Y.applyUpdate(doc, state);
  });
  const compacted = new Uint8Array(Y.encodeStateAsUpdate(doc));
  doc.destroy();
  await tx.boardDocument.upsert({
    where: { lessonId },
    create: { lessonId, snapshot: compacted },
    update: { snapshot: compacted },
  });
  if (updates.length > 0) await tx.boardUpdate.deleteMany({ where: { id: { in: updates.map((u) => u.id) } } });
}
