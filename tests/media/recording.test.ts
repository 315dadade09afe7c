import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { LessonReplay } from '@panda/shared';
import { describe, expect, it, vi } from 'vitest';
import { headlessSchool } from './headless-school.js';
import { bookTestLesson } from '../support/lessons.js';
import { mediasoupWorkerPids } from '../support/media-workers.js';

/**
 * Recording a lesson with real media: headless participants (libwebrtc through wrtc) send a
 * synthetic camera and microphone; the teacher records while a student leaves and comes back and
 * is muted; every track ends up a playable file on the lesson's timeline.
 */

const run = promisify(execFile);
const school = headlessSchool({ signIn: ['anna', 'ivan', 'maria'] });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function probe(file: string): Promise<{ duration: number; codecs: string[] }> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'format=duration:stream=codec_name', '-of', 'json', file]);
  const parsed = JSON.parse(stdout) as { format: { duration: string }; streams: Array<{ codec_name: string }> };
  return { duration: Number(parsed.format.duration), codecs: parsed.streams.map((stream) => stream.codec_name) };
}

describe('recording a lesson', () => {
  it('records every track through a leave, a rejoin and a mute; each file plays for as long as it was recorded', { timeout: 120_000 }, async () => {
    const lessonId = await bookTestLesson(school.server, school.api.anna, { title: 'Recorded', studentIds: [school.ids.ivan as string] });
    const [anna, ivan] = await Promise.all([school.participant('anna'), school.participant('ivan')]);
    await Promise.all([anna.join(lessonId), ivan.join(lessonId)]);
    await anna.waitForFrames(ivan.userId, 'video', 5, 15_000);

    // A student cannot start it; the teacher can, and everyone is told.
    await expect(ivan.request('recording:start', {})).rejects.toMatchObject({ code: 'forbidden' });
    const started = Date.now();
    await anna.request('recording:start', {});
    expect(await ivan.waitFor('room:recording')).toEqual({ active: true });
    await sleep(5000);

    // Ivan leaves and comes back in a new connection; then the teacher mutes him.
    const left = Date.now();
    await ivan.close();
    const back = await school.participant('ivan');
    const rejoined = await back.join(lessonId);
    expect(rejoined.room.recording).toBe(true);
    const returned = Date.now();
    await anna.waitForFrames(back.userId, 'video', 5, 15_000);
    await sleep(2000);
    const muted = Date.now();
    await anna.request('moderation:mute', { participantId: back.userId });
    await sleep(4000);
    const stopped = Date.now();
    await anna.request('recording:stop', {});
    expect(await back.waitFor('room:recording', (event) => !event.active)).toEqual({ active: false });

    // The files are finished in the background: a track that left waits for ffmpeg to give up on it.
    const recorded = () => school.server.db.recordingTrack.findMany({ where: { lessonId }, include: { file: true } });
    await vi.waitFor(async () => expect(await recorded()).toHaveLength(6), { timeout: 30_000, interval: 500 });
    const tracks = await recorded();
    const sources = (who: string) => tracks.filter((track) => track.participantId === school.ids[who]).map((track) => track.source).sort();
    expect(sources('anna')).toEqual(['camera', 'microphone']);
    // Ivan's first connection's tracks, then his second's.
    expect(sources('ivan')).toEqual(['camera', 'camera', 'microphone', 'microphone']);
    // Each file plays as long as its track was sent while recording (within 2 s), and sits on the
    // timeline where it was: Anna's throughout, Ivan's first until he left, his second from his
    // return (his microphone until the mute).
    const expected = (track: (typeof tracks)[number]): number => {
      if (track.participantId === school.ids.anna) return stopped - started;
      if (track.startedAt.getTime() < left) return left - started;
      return (track.source === 'microphone' ? muted : stopped) - returned;
    };
    for (const track of tracks) {
      const file = path.join(school.server.dataDir, 'uploads', track.file.storageKey);
      expect(fs.statSync(file).size).toBe(track.file.size);
      const { duration, codecs } = await probe(file);
      const truth = expected(track) / 1000;
      expect({ source: track.source, codecs }).toEqual({ source: track.source, codecs: [track.source === 'camera' ? 'vp8' : 'opus'] });
      expect({ source: track.source, truth, duration, close: Math.abs(duration - truth) < 2 }).toMatchObject({ close: true });
      expect(Math.abs(track.stoppedAt.getTime() - track.startedAt.getTime() - duration * 1000)).toBeLessThan(2);
    }

    // The lesson's replay plays them from signed links; a stranger sees no replay at all.
    const replay = (await school.api.ivan.get(`/api/lessons/${lessonId}/replay`)).body as LessonReplay;
    expect(replay.tracks).toHaveLength(6);
    const camera = replay.tracks.find((track) => track.kind === 'video')!;
    const media = await fetch(`${school.server.localUrl}${camera.url}`, { headers: { range: 'bytes=0-99' } });
    expect(media.status).toBe(206);
    expect(media.headers.get('content-type')).toBe('video/webm');
    expect((await school.api.maria.get(`/api/lessons/${lessonId}/replay`)).status).toBe(404);
  });

  it('goes on recording through a media worker dying mid-lesson: the tracks after the restart are recorded anew', { timeout: 120_000 }, async () => {
    const lessonId = await bookTestLesson(school.server, school.api.anna, { title: 'Recorded through a restart', studentIds: [school.ids.ivan as string] });
    const [anna, ivan] = await Promise.all([school.participant('anna'), school.participant('ivan')]);
    await Promise.all([anna.join(lessonId), ivan.join(lessonId)]);
    await anna.waitForFrames(ivan.userId, 'video', 5, 15_000);
    await anna.request('recording:start', {});
    await sleep(3000);

    const [worker] = mediasoupWorkerPids();
    process.kill(worker!, 'SIGKILL');
    await Promise.all([anna.waitFor('room:media-restart', undefined, 15_000), ivan.waitFor('room:media-restart', undefined, 15_000)]);
    const restarted = Date.now();
    await Promise.all([anna.waitForFrames(ivan.userId, 'video', 10, 15_000), ivan.waitForFrames(anna.userId, 'video', 10, 15_000)]);
    await sleep(3000);
    await anna.request('recording:stop', {});

    // Each camera and microphone twice: until the worker died, and from the restart on.
    const recorded = () => school.server.db.recordingTrack.findMany({ where: { lessonId }, orderBy: { startedAt: 'asc' } });
    await vi.waitFor(async () => expect(await recorded()).toHaveLength(8), { timeout: 40_000, interval: 500 });
    const tracks = await recorded();
    for (const who of ['anna', 'ivan']) {
      for (const source of ['camera', 'microphone']) {
        const [before, after] = tracks.filter((track) => track.participantId === school.ids[who] && track.source === source);
        expect({ who, source, before: before!.startedAt < new Date(restarted), after: after!.startedAt >= new Date(restarted - 1000) }).toEqual({ who, source, before: true, after: true });
        expect(after!.stoppedAt.getTime() - after!.startedAt.getTime()).toBeGreaterThan(2000);
      }
    }
  });
});
