import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { MediaSource, type LessonReplay } from '@panda/shared';
import { describe, expect, it, vi } from 'vitest';
import { mixLayout, type Area } from '../../signaling/src/room/recording-layout.js';
import { headlessSchool } from './headless-school.js';
import { bookTestLesson } from '../support/lessons.js';

/**
 * The lesson's recording composed into one file: two headless participants (libwebrtc through
 * wrtc) send a synthetic camera and microphone, one leaves and comes back while the teacher
 * records; once it stops, the tracks become one WebM with both cameras in their cells of the grid,
 * the one who left black while away.
 */

const run = promisify(execFile);
const school = headlessSchool({ signIn: ['anna', 'ivan', 'maria'] });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The variance of the grey levels of an area of the frame at `seconds` into the file. */
async function variance(file: string, seconds: number, area: Area, frameWidth: number): Promise<number> {
  const { stdout } = await run('ffmpeg', ['-v', 'error', '-ss', seconds.toFixed(3), '-i', file, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1'], {
    encoding: 'buffer',
    maxBuffer: 16 * 1024 * 1024,
  });
  let sum = 0;
  let squares = 0;
  for (let y = area.y; y < area.y + area.height; y++) {
    for (let x = area.x; x < area.x + area.width; x++) {
      const value = stdout[y * frameWidth + x] as number;
      sum += value;
      squares += value * value;
    }
  }
  const count = area.width * area.height;
  return squares / count - (sum / count) ** 2;
}

