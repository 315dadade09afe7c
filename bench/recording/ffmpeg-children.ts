import fs from 'node:fs';
import { childPids, cpuSeconds, rssBytes } from '../lib/proc.js';

/** What the server's ffmpeg children used so far, by role. */
export interface FfmpegUse {
  /** Processes seen (alive or ended). */
  processes: number;
  /** CPU seconds, as last seen: a process's last ~100 ms before it ended are missed. */
  cpuSeconds: number;
  /** Resident memory of those alive now. */
  rssBytes: number;
}

type Role = 'recorder' | 'mixer';

/**
 * The ffmpeg processes a parent (the server, in this process) started, found under /proc by parent
 * pid and command name, and told apart by their arguments: a track recorder reads RTP described by
 * an SDP (`-protocol_whitelist`), a mix encoder composes with `-filter_complex`. One whose arguments
 * cannot be read (an exiting process has none) is left for the next poll. Mixers live only seconds,
 * so `poll()` often while they run.
 */
export class FfmpegChildren {
  readonly #parent: number;
  /** Last CPU seconds seen, by pid and role. */
  readonly #seen = new Map<number, { role: Role; cpu: number }>();
  #alive = new Set<number>();

  constructor(parent = process.pid) {
    this.#parent = parent;
  }

  poll(): void {
    const alive = new Set<number>();
    for (const pid of childPids(this.#parent, 'ffmpeg')) {
      alive.add(pid);
      const cpu = cpuSeconds(pid);
      const known = this.#seen.get(pid);
      if (known) {
        known.cpu = Math.max(known.cpu, cpu);
        continue;
      }
      const role = roleOf(pid);
      if (role) this.#seen.set(pid, { role, cpu });
    }
    this.#alive = alive;
  }

  /** Use by every process of that role seen so far. */
  use(role: Role): FfmpegUse {
    const mine = [...this.#seen].filter(([, seen]) => seen.role === role);
    return {
      processes: mine.length,
      cpuSeconds: mine.reduce((sum, [, seen]) => sum + seen.cpu, 0),
      rssBytes: mine.filter(([pid]) => this.#alive.has(pid)).reduce((sum, [pid]) => sum + rssBytes(pid), 0),
    };
  }
}

function roleOf(pid: number): Role | undefined {
  let args: string[];
  try {
    args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return undefined;
  }
  if (args.includes('-protocol_whitelist')) return 'recorder';
  if (args.includes('-filter_complex')) return 'mixer';
  return undefined;
}
