import { BOARD_LESSON, BOARD_PATH, BOARD_PLAYBACK, BOARD_RECORD_TYPES, BOARD_RECORDS, BoardCloseCode, isTeacherOnlyRecord } from '@panda/shared';
import * as decoding from 'lib0/decoding';
import {
  atom,
  createPresenceStateDerivation,
  InstancePresenceRecordType,
  react,
  type TLInstancePresence,
  type TLRecord,
  type TLStore,
  type TLUser,
} from 'tldraw';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { currentAccessToken, refreshSession } from '../api/client';
import { Store } from '../room/store';
import type { BoardSource } from './context';
import { applyBoardRecords, loadBoardRecords } from './records';

/** y-websocket's "permission denied" message type. */
const MESSAGE_AUTH = 2;
/** Local changes are sent at most this often, so a scribble is a few updates a second, not sixty. */
const SEND_INTERVAL_MS = 50;

export type BoardStatus = 'connecting' | 'synced' | 'offline' | 'refused' | 'forbidden';

export interface BoardConnectionState {
  status: BoardStatus;
  /** Bumps each time the board was reloaded from the server after a refused change. */
  resets: number;
}

export interface BoardUser {
  id: string;
  name: string;
  color: string;
  /** Only the teacher sends pages, the document record and materials; the server refuses others. */
  isTeacher: boolean;
}

/**
 * Keeps a tldraw store and the lesson's board on the server in sync: tldraw's document records
 * live in a Y.Map, one entry per record; presence (cursors, names) travels as awareness. When the
 * server refuses a change (a student touching what the teacher showed), the board is loaded again
 * from the server, dropping the refused change.
 */
export class BoardConnection extends Store<BoardConnectionState> implements BoardSource {
  readonly #store: TLStore;
  readonly #lessonId: string;
  readonly #user: BoardUser;
  #doc!: Y.Doc;
  #provider!: WebsocketProvider;
  #unbind: Array<() => void> = [];
  #outgoing = new Map<string, TLRecord | null>();
  #sendTimer: ReturnType<typeof setTimeout> | null = null;
  readonly #docAtom = atom<Y.Doc | null>('board doc', null);
  #stopPresence: () => void = () => {};

