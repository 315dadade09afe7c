import type { RoomProducer } from '@panda/shared';

/**
 * Reconciling what this browser receives against what the room sends: pure rules, with the time
 * passed in. The room's list is the truth; one-shot offers only make things faster.
 */

/** A consumer this browser holds, as the reconciliation sees it. */
export interface HeldConsumer {
  consumerId: string;
  producerId: string;
  /** Since when it should be flowing: created, re-created, its producer resumed, or its tile shown again. */
  since: number;
  /** When its packets (audio) or decoded frames (video) last grew; null before the first. */
  lastProgressAt: number | null;
  /** The sender paused it (as this browser last heard). */
  paused: boolean;
  /** Nothing is forwarded on purpose: its tile is not on screen. */
  idle: boolean;
  /** Re-created in a row without any progress; each new try is given longer. */
  repairs: number;
  /**
   * Its sender sends all the time (a camera, a microphone). A shared screen may send nothing while
   * nothing on it changes: it only counts as stalled if nothing of it ever came.
   */
  steady: boolean;
}

export type SubscriptionAction =
  /** A track of the room nobody here receives: ask the server for its consumer. */
  | { type: 'consume'; producerId: string }
  /** Its track left the room (or it is a duplicate): close it here. */
  | { type: 'drop'; consumerId: string }
  /** It should flow and doesn't: replace it with a fresh consumer. */
  | { type: 'recreate'; consumerId: string; producerId: string };

export interface SubscriptionPlanInput {
  selfId: string;
  /** Every producer of the room, as the server listed them… */
  producers: readonly RoomProducer[];
  /** …and when that list was asked for: consumers made since may be of newer tracks. */
  listedAt: number;
  consumers: readonly HeldConsumer[];
  /** Producers whose consumer is being asked for right now. */
  pending: ReadonlySet<string>;
  /** The receive transport is connected: only then does silence mean a stalled track. */
  transportUp: boolean;
  now: number;
  /** How long a track that should flow may show nothing before it is re-created. */
  stallMs: number;
}

/** The longest wait before a re-creation, as a multiple of `stallMs`. */
const MAX_BACKOFF = 8;

/** How long this consumer may go without progress before it counts as stalled. */
export function stallAfter(consumer: HeldConsumer, stallMs: number): number {
  return stallMs * Math.min(2 ** consumer.repairs, MAX_BACKOFF);
}

/** What to do so that this browser receives exactly the live tracks of everyone else. */
export function planSubscriptions(input: SubscriptionPlanInput): SubscriptionAction[] {
  const { selfId, producers, listedAt, consumers, pending, transportUp, now, stallMs } = input;
  const actions: SubscriptionAction[] = [];
  const others = new Map(producers.filter((p) => p.participantId !== selfId).map((p) => [p.producerId, p]));

  const byProducer = new Map<string, HeldConsumer[]>();
  for (const consumer of consumers) {
    const group = byProducer.get(consumer.producerId) ?? [];
    group.push(consumer);
    byProducer.set(consumer.producerId, group);
  }

  for (const [producerId, group] of byProducer) {
    // Newest first: the one kept is the latest the server made.
    const [kept, ...duplicates] = [...group].sort((a, b) => b.since - a.since);
    for (const duplicate of duplicates) actions.push({ type: 'drop', consumerId: duplicate.consumerId });
    if (!kept) continue;
    const producer = others.get(producerId);
    if (!producer) {
      if (kept.since < listedAt) actions.push({ type: 'drop', consumerId: kept.consumerId });
      continue;
    }
    const shouldFlow = transportUp && !producer.paused && !kept.paused && !kept.idle;
    const quietSince = Math.max(kept.since, kept.lastProgressAt ?? 0);
    const judged = kept.steady || kept.lastProgressAt === null;
    if (shouldFlow && judged && now - quietSince > stallAfter(kept, stallMs)) {
      actions.push({ type: 'recreate', consumerId: kept.consumerId, producerId });
    }
  }

  for (const producerId of others.keys()) {
    if (!byProducer.has(producerId) && !pending.has(producerId)) actions.push({ type: 'consume', producerId });
  }
  return actions;
}

/** What a tile shows of a camera that is on: its picture, a wait for the first frames, or trouble. */
export type Reception = 'flowing' | 'waiting' | 'stalled';

/**
 * How a camera someone has on reaches this browser. `onSince`: since when this browser knows the
 * camera is on; `consumer`: its consumer here, if any.
 */
export function cameraReception(input: {
  onSince: number;
  consumer: HeldConsumer | undefined;
  now: number;
  stallMs: number;
}): Reception {
  const { onSince, consumer, now, stallMs } = input;
  const progressAt = consumer?.lastProgressAt ?? null;
  if (consumer && progressAt !== null && now - progressAt < stallMs && progressAt >= consumer.since) return 'flowing';
  // Once re-created, it stays "trouble" until a frame comes: the person should not see it flip back.
  if (consumer && consumer.repairs > 0) return 'stalled';
  const waitingSince = Math.max(onSince, consumer?.since ?? onSince);
  return now - waitingSince < stallMs ? 'waiting' : 'stalled';
}
