import { describe, expect, it } from 'vitest';
import type { HeadlessClient } from '../../bench/lib/headless-client.js';
import { headlessSchool } from './headless-school.js';
import { bookTestLesson } from '../support/lessons.js';
import { mediasoupWorkerPids } from '../support/media-workers.js';

/**
 * Real media through the real server: headless participants (libwebrtc through wrtc, driven by
 * mediasoup-client) send a synthetic camera and microphone through the SFU, and count the frames
 * that arrive from everyone else.
 */

const school = headlessSchool({ signIn: ['anna'] });

function lessonWith(students: string[]): Promise<string> {
  return bookTestLesson(school.server, school.api.anna, { title: 'Media test', studentIds: students.map((key) => school.ids[key] as string) });
}

/** Each client receives video and sound from every other one, and keeps receiving them. */
async function expectEveryoneReceivesEveryone(group: HeadlessClient[], frames: { video: number; audio: number }): Promise<void> {
  await Promise.all(
    group.flatMap((receiver) =>
      group
        .filter((sender) => sender !== receiver)
        .flatMap((sender) => [
          receiver.waitForFrames(sender.userId, 'video', frames.video, 15_000),
          receiver.waitForFrames(sender.userId, 'audio', frames.audio, 15_000),
        ]),
    ),
  );
}