  constructor(store: TLStore, lessonId: string, user: BoardUser) {
    super({ status: 'connecting', resets: 0 });
    this.#store = store;
    this.#lessonId = lessonId;
    this.#user = user;
    this.#open();
    this.#unbind.push(
      store.listen(({ changes }) => {
        for (const record of Object.values(changes.added)) this.#queue(record, record);
        for (const [before, after] of Object.values(changes.updated)) this.#queue(before, after);
        for (const record of Object.values(changes.removed)) this.#queue(record, null);
      }, { source: 'user', scope: 'document' }),
    );
  }

  /** The shared players' state, written by the teacher. */
  get playback(): Y.Map<unknown> {
    return this.#doc.getMap(BOARD_PLAYBACK);
  }

  /** Lesson-wide board state (the page the teacher is on). */
  get lesson(): Y.Map<unknown> {
    return this.#doc.getMap(BOARD_LESSON);
  }

  /** The current document as a signal (it is replaced after a reset), for React hooks. */
  get docSignal() {
    return this.#docAtom;
  }

  /** The document itself (tests look inside through the room's debug hook). */
  get doc(): Y.Doc {
    return this.#doc;
  }

  close(): void {
    this.#send();
    for (const unbind of this.#unbind.splice(0)) unbind();
    this.#closeProvider();
  }

  #open(): void {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`${location.origin.replace(/^http/, 'ws')}${BOARD_PATH}`, this.#lessonId, doc, {
      params: { token: currentAccessToken() ?? '' },
    });
    this.#doc = doc;
    this.#provider = provider;
    this.#docAtom.set(doc);
    // y-websocket sends back every awareness change it receives; the server already delivered it
    // to everyone, so only this browser's own changes go out (else with 30 people each one would
    // send everyone's cursor moves back to the server).
    const sendAwareness = provider._awarenessUpdateHandler;
    provider.awareness.off('update', sendAwareness);
    provider.awareness.on('update', (change: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      if (origin !== provider) sendAwareness(change, origin);
    });
    provider.messageHandlers[MESSAGE_AUTH] = (_encoder, decoder) => {
      decoding.readVarUint(decoder);
      this.#reset(decoding.readVarString(decoder));
    };
    provider.on('status', ({ status }) => {
      if (status === 'disconnected' && this.getState().status === 'synced') this.update({ status: 'offline' });
    });
    provider.on('sync', (synced) => {
      if (!synced) return;
      loadBoardRecords(this.#store, this.#doc);
      this.update({ status: 'synced' });
    });
    provider.on('closed', ({ code }) => {
      if (code === BoardCloseCode.unauthorized) {
        // The access token expired while away: renew it and come back.
        refreshSession().then(
          (session) => {
            provider.params = { token: session.accessToken };
            provider.connect();
          },
          () => this.update({ status: 'forbidden' }),
        );
      } else this.update({ status: 'forbidden' });
    });
    const records = doc.getMap<TLRecord>(BOARD_RECORDS);
    const onRemote = (event: Y.YMapEvent<TLRecord>, transaction: Y.Transaction) => {
      if (transaction.local || !provider.synced) return;
      const put: TLRecord[] = [];
      const removed: TLRecord['id'][] = [];
      event.changes.keys.forEach((change, id) => {
        const record = records.get(id);
        if (change.action === 'delete' || !record) removed.push(id as TLRecord['id']);
        else put.push(record);
      });
      applyBoardRecords(this.#store, put, removed);
    };
    records.observe(onRemote);
    this.#bindPresence(provider);
  }


  #queue(before: TLRecord, after: TLRecord | null): void {
    if (!BOARD_RECORD_TYPES.has(before.typeName)) return;
    if (!this.#user.isTeacher && (isTeacherOnlyRecord(before) || (after && isTeacherOnlyRecord(after)))) return;
    this.#outgoing.set(before.id, after);
    this.#sendTimer ??= setTimeout(() => this.#send(), SEND_INTERVAL_MS);
  }

  #send(): void {
    if (this.#sendTimer) clearTimeout(this.#sendTimer);
    this.#sendTimer = null;
    if (this.#outgoing.size === 0) return;
    const records = this.#doc.getMap<TLRecord>(BOARD_RECORDS);
    const outgoing = this.#outgoing;
    this.#outgoing = new Map();
    this.#doc.transact(() => {
      for (const [id, record] of outgoing) {
        if (record) records.set(id, record);
        else records.delete(id);
      }
    });
  }

  #reset(reason: string): void {
    console.warn('the board refused a change:', reason);
    this.#outgoing.clear();
    this.#closeProvider();
    this.update({ status: 'refused', resets: this.getState().resets + 1 });
    this.#open();
  }

  #closeProvider(): void {
    this.#stopPresence();
    this.#provider.awareness.setLocalState(null);
    this.#provider.destroy();
    this.#doc.destroy();
    const presences = this.#store.query.records('instance_presence').get();
    this.#store.mergeRemoteChanges(() => this.#store.remove(presences.map((presence) => presence.id)));
  }

  #bindPresence(provider: WebsocketProvider): void {
    const user = atom<TLUser | null>('board user', {
      id: `user:${this.#user.id}` as TLUser['id'],
      typeName: 'user',
      name: this.#user.name,
      color: this.#user.color,
      imageUrl: '',
      meta: {},
    });
    const presenceId = InstancePresenceRecordType.createId(String(provider.doc.clientID));
    const presence = createPresenceStateDerivation(user, { instanceId: presenceId })(this.#store);
    const stopPublishing = react('board presence', () => {
      provider.awareness.setLocalStateField('presence', presence.get());
    });
    const onAwareness = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
      const states = provider.awareness.getStates();
      const put: TLInstancePresence[] = [];
      const gone: TLInstancePresence['id'][] = [];
      for (const client of [...added, ...updated]) {
        const state = states.get(client)?.presence as TLInstancePresence | null | undefined;
        if (client !== provider.doc.clientID && state) put.push(state);
      }
      for (const client of removed) gone.push(InstancePresenceRecordType.createId(String(client)));
      this.#store.mergeRemoteChanges(() => {
        if (gone.length > 0) this.#store.remove(gone);
        if (put.length > 0) this.#store.put(put);
      });
    };
    provider.awareness.on('change', onAwareness);
    this.#stopPresence = () => {
      stopPublishing();
      provider.awareness.off('change', onAwareness);
    };
  }
}
