#!/usr/bin/env node
// `node prisma/tools/prisma.mjs <prisma args…>`: the prisma CLI, run from prisma/ (so it picks up
// prisma.config.ts) with the offline schema engine instead of the native binary it can't download.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const toolsDir = path.dirname(fileURLToPath(import.meta.url));
export const prismaDir = path.dirname(toolsDir);
const prismaCli = createRequire(import.meta.url).resolve('prisma/build/index.js');

/**
 * Runs `prisma …args` and resolves with its exit code, plus its stdout when `captureStdout` is set
 * (otherwise the output goes straight to the terminal). `env` adds to the current environment.
 */
export function runPrisma(args, { env = {}, captureStdout = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [prismaCli, ...args], {
      cwd: prismaDir,
      env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: path.join(toolsDir, 'schema-engine.mjs'), ...env },
      stdio: ['inherit', captureStdout ? 'pipe' : 'inherit', 'inherit'],
    });
    let stdout = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk) => {
      stdout += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout }));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exitCode = (await runPrisma(process.argv.slice(2))).code;
}
