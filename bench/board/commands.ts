/** What the board benchmark (board.ts) asks its client process (clients.ts) to do, over IPC. */

export interface BoardSeats {
  lessonId: string;
  /** Access tokens of everyone who opens the board; the first `drawers` of them draw. */
  tokens: string[];
  drawers: number;
}

export interface DrawSettings {
  /** A drawing client sends its changes at most this often (the UI batches every 50 ms). */
  intervalMs: number;
  /** Pointer samples added to the stroke per send (the pointer moves at ~60 Hz). */
  pointsPerSend: number;
  /** A new stroke starts after this long on average (± 25 %). */
  strokeMs: number;
  /** Drawing clients also move their cursor (awareness) with every send, as tldraw's presence does. */
  cursors: boolean;
}

export interface Percentiles {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface WindowStats {
  /** Length of the window in seconds, by the client process's clock. */
  seconds: number;
  /** Updates the drawing clients sent within the window. */
  updatesSent: number;
  /** Deliveries expected: every update sent in the window, to every other client of its lesson. */
  expected: number;
  /** From a drawing client's transaction to another client's observer, for updates sent in the window. */
  latencyMs: Percentiles;
  /** Deliveries that took longer than `slowMs` (window-stop's argument). */
  slow: number;
  /** Bytes per second one drawing client sent (mean over drawing clients): document updates, awareness. */
  drawerSent: { updates: number; awareness: number; other: number };
  /** Bytes per second one watching client sent (mean over the others; 0 when everyone draws). */
  watcherSent: number;
  /** Bytes per second one client received (mean over all clients). */
  receivedPerClient: number;
  /** The client process's event loop delay over the window (ms). */
  clientLoopDelayMs: { p99: number; max: number };
  /** Mean size of a board's whole state (Y.encodeStateAsUpdate) and records per board at the end. */
  boardBytes: number;
  boardRecords: number;
}

export interface BoardCommands {
  /** Clients open the boards and wait until each has synced. */
  open: {
    /** `echoAwareness: false`: clients send only their own awareness changes (y-websocket re-sends every remote one too). */
    args: { url: string; boards: BoardSeats[]; draw: DrawSettings; echoAwareness: boolean };
    result: { clients: number; syncMs: Percentiles };
  };
  'draw-start': { args: Record<string, never>; result: { drawers: number } };
  'draw-stop': { args: Record<string, never>; result: { updatesSent: number } };
  /** Starts counting latency and bytes. */
  'window-start': { args: Record<string, never>; result: Record<string, never> };
  /** Ends the window, lets what is in flight arrive for `settleMs`, and reports. */
  'window-stop': { args: { settleMs: number; slowMs: number }; result: WindowStats };
  /** Closes every client (their WebSockets close; the boards become idle on the server). */
  'close-all': { args: Record<string, never>; result: { closed: number } };
  /**
   * One client writes `records` onto a board in transactions of `batch` records (like pastes),
   * then a second client checks it received them all.
   */
  fill: {
    args: { url: string; lessonId: string; token: string; shapes: number; batch: number; seed: number };
    result: { records: number; stateBytes: number; writeMs: number };
  };
  /** A fresh client opens a board and syncs; timed from creating the provider to its `sync`. */
  'open-timed': {
    args: { url: string; lessonId: string; token: string };
    result: { syncMs: number; records: number; receivedBytes: number };
  };
}
