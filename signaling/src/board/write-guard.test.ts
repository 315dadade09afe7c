import { BOARD_PLAYBACK, BOARD_RECORDS } from '@panda/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkBoardUpdate } from './write-guard.js';

const page = { id: 'page:plan', typeName: 'page', name: 'Lesson 10', index: 'a1', meta: {} };
const video = { id: 'shape:video', typeName: 'shape', type: 'material-media', x: 0, y: 0, props: { title: 'Clip' } };
const scribble = { id: 'shape:draw', typeName: 'shape', type: 'draw', x: 5, y: 5, props: {} };

/** The server's copy of a board and a student's replica of it. */
function boards() {
  const server = new Y.Doc();
  server.getMap(BOARD_RECORDS).set(page.id, page);
  server.getMap(BOARD_RECORDS).set(video.id, video);
  server.getMap(BOARD_RECORDS).set(scribble.id, scribble);
  const student = new Y.Doc();
  Y.applyUpdate(student, Y.encodeStateAsUpdate(server));
  return { server, student };
}

/** What the student's change sends to the server. */
function updateOf(doc: Y.Doc, change: (records: Y.Map<unknown>) => void): Uint8Array {
  return updatesOf(doc, () => doc.transact(() => change(doc.getMap(BOARD_RECORDS))));
}

describe('checkBoardUpdate', () => {
  it('lets a student draw, move and erase drawings', () => {
    const { server, student } = boards();
    for (const change of [
      (r: Y.Map<unknown>) => r.set('shape:new', { ...scribble, id: 'shape:new' }),
      (r: Y.Map<unknown>) => r.set(scribble.id, { ...scribble, x: 50 }),
      (r: Y.Map<unknown>) => r.delete(scribble.id),
    ]) {
      const update = updateOf(student, change);
      expect(checkBoardUpdate(server, update, 'student')).toEqual({ ok: true });
      Y.applyUpdate(server, update);
    }
    expect(server.getMap(BOARD_RECORDS).has(scribble.id)).toBe(false);
  });

  it('refuses a student moving, changing or deleting a shown material', () => {
    const { server, student } = boards();
    for (const change of [
      (r: Y.Map<unknown>) => r.set(video.id, { ...video, x: 100 }),
      (r: Y.Map<unknown>) => r.set(video.id, { ...video, type: 'draw' }),
      (r: Y.Map<unknown>) => r.delete(video.id),
    ]) {
      const fresh = new Y.Doc();
      Y.applyUpdate(fresh, Y.encodeStateAsUpdate(student));
      expect(checkBoardUpdate(server, updateOf(fresh, change), 'student')).toMatchObject({ ok: false });
    }
  });

  it('refuses a student creating materials or pages, renaming a page, or touching players', () => {
    const { server, student } = boards();
    const fake = { ...video, id: 'shape:fake' };
    expect(checkBoardUpdate(server, updateOf(student, (r) => r.set(fake.id, fake)), 'student')).toMatchObject({ ok: false });
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(server));
    expect(checkBoardUpdate(server, updateOf(other, (r) => r.set(page.id, { ...page, name: 'mine' })), 'student')).toMatchObject({ ok: false });
    const third = new Y.Doc();
    Y.applyUpdate(third, Y.encodeStateAsUpdate(server));
    const playback = updatesOf(third, () => third.getMap(BOARD_PLAYBACK).set(video.id, { playing: true, position: 0, at: 1 }));
    expect(checkBoardUpdate(server, playback, 'student')).toMatchObject({ ok: false });
  });

  it('refuses records stored under another id and values that are not records', () => {
    const { server, student } = boards();
    expect(checkBoardUpdate(server, updateOf(student, (r) => r.set('shape:x', { ...scribble })), 'student')).toMatchObject({ ok: false });
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(server));
    expect(checkBoardUpdate(server, updateOf(other, (r) => r.set('shape:y', 42)), 'student')).toMatchObject({ ok: false });
    expect(checkBoardUpdate(server, new Uint8Array([1, 2, 3]), 'student')).toMatchObject({ ok: false });
  });

  it('lets the teacher change anything and an observer nothing', () => {
    const { server, student } = boards();
    const update = updateOf(student, (r) => r.delete(video.id));
    expect(checkBoardUpdate(server, update, 'full')).toEqual({ ok: true });
    expect(checkBoardUpdate(server, updateOf(student, (r) => r.set('shape:z', { ...scribble, id: 'shape:z' })), 'none')).toMatchObject({
      ok: false,
    });
  });

  it('takes an update with nothing new from anyone: a read-only board’s viewer answers the sync request', () => {
    const { server } = boards();
    const empty = Y.encodeStateAsUpdate(new Y.Doc());
    expect(checkBoardUpdate(server, empty, 'none')).toEqual({ ok: true });
    expect(checkBoardUpdate(server, empty, 'student')).toEqual({ ok: true });
  });

  it('follows a key through several writes made in one update', () => {
    const { server, student } = boards();
    const update = updateOf(student, (r) => {
      r.set('shape:new', { ...scribble, id: 'shape:new' });
      r.set('shape:new', { ...scribble, id: 'shape:new', x: 1 });
      r.set('shape:new', { ...video, id: 'shape:new' });
    });
    expect(checkBoardUpdate(server, update, 'student')).toMatchObject({ ok: false });
  });
});

function updatesOf(doc: Y.Doc, change: () => void): Uint8Array {
  const updates: Uint8Array[] = [];
  const listener = (update: Uint8Array) => updates.push(update);
  doc.on('update', listener);
  change();
  doc.off('update', listener);
  return Y.mergeUpdates(updates);
}
