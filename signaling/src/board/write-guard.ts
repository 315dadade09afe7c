import { BOARD_RECORDS, isTeacherOnlyRecord } from '@panda/shared';
import * as Y from 'yjs';

/** How far a connection may change a board. */
export type BoardWriteAccess = 'full' | 'student' | 'none';

export type UpdateVerdict = { ok: true } | { ok: false; reason: string };

/** Record kinds a student may create, change or delete (besides what is teacher-only). */
const STUDENT_RECORD_TYPES: ReadonlySet<string> = new Set(['shape', 'binding', 'asset']);

const ok: UpdateVerdict = { ok: true };
const refuse = (reason: string): UpdateVerdict => ({ ok: false, reason });

/**
 * Decides, before it is applied, whether an update from a connection may change the board.
 * A student may add, change and delete drawings, but not the pages, the document record, the
 * materials the teacher showed, nor any other part of the document (such as players).
 *
 * A Y.Map entry is one Item per value; an Item written after an existing value names that value
 * as its origin instead of its key, so keys are resolved through the document (or the update).
 */
export function checkBoardUpdate(doc: Y.Doc, update: Uint8Array, access: BoardWriteAccess): UpdateVerdict {
  if (access === 'full') return ok;
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return refuse('the update could not be decoded');
  }
  // A client answers the server's sync request even when it has nothing new: that changes nothing.
  if (decoded.structs.length === 0 && decoded.ds.clients.size === 0) return ok;
  if (access === 'none') return refuse('this board is read-only for you');
  const records = doc.getMap(BOARD_RECORDS);
  const incoming = indexItems(decoded.structs);

  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item) || struct.content instanceof Y.ContentDeleted) continue;
    const key = recordKeyOf(struct, doc, incoming);
    if (key === null) return refuse('students may only change drawings');
    if (!(struct.content instanceof Y.ContentAny)) return refuse('records are plain values');
    const value = struct.content.getContent()[0] as unknown;
    const verdict = checkStudentValue(key, value, records.get(key));
    if (!verdict.ok) return verdict;
  }

  for (const [client, ranges] of decoded.ds.clients) {
    for (const { clock, len } of ranges) {
      for (let at = clock; at < clock + len; ) {
        const id = Y.createID(client, at);
        const item = incoming.get(idKey(id)) ?? storedStruct(doc, id);
        if (!item) return refuse('the update deletes something unknown');
        at = item.id.clock + item.length;
        // Deleting what is gone already, or what this same update adds, changes nothing stored.
        if (!(item instanceof Y.Item) || item.deleted || incoming.get(idKey(id)) === item) continue;
        const key = recordKeyOf(item, doc, incoming);
        if (key === null) return refuse('students may only change drawings');
        if (isTeacherOnlyRecord(records.get(key))) return refuse('what the teacher showed cannot be removed');
      }
    }
  }
  return ok;
}

function checkStudentValue(key: string, value: unknown, current: unknown): UpdateVerdict {
  if (current !== undefined && isTeacherOnlyRecord(current)) return refuse('what the teacher showed cannot be changed');
  if (typeof value !== 'object' || value === null) return refuse('a record must be an object');
  const { id, typeName } = value as { id?: unknown; typeName?: unknown };
  if (id !== key) return refuse('a record is stored under its own id');
  if (typeof typeName !== 'string' || !STUDENT_RECORD_TYPES.has(typeName) || isTeacherOnlyRecord(value)) {
    return refuse('students may only change drawings');
  }
  return ok;
}

/** The key in the records map an Item belongs to, or null when it is anywhere else. */
function recordKeyOf(item: Y.Item, doc: Y.Doc, incoming: Map<string, Y.Item>): string | null {
  const seen = new Set<Y.Item>();
  let current: Y.Item | null = item;
  while (current && !seen.has(current)) {
    seen.add(current);
    const parent: unknown = current.parent;
    if (typeof parent === 'string') return parent === BOARD_RECORDS ? current.parentSub : null;
    if (parent instanceof Y.AbstractType) {
      const isRecordsMap = parent._item === null && Y.findRootTypeKey(parent) === BOARD_RECORDS;
      return isRecordsMap ? current.parentSub : null;
    }
    // A nested type (parent is an ID) is never part of the records map.
    if (parent instanceof Y.ID) return null;
    // No parent info: the Item sits next to its origin, under the same key.
    const neighbour: Y.ID | null = current.origin ?? current.rightOrigin;
    current = neighbour ? findItem(doc, incoming, neighbour) : null;
  }
  return null;
}

function findItem(doc: Y.Doc, incoming: Map<string, Y.Item>, id: Y.ID): Y.Item | null {
  const struct = incoming.get(idKey(id)) ?? storedStruct(doc, id);
  return struct instanceof Y.Item ? struct : null;
}

function storedStruct(doc: Y.Doc, id: Y.ID): Y.Item | Y.GC | null {
  if (id.clock >= Y.getState(doc.store, id.client)) return null;
  return Y.getItem(doc.store, id);
}

/** The update's Items by every clock they cover, so that an ID inside an Item finds it. */
function indexItems(structs: readonly (Y.Item | Y.GC | Y.Skip)[]): Map<string, Y.Item> {
  const index = new Map<string, Y.Item>();
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    for (let offset = 0; offset < struct.length; offset++) {
      index.set(idKey(Y.createID(struct.id.client, struct.id.clock + offset)), struct);
    }
  }
  return index;
}

const idKey = (id: Y.ID) => `${id.client}:${id.clock}`;
