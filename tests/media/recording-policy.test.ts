import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { newUser } from '../support/accounts.js';
import { headlessSchool } from './headless-school.js';
import { bookTestLesson } from '../support/lessons.js';

/**
 * The school's recording policy with real media: lessons recorded automatically, students free to
 * refuse. Headless participants (libwebrtc through wrtc) send a synthetic camera and microphone;
 * the room starts recording when the teacher comes in, and an opted-out student's tracks are never
 * recorded while everyone else's are.
 */

const school = headlessSchool({ signIn: ['anna', 'admin'] });

beforeAll(async () => {
  const settings = await school.api.admin.request('PUT', '/api/admin/settings', { recordLessonsAutomatically: true, recordingConsent: 'opt_out', recordingRetentionDays: null });
  expect(settings.status).toBe(200);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the recording policy in the room', () => {
  it('records by itself from the teacher’s arrival, leaves out the student who refused, and a stop sticks', { timeout: 120_000 }, async () => {
    const refusing = await newUser(school.server, { name: 'Refusing student' });
    const willing = await newUser(school.server, { name: 'Willing student' });
    expect((await refusing.client.patch('/api/me', { recordingOptOut: true })).status).toBe(200);
    const lessonId = await bookTestLesson(school.server, school.api.anna, { title: 'Recorded by itself', studentIds: [refusing.id, willing.id] });

    // A student waiting for the teacher: nothing is recorded yet.
    const refuser = await school.participant(refusing.email);
    expect((await refuser.join(lessonId)).room.recording).toBe(false);
    // The teacher comes in: the room records, and says so to everyone.
    const teacher = await school.participant('anna@example.com');
    expect((await teacher.join(lessonId)).room.recording).toBe(true);
    expect(await refuser.waitFor('room:recording')).toEqual({ active: true });
    const other = await school.participant(willing.email);
    expect((await other.join(lessonId)).room.recording).toBe(true);

    await Promise.all([
      teacher.waitForFrames(refuser.userId, 'video', 5, 15_000),
      teacher.waitForFrames(other.userId, 'video', 5, 15_000),
      other.waitForFrames(teacher.userId, 'video', 5, 15_000),
    ]);
    await sleep(3000);
    await teacher.request('recording:stop', {});
    expect(await refuser.waitFor('room:recording', (event) => !event.active)).toEqual({ active: false });

    // The recording holds the teacher's and the willing student's tracks, and nothing of the other.
    const recorded = () => school.server.db.recordingTrack.findMany({ where: { lessonId } });
    await vi.waitFor(async () => expect(await recorded()).toHaveLength(4), { timeout: 30_000, interval: 500 });
    await sleep(2000);
    const tracks = await recorded();
    const sources = (userId: string) => tracks.filter((track) => track.participantId === userId).map((track) => track.source).sort();
    expect(sources(teacher.userId)).toEqual(['camera', 'microphone']);
    expect(sources(other.userId)).toEqual(['camera', 'microphone']);
    expect(sources(refuser.userId)).toEqual([]);
    const folder = path.join(school.server.dataDir, 'uploads', 'recordings', lessonId);
    expect(fs.readdirSync(folder).filter((name) => name.includes(refuser.userId))).toEqual([]);

    // The teacher stopped it: coming back (a new connection) does not start it again.
    await teacher.close();
    const back = await school.participant('anna@example.com');
    expect((await back.join(lessonId)).room.recording).toBe(false);
  });
});
