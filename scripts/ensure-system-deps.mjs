// `node scripts/ensure-system-deps.mjs test`: the Debian packages the test suite drives for real
// (a browser for the UI and media tests). Installed when running as root, otherwise the exact
// apt-get line is printed and the run stops.
import { ensureDebianPackages } from './system-packages.mjs';

const GROUPS = {
  test: {
    packages: ['chromium', 'coturn', 'ffmpeg'],
    purpose: 'The test suite (real Chromium for browser tests, coturn for TURN, ffmpeg for the board\'s video)',
  },
  bench: { packages: ['ffmpeg'], purpose: 'The SFU benchmark (ffmpeg encodes the replayed video)' },
  peers: { packages: ['janus'], purpose: 'The comparison with Janus (bench:peers runs Debian\'s Janus beside our SFU)' },
};

const group = GROUPS[process.argv[2] ?? ''];
if (!group) {
  console.error(`usage: ensure-system-deps.mjs ${Object.keys(GROUPS).join('|')}`);
  process.exit(2);
}
ensureDebianPackages(group.packages, group.purpose);
