import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/** Clock ticks per second of /proc's CPU times (100 on every usual Linux). */
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** The pids of `parent`'s children whose command name (as /proc shows it, 15 characters at most) is `command`. */
export function childPids(parent: number, command: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    // pid (comm) state ppid …; comm may hold spaces, so read from the last ')'.
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === parent && comm === command.slice(0, 15)) pids.push(Number(entry));
  }
  return pids;
}

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat; 0 if it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "pid (comm)": state is field 3; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

/** Resident memory of a process in bytes, from /proc/<pid>/status; 0 if it is gone. */
export function rssBytes(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** CPU used over an interval, as % of one core, for a set of processes. */
export class CpuMeter {
  readonly #read: () => number;
  #seconds: number;
  #at: number;

  constructor(read: () => number) {
    this.#read = read;
    this.#seconds = read();
    this.#at = performance.now();
  }

  static forPid(pid: number): CpuMeter {
    return new CpuMeter(() => cpuSeconds(pid));
  }

  /** This Node process (process.cpuUsage: every thread of it). */
  static forSelf(): CpuMeter {
    return new CpuMeter(() => {
      const usage = process.cpuUsage();
      return (usage.user + usage.system) / 1e6;
    });
  }

  /** % of one core since the last call (or construction). */
  percent(): number {
    const seconds = this.#read();
    const at = performance.now();
    const result = ((seconds - this.#seconds) / ((at - this.#at) / 1000)) * 100;
    this.#seconds = seconds;
    this.#at = at;
    return result;
  }
}

/** CPU busy time of the whole machine (every process, the kernel, steal), in CPU seconds. */
export function machineBusySeconds(): number {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
  // cpu user nice system idle iowait irq softirq steal …
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / CLOCK_TICKS;
}

/**
 * Datagrams the kernel dropped because a socket's receive buffer was full, summed over the UDP
 * sockets on these local ports (IPv4, this network namespace), from /proc/net/udp.
 */
export function udpDrops(ports: ReadonlySet<number>): number {
  let drops = 0;
  for (const line of fs.readFileSync('/proc/net/udp', 'utf8').split('\n').slice(1)) {
    // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ref pointer drops
    const fields = line.trim().split(/\s+/);
    if (fields.length < 13) continue;
    const port = parseInt(fields[1]!.split(':')[1]!, 16);
    if (ports.has(port)) drops += Number(fields[12]);
  }
  return drops;
}
