import { spawnSync } from 'node:child_process';

/** Set in the re-run process, so that it does not re-run itself again. */
const INSIDE = 'PANDA_BENCH_NETNS';

/**
 * libwebrtc gathers candidates on the machine's non-loopback interfaces, so WebRTC media would go
 * to the machine's own external address. As root, a benchmark re-runs itself (same Node flags and
 * arguments) in a new network namespace where loopback is the only interface, plus whatever the
 * `setup` shell commands add; the namespace and its links vanish with the process, even on a crash.
 * Returns only when already inside, or when that cannot be done (not root, no `unshare`).
 */
export function rerunInOwnNetns(setup: string[] = []): void {
  if (insideOwnNetns() || process.getuid?.() !== 0) return;
  const script = ['ip link set lo up', ...setup].join(' && ');
  if (spawnSync('unshare', ['-n', '--', 'sh', '-c', script], { stdio: 'ignore' }).status !== 0) return;
  const args = [...process.execArgv, ...process.argv.slice(1)];
  const child = spawnSync('unshare', ['-n', '--', 'sh', '-c', `${script} && exec "$@"`, 'sh', process.execPath, ...args], {
    stdio: 'inherit',
    env: { ...process.env, [INSIDE]: '1' },
  });
  process.exit(child.status ?? 1);
}

export function insideOwnNetns(): boolean {
  return process.env[INSIDE] === '1';
}
