import type {
  BoardTestFeedback,
  ClientEventName,
  ClientPayload,
  ClientResult,
  IceServer,
  MediaSource,
  NewConsumer,
  Participant,
  RtpCapabilities,
  ServerToClientEvents,
  TestAnswers,
} from '@panda/shared';
import type { ClientErrorCode } from '../api/client';
import { MediaAccessError, type DeviceKind, type LocalMedia } from './LocalMedia';
import { MediaKeeper, type SyncDiagnostics } from './MediaKeeper';
import { MediaSession, type Direction, type TransportState } from './MediaSession';
import { initialRoomState, reduceRoom, type RemoteMedia, type RoomEvent, type RoomPhase, type RoomState } from './roomState';
import { asRoomError, RoomError, Signaling } from './signaling';
import { Store } from './store';
import { ViewportReporter } from './viewport';

/** What the test/debug hook reads (see debugHook.ts). */
export interface RoomDiagnostics {
  participantId: string | null;
  consumers: Array<{
    id: string;
    kind: 'audio' | 'video';
    source: MediaSource;
    participantId: string;
    readyState: MediaStreamTrackState;
    /** When its packets (audio) or decoded frames (video) last grew, by the once-a-second sample. */
    progressAt: number | null;
    /** Its counters at that sample, and whether it is paused (by the sender) or idle (tile off screen). */
    packets: number;
    frames: number;
    paused: boolean;
    idle: boolean;
  }>;
  sendTransportState: TransportState | null;
  recvTransportState: TransportState | null;
  /** Subscriptions the reconciliation repaired in this media session. */
  repairs: number;
  /** What this browser sends: each source and whether it is paused. */
  producers: Array<{ source: MediaSource; paused: boolean }>;
  /** The room's phase, the last failed action and the reconciliation's comparisons so far. */
  phase: RoomPhase['name'];
  actionError: ClientErrorCode | null;
  syncs: SyncDiagnostics | null;
}

/** The board loads after the media came up, or after this long if the media takes longer. */
const BOARD_DELAY_MAX_MS = 4_000;
/** How long tiles from before a rejoin may wait for their fresh tracks before they are dropped. */
const STALE_GRACE_MS = 5_000;
const REJOIN_RETRY_MS = 3_000;

/**
 * One person in one lesson room: the signaling session, the media session and the room as this
 * browser sees it. React only renders `getState()` and calls the methods; everything that has to
 * survive re-renders, reconnections and media restarts lives here.
 */
export class RoomClient extends Store<RoomState> {
  readonly lessonId: string;
  readonly local: LocalMedia;
  readonly #signaling: Signaling;
  readonly #viewports: ViewportReporter;
  readonly #relayOnly: boolean;
  #media: MediaSession | null = null;
  /** Keeps the current media session reconciled with the room. */
  #keeper: MediaKeeper | null = null;
  /** From the last `room:join`: a media restart builds the new session from them. */
  #router: { rtpCapabilities: RtpCapabilities; iceServers: IceServer[] } | null = null;
  /** The transports of the current session that have connected once; only those can be "reconnecting". */
  readonly #transportsUp = new Set<Direction>();
  /** A rejoin or media restart is under way. */
  #recovering = false;
  #connectedBefore = false;
  #rejoinTimer: number | undefined;
  #staleTimer: number | undefined;
  #settleTimer: number | undefined;

