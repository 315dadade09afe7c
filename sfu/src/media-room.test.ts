import type { NewConsumer } from '@panda/shared';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { MediaRoom } from './media-room.js';
import type { MediaPeer } from './media-peer.js';
import { WorkerPool } from './worker-pool.js';

const logger = pino({ level: 'silent' });
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

async function startPool(workers: number, port: number) {
  const pool = await WorkerPool.start({ workers, listenIp: '127.0.0.1', announcedAddress: undefined, port }, logger);
  cleanups.push(() => pool.close());
  return pool;
}

// A transport may produce before any ICE/DTLS: enough to test routing inside the SFU.
const opus = (ssrc: number) => ({
  codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48_000, channels: 2 }],
  encodings: [{ ssrc }],
  rtcp: { cname: `a${ssrc}` },
});
const vp8Simulcast = (ssrc: number) => ({
  codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90_000 }],
  encodings: [{ ssrc }, { ssrc: ssrc + 1 }, { ssrc: ssrc + 2 }],
  rtcp: { cname: `v${ssrc}` },
});

async function joinAndSend(room: MediaRoom, id: string, ssrc: number) {
  const peer = await room.addPeer(id);
  const offered: NewConsumer[] = [];
  peer.on('consumerNew', (consumer) => offered.push(consumer));
  const send = await peer.createTransport('send');
  await peer.createTransport('recv');
  peer.setReady(room.rtpCapabilities as never);
  await peer.produce({ transportId: send.id, kind: 'audio', source: 'microphone', rtpParameters: opus(ssrc), paused: false });
  await peer.produce({ transportId: send.id, kind: 'video', source: 'camera', rtpParameters: vp8Simulcast(ssrc + 10), paused: false });
  return { peer, offered };
}

const settle = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
};

describe('media room (real workers)', () => {
  it('offers every participant every other participant’s tracks, paused until resumed', async () => {
    const pool = await startPool(1, 31_400);
    const room = await MediaRoom.create('lesson-1', pool, 16);
    cleanups.push(() => room.close());
    const a = await joinAndSend(room, 'a', 1000);
    const b = await joinAndSend(room, 'b', 2000);
    await settle(() => a.offered.length === 2 && b.offered.length === 2);
    expect(a.offered.map((c) => `${c.participantId}:${c.source}`).sort()).toEqual(['b:camera', 'b:microphone']);
    expect(b.offered.map((c) => `${c.participantId}:${c.source}`).sort()).toEqual(['a:camera', 'a:microphone']);
    await b.peer.resumeConsumer(b.offered[0]!.consumerId);
  });

  it('spreads a group over a second worker and pipes tracks between the routers', async () => {
    const pool = await startPool(2, 31_500);
    const room = await MediaRoom.create('lesson-2', pool, 2);
    cleanups.push(() => room.close());
    const peers: Array<{ peer: MediaPeer; offered: NewConsumer[] }> = [];
    for (const [index, id] of ['t', 's1', 's2', 's3'].entries()) peers.push(await joinAndSend(room, id, 3000 + index * 100));
    expect(room.workerIndexes.sort()).toEqual([0, 1]);
    expect(pool.workers.map((w) => w.routerCount)).toEqual([1, 1]);

    await settle(() => peers.every((p) => p.offered.length === 6));
    for (const { peer, offered } of peers) {
      const from = new Set(offered.map((c) => c.participantId));
      expect([peer.id, [...from].sort()]).toEqual([peer.id, ['t', 's1', 's2', 's3'].filter((id) => id !== peer.id).sort()]);
    }
  });

  it('picks the simulcast layer from the size of the tile showing the video', async () => {
    const pool = await startPool(1, 31_600);
    const room = await MediaRoom.create('lesson-3', pool, 16);
    cleanups.push(() => room.close());
    const a = await joinAndSend(room, 'a', 5000);
    await joinAndSend(room, 'b', 6000);
    await settle(() => a.offered.length === 2);
    const video = a.offered.find((c) => c.kind === 'video')!;
    await a.peer.resumeConsumer(video.consumerId);
    await expect(a.peer.setViewport(video.consumerId, 720)).resolves.toBeUndefined();
    await expect(a.peer.setViewport('nope', 100)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('receives each track once however often it is offered or asked for; a stalled one is replaced on request', async () => {
    const pool = await startPool(2, 31_700);
    const room = await MediaRoom.create('lesson-4', pool, 16);
    cleanups.push(() => room.close());
    const a = await joinAndSend(room, 'a', 7000);
    // b gets ready while a's tracks are still appearing: the offer and the list race.
    const b = await room.addPeer('b');
    const offered: NewConsumer[] = [];
    b.on('consumerNew', (consumer) => offered.push(consumer));
    await b.createTransport('recv');
    await expect(b.subscribe('nope')).rejects.toMatchObject({ code: 'not_found' });
    const [camera] = room.producerList.filter((p) => p.participantId === 'a' && p.source === 'camera');
    // Asked for before media:ready: refused with a code, nothing made.
    await expect(b.subscribe(camera!.producerId)).rejects.toMatchObject({ code: 'media_error' });
    b.setReady(room.rtpCapabilities as never);
    const asked = await Promise.all([b.subscribe(camera!.producerId), b.subscribe(camera!.producerId)]);
    await settle(() => offered.length === 2);
    expect(offered.map((c) => c.source).sort()).toEqual(['camera', 'microphone']);
    expect(asked[0].consumerId).toBe(asked[1].consumerId);
    expect(offered.find((c) => c.source === 'camera')!.consumerId).toBe(asked[0].consumerId);

    const closed: string[] = [];
    b.on('consumerClosed', ({ consumerId }) => closed.push(consumerId));
    const fresh = await b.subscribe(camera!.producerId, asked[0].consumerId);
    expect(fresh.consumerId).not.toBe(asked[0].consumerId);
    expect(closed).toEqual([asked[0].consumerId]);
    expect((await b.stats()).consumers).toBe(2);
    expect(a.offered).toHaveLength(0);
    // Its own tracks are not for it to receive.
    const [own] = room.producerList.filter((p) => p.participantId === 'a');
    await expect(a.peer.subscribe(own!.producerId)).rejects.toMatchObject({ code: 'not_found' });
  });
});
