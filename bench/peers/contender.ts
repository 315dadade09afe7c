import type { LessonSeats, WebRtcSample } from '../lib/agent-host.js';
import type { VideoOptions } from '../lib/headless-client.js';

/**
 * An SFU in the comparison, as peers.ts drives it: lessons made ready, participants (in a process
 * of their own) that join them, and the SFU's own processes to measure, part by part.
 */
export interface Contender {
  readonly name: string;
  /** `count` lessons of `size` participants, ready to be joined. */
  prepare(count: number, size: number): Promise<LessonSeats[]>;
  /** Starts the participants' process; everyone joins, then everyone's first frames are awaited. */
  join(lessons: LessonSeats[], video: VideoOptions): Promise<{ firstFrameMs: number[]; failed: string[] }>;
  /** What the participants have received so far. */
  sample(): Promise<WebRtcSample>;
  /** The participants' process. */
  readonly loadPid: number;
  /** CPU seconds used so far by each part of the SFU (ours: the worker and Node; Janus: one process). */
  cpuSeconds(): Record<string, number>;
  /** Memory of each part of the SFU, in bytes. */
  memory(): Record<string, number>;
  /** Everyone leaves and the rooms are gone: the SFU is idle again. */
  leave(): Promise<void>;
  close(): Promise<void>;
}

/** How long a participant may wait for the others' first video frames. */
export const FIRST_FRAME_TIMEOUT_MS = 20_000;
