import { execFileSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { TestSignalingClient } from '../support/signaling.js';
import { bookLesson, enterRoom, expectAudioFrom, expectVideoFlowing, framesFrom, participantId } from './room-helpers.js';

let server: TestServer;
let browser: Browser;
const pages: Page[] = [];

beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_DATA: 'true' } });
  browser = await launchChromium({ media: true });
});
afterEach(async () => {
  for (const page of pages.splice(0)) await page.close();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function join(email: string, lessonId: string): Promise<{ page: Page; id: string }> {
  const page = await enterRoom(browser, server.localUrl, email, lessonId);
  pages.push(page);
  return { page, id: await participantId(page) };
}

/** The mediasoup worker processes this test process started (the server runs in-process). */
function workerPids(): number[] {
  const out = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((line) => line.includes('mediasoup-work'))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

describe('a lesson in the browser (real Chromium, real SFU)', () => {
  it('teacher and student see and hear each other; a screen share reaches the student; a student cannot use teacher controls', async () => {
    const lessonId = await bookLesson(server, ['ivan@example.com', 'olga@example.com']);
    const teacher = await join('anna@example.com', lessonId);
    const student = await join('ivan@example.com', lessonId);

    await expectVideoFlowing(student.page, teacher.id);
    await expectVideoFlowing(teacher.page, student.id);
    await expectAudioFrom(student.page, teacher.id);
    await expectAudioFrom(teacher.page, student.id);

    await teacher.page.getByTestId('toggle-screen').click();
    await expectVideoFlowing(student.page, teacher.id, 'screen');

    // Another student of the lesson tries the teacher's controls with a raw client: refused.
    const olga = await TestSignalingClient.connect(server.localUrl, 'olga@example.com');
    try {
      await olga.request('room:join', { lessonId });
      for (const [event, payload] of [
        ['moderation:mute', { participantId: student.id }],
        ['moderation:remove', { participantId: student.id }],
        ['lesson:end', {}],
      ] as const) {
        expect(await olga.send(event, payload)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      }
    } finally {
      olga.close();
    }
    await expectVideoFlowing(teacher.page, student.id);
    await expectAudioFrom(teacher.page, student.id);
    expect(await student.page.getByTestId('lesson-room').isVisible()).toBe(true);
  }, 90_000);

  it('a group: a teacher and three students, everyone receiving everyone', async () => {
    const lessonId = await bookLesson(server, ['ivan@example.com', 'olga@example.com', 'maria@example.com'], 'Group');
    const people = [];
    for (const email of ['anna@example.com', 'ivan@example.com', 'olga@example.com', 'maria@example.com']) {
      people.push(await join(email, lessonId));
    }
    for (const receiver of people) {
      for (const sender of people) {
        if (sender === receiver) continue;
        await expectVideoFlowing(receiver.page, sender.id, 'camera', 30_000);
        await expectAudioFrom(receiver.page, sender.id);
      }
    }
  }, 180_000);

  it('brings video back on both sides when the media worker is killed mid-lesson', async () => {
    const lessonId = await bookLesson(server, ['ivan@example.com'], 'Worker crash');
    const teacher = await join('anna@example.com', lessonId);
    const student = await join('ivan@example.com', lessonId);
    await expectVideoFlowing(student.page, teacher.id);

    const [pid] = workerPids();
    expect(pid).toBeGreaterThan(0);
    process.kill(pid as number, 'SIGKILL');
    await expect.poll(() => workerPids().some((p) => p !== pid), { timeout: 15_000 }).toBe(true);

    // Frames counted from new video elements or continuing old ones: either way they must grow.
    await expectVideoFlowing(student.page, teacher.id, 'camera', 30_000);
    await expectVideoFlowing(teacher.page, student.id, 'camera', 30_000);
    expect(await framesFrom(student.page, teacher.id)).toBeGreaterThan(0);
  }, 120_000);
});
