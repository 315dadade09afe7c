import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Debian's Chromium, headless, as root, with a fresh profile (Playwright makes one per launch).
 * `media` adds a fake camera and microphone that need no permission prompt; `executablePath` may be
 * a wrapper that starts it elsewhere (a test host's network namespace); `fakeCamera` makes that camera
 * play a file.
 */
export function launchChromium(
  options: {
    media?: boolean;
    /** A .y4m file the fake camera plays instead of its default picture (see fake-camera.ts). */
    fakeCamera?: string;
    executablePath?: string;
    args?: string[];
  } = {},
): Promise<Browser> {
  return chromium.launch({
    executablePath: options.executablePath ?? CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
      ...(options.media ? ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] : []),
      ...(options.fakeCamera ? [`--use-file-for-fake-video-capture=${options.fakeCamera}`] : []),
      ...(options.args ?? []),
    ],
  });
}
