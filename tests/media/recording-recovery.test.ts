import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@panda/server';
import { PrismaRecordingMixStore, PrismaRecordingStore, recoverRecordings, RecordingMixer } from '@panda/signaling';
import { loginAs } from '../support/accounts.js';
import { bookTestLesson } from '../support/lessons.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * Recordings a crash left behind: track files finished by recorders whose process died, never
 * kept, are kept from their names and ffprobe, and the lesson is composed; a file still being
 * written, anything else in the folder, and what is kept already are left alone.
 */

let server: TestServer;
let uploadsDir: string;

beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_DATA: 'true', SFU_WORKERS: '1' } });
  uploadsDir = path.join(server.dataDir, 'uploads');
});
afterAll(() => server?.close());

/** A short recording, as a recorder would have left it, last written `ageMs` ago. */
function leftBehind(file: string, kind: 'camera' | 'microphone', ageMs: number): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const input = kind === 'camera' ? ['-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=15', '-c:v', 'libvpx'] : ['-f', 'lavfi', '-i', 'sine=frequency=440', '-c:a', 'libopus'];
  execFileSync('ffmpeg', ['-v', 'error', '-y', ...input, '-t', '3', '-f', 'webm', file]);
  const at = new Date(Date.now() - ageMs);
  fs.utimesSync(file, at, at);
}

describe('recovering recordings', () => {
  it('keeps the track files a crash left unkept and composes their lesson; leaves files being written and other files alone', { timeout: 120_000 }, async () => {
    const anna = await loginAs(server, 'anna@example.com');
    const ivan = await server.db.user.findUniqueOrThrow({ where: { email: 'ivan@example.com' } });
    const annaId = (await server.db.user.findUniqueOrThrow({ where: { email: 'anna@example.com' } })).id;
    const lessonId = await bookTestLesson(server, anna, { title: 'Crashed', studentIds: [ivan.id] });
    const folder = path.join(uploadsDir, 'recordings', lessonId);
    const startedAt = Date.now() - 10 * 60_000;
    leftBehind(path.join(folder, `${startedAt}-${annaId}-camera.webm`), 'camera', 5 * 60_000);
    leftBehind(path.join(folder, `${startedAt}-${annaId}-microphone.webm`), 'microphone', 5 * 60_000);
    // Still being written by a recorder (of another process, say), and a file that is no track.
    leftBehind(path.join(folder, `${Date.now()}-${ivan.id}-camera.webm`), 'camera', 0);
    fs.writeFileSync(path.join(folder, 'notes.txt'), 'not a recording');

    const logger = createLogger('silent');
    const store = new PrismaRecordingStore(server.db, uploadsDir);
    const mixer = new RecordingMixer({ store: new PrismaRecordingMixStore(server.db, uploadsDir), dir: path.join(uploadsDir, 'recordings'), logger });
    const recover = () => recoverRecordings({ dir: path.join(uploadsDir, 'recordings'), store, compose: (id) => mixer.compose(id), logger, now: () => Date.now() });

    expect(await recover()).toBe(2);
    const tracks = await server.db.recordingTrack.findMany({ where: { lessonId }, orderBy: { source: 'asc' } });
    expect(tracks.map((track) => [track.participantId, track.source])).toEqual([
      [annaId, 'camera'],
      [annaId, 'microphone'],
    ]);
    for (const track of tracks) {
      expect(track.startedAt.getTime()).toBe(startedAt);
      expect(Math.abs(track.stoppedAt.getTime() - startedAt - 3000)).toBeLessThan(200);
    }
    const mix = await server.db.recordingMix.findUniqueOrThrow({ where: { lessonId } });
    expect(Math.abs(mix.durationMs - 3000)).toBeLessThan(500);

    // Once kept, kept once.
    expect(await recover()).toBe(0);
    expect(await server.db.recordingTrack.count({ where: { lessonId } })).toBe(2);
    mixer.close();
  });
});
