import { serveAgent, type AgentCommands, type AgentHandlers, type LessonSeats, type WebRtcSample } from './agent-host.js';
import { HeadlessClient, poll } from './headless-client.js';
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
    const { joined, failed } = await joinAll(lessons, (email) => HeadlessClient.connect({ url, email, password, video, requestTimeoutMs: 30_000 }));
    const firstFrameMs: number[] = [];
    await Promise.all(
      joined.map(async ({ client, others }) => {
        try {
          await poll(
            firstFrameTimeoutMs,
            () => others.every((other) => client.firstFrameDelays().has(other.userId)),
            () => 'no first frame',
          );
          for (const other of others) firstFrameMs.push(client.firstFrameDelays().get(other.userId)!);
        } catch {
          failed.push(`${client.userId}: no video within ${firstFrameTimeoutMs} ms`);
        }
      }),
    );
    return { firstFrameMs, failed };
  },

  async 'webrtc-sample'() {
    const sample: WebRtcSample = {
      clients: clients.length,
      packetsReceived: 0,
      packetsLost: 0,
      videoFrames: 0,
      audioFrames: 0,
      videoTracks: 0,
      audioTracks: 0,
      errors: 0,
    };
    for (const client of clients) {
      const stats = await client.receiveStats();
      sample.packetsReceived += stats.packetsReceived;
      sample.packetsLost += stats.packetsLost;
      sample.errors += client.errors.length;
      for (const track of client.tracks) {
        if (track.kind === 'video') sample.videoFrames += track.frames;
        else sample.audioFrames += track.frames;
        if (track.closed) continue;
        if (track.kind === 'video') sample.videoTracks++;
        else sample.audioTracks++;
      }
    }
    return sample;
  },

  async 'signal-join'({ url, password, lessons }) {
    const { joined, failed } = await joinAll(lessons, (email) => HeadlessClient.connect({ url, email, password, media: false, requestTimeoutMs: 120_000 }));
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

/** How many participants connect and join at the same moment: a quick ramp, not a thundering herd. */
const JOIN_CONCURRENCY = 10;

/**
 * Connects and joins everyone in the lessons, a few at a time; each client learns who else is in
 * its lesson. A participant that cannot connect or join is reported, not fatal.
 */
async function joinAll(lessons: LessonSeats[], connect: (email: string) => Promise<HeadlessClient>) {
  const failed: string[] = [];
  const groups = new Map<string, HeadlessClient[]>();
  const queue = lessons.flatMap((lesson) => lesson.emails.map((email) => ({ lesson, email })));
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const { lesson, email } = next;
      try {
        const client = await connect(email);
        clients.push(client);
        await client.join(lesson.lessonId);
        groups.set(lesson.lessonId, [...(groups.get(lesson.lessonId) ?? []), client]);
      } catch (error) {
        failed.push(`${email}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: JOIN_CONCURRENCY }, worker));
  const joined = [...groups.values()].flatMap((group) =>
    group.map((client) => ({ client, others: group.filter((other) => other !== client) })),
  );
  return { joined, failed };
}

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
