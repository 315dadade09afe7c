#!/usr/bin/env node
// Builds mediasoup's C++ worker offline against Debian's libraries (mediasoup's own build
// downloads its dependencies, which this network does not allow) and caches the binary outside
// the clone, so a fresh clone or a new `npm install` reuses it in a second.
//
//   node sfu/worker-build/build-worker.mjs [--verify]
//
// See README.md beside this file for the recipe and the reason for each patch.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDebianPackages } from '../../scripts/system-packages.mjs';

const RECIPE_DIR = dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = resolve(RECIPE_DIR, '../..');
const requireFromRepo = createRequire(join(REPO_ROOT, 'package.json'));

// Toolchain plus the -dev packages whose libraries replace mediasoup's downloaded subprojects.
// The cached binary links to these shared libraries, so they are ensured before using the cache too.
const DEBIAN_PACKAGES = [
  'g++',
  'meson',
  'ninja-build',
  'pkg-config',
  'flatbuffers-compiler',
  'libflatbuffers-dev',
  'libuv1-dev',
  'libssl-dev',
  'libsrtp2-dev',
  'libusrsctp-dev',
  'libabsl-dev',
];

// mediasoup's DTLS BIO callback compares the operation with == although OpenSSL ORs
// BIO_CB_RETURN with the operation; see README.md.
const DTLS_BIO_FILE = 'src/RTC/DtlsTransport.cpp';
const DTLS_BIO_BUGGY = '(operationType == BIO_CB_RETURN) ? static_cast<long>(ret) : 1';
const DTLS_BIO_FIXED = '(operationType & BIO_CB_RETURN) ? static_cast<long>(ret) : 1';

function log(message) {
  console.log(`[mediasoup-worker] ${message}`);
}

/** Root of the installed mediasoup package (its exports hide package.json; main is node/lib/index.js). */
function mediasoupRoot() {
  return resolve(dirname(requireFromRepo.resolve('mediasoup')), '../..');
}

