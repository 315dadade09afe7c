import { serveAgent, type AgentCommands, type AgentHandlers } from './agent-host.js';
import { HeadlessClient } from './headless-client.js';
import { joinLessons, sampleParticipants, waitForFirstFrames } from './participants.js';
import { RtpCounter, RtpReplayer } from './rtp-load.js';
import { recordAudio, recordVideo, type RtpRecording } from './rtp-recording.js';

/**
 * A load process of the SFU benchmark (see agent-host.ts): runs headless participants, replays RTP
 * or counts it, as the parent asks. Exits when the parent disconnects.
 */

const clients: HeadlessClient[] = [];
let recordings: { video: RtpRecording; audio: RtpRecording } | undefined;
let replayer: RtpReplayer | undefined;
let counter: RtpCounter | undefined;

const handlers: AgentHandlers<AgentCommands> = {
  async 'webrtc-join'({ url, password, lessons, video, firstFrameTimeoutMs }) {
    const connect = (email: string) => HeadlessClient.connect({ url, email, password, video, requestTimeoutMs: 30_000 });
    const { joined, failed } = await joinLessons(lessons, connect, (client) => clients.push(client));
    return { firstFrameMs: await waitForFirstFrames(joined, firstFrameTimeoutMs, failed), failed };
  },

  async 'webrtc-sample'() {
    return sampleParticipants(clients);
  },

  async 'signal-join'({ url, password, lessons }) {
    const connect = (email: string) => HeadlessClient.connect({ url, email, password, media: false, requestTimeoutMs: 120_000 });
    const { joined, failed } = await joinLessons(lessons, connect, (client) => clients.push(client));
    return { joined: joined.length, failed, joinAckMs: joined.map(({ client }) => client.joinAckMs ?? 0) };
  },

  async 'rtp-record'(settings) {
    const [video, audio] = await Promise.all([recordVideo(settings), recordAudio(settings)]);
    recordings = { video, audio };
    return { videoBitrate: video.bitrate, audioBitrate: audio.bitrate };
  },

  async 'rtp-send'({ streams }) {
    if (!recordings) throw new Error('rtp-record first');
    if (!replayer) {
      replayer = new RtpReplayer(recordings.video, recordings.audio);
      await replayer.start();
    }
    replayer.add(streams);
    return { streams: replayer.stats().streams };
  },

  async 'rtp-send-stats'() {
    if (!replayer) throw new Error('nothing is being sent');
    return replayer.stats();
  },

  async 'rtp-count-open'({ sockets }) {
    counter ??= new RtpCounter();
    return { ports: await counter.open(sockets) };
  },

  async 'rtp-count-stats'() {
    if (!counter) throw new Error('rtp-count-open first');
    return counter.stats();
  },
};

serveAgent(handlers);

process.on('disconnect', () => {
  void shutdown();
});

async function shutdown(): Promise<void> {
  replayer?.close();
  counter?.close();
  await Promise.all(clients.map((client) => client.close()));
  // wrtc's threads can keep the process alive after every peer connection closed.
  setTimeout(() => process.exit(0), 500).unref();
}
