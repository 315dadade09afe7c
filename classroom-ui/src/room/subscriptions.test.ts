import type { RoomProducer } from '@panda/shared';
import { describe, expect, it } from 'vitest';
import { cameraReception, planSubscriptions, type HeldConsumer, type SubscriptionPlanInput } from './subscriptions';

const SELF = '00000000-0000-4000-8000-000000000001';
const ANNA = '00000000-0000-4000-8000-000000000002';
const IVAN = '00000000-0000-4000-8000-000000000003';
const STALL = 3_000;
const NOW = 100_000;

const producer = (producerId: string, participantId: string, extra: Partial<RoomProducer> = {}): RoomProducer => ({
  producerId,
  participantId,
  kind: producerId.startsWith('cam') ? 'video' : 'audio',
  source: producerId.startsWith('cam') ? 'camera' : 'microphone',
  paused: false,
  ...extra,
});

const held = (consumerId: string, producerId: string, extra: Partial<HeldConsumer> = {}): HeldConsumer => ({
  consumerId,
  producerId,
  since: NOW - 10_000,
  lastProgressAt: NOW - 500,
  paused: false,
  idle: false,
  repairs: 0,
  steady: true,
  ...extra,
});

function plan(input: Partial<SubscriptionPlanInput>) {
  return planSubscriptions({
    selfId: SELF,
    producers: [],
    listedAt: NOW - 50,
    consumers: [],
    pending: new Set(),
    transportUp: true,
    now: NOW,
    stallMs: STALL,
    ...input,
  });
}

describe('planSubscriptions', () => {
  it('asks for every track of the others it does not receive, never for its own', () => {
    const producers = [producer('mic-a', ANNA), producer('cam-a', ANNA), producer('mic-s', SELF), producer('cam-i', IVAN)];
    expect(plan({ producers, consumers: [held('c1', 'mic-a')] })).toEqual([
      { type: 'consume', producerId: 'cam-a' },
      { type: 'consume', producerId: 'cam-i' },
    ]);
  });

  it('does nothing when everything flows', () => {
    const producers = [producer('mic-a', ANNA), producer('cam-a', ANNA)];
    expect(plan({ producers, consumers: [held('c1', 'mic-a'), held('c2', 'cam-a')] })).toEqual([]);
  });

  it('does not ask twice for a track already being asked for', () => {
    expect(plan({ producers: [producer('cam-a', ANNA)], pending: new Set(['cam-a']) })).toEqual([]);
  });

  it('drops a consumer whose track has left the room, unless it is newer than the list', () => {
    const consumers = [held('old', 'cam-gone'), held('new', 'cam-new', { since: NOW - 10, lastProgressAt: null })];
    expect(plan({ producers: [], consumers })).toEqual([{ type: 'drop', consumerId: 'old' }]);
  });

  it('keeps the newest of two consumers of one track', () => {
    const consumers = [held('first', 'cam-a', { since: NOW - 9_000 }), held('second', 'cam-a', { since: NOW - 2_000 })];
    expect(plan({ producers: [producer('cam-a', ANNA)], consumers })).toEqual([{ type: 'drop', consumerId: 'first' }]);
  });

  it('re-creates a consumer that shows nothing for longer than the stall time while it should flow', () => {
    const producers = [producer('cam-a', ANNA)];
    expect(plan({ producers, consumers: [held('c', 'cam-a', { lastProgressAt: null, since: NOW - STALL - 1 })] })).toEqual([
      { type: 'recreate', consumerId: 'c', producerId: 'cam-a' },
    ]);
    expect(plan({ producers, consumers: [held('c', 'cam-a', { lastProgressAt: NOW - STALL - 1 })] })).toEqual([
      { type: 'recreate', consumerId: 'c', producerId: 'cam-a' },
    ]);
    // Just within the time: left alone.
    expect(plan({ producers, consumers: [held('c', 'cam-a', { lastProgressAt: null, since: NOW - STALL })] })).toEqual([]);
  });

  it('leaves silence alone when it is meant: paused by the sender, a hidden tile, or the transport down', () => {
    const quiet = { lastProgressAt: null, since: NOW - 60_000 };
    expect(plan({ producers: [producer('cam-a', ANNA, { paused: true })], consumers: [held('c', 'cam-a', quiet)] })).toEqual([]);
    expect(plan({ producers: [producer('cam-a', ANNA)], consumers: [held('c', 'cam-a', { ...quiet, paused: true })] })).toEqual([]);
    expect(plan({ producers: [producer('cam-a', ANNA)], consumers: [held('c', 'cam-a', { ...quiet, idle: true })] })).toEqual([]);
    expect(plan({ producers: [producer('cam-a', ANNA)], consumers: [held('c', 'cam-a', quiet)], transportUp: false })).toEqual([]);
  });

  it('leaves a shared screen alone while nothing on it changes, but not one that never started', () => {
    const producers = [producer('screen-a', ANNA, { kind: 'video', source: 'screen' })];
    const still = held('c', 'screen-a', { steady: false, lastProgressAt: NOW - 60_000, since: NOW - 120_000 });
    expect(plan({ producers, consumers: [still] })).toEqual([]);
    const never = held('c', 'screen-a', { steady: false, lastProgressAt: null, since: NOW - STALL - 1 });
    expect(plan({ producers, consumers: [never] })).toEqual([{ type: 'recreate', consumerId: 'c', producerId: 'screen-a' }]);
  });

  it('gives each new try longer: twice the stall time after one repair, capped at eight times', () => {
    const producers = [producer('cam-a', ANNA)];
    const after = (repairs: number, quietMs: number) =>
      plan({ producers, consumers: [held('c', 'cam-a', { lastProgressAt: null, since: NOW - quietMs, repairs })] }).length;
    expect(after(1, 2 * STALL)).toBe(0);
    expect(after(1, 2 * STALL + 1)).toBe(1);
    expect(after(10, 8 * STALL)).toBe(0);
    expect(after(10, 8 * STALL + 1)).toBe(1);
  });

  it('a producer resumed after a long pause starts a fresh wait (since moves)', () => {
    const consumers = [held('c', 'cam-a', { lastProgressAt: NOW - 60_000, since: NOW - 1_000 })];
    expect(plan({ producers: [producer('cam-a', ANNA)], consumers })).toEqual([]);
  });
});

describe('cameraReception', () => {
  it('flowing while frames come, waiting for the first ones, stalled after the stall time', () => {
    expect(cameraReception({ onSince: NOW - 20_000, consumer: held('c', 'cam-a'), now: NOW, stallMs: STALL })).toBe('flowing');
    expect(cameraReception({ onSince: NOW - 1_000, consumer: undefined, now: NOW, stallMs: STALL })).toBe('waiting');
    expect(cameraReception({ onSince: NOW - STALL, consumer: undefined, now: NOW, stallMs: STALL })).toBe('stalled');
    const silent = held('c', 'cam-a', { since: NOW - 5_000, lastProgressAt: NOW - 4_000 });
    expect(cameraReception({ onSince: NOW - 20_000, consumer: silent, now: NOW, stallMs: STALL })).toBe('stalled');
  });

  it('stays stalled after a repair until a frame comes', () => {
    const repaired = held('c', 'cam-a', { since: NOW - 100, lastProgressAt: null, repairs: 1 });
    expect(cameraReception({ onSince: NOW - 20_000, consumer: repaired, now: NOW, stallMs: STALL })).toBe('stalled');
    expect(cameraReception({ onSince: NOW - 20_000, consumer: { ...repaired, lastProgressAt: NOW }, now: NOW, stallMs: STALL })).toBe(
      'flowing',
    );
  });
});
