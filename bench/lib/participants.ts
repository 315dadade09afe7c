import type { LessonSeats, WebRtcSample } from './agent-host.js';
import { poll, type PacketCounts } from './headless-client.js';

/**
 * What a load agent needs of a headless participant, whichever SFU it talks to: ours
 * (`HeadlessClient`) or a peer SFU's client (bench/peers), so that both are joined, timed and
 * sampled the same way.
 */
export interface Participant {
  /** How the others know it: their first-frame delays are keyed by it. Known once joined. */
  readonly userId: string;
  /** Media failures; a healthy participant has none. */
  readonly errors: readonly Error[];
  /** Every track received so far (closed ones too, so that counts add up). */
  readonly tracks: readonly { kind: 'audio' | 'video'; frames: number; closed: boolean }[];
  join(lessonId: string): Promise<unknown>;
  /** Milliseconds from the start of `join()` to the first decoded video frame, by sender. */
  firstFrameDelays(): Map<string, number>;
  /** Packets received and lost so far (inbound-rtp). */
  receiveStats(): Promise<PacketCounts>;
  close(): Promise<void>;
}

export interface Joined<P extends Participant> {
  client: P;
  /** The others in its lesson who joined too. */
  others: P[];
}

/** How many participants connect and join at the same moment: a quick ramp, not a thundering herd. */
const JOIN_CONCURRENCY = 10;

/**
 * Connects everyone in the lessons (logs in, opens signaling), then joins them, a few at a time
 * in both steps: as people come to a lesson from their dashboard, so that one's join → first
 * frame does not include another's login. `opened` gets each participant once connected (to be
 * closed later, joined or not). A participant that cannot connect or join is reported, not fatal.
 */
export async function joinLessons<P extends Participant>(
  lessons: LessonSeats[],
  connect: (email: string) => Promise<P>,
  opened: (client: P) => void,
): Promise<{ joined: Joined<P>[]; failed: string[] }> {
  const failed: string[] = [];
  const attempt = async <T>(email: string, step: () => Promise<T>) => {
    try {
      return await step();
    } catch (error) {
      failed.push(`${email}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  };
  const seats = lessons.flatMap((lesson) => lesson.emails.map((email) => ({ lesson, email })));
  const connected = await inTurn(seats, async ({ lesson, email }) => {
    const client = await attempt(email, () => connect(email));
    if (client) opened(client);
    return client && { lesson, email, client };
  });
  const groups = new Map<string, P[]>();
  await inTurn(
    connected.filter((seat) => seat !== undefined),
    async ({ lesson, email, client }) => {
      const ok = await attempt(email, async () => {
        await client.join(lesson.lessonId);
        return true;
      });
      if (ok) groups.set(lesson.lessonId, [...(groups.get(lesson.lessonId) ?? []), client]);
    },
  );
  const joined = [...groups.values()].flatMap((group) => group.map((client) => ({ client, others: group.filter((other) => other !== client) })));
  return { joined, failed };
}

/** `step` for every item, JOIN_CONCURRENCY at a time; the results in the items' order. */
async function inTurn<T, R>(items: T[], step: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await step(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: JOIN_CONCURRENCY }, worker));
  return results;
}

/**
 * Waits until every participant has decoded video from everyone else in its lesson; returns those
 * join → first frame delays and adds the participants that got none in time to `failed`.
 */
export async function waitForFirstFrames<P extends Participant>(joined: Joined<P>[], timeoutMs: number, failed: string[]): Promise<number[]> {
  const firstFrameMs: number[] = [];
  await Promise.all(
    joined.map(async ({ client, others }) => {
      try {
        await poll(timeoutMs, () => others.every((other) => client.firstFrameDelays().has(other.userId)), () => 'no first frame');
        for (const other of others) firstFrameMs.push(client.firstFrameDelays().get(other.userId)!);
      } catch {
        failed.push(`${client.userId}: no video within ${timeoutMs} ms`);
      }
    }),
  );
  return firstFrameMs;
}

/** What the participants have received so far, summed. */
export async function sampleParticipants(clients: readonly Participant[]): Promise<WebRtcSample> {
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
}
