// Debian packages the project needs on its machines. Installs them when running as root
// (npm install / npm test on a fresh machine), otherwise prints the exact apt-get line and fails.
import { execFileSync, spawnSync } from 'node:child_process';

/** Packages whose status in dpkg is not "install ok installed". */
export function missingDebianPackages(packages) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Package} ${Status}\n', ...packages], {
    encoding: 'utf8',
  });
  const installed = new Set(
    (result.stdout ?? '')
      .split('\n')
      .filter((line) => line.endsWith(' install ok installed'))
      .map((line) => line.split(' ')[0]),
  );
  return packages.filter((name) => !installed.has(name));
}

/**
 * Makes sure the Debian packages are installed; `purpose` explains to a human why.
 * Exits the process with code 1 and the apt-get line when they are missing and we are not root.
 */
export function ensureDebianPackages(packages, purpose) {
  const missing = missingDebianPackages(packages);
  if (missing.length === 0) return;
  const line = `apt-get install -y ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    console.error(
      `\n${purpose} needs Debian packages that are not installed.\n` +
        `Run as root:\n\n  apt-get update && ${line}\n`,
    );
    process.exit(1);
  }
  console.log(`[setup] ${purpose}: installing ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // Another apt-get (an operator's, or a parallel install) holds the lock for a while: wait for it.
  const waitForLock = ['-o', 'DPkg::Lock::Timeout=600'];
  execFileSync('apt-get', [...waitForLock, 'update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', [...waitForLock, 'install', '-y', '-qq', '--no-install-recommends', ...missing], {
    stdio: 'inherit',
    env,
  });
}
