import { createWorker, type types } from 'mediasoup';
import { ROUTER_MEDIA_CODECS } from './media-codecs.js';

export interface MediaWorkerSettings {
  /** Position in the pool; fixes the worker's port (`port + index`). */
  index: number;
  listenIp: string;
  announcedAddress: string | undefined;
  /** First worker's port; 0 lets each worker take any free port (tests). */
  port: number;
  logLevel?: types.WorkerLogLevel;
}

/**
 * One mediasoup worker process with its WebRtcServer: every WebRTC transport of this worker shares
 * a single UDP and TCP port, so a firewall needs only the pool's few ports open.
 */
export class MediaWorker {
  readonly index: number;
  readonly #worker: types.Worker;
  readonly #webRtcServer: types.WebRtcServer;
  readonly #routers = new Set<types.Router>();

  private constructor(index: number, worker: types.Worker, webRtcServer: types.WebRtcServer) {
    this.index = index;
    this.#worker = worker;
    this.#webRtcServer = webRtcServer;
  }

  static async start(settings: MediaWorkerSettings): Promise<MediaWorker> {
    const worker = await createWorker({ logLevel: settings.logLevel ?? 'warn' });
    try {
      const port = settings.port === 0 ? undefined : settings.port + settings.index;
      const announcedAddress = settings.announcedAddress ?? defaultAnnouncedAddress(settings.listenIp);
      const webRtcServer = await worker.createWebRtcServer({
        listenInfos: (['udp', 'tcp'] as const).map((protocol) => ({
          protocol,
          ip: settings.listenIp,
          ...(port ? { port } : {}),
          ...(announcedAddress ? { announcedAddress } : {}),
        })),
      });
      return new MediaWorker(settings.index, worker, webRtcServer);
    } catch (error) {
      worker.close();
      throw error;
    }
  }

  get pid(): number {
    return this.#worker.pid;
  }

  get closed(): boolean {
    return this.#worker.closed;
  }

  get webRtcServer(): types.WebRtcServer {
    return this.#webRtcServer;
  }

  /** Routers alive on this worker: the pool's measure of load. */
  get routerCount(): number {
    return this.#routers.size;
  }

  /** Called once if the worker process dies; the worker is unusable afterwards. */
  onDied(listener: (error: Error) => void): void {
    this.#worker.once('died', listener);
  }

  async createRouter<AppData extends types.AppData>(appData: AppData): Promise<types.Router<AppData>> {
    const router = await this.#worker.createRouter({ mediaCodecs: ROUTER_MEDIA_CODECS, appData });
    this.#routers.add(router);
    router.observer.once('close', () => this.#routers.delete(router));
    return router;
  }

  /** CPU seconds (user + system) the worker process has used. */
  async cpuSeconds(): Promise<number> {
    const usage = await this.#worker.getResourceUsage();
    return (usage.ru_utime + usage.ru_stime) / 1000;
  }

  close(): void {
    this.#worker.close();
  }
}

/** Listening on every address announces loopback: enough for one machine; set it for a LAN. */
function defaultAnnouncedAddress(listenIp: string): string | undefined {
  if (listenIp === '0.0.0.0') return '127.0.0.1';
  if (listenIp === '::') return '::1';
  return undefined;
}
