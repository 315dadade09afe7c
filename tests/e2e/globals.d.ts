// The lesson room's read-only debug hook (classroom-ui/src/room/debugHook.ts), as tests see it.
interface Window {
  __pandaRoom?: {
    readonly participantId: string | null;
    consumers(): Array<{
      participantId: string;
      kind: 'audio' | 'video';
      source: string;
      readyState: string;
      progressAt: number | null;
      packets: number;
      frames: number;
      paused: boolean;
      idle: boolean;
    }>;
    readonly sendTransportState: string;
    readonly recvTransportState: string;
    readonly repairs: number;
    producers(): Array<{ source: string; paused: boolean }>;
    state(): string;
  };
}

/** The board's test hook (classroom-ui/src/board/LessonBoard.tsx): tldraw's editor and the Yjs document. */
interface PandaBoardShape {
  id: string;
  type: string;
  x: number;
  y: number;
  props: Record<string, unknown>;
}

interface Window {
  __pandaBoard?: {
    readonly editor: {
      getCurrentPageShapes(): PandaBoardShape[];
      getCurrentPage(): { id: string; name: string };
      getCollaborators(): Array<{ userName: string }>;
      createShape(shape: { type: string; x: number; y: number; props?: Record<string, unknown> }): unknown;
      deleteShapes(ids: string[]): unknown;
      zoomToFit(): unknown;
      selectNone(): { zoomToFit(): unknown };
      setCurrentTool(id: string): unknown;
      getIsReadonly(): boolean;
    };
    doc(): { getMap(name: string): { get(key: string): unknown; has(key: string): boolean; set(key: string, value: unknown): void; delete(key: string): void } };
    status(): string;
    /** How often the board was reloaded after the server refused a change. */
    resets(): number;
  };
}
