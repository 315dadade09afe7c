export interface Stall {
  /** When it ended, in ms since the watch was last reset. */
  at: number;
  /** How long the event loop did not come round. */
  wallMs: number;
  /** CPU this process used meanwhile: close to wallMs when the server was busy, far below when the machine did not let it run. */
  cpuMs: number;
}

/**
 * Event-loop stalls of this process of at least STALL_MS, with the CPU time the process used
 * during each: a busy stall is the process's own work, one with little CPU is the machine (other
 * programs) not letting it run.
 */
export class StallWatch {
  static readonly TICK_MS = 10;
  static readonly STALL_MS = 100;
  #stalls: Stall[] = [];
  #since = performance.now();
  #last = performance.now();
  #lastCpu = cpuMs();

  constructor() {
    setInterval(() => {
      const now = performance.now();
      const cpu = cpuMs();
      if (now - this.#last >= StallWatch.STALL_MS) this.#stalls.push({ at: now - this.#since, wallMs: now - this.#last, cpuMs: cpu - this.#lastCpu });
      this.#last = now;
      this.#lastCpu = cpu;
    }, StallWatch.TICK_MS).unref();
  }

  reset(): void {
    this.#stalls = [];
    this.#since = performance.now();
  }

  take(): Stall[] {
    const stalls = this.#stalls;
    this.#stalls = [];
    return stalls;
  }
}

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}
