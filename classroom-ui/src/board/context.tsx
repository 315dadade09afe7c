import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useValue, type Signal } from 'tldraw';
import type * as Y from 'yjs';
import type { RoomClient } from '../room/RoomClient';

/** The lesson's document as the board's views read it: the live connection, or a replay. */
export interface BoardSource {
  /** The current document (a live board replaces it after a reset). */
  readonly docSignal: Signal<Y.Doc | null>;
  /** The shared players' state, written by the teacher. */
  readonly playback: Y.Map<unknown>;
  /** Lesson-wide board state (the page the teacher is on). */
  readonly lesson: Y.Map<unknown>;
}

export interface BoardContextValue {
  connection: BoardSource;
  /** Null on a lesson's board seen afterwards, outside its room: nothing is answered there. */
  room: RoomClient | null;
  lessonId: string;
  isTeacher: boolean;
  isStudent: boolean;
  /** The server's clock, which shared players agree on (in a replay: the replayed moment). */
  serverNow: () => number;
}

const BoardContext = createContext<BoardContextValue | null>(null);

export function BoardProvider({ value, children }: { value: BoardContextValue; children: ReactNode }) {
  return <BoardContext value={value}>{children}</BoardContext>;
}

export function useBoard(): BoardContextValue {
  const board = useContext(BoardContext);
  if (!board) throw new Error('useBoard must be used inside <BoardProvider>');
  return board;
}

/** One entry of a root map of the board's document, kept current (also across board reloads). */
export function useBoardEntry<T>(mapName: string, key: string): T | undefined {
  const { connection } = useBoard();
  const doc = useValue(connection.docSignal);
  const [value, setValue] = useState<T | undefined>(() => doc?.getMap<T>(mapName).get(key));
  useEffect(() => {
    if (!doc) return;
    const map: Y.Map<T> = doc.getMap<T>(mapName);
    setValue(map.get(key));
    const onChange = (event: Y.YMapEvent<T>) => {
      if (event.keysChanged.has(key)) setValue(map.get(key));
    };
    map.observe(onChange);
    return () => map.unobserve(onChange);
  }, [doc, mapName, key]);
  return value;
}
