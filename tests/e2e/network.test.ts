import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { TestCoturn } from '../support/coturn.js';
import { TestHost } from '../support/netns.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { bookLesson, enterRoom, expectVideoFlowing, framesFrom, participantId } from './room-helpers.js';

/**
 * Waits for at least `frames` new frames of that video, failing after `withinMs`. Recovery may
 * bring a new consumer, whose video starts counting from 0 again: a drop in the count is a restart.
 */
async function expectFramesWithin(page: Page, from: string, frames: number, withinMs: number) {
  let last = await framesFrom(page, from);
  let gained = 0;
  const newFrames = async () => {
    const now = await framesFrom(page, from);
    gained += now >= last ? now - last : now;
    last = now;
    return gained;
  };
  await expect.poll(newFrames, { timeout: withinMs, interval: 100 }).toBeGreaterThan(frames);
}

describe('network trouble', () => {
  let host: TestHost;
  let server: TestServer;
  let teacherBrowser: Browser;
  let studentBrowser: Browser;

  beforeAll(async () => {
    host = TestHost.create();
    server = await startTestServer({
      env: { DEMO_DATA: 'true', HOST: '0.0.0.0', RTC_LISTEN_IP: '0.0.0.0', RTC_ANNOUNCED_ADDRESS: host.serverAddress },
    });
    // Plain http on a non-loopback address is not a secure context: say it is, for the camera.
    const origin = `http://${host.serverAddress}:${server.port}`;
    const args = [`--unsafely-treat-insecure-origin-as-secure=${origin}`];
    teacherBrowser = await launchChromium({ media: true, args });
    studentBrowser = await launchChromium({ media: true, args, executablePath: host.chromium });
  });
  afterAll(async () => {
    await studentBrowser?.close();
    await teacherBrowser?.close();
    await server?.close();
    host?.destroy();
  });

  // The browser inside the namespace now and then stalls while it first enters the room (before any
  // cut; not yet understood): such a try is closed and run again. What is asserted stays strict.
  it('a student whose network drops for 5 s gets video flowing again within 5 s of coming back, without a reload', { retry: 2, timeout: 120_000 }, async ({ onTestFinished }) => {
    // Each try leaves no page behind, whether it passed or stalled half-way into the room.
    onTestFinished(async () => {
      await Promise.all([...teacherBrowser.contexts(), ...studentBrowser.contexts()].map((context) => context.close()));
    });
    const origin = `http://${host.serverAddress}:${server.port}`;
    const lessonId = await bookLesson(server, ['ivan@example.com'], 'Network cut');
    const teacher = await enterRoom(teacherBrowser, origin, 'anna@example.com', lessonId);
    const student = await enterRoom(studentBrowser, origin, 'ivan@example.com', lessonId);
    const [teacherId, studentId] = [await participantId(teacher), await participantId(student)];
    await expectVideoFlowing(student, teacherId, 'camera', 30_000);
    await expectVideoFlowing(teacher, studentId, 'camera', 30_000);
    await student.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });

    host.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 5000));
    host.reconnect();

    await Promise.all([expectFramesWithin(teacher, studentId, 10, 5000), expectFramesWithin(student, teacherId, 10, 5000)]);
    expect(await student.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  });
});

describe('TURN relay only (coturn from Debian)', () => {
  let coturn: TestCoturn;
  let browser: Browser;
  const servers: TestServer[] = [];

  beforeAll(async () => {
    coturn = await TestCoturn.start();
    browser = await launchChromium({ media: true });
  });
  afterAll(async () => {
    await browser?.close();
    for (const server of servers) await server.close();
    await coturn?.stop();
  });

  async function lessonThroughRelay(turnSecret: string) {
    const server = await startTestServer({ env: { DEMO_DATA: 'true', TURN_URLS: coturn.url, TURN_SECRET: turnSecret } });
    servers.push(server);
    const lessonId = await bookLesson(server, ['ivan@example.com'], 'Relay');
    const teacher = await enterRoom(browser, server.localUrl, 'anna@example.com', lessonId, '?relay=1');
    const student = await enterRoom(browser, server.localUrl, 'ivan@example.com', lessonId, '?relay=1');
    return { teacher, student, teacherId: await participantId(teacher), studentId: await participantId(student) };
  }

  it('carries the media when every candidate is a relay', async () => {
    const { teacher, student, teacherId, studentId } = await lessonThroughRelay(coturn.secret);
    // Media first needs TURN allocations for every transport; on a busy machine that outlasts 15 s.
    await expectVideoFlowing(student, teacherId, 'camera', 30_000);
    await expectVideoFlowing(teacher, studentId, 'camera', 30_000);
  }, 90_000);

  it('carries nothing with credentials coturn refuses (the relay really is the only path)', async () => {
    const { student, teacherId } = await lessonThroughRelay('not-the-secret');
    await new Promise((resolve) => setTimeout(resolve, 8000));
    expect(await framesFrom(student, teacherId)).toBe(0);
  }, 120_000);
});