  constructor(lessonId: string, local: LocalMedia, options: { relayOnly?: boolean } = {}) {
    super(initialRoomState);
    this.lessonId = lessonId;
    this.local = local;
    this.#relayOnly = options.relayOnly ?? false;
    this.#viewports = new ViewportReporter((consumerId, size) => {
      // A hidden tile gets nothing forwarded: its silence is no stall.
      this.#media?.setConsumerIdle(consumerId, size.height === 0);
      // A video that has just gone away may be reported once more; nothing to tell anyone.
      this.#request('consumer:viewport', { consumerId, ...size }).catch(() => undefined);
    });
    this.#signaling = new Signaling({
      onConnect: (recovered) => this.#onConnect(recovered),
      onDisconnect: (byServer) => this.#onDisconnect(byServer),
      onRefused: (error) => {
        if (this.#phase === 'joined') this.#fail(error.code);
      },
    });
    this.#listen();
  }

  get #phase(): RoomPhase['name'] {
    return this.getState().phase.name;
  }

  get self(): Participant | undefined {
    const { participants, selfId } = this.getState();
    return participants.find((participant) => participant.id === selfId);
  }

  // --- joining and leaving ---

  /** On the pre-join screen: the connection is opened ahead, so that Join has one step less. */
  prepare(): void {
    if (this.#phase === 'idle') this.#signaling.connect().catch(() => undefined);
  }

  async join(): Promise<void> {
    if (this.#phase === 'joining' || this.#phase === 'joined') return;
    this.update({ phase: { name: 'joining' }, actionError: null });
    try {
      await this.#signaling.connect();
      this.#settleTimer = window.setTimeout(() => this.#settleMedia(), BOARD_DELAY_MAX_MS);
      await this.#enterRoom();
    } catch (error) {
      const { code } = asRoomError(error);
      // A closed room is a lesson that is over, whether it ended a minute ago or yesterday.
      if (code === 'room_closed') this.#finish({ name: 'ended', reason: 'closed' });
      else this.#fail(code);
    }
  }

  leave(): void {
    this.#sayGoodbye();
    this.#finish({ name: 'left' });
  }

  /** Releases everything; the client can't be used afterwards. */
  dispose(): void {
    this.#sayGoodbye();
    this.#teardown();
    this.#signaling.close();
  }

  /** Tells the server right away rather than letting it wait out the reconnection window. */
  #sayGoodbye(): void {
    // Not awaited: the socket flushes it before it closes, and nobody waits for the answer.
    if (this.#phase === 'joined') this.#signaling.request('room:leave', {}).catch(() => undefined);
  }

  /** `room:join` and the media session: the first join and every rejoin. */
  async #enterRoom(): Promise<void> {
    this.#closeMedia();
    const joined = await this.#requestJoin();
    this.#router = { rtpCapabilities: joined.routerRtpCapabilities, iceServers: joined.iceServers };
    this.#apply({ type: 'room:join', joined });
    await this.#startMedia().catch((error: unknown) => this.#backgroundError(error));
  }

  /** `room:join`, following the room to the process that hosts it when there are several. */
  async #requestJoin(): Promise<ClientResult<'room:join'>> {
    const payload = { lessonId: this.lessonId };
    try {
      // The raw request: a `not_in_room` here must not start another rejoin.
      return await this.#signaling.request('room:join', payload);
    } catch (error) {
      if (!(error instanceof RoomError && error.code === 'room_elsewhere' && error.nodeUrl)) throw error;
      this.#signaling.moveTo(error.nodeUrl);
      await this.#signaling.connect();
      // One hop: the directory names the process that holds the room, which then admits or refuses.
      return await this.#signaling.request('room:join', payload);
    }
  }

  /** Steps 2–5: a fresh media session, with the local tracks published again as they were. */
  async #startMedia(): Promise<void> {
    if (!this.#router) return;
    this.#closeMedia();
    const media = new MediaSession({
      request: this.#request,
      routerRtpCapabilities: this.#router.rtpCapabilities,
      iceServers: this.#router.iceServers,
      relayOnly: this.#relayOnly,
      canSend: this.self?.role !== 'observer',
      onTransportState: (direction, state) => {
        if (media !== this.#media) return;
        if (state === 'connected') this.#transportsUp.add(direction);
        this.#refreshConnection();
      },
      onBackgroundError: (error) => this.#backgroundError(error),
    });
    this.#media = media;
    try {
      await media.start();
      if (media !== this.#media) return;
      this.#keeper = this.#keep(media);
      await Promise.all([this.#publish(media, true), this.#keeper.sync()]);
      if (media === this.#media) this.#settleMedia();
    } catch (error) {
      // A session closed halfway (left, restarted, rejoined) fails its pending steps: no news.
      if (media === this.#media) throw error;
      return;
    }
    window.clearTimeout(this.#staleTimer);
    this.#staleTimer = window.setTimeout(() => {
      this.#apply({ type: 'tracks:stale-expired' });
    }, STALE_GRACE_MS);
  }

  #settleMedia(): void {
    window.clearTimeout(this.#settleTimer);
    if (!this.getState().mediaSettled) this.update({ mediaSettled: true });
  }

  /** The reconciliation of this session with the room, started once it has joined the media. */
  #keep(media: MediaSession): MediaKeeper {
    const keeper = new MediaKeeper({
      session: media,
      selfId: this.getState().selfId ?? '',
      request: this.#request,
      participants: () => this.getState().participants,
      take: (offer, repairs) => this.#consume(offer, repairs),
      drop: (consumerId) => this.#dropConsumer(consumerId),
      republish: () => this.#publish(media, false),
      onReception: (reception) => this.update({ reception }),
      onReport: ({ roundTripMs }) => {
        if (roundTripMs !== this.getState().roundTripMs) this.update({ roundTripMs });
      },
      onError: (error) => this.#backgroundError(error),
    });
    keeper.start();
    return keeper;
  }

  /**
   * Sends every local track this session does not send yet, as the toggles say. `openDevices`: a
   * device that is on but still opening (Join pressed while the preview starts) is waited for;
   * otherwise only tracks already open are sent (a failed device is not asked for again).
   */
  async #publish(media: MediaSession, openDevices: boolean): Promise<void> {
    const device = async (kind: DeviceKind) => {
      if (media.publishing(kind)) return;
      const current = this.local.getState()[kind];
      let track = current?.readyState === 'live' ? current : null;
      if (!track && openDevices && this.local.getState().on[kind]) track = await this.local.open(kind).catch(() => null);
      if (track && media === this.#media) await this.#sendDevice(media, kind, track);
    };
    const { screen, screenAudio } = this.local.getState();
    // The camera first: its first frame is what people wait for (the voice follows a moment later).
    const results = await Promise.allSettled([
      device('camera'),
      device('microphone'),
      screen && !media.publishing('screen') && media.produce('screen', screen),
      screenAudio && !media.publishing('screen-audio') && media.produce('screen-audio', screenAudio),
    ]);
    const failed = results.find((result) => result.status === 'rejected');
    if (failed && media === this.#media) this.#backgroundError(failed.reason);
  }

  /** Produces a device's track as its toggle says, and follows the toggle if it moved meanwhile. */
  async #sendDevice(media: MediaSession, kind: DeviceKind, track: MediaStreamTrack): Promise<void> {
    await media.produce(kind, track, !this.local.getState().on[kind]);
    if (media === this.#media) await (this.local.getState().on[kind] ? media.resume(kind) : media.pause(kind));
  }

  /** Drops the media session; its tiles stay until the next session's tracks replace them. */
  #closeMedia(): void {
    if (!this.#media) return;
    this.#keeper?.close();
    this.#keeper = null;
    this.#media.close();
    this.#media = null;
    this.#transportsUp.clear();
    this.#viewports.dispose();
    this.#apply({ type: 'tracks:closed' });
  }

  async #rejoin(): Promise<void> {
    if (this.#recovering || this.#phase !== 'joined') return;
    window.clearTimeout(this.#rejoinTimer);
    this.#recovering = true;
    this.#refreshConnection();
    try {
      await this.#signaling.connect();
      await this.#enterRoom();
    } catch (error) {
      const { code } = asRoomError(error);
      if (code === 'network') {
        // The process hosting the room may be gone for good: the next try asks this page's server.
        if (this.#signaling.elsewhere && !this.#signaling.connected) this.#signaling.moveTo(null);
        this.#rejoinTimer = window.setTimeout(() => void this.#rejoin(), REJOIN_RETRY_MS);
      } else if (code === 'room_closed') {
        this.#finish({ name: 'ended', reason: 'closed' });
      } else {
        this.#fail(code);
      }
    } finally {
      this.#recovering = false;
      this.#refreshConnection();
    }
  }

  async #restartMedia(): Promise<void> {
    this.#recovering = true;
    this.#refreshConnection();
    try {
      await this.#startMedia();
    } catch (error) {
      this.#backgroundError(error);
    } finally {
      this.#recovering = false;
      this.#refreshConnection();
    }
  }

  #fail(code: ClientErrorCode): void {
    this.#teardown();
    this.local.settle();
    this.update({ ...initialRoomState, phase: { name: 'failed', code }, chat: this.getState().chat });
  }

  #finish(phase: RoomPhase): void {
    this.#teardown();
    // The lesson is over for this person: the camera light goes off.
    this.local.releaseAll();
    this.update({ phase, reconnecting: false });
  }

  #teardown(): void {
    window.clearTimeout(this.#rejoinTimer);
    window.clearTimeout(this.#staleTimer);
    window.clearTimeout(this.#settleTimer);
    this.#closeMedia();
    this.#router = null;
    this.#connectedBefore = false;
    // Closed, and a fresh socket to this page's server is ready for the next join.
    this.#signaling.moveTo(null);
  }

  // --- the board's tests ---

  answerTest(materialId: string, answers: TestAnswers): Promise<BoardTestFeedback> {
    return this.#request('board:test-answer', { materialId, answers });
  }

  /** For the teacher: fetches everyone's answers so far; later ones arrive by themselves. */
  async loadTestAttempts(materialId: string): Promise<void> {
    const { attempts } = await this.#request('board:test-results', { materialId });
    this.#apply({ type: 'board:test-attempts', attempts });
  }

  // --- connection ---

  /** Every client request of the room goes through here: a lost server session means a full rejoin. */
  readonly #request = async <E extends ClientEventName>(
    event: E,
    payload: ClientPayload<E>,
  ): Promise<ClientResult<E>> => {
    try {
      return await this.#signaling.request(event, payload);
    } catch (error) {
      if (error instanceof RoomError && error.code === 'not_in_room') void this.#rejoin();
      throw error;
    }
  };

  #onConnect(recovered: boolean): void {
    const reconnected = this.#connectedBefore;
    this.#connectedBefore = true;
    this.#refreshConnection();
    // Not recovered: the server no longer knows this socket, so the room session is gone with it.
    if (reconnected && !recovered) void this.#rejoin();
    // Recovered: events may still have been missed (held ones overflow); compare with the room now.
    else if (reconnected) void this.#keeper?.sync();
  }

  #onDisconnect(byServer: boolean): void {
    this.#refreshConnection();
    // Socket.IO retries by itself after network trouble, but not after the server closed the connection.
    if (byServer && this.#phase === 'joined') this.#signaling.reconnect();
  }

  #refreshConnection(): void {
    const media = this.#media;
    const transportDown = [...this.#transportsUp].some((direction) => media?.transportState(direction) !== 'connected');
    const reconnecting = this.#phase === 'joined' && (!this.#signaling.connected || this.#recovering || transportDown);
    if (reconnecting !== this.getState().reconnecting) this.update({ reconnecting });
  }


  #backgroundError(error: unknown): void {
    const { code } = asRoomError(error);
    // The banner already says the connection is down, and a lost session is being rejoined.
    if (code === 'not_in_room' || (code === 'network' && this.getState().reconnecting)) return;
    this.update({ actionError: code });
  }

  // --- what the server says ---

  #listen(): void {
    const on = <E extends keyof ServerToClientEvents>(event: E, listener: ServerToClientEvents[E]) =>
      this.#signaling.on(event, listener);

    on('participant:joined', (participant) => this.#apply({ type: 'participant:joined', participant }));
    on('participant:updated', (participant) => this.#apply({ type: 'participant:updated', participant }));
    on('participant:left', ({ participantId }) => this.#apply({ type: 'participant:left', participantId }));
    on('participant:health', ({ participantId, health }) => this.#apply({ type: 'participant:health', participantId, health }));
    on('consumer:new', (offer) => void this.#consume(offer));
    on('consumer:closed', ({ consumerId }) => this.#dropConsumer(consumerId));
    on('consumer:paused', ({ consumerId }) => this.#setRemotePaused(consumerId, true));
    on('consumer:resumed', ({ consumerId }) => this.#setRemotePaused(consumerId, false));
    on('speaker:active', ({ participantId }) => this.#apply({ type: 'speaker:active', participantId }));
    on('speaker:levels', ({ levels }) => this.#apply({ type: 'speaker:levels', levels }));
    on('chat:message', (message) => this.#apply({ type: 'chat:message', message }));
    on('room:locked', ({ locked }) => this.#apply({ type: 'room:locked', locked }));
    on('room:recording', ({ active }) => this.#apply({ type: 'room:recording', active }));
    on('room:ended', ({ reason }) => this.#finish({ name: 'ended', reason }));
    on('room:removed', ({ reason }) => this.#finish({ name: 'removed', reason }));
    on('room:media-restart', () => void this.#restartMedia());
    on('board:test-result', (attempt) => this.#apply({ type: 'board:test-attempts', attempts: [attempt] }));
    on('moderation:muted', ({ source }) => {
      this.#media?.pauseLocally(source);
      if (source === 'microphone' || source === 'camera') this.local.setOn(source, false);
      this.#apply({ type: 'moderation:muted', source });
    });
    on('moderation:unmute-requested', () => this.#apply({ type: 'moderation:unmute-requested' }));
  }

  /** The room's state after `event` (see roomState.ts); listeners hear of it only if it changed. */
  #apply(event: RoomEvent): void {
    const state = this.getState();
    const next = reduceRoom(state, event);
    if (next !== state) this.update(next);
  }

  /**
   * Takes an offer, pushed by the server or asked for by the reconciliation (once, however often
   * heard); true when this call made its consumer here.
   */
  async #consume(offer: NewConsumer, repairs = 0): Promise<boolean> {
    const media = this.#media;
    if (!media) return false;
    try {
      const taken = await media.consume(offer, repairs);
      if (!taken?.created || media !== this.#media) return false;
      const { consumer } = taken;
      const entry: RemoteMedia = {
        consumerId: consumer.id,
        participantId: offer.participantId,
        kind: offer.kind,
        source: offer.source,
        track: consumer.track,
        paused: offer.producerPaused,
        stale: false,
      };
      this.#apply({ type: 'track:received', media: entry });
      // The server creates consumers paused; resuming once the track is attached avoids a frozen first frame.
      await this.#request('consumer:resume', { consumerId: consumer.id });
      return true;
    } catch (error) {
      if (media === this.#media) this.#backgroundError(error);
      return false;
    }
  }

  #dropConsumer(consumerId: string): void {
    this.#media?.closeConsumer(consumerId);
    this.#viewports.forget(consumerId);
    this.#apply({ type: 'consumer:closed', consumerId });
  }

  #setRemotePaused(consumerId: string, paused: boolean): void {
    this.#media?.setConsumerPaused(consumerId, paused);
    this.#apply({ type: paused ? 'consumer:paused' : 'consumer:resumed', consumerId });
  }

  // --- what this person does ---

  /** Microphone or camera on or off. Off pauses the producer: the track stays for a quick turn-on. */
  async setDevice(kind: DeviceKind, on: boolean): Promise<void> {
    this.local.setOn(kind, on);
    if (kind === 'microphone' && on) this.update({ mutedByTeacher: false, unmuteRequested: false });
    const media = this.#media;
    if (!media) return; // Being rejoined: the new session publishes as the toggles say.
    try {
      if (!on) {
        await media.pause(kind);
      } else if (media.has(kind)) {
        await media.resume(kind);
      } else if (!media.publishing(kind)) {
        await this.#sendDevice(media, kind, await this.local.open(kind));
      }
    } catch (error) {
      if (media !== this.#media) return;
      this.local.setOn(kind, !on);
      // A device that can't be opened is explained by LocalMedia's own failure state.
      if (!(error instanceof MediaAccessError)) this.#backgroundError(error);
    }
  }

  async switchDevice(kind: DeviceKind, deviceId: string): Promise<void> {
    try {
      await this.local.switchDevice(kind, deviceId, async (track) => {
        await this.#media?.replaceTrack(kind, track);
      });
    } catch (error) {
      if (!(error instanceof MediaAccessError)) this.#backgroundError(error);
    }
  }

  async toggleScreen(): Promise<void> {
    if (this.local.getState().screen) {
      await this.#stopScreen();
      return;
    }
    try {
      const { video, audio } = await this.local.startScreen();
      // The browser's own "Stop sharing" button ends the track without asking this page.
      video.addEventListener('ended', () => void this.#stopScreen(), { once: true });
      await this.#media?.produce('screen', video);
      if (audio) await this.#media?.produce('screen-audio', audio);
    } catch (error) {
      if (!(error instanceof MediaAccessError)) {
        this.#backgroundError(error);
        await this.#stopScreen();
      }
    }
  }

  async #stopScreen(): Promise<void> {
    this.local.stopScreen();
    await Promise.all([this.#media?.closeProducer('screen'), this.#media?.closeProducer('screen-audio')]).catch(
      (error: unknown) => this.#backgroundError(error),
    );
  }

  async setHand(raised: boolean): Promise<void> {
    await this.#act(async () => {
      await this.#request('hand:set', { raised });
      const self = this.self;
      if (self) this.#apply({ type: 'participant:updated', participant: { ...self, handRaised: raised } });
    });
  }

  /** Resolves true once the server has the message, so the input is only cleared then. */
  async sendChat(text: string): Promise<boolean> {
    const message = await this.#act(() => this.#request('chat:send', { text }));
    if (!message) return false;
    this.#apply({ type: 'chat:message', message });
    return true;
  }

  // Teacher actions: the server checks the role; the UI only hides them from others.

  async mute(participantId: string): Promise<void> {
    await this.#act(() => this.#request('moderation:mute', { participantId }));
  }

  async askToUnmute(participantId: string): Promise<void> {
    await this.#act(() => this.#request('moderation:ask-unmute', { participantId }));
  }

  async remove(participantId: string): Promise<void> {
    await this.#act(() => this.#request('moderation:remove', { participantId }));
  }

  /** The teacher starts or stops recording the lesson; everyone sees it through `room.recording`. */
  async setRecording(recording: boolean): Promise<void> {
    await this.#act(async () => {
      await this.#request(recording ? 'recording:start' : 'recording:stop', {});
      this.#apply({ type: 'room:recording', active: recording });
    });
  }

  async setLocked(locked: boolean): Promise<void> {
    await this.#act(async () => {
      await this.#request('room:lock', { locked });
      this.#apply({ type: 'room:locked', locked });
    });
  }

  async endLesson(): Promise<void> {
    const ended = await this.#act(() => this.#request('lesson:end', {}));
    if (ended) this.#finish({ name: 'ended', reason: 'ended_by_teacher' });
  }

  reportViewport(consumerId: string, width: number, height: number): void {
    this.#viewports.report(consumerId, { width, height });
  }

  /** From the screen saying this person joined elsewhere: back to the pre-join screen to join here. */
  returnToPreJoin(): void {
    if (this.#phase === 'removed') this.update({ ...initialRoomState, chat: this.getState().chat });
  }

  dismissError(): void {
    this.update({ actionError: null });
  }

  dismissNotices(): void {
    this.update({ mutedByTeacher: false, unmuteRequested: false });
  }

  diagnostics(): RoomDiagnostics {
    return {
      participantId: this.getState().selfId,
      consumers: (this.#media?.consumers ?? []).map((consumer) => {
        const record = this.#media?.heldConsumer(consumer.id);
        return {
          id: consumer.id,
          kind: consumer.kind,
          source: consumer.appData.source,
          participantId: consumer.appData.participantId,
          readyState: consumer.track.readyState,
          progressAt: record?.lastProgressAt ?? null,
          packets: record?.packets ?? 0,
          frames: record?.frames ?? 0,
          paused: record?.paused ?? false,
          idle: record?.idle ?? false,
        };
      }),
      sendTransportState: this.#media?.transportState('send') ?? null,
      recvTransportState: this.#media?.transportState('recv') ?? null,
      repairs: this.#keeper?.repairs ?? 0,
      producers: (this.#media?.producers ?? []).map(({ source, paused }) => ({ source, paused })),
      phase: this.#phase,
      actionError: this.getState().actionError,
      syncs: this.#keeper?.syncs ?? null,
    };
  }

  async #act<T>(action: () => Promise<T>): Promise<T | undefined> {
    try {
      return await action();
    } catch (error) {
      this.#backgroundError(error);
      return undefined;
    }
  }
}
