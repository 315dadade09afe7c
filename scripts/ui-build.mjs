// Builds classroom-ui when its build is missing or older than its sources, so that `npm start`
// always serves the UI that matches the code.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const builtIndex = path.join(root, 'classroom-ui/dist/index.html');
const SOURCES = ['classroom-ui/src', 'classroom-ui/index.html', 'classroom-ui/vite.config.ts', 'classroom-ui/precompress.ts', 'classroom-ui/public', 'shared/src'];

function newestMtime(target) {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs
    .readdirSync(target)
    .reduce((newest, entry) => Math.max(newest, newestMtime(path.join(target, entry))), stat.mtimeMs);
}

export async function ensureUiBuilt() {
  const builtAt = fs.existsSync(builtIndex) ? fs.statSync(builtIndex).mtimeMs : 0;
  const changedAt = Math.max(...SOURCES.map((source) => newestMtime(path.join(root, source))));
  if (builtAt > changedAt) return;
  console.log('[setup] building the classroom UI');
  execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: path.join(root, 'classroom-ui'),
    stdio: 'inherit',
    // The production build whoever asks: under vitest (NODE_ENV=test) Vite would bundle React's
    // development build, half again as big, and `npm start` would then serve that very build.
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await ensureUiBuilt();
