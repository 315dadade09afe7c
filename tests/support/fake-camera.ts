import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A camera for Chromium's fake capture that costs less than its default 720p: a moving test
 * picture of `width`×`height` (Chromium loops the file). Four people encoding 720p simulcast on a
 * two-core machine leave no CPU for anything else; a 360p camera is a cheap webcam's. Made with
 * Debian's ffmpeg once per machine and size.
 */
export function fakeCameraFile(width = 640, height = 360, fps = 20): string {
  const file = path.join(os.tmpdir(), `panda-fake-camera-${width}x${height}@${fps}.y4m`);
  if (!fs.existsSync(file)) {
    const partial = `${file}.${process.pid}.partial.y4m`;
    execFileSync('ffmpeg', [
      '-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=${fps}`,
      '-t', '4', '-pix_fmt', 'yuv420p', partial,
    ]);
    fs.renameSync(partial, file);
  }
  return file;
}