/** Resolves once `read()` has not changed for `quietMs`; fails after `timeoutMs`. */
async function untilSteady(read: () => number, quietMs: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let value = read();
  let since = Date.now();
  while (Date.now() - since < quietMs) {
    if (Date.now() > deadline) throw new Error(`still changing after ${timeoutMs} ms (at ${value})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (read() !== value) {
      value = read();
      since = Date.now();
    }
  }
}


describe('live lesson media through the SFU', () => {
  it('a teacher and a student each receive the other’s video and sound', async () => {
    const lessonId = await lessonWith(['ivan']);
    const [anna, ivan] = await Promise.all([school.participant('anna'), school.participant('ivan')]);
    await Promise.all([anna.join(lessonId), ivan.join(lessonId)]);

    await expectEveryoneReceivesEveryone([anna, ivan], { video: 10, audio: 50 });
    // And it keeps flowing: the counts grow again.
    await expectEveryoneReceivesEveryone([anna, ivan], { video: 10, audio: 50 });

    for (const [receiver, sender] of [
      [anna, ivan],
      [ivan, anna],
    ] as const) {
      expect(receiver.tracks.filter((t) => t.participantId === sender.userId).map((t) => `${t.kind}:${t.source}`).sort()).toEqual([
        'audio:microphone',
        'video:camera',
      ]);
      expect(receiver.firstFrameDelays().get(sender.userId)).toBeLessThan(10_000);
      const stats = await receiver.receiveStats();
      expect(stats.video.packetsReceived).toBeGreaterThan(0);
      expect(stats.audio.packetsReceived).toBeGreaterThan(0);
      expect(receiver.errors).toEqual([]);
    }
  });

  it('in a group of a teacher and three students everyone receives every other participant', async () => {
    const lessonId = await lessonWith(['ivan', 'maria', 'olga']);
    const group = await Promise.all(['anna', 'ivan', 'maria', 'olga'].map(school.participant));
    await Promise.all(group.map((client) => client.join(lessonId)));

    await expectEveryoneReceivesEveryone(group, { video: 5, audio: 30 });
    for (const client of group) {
      expect(new Set(client.tracks.map((t) => t.participantId))).toEqual(
        new Set(group.filter((other) => other !== client).map((other) => other.userId)),
      );
      expect(client.tracks).toHaveLength(6);
      expect(client.errors).toEqual([]);
    }
  });

  it('the teacher mutes a student on the server: the student is told, the teacher’s audio consumer pauses', async () => {
    const lessonId = await lessonWith(['ivan']);
    const [anna, ivan] = await Promise.all([school.participant('anna'), school.participant('ivan')]);
    await Promise.all([anna.join(lessonId), ivan.join(lessonId)]);
    await anna.waitForFrames(ivan.userId, 'audio', 30, 15_000);
    const ivanAudio = anna.tracks.find((t) => t.participantId === ivan.userId && t.kind === 'audio');
    expect(ivanAudio).toBeDefined();

    await anna.request('moderation:mute', { participantId: ivan.userId });
    expect(await ivan.waitFor('moderation:muted')).toEqual({ source: 'microphone' });
    expect(await anna.waitFor('consumer:paused', (e) => e.consumerId === ivanAudio!.consumerId)).toEqual({
      consumerId: ivanAudio!.consumerId,
    });
    expect(ivanAudio!.producerPaused).toBe(true);
    await anna.waitFor('participant:updated', (p) => p.id === ivan.userId && p.media.microphone === 'paused');

    // Ivan's sound stops reaching Anna once her jitter buffer has played out; his video does not.
    await untilSteady(() => anna.framesFrom(ivan.userId, 'audio'), 500, 10_000);
    const audioBefore = anna.framesFrom(ivan.userId, 'audio');
    const packetsBefore = (await anna.receiveStats()).audio.packetsReceived;
    await anna.waitForFrames(ivan.userId, 'video', 10, 10_000);
    expect(anna.framesFrom(ivan.userId, 'audio')).toBe(audioBefore);
    // Anna's audio packets come from Ivan only; a straggler in flight at most.
    expect((await anna.receiveStats()).audio.packetsReceived - packetsBefore).toBeLessThanOrEqual(2);
    // Ivan still hears Anna.
    await ivan.waitForFrames(anna.userId, 'audio', 30, 10_000);

    // The mute holds: Ivan cannot turn his microphone back on by himself …
    await expect(ivan.unmute('microphone')).rejects.toMatchObject({ code: 'muted_by_teacher' });
    await anna.waitFor('participant:updated', (p) => p.id === ivan.userId && p.microphoneHeld);
    expect(ivanAudio!.producerPaused).toBe(true);
    // … until Anna asks him to speak.
    await anna.request('moderation:ask-unmute', { participantId: ivan.userId });
    await ivan.waitFor('moderation:unmute-requested');
    await ivan.unmute('microphone');
    await anna.waitFor('consumer:resumed', (e) => e.consumerId === ivanAudio!.consumerId);
    await anna.waitForFrames(ivan.userId, 'audio', 30, 10_000);
  });

  it('the media worker dies mid-lesson: clients redo their media and frames flow again both ways', async () => {
    const lessonId = await lessonWith(['ivan']);
    const [anna, ivan] = await Promise.all([school.participant('anna'), school.participant('ivan')]);
    await Promise.all([anna.join(lessonId), ivan.join(lessonId)]);
    await expectEveryoneReceivesEveryone([anna, ivan], { video: 5, audio: 30 });

    const [victim, ...others] = mediasoupWorkerPids();
    expect(victim).toBeDefined();
    expect(others).toEqual([]);
    process.kill(victim!, 'SIGKILL');

    await Promise.all([anna.waitFor('room:media-restart', undefined, 15_000), ivan.waitFor('room:media-restart', undefined, 15_000)]);
    // Frames counted from here on come from the new media session: the old one is closed.
    await expectEveryoneReceivesEveryone([anna, ivan], { video: 10, audio: 50 });

    for (const client of [anna, ivan]) {
      expect(client.mediaRestarts).toBe(1);
      expect(client.generation).toBe(2);
      expect(client.tracks.filter((t) => t.generation === 2 && !t.closed)).toHaveLength(2);
      expect(client.errors).toEqual([]);
    }
    const replacement = mediasoupWorkerPids();
    expect(replacement).toHaveLength(1);
    expect(replacement[0]).not.toBe(victim);
  });
});
