import type {
  ClientEventName,
  ClientPayload,
  ClientResult,
  MediaHealth,
  MediaSource,
  NewConsumer,
  Participant,
  RoomProducer,
} from '@panda/shared';
import type { MediaSession } from './MediaSession';
import { RoomError } from './signaling';
import { cameraReception, planSubscriptions, type HeldConsumer, type Reception } from './subscriptions';

type Request = <E extends ClientEventName>(event: E, payload: ClientPayload<E>) => Promise<ClientResult<E>>;

export interface MediaKeeperOptions {
  session: MediaSession;
  selfId: string;
  request: Request;
  /** The people in the room now (whose cameras are on). */
  participants: () => Participant[];
  /**
   * An offer the reconciliation asked for: shown and resumed like a pushed one. Resolves true
   * when it was new here (not the pushed offer arriving meanwhile).
   */
  take: (offer: NewConsumer, repairs: number) => Promise<boolean>;
  /** A consumer whose track has left the room, or a duplicate. */
  drop: (consumerId: string) => void;
  /** Sends again what this browser has and the room lacks. */
  republish: () => Promise<void>;
  /** How each camera that is on reaches this browser, by participant. */
  onReception: (reception: Record<string, Reception>) => void;
  /** Each health report, as it goes to the server (the room shows its round trip too). */
  onReport: (health: MediaHealth) => void;
  onError: (error: unknown) => void;
}

export interface SyncDiagnostics {
  done: number;
  slowestMs: number;
  lastError: string | null;
}

/** How often the counters are read: the time a stalled video takes to show as such, at most. */
const SAMPLE_MS = 1_000;
/**
 * How often the room's list is fetched and compared. Its own clock, not a count of samples: on a
 * busy machine reading the counters can take seconds, and repairs must not wait for it.
 */
const SYNC_MS = 3_000;
/** Every how many samples the health report goes to the server (and on to the teacher). */
const HEALTH_EVERY = 5;
/** A track that should flow and shows nothing for this long is re-created. */
const STALL_MS = 4_000;

/**
 * Keeps one media session whole: reconciles its consumers and producers with the room's list
 * (right away, after each reconnect and every few seconds), re-creates consumers that stall,
 * tells the tiles how each camera arrives, and reports this browser's media health.
 */
export class MediaKeeper {
  readonly #options: MediaKeeperOptions;
  /** Producers whose consumer is being asked for. */
  readonly #asking = new Set<string>();
  /** Since when each participant's camera is known to be on. */
  readonly #cameraOnSince = new Map<string, number>();
  #timer: number | undefined;
  #syncTimer: number | undefined;
  #ticks = 0;
  /** When the counters were last read: what the stall rules judge by. */
  #sampledAt: number | null = null;
  #sampling = false;
  #syncing: Promise<void> | null = null;
  #worstLoss: number | null = null;
  #sending = new Set<MediaSource>();
  #reception: Record<string, Reception> = {};
  #repairs = 0;
  #syncsDone = 0;
  #slowestSyncMs = 0;
  #lastSyncError: string | null = null;
  #closed = false;

  constructor(options: MediaKeeperOptions) {
    this.#options = options;
  }

  /**
   * Subscriptions the reconciliation had to repair: a track asked for as missing (and not offered
   * meanwhile), a stalled consumer re-created, or a lost producer made again.
   */
  get repairs(): number {
    return this.#repairs;
  }

