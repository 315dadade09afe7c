import fs from 'node:fs';
import path from 'node:path';
import { DAY_MS, FileStore, sweepRecordings } from '@panda/api';
import { PrismaRecordingStore } from '@panda/signaling';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createUser, loginAs, newUser } from '../support/accounts.js';
import { TestClock } from '../support/clock.js';
import { ApiClient } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * The school's recording policy through the real server: admins alone read and set it and see
 * what recordings take on disk; a student opts out on their profile; recordings past the
 * retention are deleted, files and rows, by the sweep (time injected).
 */

let server: TestServer;
let admin: ApiClient;
let uploadsDir: string;

const DEFAULTS = { recordLessonsAutomatically: false, recordingConsent: 'notice', recordingRetentionDays: null };

const putSettings = (client: ApiClient, body: unknown) => client.request('PUT', '/api/admin/settings', body);

beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_DATA: 'true' } });
  admin = await loginAs(server, 'admin@example.com');
  uploadsDir = path.join(server.dataDir, 'uploads');
});
afterAll(() => server?.close());
beforeEach(async () => {
  expect((await putSettings(admin, DEFAULTS)).status).toBe(200);
});

/** A held lesson of a new teacher with one track of each person recorded, the last one ending at `endedAt`. */
async function recordedLesson(endedAt: Date, people: string[]): Promise<{ lessonId: string; files: string[] }> {
  const teacher = await createUser(server, { role: 'teacher', teaches: ['en'] });
  const startsAt = new Date(endedAt.getTime() - 60 * 60_000);
  const lesson = await server.db.lesson.create({
    data: { teacherId: teacher.id, language: 'en', startsAt, endsAt: endedAt, status: 'held', heldAt: endedAt },
  });
  const store = new PrismaRecordingStore(server.db, uploadsDir);
  const dir = path.join(uploadsDir, 'recordings', lesson.id);
  fs.mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (const [index, participantId] of [teacher.id, ...people].entries()) {
    const file = path.join(dir, `${index}-${participantId}-camera.webm`);
    fs.writeFileSync(file, Buffer.alloc(1000 * (index + 1), index));
    files.push(file);
    await store.saveTrack({ lessonId: lesson.id, participantId, source: 'camera', kind: 'video', file, startedAt: startsAt, stoppedAt: new Date(endedAt.getTime() - index * 60_000) });
  }
  return { lessonId: lesson.id, files };
}

describe('the school settings', () => {
  it('are read and replaced by an admin', async () => {
    expect((await admin.get('/api/admin/settings')).body).toEqual(DEFAULTS);
    const wanted = { recordLessonsAutomatically: true, recordingConsent: 'opt_out', recordingRetentionDays: 90 };
    const saved = await putSettings(admin, wanted);
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual(wanted);
    expect((await admin.get('/api/admin/settings')).body).toEqual(wanted);
  });

  it('are for admins only', async () => {
    for (const email of ['ivan@example.com', 'anna@example.com', 'methodist@example.com']) {
      const someone = await loginAs(server, email);
      for (const [method, url, body] of [
        ['GET', '/api/admin/settings', undefined],
        ['PUT', '/api/admin/settings', { ...DEFAULTS, recordLessonsAutomatically: true }],
        ['GET', '/api/admin/recording-storage', undefined],
      ] as const) {
        const response = await someone.request(method, url, body);
        expect({ email, url, method, status: response.status, code: response.body.code }).toEqual({ email, url, method, status: 403, code: 'forbidden' });
      }
    }
    const anonymous = await putSettings(new ApiClient(server.localUrl), DEFAULTS);
    expect(anonymous.status).toBe(401);
    expect((await admin.get('/api/admin/settings')).body).toEqual(DEFAULTS);
  });

  it('refuse a bad body with validation_failed, naming the fields, and change nothing', async () => {
    const bad = await putSettings(admin, { recordLessonsAutomatically: 'yes', recordingConsent: 'always', recordingRetentionDays: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('validation_failed');
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'body.recordLessonsAutomatically',
      'body.recordingConsent',
      'body.recordingRetentionDays',
    ]);
    for (const body of [{}, { ...DEFAULTS, recordingRetentionDays: 1.5 }, { recordLessonsAutomatically: true }]) {
      const response = await putSettings(admin, body);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('validation_failed');
    }
    expect((await admin.get('/api/admin/settings')).body).toEqual(DEFAULTS);
  });

  it('show admins the storage recordings take', async () => {
    const before = (await admin.get('/api/admin/recording-storage')).body;
    const endedAt = new Date(Date.now() - 2 * DAY_MS);
    const { files } = await recordedLesson(endedAt, [(await createUser(server)).id]);
    const after = (await admin.get('/api/admin/recording-storage')).body;
    expect(after.files).toBe(before.files + 2);
    expect(after.bytes).toBe(before.bytes + files.reduce((sum, file) => sum + fs.statSync(file).size, 0));
    const oldest = new Date(endedAt.getTime() - 60 * 60_000);
    expect(new Date(after.oldestAt).getTime()).toBeLessThanOrEqual(oldest.getTime());
  });
});

