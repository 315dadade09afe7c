import type { LessonSeats } from '../lib/agent-host.js';
import type { VideoOptions } from '../lib/headless-client.js';

/** What the recording benchmark (recording.ts) asks its participants' process (participants.ts) to do, over IPC. */
export interface RecordingCommands {
  /** Headless WebRTC participants join and wait for the first video frame from everyone else. */
  join: {
    args: { url: string; password: string; lessons: LessonSeats[]; video: VideoOptions; firstFrameTimeoutMs: number };
    result: { failed: string[] };
  };
  /** Each lesson's teacher (its first seat) starts or stops the recording. */
  record: { args: { action: 'recording:start' | 'recording:stop' }; result: Record<string, never> };
}
