import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { fakeCameraFile } from '../support/fake-camera.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { joinLesson, signedIn } from './join-dance.js';

/**
 * Recording from the room as a teacher does it — the Record button, everyone told, Stop — and the
 * student watching it afterwards on the lesson's replay, with the file to download.
 */

let server: TestServer;
const browsers: Browser[] = [];

beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_DATA: 'true', SFU_WORKERS: '1' } });
  const camera = fakeCameraFile(320, 180, 15);
  browsers.push(await launchChromium({ media: true, fakeCamera: camera }), await launchChromium({ media: true, fakeCamera: camera }));
}, 90_000);
afterAll(async () => {
  for (const browser of browsers) await browser.close();
  await server?.close();
});

describe('recording a lesson from the room', () => {
  it('the teacher records with the button, both see it, and the student watches and downloads it on the replay', async () => {
    const anna = await signedIn(browsers[0] as Browser, server.localUrl, 'anna@example.com');
    const ivan = await signedIn(browsers[1] as Browser, server.localUrl, 'ivan@example.com');
    // The demo lesson on now, from each one's dashboard.
    await Promise.all([joinLesson(anna, server.localUrl, null, { hideBoard: true }), joinLesson(ivan, server.localUrl, null, { hideBoard: true })]);
    const lessonId = /\/lessons\/([^/]+)\/room/.exec(anna.page.url())?.[1] ?? '';

    // Only the teacher has the button.
    expect(await ivan.page.getByTestId('record-lesson').count()).toBe(0);
    await anna.page.getByTestId('record-lesson').click();
    await Promise.all([anna.page.getByTestId('room-recording').waitFor(), ivan.page.getByTestId('room-recording').waitFor()]);
    // Ivan reads the interface in Russian.
    expect(await ivan.page.getByTestId('recording-notice').textContent()).toBe('Это занятие записывается.');
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    await anna.page.getByTestId('record-lesson').click();
    await Promise.all([
      anna.page.getByTestId('room-recording').waitFor({ state: 'detached' }),
      ivan.page.getByTestId('room-recording').waitFor({ state: 'detached' }),
    ]);

    // The tracks are kept and composed in the background.
    await expect
      .poll(() => server.db.recordingMix.count({ where: { lessonId } }), { timeout: 60_000, interval: 500 })
      .toBe(1);
    await ivan.page.goto(`${server.localUrl}/lessons/${lessonId}/replay`);
    await ivan.page.getByTestId('replay-page').waitFor();
    const download = ivan.page.getByTestId('replay-download');
    await download.waitFor();
    const href = await download.getAttribute('href');
    const file = await ivan.page.request.get(`${server.localUrl}${href}`);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toBe('video/webm');
    expect((await file.body()).length).toBeGreaterThan(10_000);
  }, 180_000);
});
