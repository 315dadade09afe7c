import { once } from 'node:events';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerPool } from './worker-pool.js';

const logger = pino({ level: 'silent' });
const pools: WorkerPool[] = [];
afterEach(() => {
  for (const pool of pools.splice(0)) pool.close();
});

/** Fixed ports below Linux's ephemeral range (32768–60999), where no outgoing connection takes them. */
async function startPool(workers: number, port: number) {
  const pool = await WorkerPool.start({ workers, listenIp: '127.0.0.1', announcedAddress: undefined, port }, logger);
  pools.push(pool);
  return pool;
}

describe('media worker pool (real mediasoup workers)', () => {
  it('gives each worker its own WebRtcServer port and places routers on the least-loaded worker', async () => {
    const pool = await startPool(2, 31_100);
    expect(new Set(pool.workers.map((w) => w.pid)).size).toBe(2);

    const first = await pool.leastLoaded().createRouter({ lesson: 'a' });
    const second = await pool.leastLoaded().createRouter({ lesson: 'b' });
    expect(pool.workers.map((w) => w.routerCount)).toEqual([1, 1]);

    const transport = await first.createWebRtcTransport({ webRtcServer: pool.workers[0]!.webRtcServer });
    expect(transport.iceCandidates.map((c) => `${c.protocol} ${c.address}:${c.port}`).sort()).toEqual([
      'tcp 127.0.0.1:31100',
      'udp 127.0.0.1:31100',
    ]);
    expect(first.rtpCapabilities.codecs?.map((c) => c.mimeType)).toEqual(
      expect.arrayContaining(['audio/opus', 'video/VP8', 'video/H264']),
    );
    second.close();
    expect(pool.workers.map((w) => w.routerCount)).toEqual([1, 0]);
  });

  it('replaces a worker killed with SIGKILL on the same port, and the process lives on', async () => {
    const pool = await startPool(1, 31_200);
    const victim = pool.workers[0]!;
    await victim.createRouter({});
    const died = once(pool, 'workerDied');
    const replaced = once(pool, 'workerReplaced');
    process.kill(victim.pid, 'SIGKILL');

    const [{ index }] = (await died) as [{ index: number }];
    expect(index).toBe(0);
    await replaced;
    const fresh = pool.workers[0]!;
    expect(fresh.pid).not.toBe(victim.pid);
    expect(fresh.routerCount).toBe(0);
    const router = await pool.leastLoaded().createRouter({});
    const transport = await router.createWebRtcTransport({ webRtcServer: fresh.webRtcServer });
    expect(transport.iceCandidates[0]?.port).toBe(31_200);
  });

  it('reports routers and worker CPU time as Prometheus metrics', async () => {
    const pool = await startPool(1, 31_300);
    await pool.leastLoaded().createRouter({});
    const registry = new Registry();
    pool.registerMetrics(registry);
    const text = await registry.metrics();
    expect(text).toContain('panda_sfu_routers{worker="0"} 1');
    expect(text).toMatch(/panda_sfu_worker_cpu_seconds_total\{worker="0"\} [\d.e-]+/);
  });
});
