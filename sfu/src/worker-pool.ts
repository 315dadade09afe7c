import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { Counter, Gauge, type Registry } from 'prom-client';
import { MediaWorker, type MediaWorkerSettings } from './media-worker.js';

export interface WorkerPoolSettings extends Omit<MediaWorkerSettings, 'index'> {
  workers: number;
}

export interface WorkerPoolEvents {
  /** A worker process died; its routers are gone. A replacement is being started. */
  workerDied: [{ index: number; error: Error }];
  /** A replacement worker is ready on the dead one's port. */
  workerReplaced: [MediaWorker];
}

const REPLACE_RETRY_MS = 1000;

/**
 * A fixed set of mediasoup workers, one per core by default. A worker that dies is replaced on
 * its port; the process itself never goes down with it.
 */
export class WorkerPool extends EventEmitter<WorkerPoolEvents> {
  readonly #settings: WorkerPoolSettings;
  readonly #logger: Logger;
  readonly #workers: MediaWorker[];
  #closed = false;

  private constructor(settings: WorkerPoolSettings, logger: Logger, workers: MediaWorker[]) {
    super();
    this.#settings = settings;
    this.#logger = logger;
    this.#workers = workers;
    for (const worker of workers) this.#watch(worker);
  }

  static async start(settings: WorkerPoolSettings, logger: Logger): Promise<WorkerPool> {
    const started = await Promise.allSettled(
      Array.from({ length: settings.workers }, (_, index) => MediaWorker.start({ ...settings, index })),
    );
    const workers = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const failure = started.find((result) => result.status === 'rejected');
    if (failure) {
      for (const worker of workers) worker.close();
      throw new Error(`mediasoup worker failed to start: ${String(failure.reason)}`, { cause: failure.reason });
    }
    const log = logger.child({ component: 'sfu' });
    log.info({ workers: workers.length, port: settings.port }, 'media workers started');
    return new WorkerPool(settings, log, workers);
  }

  get workers(): readonly MediaWorker[] {
    return this.#workers;
  }

  /**
   * The live worker with the fewest routers: where a new lesson's router goes. Workers in `avoid`
   * are taken only when no other is alive (a room spreading over workers prefers new ones).
   */
  leastLoaded(avoid: ReadonlySet<number> = new Set()): MediaWorker {
    const live = this.#workers.filter((worker) => !worker.closed);
    const preferred = live.filter((worker) => !avoid.has(worker.index));
    const best = (preferred.length > 0 ? preferred : live).reduce<MediaWorker | undefined>(
      (chosen, worker) => (!chosen || worker.routerCount < chosen.routerCount ? worker : chosen),
      undefined,
    );
    if (!best) throw new Error('no media worker is running');
    return best;
  }

  /** Per-worker gauges and CPU counters for /metrics. */
  registerMetrics(registry: Registry): void {
    const workers = () => this.#workers;
    const cpuSeen = new Map<number, number>();
    new Gauge({
      name: 'panda_sfu_routers',
      help: 'Routers (lesson rooms) per media worker',
      labelNames: ['worker'],
      registers: [registry],
      collect() {
        for (const worker of workers()) this.set({ worker: worker.index }, worker.routerCount);
      },
    });
    new Counter({
      name: 'panda_sfu_worker_cpu_seconds_total',
      help: 'CPU time used by each media worker process',
      labelNames: ['worker'],
      registers: [registry],
      async collect() {
        for (const worker of workers()) {
          if (worker.closed) continue;
          const total = await worker.cpuSeconds();
          // Counters only go up; a replaced worker starts again from zero.
          const previous = cpuSeen.get(worker.pid) ?? 0;
          if (total > previous) this.inc({ worker: worker.index }, total - previous);
          cpuSeen.set(worker.pid, total);
        }
      },
    });
  }

  close(): void {
    this.#closed = true;
    for (const worker of this.#workers) worker.close();
  }

  #watch(worker: MediaWorker): void {
    worker.onDied((error) => {
      this.#logger.error({ err: error, worker: worker.index, pid: worker.pid }, 'media worker died');
      this.emit('workerDied', { index: worker.index, error });
      void this.#replace(worker.index);
    });
  }

  async #replace(index: number): Promise<void> {
    while (!this.#closed) {
      try {
        const replacement = await MediaWorker.start({ ...this.#settings, index });
        if (this.#closed) {
          replacement.close();
          return;
        }
        this.#workers[index] = replacement;
        this.#watch(replacement);
        this.#logger.info({ worker: index, pid: replacement.pid }, 'media worker replaced');
        this.emit('workerReplaced', replacement);
        return;
      } catch (error) {
        this.#logger.error({ err: error, worker: index }, 'media worker restart failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, REPLACE_RETRY_MS));
      }
    }
  }
}
