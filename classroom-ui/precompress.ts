import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

/** Text and other formats that shrink; fonts like woff2, pictures and media are compressed already. */
const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.wasm', '.txt', '.xml', '.webmanifest', '.ttf', '.otf']);

/** Below this, the bytes saved are fewer than a request's headers. */
const MIN_BYTES = 1024;

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * Writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip, level 9) next to every compressible
 * file of the build, so the server answers phones with the smallest bytes and spends no CPU on them
 * (server/src/ui-files.ts). Done once per build, the slowest settings cost nothing per request.
 */
export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'panda:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    // Once the build is on disk, public folder included. Not in writeBundle: Rolldown would report
    // these deliberately slow seconds as a slow plugin on every build.
    async closeBundle(error) {
      if (error) return;
      const files = await fs.readdir(outDir, { recursive: true, withFileTypes: true });
      await Promise.all(files.filter(isCompressible).map((file) => writeCompressed(path.join(file.parentPath, file.name))));
    },
  };
}

function isCompressible(file: { name: string; isFile(): boolean }): boolean {
  // The server adds a nonce to index.html on every response, so a compressed copy would never fit.
  return file.isFile() && file.name !== 'index.html' && COMPRESSIBLE.has(path.extname(file.name));
}

async function writeCompressed(file: string): Promise<void> {
  const bytes = await fs.readFile(file);
  if (bytes.length < MIN_BYTES) return;
  const [br, gz] = await Promise.all([
    brotli(bytes, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }),
    gzip(bytes, { level: zlib.constants.Z_BEST_COMPRESSION }),
  ]);
  // A copy that saves nothing would only cost a file and a stat.
  await Promise.all([
    br.length < bytes.length && fs.writeFile(`${file}.br`, br),
    gz.length < bytes.length && fs.writeFile(`${file}.gz`, gz),
  ]);
}
