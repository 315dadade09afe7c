import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite';
import { BOARD_LESSON, isTeacherOnlyRecord } from '@panda/shared';
import { useEffect, useMemo, useState } from 'react';
import { createTLStore, defaultShapeUtils, Tldraw, useEditor, useValue, type Editor, type TLComponents, type TLPageId, type TLStore, type TLStoreWithStatus } from 'tldraw';
import 'tldraw/tldraw.css';
import { api } from '../api/endpoints';
import { useUser } from '../auth/session';
import { useRoomClient, useRoomState } from '../room/context';
import type { RoomClient } from '../room/RoomClient';
import { useStore } from '../room/useStore';
import type * as Y from 'yjs';
import { BoardConnection, type BoardStatus } from './BoardConnection';
import { BoardReplay } from './BoardReplay';
import { BoardProvider, useBoard, useBoardEntry, type BoardContextValue } from './context';
import { MATERIAL_SHAPE_UTILS } from './shapes';
import { TeacherMaterialsPanel } from './TeacherMaterialsPanel';
import './board.css';

// Fonts, icons and translations come from this server, never from tldraw's CDN.
const assetUrls = getAssetUrlsByImport();
const shapeUtils = [...defaultShapeUtils, ...MATERIAL_SHAPE_UTILS];
/** Students follow the teacher's pages; only the teacher adds, renames and removes them. */
const studentComponents: TLComponents = { PageMenu: null };

/** Installation facts the board needs: tldraw's licence key, and the server clock's offset. */
interface BoardSettings {
  licenseKey: string | undefined;
  serverOffsetMs: number;
}

function useBoardSettings(): BoardSettings | null {
  const [settings, setSettings] = useState<BoardSettings | null>(null);
  useEffect(() => {
    const sentAt = Date.now();
    api.meta().then(
      (meta) => setSettings({ licenseKey: meta.boardLicenseKey ?? undefined, serverOffsetMs: meta.serverTime - (sentAt + Date.now()) / 2 }),
      () => setSettings({ licenseKey: undefined, serverOffsetMs: 0 }),
    );
  }, []);
  return settings;
}

/**
 * TEST/DEBUG HOOK: the board's editor and document, for end-to-end tests and for someone
 * debugging a lesson from the console. Changing the document here is no more than any client can
 * do: the server decides what it accepts.
 */
export interface PandaBoardDebugHook {
  readonly editor: Editor;
  readonly doc: () => Y.Doc;
  readonly status: () => BoardStatus;
  /** How often the board was reloaded after the server refused a change. */
  readonly resets: () => number;
}

declare global {
  interface Window {
    __pandaBoard?: PandaBoardDebugHook;
  }
}

/**
 * The lesson's shared whiteboard (tldraw), synced with everyone in the lesson through the server.
 * Loaded on demand: tldraw is most of the room's code.
 */
export default function LessonBoard() {
  const user = useUser();
  const room = useRoomClient();
  const { participants, selfId } = useRoomState();
  const role = participants.find((participant) => participant.id === selfId)?.role;
  const settings = useBoardSettings();
  const store = useMemo(() => createTLStore({ shapeUtils }), []);
  const [connection, setConnection] = useState<BoardConnection | null>(null);
  // Made in an effect (not a memo) so that it is closed exactly when it is dropped.
  useEffect(() => {
    if (!role) return;
    const created = new BoardConnection(store, room.lessonId, { id: user.id, name: user.name, color: colorFor(user.id), isTeacher: role === 'teacher' });
    setConnection(created);
    return () => created.close();
  }, [store, room.lessonId, user.id, user.name, role]);

  if (!connection || !settings || !role) return null;
  return <BoardView connection={connection} store={store} room={room} lessonId={room.lessonId} role={role} settings={settings} />;
}

/**
 * A lesson's board as it was left, seen from the lesson's page after the lesson: read-only for
 * everyone here, even the teacher, and without the room (tests show their questions only).
 */
export function ArchivedLessonBoard({ lessonId }: { lessonId: string }) {
  const user = useUser();
  const settings = useBoardSettings();
  const store = useMemo(() => createTLStore({ shapeUtils }), []);
  const [connection, setConnection] = useState<BoardConnection | null>(null);
  useEffect(() => {
    const created = new BoardConnection(store, lessonId, { id: user.id, name: user.name, color: colorFor(user.id), isTeacher: false });
    setConnection(created);
    return () => created.close();
  }, [store, lessonId, user.id, user.name]);

  if (!connection || !settings) return null;
  return <BoardView connection={connection} store={store} room={null} lessonId={lessonId} role="observer" settings={settings} />;
}

/**
 * A lesson's board at one moment of its replay, read-only: `batches` are the stored changes up to
 * `at`, in order; shared players show where they were at `at`.
 */