// What composing costs is measured by `npm run bench:recording`, not asserted here.
describe('the lesson’s mixed recording', () => {
  it('composes every track into one file: both cameras in their cells, the one away black, all sound', { timeout: 300_000 }, async () => {
    const lessonId = await bookTestLesson(school.server, school.api.anna, { title: 'Mixed', studentIds: [school.ids.ivan as string] });
    const [anna, ivan] = await Promise.all([school.participant('anna'), school.participant('ivan')]);
    await Promise.all([anna.join(lessonId), ivan.join(lessonId)]);
    await anna.waitForFrames(ivan.userId, 'video', 5, 15_000);

    // Twenty seconds of recording: Ivan leaves and comes back, then the teacher mutes him.
    const started = Date.now();
    await anna.request('recording:start', {});
    await sleep(6000);
    await ivan.close();
    await sleep(4000);
    const back = await school.participant('ivan');
    await back.join(lessonId);
    await anna.waitForFrames(back.userId, 'video', 5, 15_000);
    await sleep(3000);
    await anna.request('moderation:mute', { participantId: back.userId });
    await sleep(Math.max(3000, started + 20_000 - Date.now()));
    const stopped = Date.now();
    await anna.request('recording:stop', {});

    // The tracks are kept first (one that left waits for ffmpeg to give up on it), then composed.
    const tracks = () => school.server.db.recordingTrack.findMany({ where: { lessonId } });
    await vi.waitFor(async () => expect(await tracks()).toHaveLength(6), { timeout: 30_000, interval: 250 });
    const composed = () => school.server.db.recordingMix.findUnique({ where: { lessonId }, include: { file: true } });
    await vi.waitFor(async () => expect(await composed()).not.toBeNull(), { timeout: 150_000, interval: 250 });
    const mix = (await composed())!;
    const file = path.join(school.server.dataDir, 'uploads', mix.file.storageKey);
    expect(fs.statSync(file).size).toBe(mix.file.size);

    // As long as the recording, with one picture and one sound.
    const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'format=duration:stream=codec_type,codec_name', '-of', 'json', file]);
    const probed = JSON.parse(stdout) as { format: { duration: string }; streams: Array<{ codec_type: string; codec_name: string }> };
    const duration = Number(probed.format.duration);
    expect({ duration, recorded: (stopped - started) / 1000, close: Math.abs(duration - (stopped - started) / 1000) < 2 }).toMatchObject({ close: true });
    expect(Math.abs(mix.durationMs - duration * 1000)).toBeLessThan(50);
    expect(probed.streams.map((stream) => `${stream.codec_type}/${stream.codec_name}`).sort()).toEqual(['audio/opus', 'video/vp8']);

    // The cells as the layout rule places them, from the same tracks.
    const kept = await tracks();
    const layout = mixLayout(
      kept.map((track) => ({ ...track, source: MediaSource.parse(track.source), startedAt: track.startedAt.getTime(), stoppedAt: track.stoppedAt.getTime() })),
      { startedAt: mix.startedAt.getTime(), stoppedAt: mix.startedAt.getTime() + mix.durationMs },
    );
    const cell = (who: string) => layout.cells.find((candidate) => candidate.participantId === school.ids[who])!.area;
    const [ivanBefore, ivanAfter] = kept.filter((track) => track.participantId === school.ids.ivan && track.source === 'camera').sort((a, b) => +a.startedAt - +b.startedAt);
    const at = (instant: number) => (instant - mix.startedAt.getTime()) / 1000;
    // Nothing is ever drawn above the grid: the black every cell is compared with.
    const black = await variance(file, at(+ivanBefore!.stoppedAt) - 1, { x: 0, y: 0, width: layout.width, height: 120 }, layout.width);
    expect(black).toBeLessThan(2);

    // Both cameras in the picture, before Ivan left and after he came back.
    for (const moment of [at(+ivanBefore!.stoppedAt) - 1.5, at(+ivanAfter!.startedAt) + 2]) {
      for (const who of ['anna', 'ivan']) {
        const shown = await variance(file, moment, cell(who), layout.width);
        expect({ who, moment, shown, black, pictured: shown > 100 + black }).toMatchObject({ pictured: true });
      }
    }
    // While he was away his cell is black, Anna's is not.
    const away = (at(+ivanBefore!.stoppedAt) + at(+ivanAfter!.startedAt)) / 2;
    expect(at(+ivanAfter!.startedAt) - at(+ivanBefore!.stoppedAt)).toBeGreaterThan(1.5);
    expect(await variance(file, away, cell('ivan'), layout.width)).toBeLessThan(2);
    expect(await variance(file, away, cell('anna'), layout.width)).toBeGreaterThan(100);

    // The replay links it; a stranger sees no replay, so no link to it.
    const replay = (await school.api.ivan.get(`/api/lessons/${lessonId}/replay`)).body as LessonReplay;
    expect(replay.mix).toEqual({ url: expect.stringContaining(`/api/files/${mix.fileId}/content?`), startedAt: mix.startedAt.toISOString(), durationMs: mix.durationMs });
    const media = await fetch(`${school.server.localUrl}${replay.mix!.url}`, { headers: { range: 'bytes=0-99' } });
    expect(media.status).toBe(206);
    expect(media.headers.get('content-type')).toBe('video/webm');
    expect((await school.api.maria.get(`/api/lessons/${lessonId}/replay`)).status).toBe(404);
    expect((await school.api.maria.post(`/api/files/${mix.fileId}/link`, {})).status).toBe(404);
  });

  it('composes again from all the lesson’s tracks when a later recording stops, replacing the mix and its file', { timeout: 300_000 }, async () => {
    const lessonId = await bookTestLesson(school.server, school.api.anna, { title: 'Recorded twice', studentIds: [school.ids.ivan as string] });
    const anna = await school.participant('anna');
    await anna.join(lessonId);
    const composed = () => school.server.db.recordingMix.findUnique({ where: { lessonId }, include: { file: true } });

    await anna.request('recording:start', {});
    await sleep(3000);
    await anna.request('recording:stop', {});
    await vi.waitFor(async () => expect(await composed()).not.toBeNull(), { timeout: 120_000, interval: 250 });
    const first = (await composed())!;

    await anna.request('recording:start', {});
    await sleep(3000);
    await anna.request('recording:stop', {});
    await vi.waitFor(async () => expect((await composed())?.id).not.toBe(first.id), { timeout: 120_000, interval: 250 });
    const second = (await composed())!;

    // From the first track's start to the last one's end, the later recording's tracks in it; the
    // old file and its row gone.
    const kept = await school.server.db.recordingTrack.findMany({ where: { lessonId } });
    expect(kept.some((track) => +track.startedAt >= +first.startedAt + first.durationMs)).toBe(true);
    const [start, end] = [Math.min(...kept.map((track) => +track.startedAt)), Math.max(...kept.map((track) => +track.stoppedAt))];
    expect(second.startedAt).toEqual(new Date(start));
    expect(Math.abs(second.durationMs - (end - start))).toBeLessThan(1000);
    expect(await school.server.db.uploadedFile.findUnique({ where: { id: first.fileId } })).toBeNull();
    // The old file goes once the new mix is kept, just after its row is committed.
    await vi.waitFor(() => expect(fs.existsSync(path.join(school.server.dataDir, 'uploads', first.file.storageKey))).toBe(false), { timeout: 5000, interval: 100 });
    expect(second.file.ownerId).toBe(school.ids.anna);
  });
});