  /** Comparisons with the room's list completed, the slowest, and the last one's failure, for diagnostics. */
  get syncs(): SyncDiagnostics {
    return { done: this.#syncsDone, slowestMs: this.#slowestSyncMs, lastError: this.#lastSyncError };
  }

  start(): void {
    this.#timer = window.setInterval(() => void this.#tick(), SAMPLE_MS);
    this.#syncTimer = window.setInterval(() => void this.sync(), SYNC_MS);
  }

  close(): void {
    this.#closed = true;
    window.clearInterval(this.#timer);
    window.clearInterval(this.#syncTimer);
  }

  /** Compares with the room's list now (joined, reconnected); one comparison at a time. */
  sync(): Promise<void> {
    const startedAt = Date.now();
    this.#syncing ??= this.#sync()
      .then(() => {
        this.#syncsDone += 1;
        this.#slowestSyncMs = Math.max(this.#slowestSyncMs, Date.now() - startedAt);
      })
      .catch((error: unknown) => {
        this.#lastSyncError = String(error);
        if (!this.#closed) this.#options.onError(error);
      })
      .finally(() => (this.#syncing = null));
    return this.#syncing;
  }

  async #tick(): Promise<void> {
    // A busy browser may take longer than a tick to answer: never pile samples up.
    if (this.#closed || this.#sampling) return;
    this.#ticks += 1;
    const now = Date.now();
    this.#sampling = true;
    const { sending, worstLoss } = await this.#options.session.sample(now).finally(() => (this.#sampling = false));
    if (this.#closed) return;
    this.#sampledAt = now;
    for (const source of sending) this.#sending.add(source);
    if (worstLoss !== null) this.#worstLoss = Math.max(this.#worstLoss ?? 0, worstLoss);
    this.#updateReception(now);
    if (this.#ticks % HEALTH_EVERY === 0) await this.#report();
  }

  #updateReception(now: number): void {
    const { session, participants, selfId } = this.#options;
    const byParticipant = new Map<string, HeldConsumer>();
    for (const consumer of session.consumers) {
      const held = session.heldConsumer(consumer.id);
      if (held && consumer.appData.source === 'camera') byParticipant.set(consumer.appData.participantId, held);
    }
    const reception: Record<string, Reception> = {};
    for (const participant of participants()) {
      if (participant.id === selfId || participant.media.camera !== 'on') {
        this.#cameraOnSince.delete(participant.id);
        continue;
      }
      if (!this.#cameraOnSince.has(participant.id)) this.#cameraOnSince.set(participant.id, now);
      reception[participant.id] = cameraReception({
        onSince: this.#cameraOnSince.get(participant.id) ?? now,
        consumer: byParticipant.get(participant.id),
        now,
        stallMs: STALL_MS,
      });
    }
    const changed =
      Object.keys(reception).length !== Object.keys(this.#reception).length ||
      Object.entries(reception).some(([id, state]) => this.#reception[id] !== state);
    if (!changed) return;
    this.#reception = reception;
    this.#options.onReception(reception);
  }

  async #sync(): Promise<void> {
    const { session, request, selfId } = this.#options;
    const listedAt = Date.now();
    const { producers } = await request('media:sync', {});
    if (this.#closed) return;
    const actions = planSubscriptions({
      selfId,
      producers,
      listedAt,
      consumers: session.held,
      // Asked for by this keeper, or offered and being set up: either way on its way.
      pending: new Set([...this.#asking, ...session.consumingProducers]),
      transportUp: session.transportState('recv') === 'connected',
      // The time of the counters, not of the answer: on a busy machine the list may come seconds
      // later, and a track that flows would look silent for all that time.
      now: this.#sampledAt ?? listedAt,
      stallMs: STALL_MS,
    });
    for (const action of actions) {
      if (action.type === 'drop') {
        this.#options.drop(action.consumerId);
      } else {
        const replacing = action.type === 'recreate' ? action.consumerId : undefined;
        void this.#ask(action.producerId, replacing);
      }
    }
    await this.#reconcileOwn(producers.filter((producer) => producer.participantId === selfId), listedAt);
  }

  /** Asks the server for a track's consumer (the one it has, or a fresh one replacing a stalled one). */
  async #ask(producerId: string, replacing: string | undefined): Promise<void> {
    const { session, request } = this.#options;
    this.#asking.add(producerId);
    try {
      const repairs = replacing ? (session.heldConsumer(replacing)?.repairs ?? 0) + 1 : 0;
      const offer = await request('media:consume', replacing ? { producerId, replacing } : { producerId });
      if (this.#closed) return;
      if (replacing) this.#options.drop(replacing);
      if (await this.#options.take(offer, repairs)) this.#repairs += 1;
    } catch (error) {
      // A track that left meanwhile is no loss; anything else shows, and the next sync tries again.
      if (!this.#closed && !(error instanceof RoomError && error.code === 'not_found')) this.#options.onError(error);
    } finally {
      this.#asking.delete(producerId);
    }
  }

  /** A producer the server lost (it listed the room after the producer was made) is made again. */
  async #reconcileOwn(own: RoomProducer[], listedAt: number): Promise<void> {
    const { session } = this.#options;
    const listed = new Set(own.map((producer) => producer.producerId));
    let lost = false;
    for (const producer of session.producers) {
      if (!listed.has(producer.producerId) && producer.producedAt < listedAt) {
        session.dropProducer(producer.source);
        lost = true;
      }
    }
    if (lost) this.#repairs += 1;
    await this.#options.republish();
  }

  async #report(): Promise<void> {
    const { session, request } = this.#options;
    const expected = Object.values(this.#reception).length;
    const flowing = Object.values(this.#reception).filter((state) => state === 'flowing').length;
    const health: MediaHealth = {
      send: session.transportState('send'),
      recv: session.transportState('recv'),
      sending: [...this.#sending],
      receiving: { flowing, expected },
      lossPercent: this.#worstLoss === null ? null : Math.round(this.#worstLoss * 1000) / 10,
      roundTripMs: await session.roundTripMs().catch(() => null),
    };
    this.#sending = new Set();
    this.#worstLoss = null;
    if (this.#closed) return;
    this.#options.onReport(health);
    await request('media:health', health).catch(() => undefined);
  }
}