describe('a student’s opt-out', () => {
  it('is set on the profile and counts when the school lets students refuse', async () => {
    const student = await newUser(server);
    expect((await student.client.get('/api/me')).body.recordingOptOut).toBe(false);
    const updated = await student.client.patch('/api/me', { recordingOptOut: true });
    expect(updated.status).toBe(200);
    expect(updated.body.recordingOptOut).toBe(true);
    expect((await server.db.user.findUniqueOrThrow({ where: { id: student.id } })).recordingOptOut).toBe(true);

    // Told only, everyone is recorded; allowed to refuse, the student is not.
    expect((await student.client.get('/api/me/recording-policy')).body).toEqual({ automatic: false, consent: 'notice', recorded: true });
    await putSettings(admin, { ...DEFAULTS, recordLessonsAutomatically: true, recordingConsent: 'opt_out' });
    expect((await student.client.get('/api/me/recording-policy')).body).toEqual({ automatic: true, consent: 'opt_out', recorded: false });

    await student.client.patch('/api/me', { recordingOptOut: false });
    expect((await student.client.get('/api/me/recording-policy')).body.recorded).toBe(true);
  });

  it('is a student’s choice alone, and a bad value changes nothing', async () => {
    const teacher = await newUser(server, { role: 'teacher', teaches: ['en'] });
    const refused = await teacher.client.patch('/api/me', { recordingOptOut: true });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'validation_failed', errors: [{ path: 'body.recordingOptOut' }] });
    expect((await server.db.user.findUniqueOrThrow({ where: { id: teacher.id } })).recordingOptOut).toBe(false);
    await putSettings(admin, { ...DEFAULTS, recordingConsent: 'opt_out' });
    expect((await teacher.client.get('/api/me/recording-policy')).body.recorded).toBe(true);

    const student = await newUser(server);
    const bad = await student.client.patch('/api/me', { recordingOptOut: 'please' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('body.recordingOptOut');
    expect((await server.db.user.findUniqueOrThrow({ where: { id: student.id } })).recordingOptOut).toBe(false);
  });
});

describe('the user agreement', () => {
  it('says, in both languages, that lessons may be recorded and how a student opts out', async () => {
    const en = (await new ApiClient(server.localUrl).get('/api/agreement?locale=en')).body;
    const ru = (await new ApiClient(server.localUrl).get('/api/agreement?locale=ru')).body;
    expect(en.version).toBe(2);
    expect(en.text).toContain('may record lessons');
    expect(en.text).toContain('Do not record me in lessons');
    expect(ru.text).toContain('может записывать занятия');
    expect(ru.text).toContain('Не записывать меня на занятиях');
  });
});

describe('the retention sweep', () => {
  it('deletes the recordings of lessons whose last track ended longer ago than the school keeps them: files and rows', async () => {
    const clock = new TestClock();
    const sweep = () => sweepRecordings({ db: server.db, clock, files: new FileStore(uploadsDir) });
    const student = await createUser(server);
    const old = await recordedLesson(new Date(clock.now().getTime() - 31 * DAY_MS), [student.id]);
    const recent = await recordedLesson(new Date(clock.now().getTime() - 29 * DAY_MS), [student.id]);
    // The old lesson's tracks were also mixed into one file.
    const mixFile = path.join(uploadsDir, 'recordings', old.lessonId, 'mix.webm');
    fs.writeFileSync(mixFile, Buffer.alloc(500));
    const mixUpload = await server.db.uploadedFile.create({
      data: { ownerId: student.id, name: 'mix.webm', mimeType: 'video/webm', size: 500, sha256: 'mix', storageKey: path.relative(uploadsDir, mixFile) },
    });
    await server.db.recordingMix.create({ data: { lessonId: old.lessonId, fileId: mixUpload.id, startedAt: new Date(), durationMs: 1000 } });
    const rows = async (lessonId: string) => {
      const tracks = await server.db.recordingTrack.count({ where: { lessonId } });
      const mixes = await server.db.recordingMix.count({ where: { lessonId } });
      const files = await server.db.uploadedFile.count({ where: { storageKey: { startsWith: `recordings/${lessonId}/` } } });
      return { tracks, mixes, files };
    };

    // Kept without a retention.
    expect(await sweep()).toEqual({ lessons: 0, files: 0 });
    expect(await rows(old.lessonId)).toEqual({ tracks: 2, mixes: 1, files: 3 });

    await putSettings(admin, { ...DEFAULTS, recordingRetentionDays: 30 });
    expect(await sweep()).toEqual({ lessons: 1, files: 3 });
    expect(await rows(old.lessonId)).toEqual({ tracks: 0, mixes: 0, files: 0 });
    for (const file of [...old.files, mixFile]) expect(fs.existsSync(file)).toBe(false);
    expect(await rows(recent.lessonId)).toEqual({ tracks: 2, mixes: 0, files: 2 });
    for (const file of recent.files) expect(fs.existsSync(file)).toBe(true);

    // Two days on, the other lesson's recording has had its 30 days too.
    clock.advance(2 * DAY_MS);
    expect(await sweep()).toEqual({ lessons: 1, files: 2 });
    expect(await rows(recent.lessonId)).toEqual({ tracks: 0, mixes: 0, files: 0 });
    for (const file of recent.files) expect(fs.existsSync(file)).toBe(false);
  });
});
