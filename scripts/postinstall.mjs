// Runs after `npm install` / `npm ci`: everything a fresh clone needs before `npm start`.
// Each step is skipped quickly when its result is already there and current.
import { ensureMediasoupWorker } from '../sfu/worker-build/build-worker.mjs';
import { runPrisma } from '../prisma/tools/prisma.mjs';
import { ensureUiBuilt } from './ui-build.mjs';

await ensureMediasoupWorker();

const generated = await runPrisma(['generate']);
if (generated.code !== 0) {
  console.error('[setup] prisma generate failed');
  process.exit(generated.code);
}

await ensureUiBuilt();