export function ReplayedLessonBoard({ lessonId, batches, at }: { lessonId: string; batches: readonly Uint8Array[]; at: number }) {
  const settings = useBoardSettings();
  const store = useMemo(() => createTLStore({ shapeUtils }), []);
  const [replay, setReplay] = useState<BoardReplay | null>(null);
  useEffect(() => {
    const created = new BoardReplay(store);
    setReplay(created);
    return () => created.close();
  }, [store]);
  useEffect(() => replay?.show(batches), [replay, batches]);
  const context = useMemo<BoardContextValue | null>(
    () => replay && { connection: replay, room: null, lessonId, isTeacher: false, isStudent: false, serverNow: () => at },
    [replay, lessonId, at],
  );

  if (!context || !settings) return null;
  return (
    <BoardProvider value={context}>
      <div className="lesson-board" data-testid="replay-board">
        <Tldraw
          store={store}
          shapeUtils={MATERIAL_SHAPE_UTILS}
          assetUrls={assetUrls}
          licenseKey={settings.licenseKey}
          options={EDITOR_OPTIONS}
          components={studentComponents}
          onMount={(editor) => {
            editor.updateInstanceState({ isReadonly: true });
          }}
        >
          <FollowTeacherPage />
        </Tldraw>
      </div>
    </BoardProvider>
  );
}

interface BoardViewProps {
  connection: BoardConnection;
  store: TLStore;
  room: RoomClient | null;
  lessonId: string;
  role: 'teacher' | 'student' | 'observer';
  settings: BoardSettings;
}

function BoardView({ connection, store, room, lessonId, role, settings }: BoardViewProps) {
  const { status } = useStore(connection);
  const isTeacher = role === 'teacher';
  const { licenseKey, serverOffsetMs } = settings;
  const context = useMemo<BoardContextValue>(
    () => ({
      connection,
      room,
      lessonId,
      isTeacher,
      isStudent: role === 'student',
      serverNow: () => Date.now() + serverOffsetMs,
    }),
    [connection, room, lessonId, isTeacher, role, serverOffsetMs],
  );

  const storeWithStatus: TLStoreWithStatus =
    status === 'synced' || status === 'offline'
      ? { status: 'synced-remote', connectionStatus: status === 'synced' ? 'online' : 'offline', store }
      : { status: 'loading' };

  return (
    <BoardProvider value={context}>
      <div className="lesson-board" data-testid="lesson-board" data-status={status}>
        <Tldraw
          store={storeWithStatus}
          shapeUtils={MATERIAL_SHAPE_UTILS}
          assetUrls={assetUrls}
          licenseKey={licenseKey}
          options={EDITOR_OPTIONS}
          components={isTeacher ? undefined : studentComponents}
          onMount={(editor) => prepareEditor(editor, connection, role)}
        >
          <FollowTeacherPage />
          {isTeacher && <TeacherMaterialsPanel />}
        </Tldraw>
      </div>
    </BoardProvider>
  );
}

/** tldraw's one inline style element carries the nonce the page's policy allows (server/src/security-headers.ts). */
const EDITOR_OPTIONS = { nonce: document.querySelector<HTMLMetaElement>('meta[name="style-nonce"]')?.content };

/** Role rules in the editor (the server enforces them too), and the test hook. */
function prepareEditor(editor: Editor, connection: BoardConnection, role: 'teacher' | 'student' | 'observer'): () => void {
  const cleanups: Array<() => void> = [];
  if (role === 'observer') editor.updateInstanceState({ isReadonly: true });
  if (role === 'student') {
    cleanups.push(
      editor.sideEffects.registerBeforeChangeHandler('shape', (before, after, source) =>
        source === 'user' && isTeacherOnlyRecord(before) ? before : after,
      ),
      editor.sideEffects.registerBeforeDeleteHandler('shape', (shape, source) => (source === 'user' && isTeacherOnlyRecord(shape) ? false : undefined)),
    );
  }
  window.__pandaBoard = { editor, doc: () => connection.doc, status: () => connection.getState().status, resets: () => connection.getState().resets };
  cleanups.push(() => delete window.__pandaBoard);
  return () => cleanups.forEach((cleanup) => cleanup());
}

/** The teacher's page is the lesson's page: students are taken to it when it changes. */
function FollowTeacherPage() {
  const editor = useEditor();
  const { connection, isTeacher } = useBoard();
  const pageId = useBoardEntry<TLPageId>(BOARD_LESSON, 'pageId');
  const currentPageId = useValue('current page', () => editor.getCurrentPageId(), [editor]);
  // The page's record may arrive after the lesson's page id: follow once both are here.
  const pageArrived = useValue('lesson page arrived', () => Boolean(pageId && editor.getPage(pageId)), [editor, pageId]);
  useEffect(() => {
    if (isTeacher) {
      if (connection.lesson.get('pageId') !== currentPageId) connection.lesson.set('pageId', currentPageId);
    } else if (pageId && pageArrived && pageId !== currentPageId) editor.setCurrentPage(pageId);
  }, [editor, connection, isTeacher, pageId, pageArrived, currentPageId]);
  return null;
}

const PALETTE = ['#e03131', '#1971c2', '#2f9e44', '#f08c00', '#9c36b5', '#0c8599', '#e8590c', '#5c940d'];

/** A stable cursor colour per person. */
function colorFor(userId: string): string {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length] as string;
}
