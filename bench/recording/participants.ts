import { serveAgent, type AgentHandlers } from '../lib/agent-host.js';
import { HeadlessClient } from '../lib/headless-client.js';
import { joinLessons, waitForFirstFrames } from '../lib/participants.js';
import type { RecordingCommands } from './commands.js';

/**
 * The recording benchmark's participants' process (see recording.ts): the lessons' headless
 * participants, so that their libwebrtc encoding is not counted as the server's. Exits when the
 * parent disconnects.
 */

const clients: HeadlessClient[] = [];
const teachers: HeadlessClient[] = [];

const handlers: AgentHandlers<RecordingCommands> = {
  async join({ url, password, lessons, video, firstFrameTimeoutMs }) {
    const teacherEmails = new Set(lessons.map((lesson) => lesson.emails[0]));
    const connect = async (email: string) => {
      const client = await HeadlessClient.connect({ url, email, password, video, requestTimeoutMs: 30_000 });
      if (teacherEmails.has(email)) teachers.push(client);
      return client;
    };
    const { joined, failed } = await joinLessons(lessons, connect, (client) => clients.push(client));
    await waitForFirstFrames(joined, firstFrameTimeoutMs, failed);
    return { failed };
  },

  async record({ action }) {
    await Promise.all(teachers.map((teacher) => teacher.request(action, {})));
    return {};
  },
};

serveAgent(handlers);

process.on('disconnect', () => {
  void Promise.all(clients.map((client) => client.close())).finally(() => {
    // wrtc's threads can keep the process alive after every peer connection closed.
    setTimeout(() => process.exit(0), 500).unref();
  });
});