/** sha256 over every file of this recipe, names included, in a stable order. */
function recipeHash() {
  const hash = createHash('sha256');
  const files = readdirSync(RECIPE_DIR, { recursive: true })
    .filter((name) => statSync(join(RECIPE_DIR, name)).isFile())
    .sort();
  for (const name of files) {
    hash.update(`${name}\0`);
    hash.update(readFileSync(join(RECIPE_DIR, name)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

function cachedBinaryPath(version) {
  const cacheRoot =
    process.env.PANDA_CACHE_DIR ||
    join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'panda-classroom');
  const key = `${version}-${recipeHash().slice(0, 12)}`;
  return join(cacheRoot, 'mediasoup-worker', key, 'mediasoup-worker');
}

/** Copies to a temporary name then renames, so readers never see a partial file and a running worker keeps its old inode. */
function placeExecutable(source, destination) {
  mkdirSync(dirname(destination), { recursive: true });
  const temporary = `${destination}.${process.pid}.tmp`;
  copyFileSync(source, temporary);
  chmodSync(temporary, 0o755);
  renameSync(temporary, destination);
}

function run(command, args, cwd) {
  execFileSync(command, args, { cwd, stdio: 'inherit' });
}

function compareVersions(a, b) {
  const [x, y] = [a, b].map((version) => version.split('.').map(Number));
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const difference = (x[i] ?? 0) - (y[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** Swaps mediasoup's download wraps for the local subprojects that use Debian's libraries. */
function useSystemSubprojects(worker) {
  const subprojects = join(worker, 'subprojects');
  for (const name of readdirSync(subprojects).filter((file) => file.endsWith('.wrap'))) {
    rmSync(join(subprojects, name));
  }
  cpSync(join(RECIPE_DIR, 'subprojects'), subprojects, { recursive: true });
}

function patchDtlsBioCallback(worker) {
  const file = join(worker, DTLS_BIO_FILE);
  const source = readFileSync(file, 'utf8');
  if (!source.includes(DTLS_BIO_BUGGY)) {
    throw new Error(
      `the DTLS BIO callback patch no longer applies: "${DTLS_BIO_BUGGY}" is not in ${DTLS_BIO_FILE}.\n` +
        'Check whether this mediasoup version fixed it (then drop the patch) or changed the code (then update it).',
    );
  }
  writeFileSync(file, source.replace(DTLS_BIO_BUGGY, DTLS_BIO_FIXED));
}

/** Debian 12 ships meson 1.0.1; mediasoup asks for a newer one but needs nothing from it. */
function relaxMesonVersion(worker) {
  const file = join(worker, 'meson.build');
  const source = readFileSync(file, 'utf8');
  const requirement = source.match(/meson_version\s*:\s*'>=\s*([\d.]+)'/);
  const installed = execFileSync('meson', ['--version'], { encoding: 'utf8' }).trim();
  if (!requirement || compareVersions(installed, requirement[1]) >= 0) return;
  log(`meson ${installed} is older than the ${requirement[1]} mediasoup asks for: relaxing the requirement`);
  writeFileSync(file, source.replace(requirement[0], `meson_version: '>= ${installed}'`));
}

function buildWorker(mediasoupDir, destination) {
  const workDir = mkdtempSync(join(tmpdir(), 'mediasoup-worker-'));
  try {
    const worker = join(workDir, 'worker');
    cpSync(join(mediasoupDir, 'worker'), worker, { recursive: true });
    patchDtlsBioCallback(worker);
    useSystemSubprojects(worker);
    relaxMesonVersion(worker);

    log('configuring');
    run(
      'meson',
      [
        'setup',
        'build',
        '--buildtype=release',
        '-Db_ndebug=true',
        '--wrap-mode=nodownload',
        '-Dms_disable_liburing=true',
      ],
      worker,
    );
    // The generated FBS headers are not ordered before the sources that include them.
    log('generating flatbuffers headers');
    run('meson', ['compile', '-C', 'build', 'flatbuffers-generator'], worker);
    log('compiling (a few minutes)');
    run('meson', ['compile', '-C', 'build', 'mediasoup-worker'], worker);

    placeExecutable(join(worker, 'build', 'mediasoup-worker'), destination);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

/**
 * Makes sure node_modules/mediasoup has a worker binary, building it once per mediasoup version
 * and recipe. Does nothing when the operator provides one through MEDIASOUP_WORKER_BIN.
 */
export async function ensureMediasoupWorker() {
  if (process.env.MEDIASOUP_WORKER_BIN) {
    log(`using MEDIASOUP_WORKER_BIN=${process.env.MEDIASOUP_WORKER_BIN}`);
    return;
  }
  ensureDebianPackages(DEBIAN_PACKAGES, 'Building the mediasoup worker');

  const mediasoupDir = mediasoupRoot();
  const { version } = JSON.parse(readFileSync(join(mediasoupDir, 'package.json'), 'utf8'));
  const cached = cachedBinaryPath(version);
  if (existsSync(cached)) {
    log(`using cached ${cached}`);
  } else {
    log(`building mediasoup ${version} worker into ${cached}`);
    const started = Date.now();
    buildWorker(mediasoupDir, cached);
    log(`built in ${Math.round((Date.now() - started) / 1000)} s`);
  }
  placeExecutable(cached, join(mediasoupDir, 'worker', 'out', 'Release', 'mediasoup-worker'));
}

/** Starts a worker and opens a WebRTC transport on loopback, the smallest real use of the binary. */
async function verifyWorker() {
  const mediasoup = requireFromRepo('mediasoup');
  const worker = await mediasoup.createWorker();
  try {
    const router = await worker.createRouter({
      mediaCodecs: [{ kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 }],
    });
    const transport = await router.createWebRtcTransport({
      listenInfos: [{ protocol: 'udp', ip: '127.0.0.1' }],
    });
    log(`verified: worker pid ${worker.pid}, ICE ufrag ${transport.iceParameters.usernameFragment}`);
  } finally {
    worker.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await ensureMediasoupWorker();
    if (process.argv.includes('--verify')) await verifyWorker();
  } catch (error) {
    console.error(`[mediasoup-worker] FAILED: ${error.message}`);
    process.exit(1);
  }
}
