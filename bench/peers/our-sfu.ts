import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, type LessonSeats } from '../lib/agent-host.js';
import type { VideoOptions } from '../lib/headless-client.js';
import { BenchLessons } from '../lib/lessons.js';
import { cpuSeconds, rssBytes } from '../lib/proc.js';
import { startBenchServer, type BenchServer } from '../lib/server.js';
import { SfuWatch } from '../lib/sfu-watch.js';
import { FIRST_FRAME_TIMEOUT_MS, type Contender } from './contender.js';

const PASSWORD = 'bench-password';

/**
 * Our server in this process (API, signaling, one mediasoup worker), its participants the SFU
 * benchmark's headless clients, which log in through the API and join through signaling. Its
 * parts: the worker, and this Node process (signaling, API, database, mediasoup's Node side; the
 * comparison's own code only sleeps while it measures).
 */
export class OurSfu implements Contender {
  readonly name = 'ours';
  readonly #server: BenchServer;
  readonly #watch: SfuWatch;
  readonly #lessons: BenchLessons;
  #agent: Agent | undefined;

  private constructor(server: BenchServer, watch: SfuWatch, lessons: BenchLessons) {
    this.#server = server;
    this.#watch = watch;
    this.#lessons = lessons;
  }

  /** Media on `mediaAddress`, like Janus's, so that both see the same network. */
  static async start(mediaAddress: string): Promise<OurSfu> {
    // Watching starts before the server creates its worker.
    const watch = new SfuWatch();
    const server = await startBenchServer({ RTC_LISTEN_IP: mediaAddress, RECONNECT_GRACE_SECONDS: '1' });
    return new OurSfu(server, watch, await BenchLessons.create(server.database.prisma, PASSWORD));
  }

  prepare(count: number, size: number): Promise<LessonSeats[]> {
    return this.#lessons.add(count, size);
  }

  async join(lessons: LessonSeats[], video: VideoOptions) {
    this.#agent = await Agent.start('webrtc-clients');
    const args = { url: this.#server.localUrl, password: PASSWORD, lessons, video, firstFrameTimeoutMs: FIRST_FRAME_TIMEOUT_MS };
    return this.#agent.request('webrtc-join', args, 600_000);
  }

  sample() {
    if (!this.#agent) throw new Error('join first');
    return this.#agent.request('webrtc-sample', {});
  }

  get loadPid(): number {
    return this.#agent?.pid ?? 0;
  }

  cpuSeconds(): Record<string, number> {
    const usage = process.cpuUsage();
    return { worker: this.#sumOverWorkers(cpuSeconds), Node: (usage.user + usage.system) / 1e6 };
  }

  /** The worker's resident memory (C++, no garbage collector) and the JavaScript heap after a full collection. */
  memory(): Record<string, number> {
    (globalThis as { gc?: () => void }).gc?.();
    return { worker: this.#sumOverWorkers(rssBytes), Node: process.memoryUsage().heapUsed };
  }

  async leave(): Promise<void> {
    await this.#agent?.close();
    this.#agent = undefined;
    // Rooms close a second after their last participant (RECONNECT_GRACE_SECONDS).
    const deadline = Date.now() + 15_000;
    while (this.#watch.rooms.size > 0 && Date.now() < deadline) await sleep(200);
  }

  async close(): Promise<void> {
    await this.#agent?.close();
    await this.#server.close();
  }

  #sumOverWorkers(read: (pid: number) => number): number {
    return this.#watch.workers.reduce((sum, worker) => sum + read(worker.pid), 0);
  }
}
