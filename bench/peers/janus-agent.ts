import { serveAgent, type AgentHandlers } from '../lib/agent-host.js';
import { joinLessons, sampleParticipants, waitForFirstFrames } from '../lib/participants.js';
import type { JanusAgentCommands } from './commands.js';
import { JanusParticipant } from './janus-participant.js';

/**
 * The Janus participants' process of the comparison (see peers.ts), the counterpart of the SFU
 * benchmark's agent for our server: same joining, timing and sampling. Exits when the parent
 * disconnects.
 */

const clients: JanusParticipant[] = [];

const handlers: AgentHandlers<JanusAgentCommands> = {
  async 'janus-join'({ url, lessons, video, firstFrameTimeoutMs }) {
    const connect = (display: string) => JanusParticipant.connect({ url, display, video });
    const { joined, failed } = await joinLessons(lessons, connect, (client) => clients.push(client));
    return { firstFrameMs: await waitForFirstFrames(joined, firstFrameTimeoutMs, failed), failed };
  },

  async 'webrtc-sample'() {
    return sampleParticipants(clients);
  },
};

serveAgent(handlers);

process.on('disconnect', () => {
  void Promise.all(clients.map((client) => client.close())).finally(() => {
    // wrtc's threads can keep the process alive after every peer connection closed.
    setTimeout(() => process.exit(0), 500).unref();
  });
});
