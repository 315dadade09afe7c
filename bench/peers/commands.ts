import type { AgentCommands, LessonSeats } from '../lib/agent-host.js';
import type { VideoOptions } from '../lib/headless-client.js';

/** What the comparison (peers.ts) asks of its Janus participants' process (janus-agent.ts). */
export interface JanusAgentCommands extends Pick<AgentCommands, 'webrtc-sample'> {
  /** Participants join the rooms (a lesson's id is its room's number) and wait for everyone's first video frame. */
  'janus-join': {
    args: { url: string; lessons: LessonSeats[]; video: VideoOptions; firstFrameTimeoutMs: number };
    result: { firstFrameMs: number[]; failed: string[] };
  };
}
