import path from 'node:path';
import { MediaRoom, type ProduceRequest, type WorkerPool } from '@panda/sfu';
import {
  isRecorded,
  scoreTest,
  toTestFeedback,
  type BoardTestAttempt,
  type BoardTestFeedback,
  type ChatMessage,
  type ClientResult,
  type Clock,
  type MediaHealth,
  type Participant as ParticipantDto,
  type RoomProducer,
  type RoomRole,
  type TestAnswers,
} from '@panda/shared';
import type { Logger } from 'pino';
import { iceServersFor, type TurnSettings } from '../ice-servers.js';
import { SignalingProblem } from '../signaling-problem.js';
import type { RoomChannels, RoomConnection, ServerEvent } from './connection.js';
import type { LessonInfo, LessonStore } from './lesson-store.js';
import { LessonRecording, type RecordingStore } from './lesson-recording.js';
import { Participant } from './participant.js';
import type { RecordingMixer } from './recording-mixer.js';
import { lessonChannel, type SeatMap } from './seat-map.js';

export interface LessonRoomDeps {
  channels: RoomChannels;
  /** Shared by every room of the process: a connection sits in one lesson at a time. */
  seats: SeatMap;
  pool: WorkerPool;
  store: LessonStore;
  clock: Clock;
  logger: Logger;
  turn: TurnSettings | undefined;
  /** How long a dropped participant keeps their seat. */
  reconnectGraceMs: number;
  /** A group larger than this spreads over another worker's router. */
  maxPeersPerRouter: number;
  /** The teacher's mute holds: the student cannot turn the microphone back on until asked. */
  teacherMuteHolds: boolean;
  /**
   * Where recordings go (a lesson's in a folder of its own), who keeps them and who composes a
   * stopped recording's tracks into one file; undefined: no recording here.
   */
  recordings: { dir: string; store: RecordingStore; mixer: RecordingMixer } | undefined;
}

const CHAT_HISTORY = 200;
/** Well inside the recovery window, so a reconnecting client always finds a recent broadcast. */
const HEARTBEAT_MS = 10_000;

/**
 * The session model of one lesson: who is in the room, what they may do, chat and hands, and the
 * media room under it. Client events arrive here already validated; every teacher action is
 * checked against the participant's role.
 */
export class LessonRoom {
  readonly lesson: LessonInfo;
  readonly #deps: LessonRoomDeps;
  readonly #participants = new Map<string, Participant>();
  /** Removed by the teacher: not let back in while this room lives. */
  readonly #removed = new Set<string>();
  /** Whose microphone the teacher holds off; kept through a reload or a rejoin. */
  readonly #heldMicrophones = new Set<string>();
  /** Students who opted out of recordings where the school lets them: their tracks are never recorded. */
  readonly #unrecorded = new Set<string>();
  /** The teacher has been in: automatic recording starts once in the room's life, so a stop sticks. */
  #teacherCame = false;
  readonly #onClosed: () => void;
  /** Joins of one person run one after another: two tabs at once must not make two seats. */
  readonly #joins = new Map<string, Promise<unknown>>();
  #media: MediaRoom;
  #recording: LessonRecording | null = null;
  #locked = false;
  #closed = false;
  #closeTimer: NodeJS.Timeout;
  readonly #heartbeat: NodeJS.Timeout;

  private constructor(lesson: LessonInfo, media: MediaRoom, closesAt: Date, deps: LessonRoomDeps, onClosed: () => void) {
    this.lesson = lesson;
    this.#deps = deps;
    this.#onClosed = onClosed;
    this.#media = media;
    this.#watchMedia(media);
    const untilClose = Math.max(0, closesAt.getTime() - deps.clock.now().getTime());
    this.#closeTimer = setTimeout(() => this.#background(this.end('closed'), 'closing the room'), untilClose);
    this.#heartbeat = setInterval(() => this.#broadcast('room:heartbeat'), HEARTBEAT_MS);
  }

  static async open(lesson: LessonInfo, closesAt: Date, deps: LessonRoomDeps, onClosed: () => void): Promise<LessonRoom> {
    const media = await MediaRoom.create(lesson.id, deps.pool, deps.maxPeersPerRouter);
    return new LessonRoom(lesson, media, closesAt, deps, onClosed);
  }

  get closed(): boolean {
    return this.#closed;
  }

  get #channel(): string {
    return lessonChannel(this.lesson.id);
  }

  get participants(): Iterable<Participant> {
    return this.#participants.values();
  }

  participant(id: string): Participant | undefined {
    return this.#participants.get(id);
  }

  /** Seats the person (or gives their seat to this new connection) and returns the room's state. */
  async join(connection: RoomConnection, role: RoomRole): Promise<ClientResult<'room:join'>> {
    const { userId } = connection.identity;
    const previous = this.#joins.get(userId) ?? Promise.resolve();
    const joined = previous.catch(() => undefined).then(() => this.#join(connection, role));
    this.#joins.set(userId, joined);
    try {
      return await joined;
    } finally {
      if (this.#joins.get(userId) === joined) this.#joins.delete(userId);
    }
  }

  async #join(connection: RoomConnection, role: RoomRole): Promise<ClientResult<'room:join'>> {
    const { store, clock, seats } = this.#deps;
    const identity = connection.identity;
    if (this.#closed) throw new SignalingProblem('room_closed', 'the lesson has ended');
    if (this.#removed.has(identity.userId)) throw new SignalingProblem('removed_from_room', 'the teacher removed you from this lesson');
    const seated = this.#participants.get(identity.userId);
    if (!seated && this.#locked && role !== 'teacher') throw new SignalingProblem('room_locked', 'the teacher has locked the room');

    let participant: Participant;
    let recordsAutomatically = false;
    if (seated) {
      const previous = seated.connection;
      if (previous.id !== connection.id && previous.connected) {
        previous.send('room:removed', { reason: 'joined_elsewhere' });
        seats.free(previous);
      }
      // New media first: events held for the old connection are about the old media.
      seated.replaceMedia(await this.#media.addPeer(seated.id));
      seated.attach(connection);
      participant = seated;
    } else {
      const [name, attendanceId, media, policy] = await Promise.all([
        store.userName(identity.userId),
        store.recordJoin(this.lesson.id, identity.userId, clock.now()),
        this.#media.addPeer(identity.userId),
        store.recordingPolicy(identity.userId),
      ]);
      if (this.#closed) throw new SignalingProblem('room_closed', 'the lesson has ended');
      if (isRecorded(policy.consent, { student: role === 'student', optedOut: policy.optedOut })) this.#unrecorded.delete(identity.userId);
      else this.#unrecorded.add(identity.userId);
      recordsAutomatically = policy.automatic;
      participant = new Participant({
        id: identity.userId,
        name,
        role,
        attendanceId,
        connection,
        media,
        onMediaChanged: () => {
          this.#broadcastUpdate(participant);
          this.#recording?.sync(this.#media.producerList);
        },
      });
      this.#participants.set(participant.id, participant);
    }
    await seats.take(connection, this.lesson.id);
    this.#deps.channels.broadcast(
      { channel: this.#channel, except: connection.id },
      seated ? 'participant:updated' : 'participant:joined',
      this.#dto(participant),
    );
    if (role === 'teacher' && !this.#teacherCame) {
      this.#teacherCame = true;
      if (recordsAutomatically && this.#deps.recordings) this.startRecording(participant);
    }

    return {
      self: this.#dto(participant),
      room: {
        lessonId: this.lesson.id,
        title: this.lesson.title,
        startsAt: this.lesson.startsAt.toISOString(),
        endsAt: this.lesson.endsAt.toISOString(),
        locked: this.#locked,
        recording: this.#recording !== null,
        participants: [...this.#participants.values()].map((p) => this.#dto(p)),
      },
      routerRtpCapabilities: this.#media.rtpCapabilities as ClientResult<'room:join'>['routerRtpCapabilities'],
      iceServers: iceServersFor(identity.userId, clock.now(), this.#deps.turn),
      chat: await store.chatHistory(this.lesson.id, CHAT_HISTORY),
      ...(role === 'teacher' ? { health: this.#healthReports() } : {}),
    };
  }

  /** A recovered connection (Socket.IO state recovery) takes its seat back. */
  reattach(connection: RoomConnection): void {
    const participant = this.#participants.get(connection.identity.userId);
    if (!participant) return;
    participant.attach(connection);
    this.#broadcastUpdate(participant);
  }

  /** The connection dropped: keep the seat for the grace period, then let the person go. */
  connectionLost(connection: RoomConnection): void {
    const participant = this.#participants.get(connection.identity.userId);
    if (!participant || participant.connection !== connection) return;
    this.#broadcastUpdate(participant);
    participant.startGrace(this.#deps.reconnectGraceMs, () =>
      this.#background(this.leave(participant.id), 'releasing a seat'),
    );
  }

  async leave(participantId: string): Promise<void> {
    const participant = this.#participants.get(participantId);
    if (!participant) return;
    this.#participants.delete(participantId);
    participant.close();
    this.#media.removePeer(participantId);
    this.#deps.seats.free(participant.connection);
    this.#broadcast('participant:left', { participantId });
    await this.#deps.store.recordLeave(participant.attendanceId, this.#deps.clock.now());
    if (this.#participants.size === 0) this.close();
  }

  // --- media ---

  async produce(participant: Participant, request: ProduceRequest): Promise<string> {
    if (participant.role === 'observer') throw new SignalingProblem('forbidden', 'observers watch; they do not send media');
    // A microphone made anew (a reload, another tab) while the teacher holds it starts paused.
    const held = request.source === 'microphone' && this.#heldMicrophones.has(participant.id);
    const producerId = await participant.media.produce(held ? { ...request, paused: true } : request);
    if (held && !request.paused) participant.send('moderation:muted', { source: 'microphone' });
    return producerId;
  }

  /** Turns a track back on, unless it is a microphone the teacher holds off. */
  async resume(participant: Participant, producerId: string): Promise<void> {
    if (this.#heldMicrophones.has(participant.id) && participant.media.sourceOf(producerId) === 'microphone') {
      throw new SignalingProblem('muted_by_teacher', 'the teacher muted you; raise your hand to ask to speak');
    }
    await participant.media.resumeProducer(producerId);
  }

  /** Every live track of the room, for a client reconciling its subscriptions. */
  get producers(): RoomProducer[] {
    return this.#media.producerList;
  }

  /** A participant's browser reports on its media: the teacher sees it in the participant list. */
  reportHealth(participant: Participant, health: MediaHealth): void {
    participant.health = health;
    for (const teacher of this.#participants.values()) {
      // Not held for a teacher who is reconnecting: the next report is only seconds away.
      if (teacher.role === 'teacher' && teacher.presence === 'online') {
        teacher.send('participant:health', { participantId: participant.id, health });
      }
    }
  }

  #healthReports(): Record<string, MediaHealth> {
    const reports: Record<string, MediaHealth> = {};
    for (const participant of this.#participants.values()) {
      if (participant.health) reports[participant.id] = participant.health;
    }
    return reports;
  }

  // --- chat and hands ---

  async chat(participant: Participant, text: string): Promise<ChatMessage> {
    const message = await this.#deps.store.saveChat(this.lesson.id, participant.id, participant.name, text, this.#deps.clock.now());
    this.#deps.channels.broadcast({ channel: this.#channel, except: participant.connection.id }, 'chat:message', message);
    return message;
  }

  // --- tests on the board ---

  async answerTest(participant: Participant, materialId: string, answers: TestAnswers): Promise<BoardTestFeedback> {
    if (participant.role !== 'student') throw new SignalingProblem('forbidden', 'only students answer tests');
    const items = await this.#deps.store.shownTest(this.lesson.id, materialId);
    if (!items) throw new SignalingProblem('not_found', 'no such test was shown in this lesson');
    const result = scoreTest(items, answers);
    const at = this.#deps.clock.now();
    await this.#deps.store.saveTestAttempt({ lessonId: this.lesson.id, materialId, studentId: participant.id, answers, result, at });
    const attempt = { studentId: participant.id, name: participant.name, materialId, answers, result, submittedAt: at.toISOString() };
    for (const teacher of this.#participants.values()) {
      if (teacher.role === 'teacher') teacher.send('board:test-result', attempt);
    }
    return toTestFeedback(result);
  }

  async testResults(actor: Participant, materialId: string): Promise<BoardTestAttempt[]> {
    requireTeacher(actor);
    return this.#deps.store.testAttempts(this.lesson.id, materialId);
  }

  setHand(participant: Participant, raised: boolean): void {
    participant.handRaised = raised;
    this.#broadcastUpdate(participant);
  }

  // --- teacher actions ---

  async mute(actor: Participant, targetId: string): Promise<void> {
    const target = this.#target(actor, targetId);
    const holds = this.#deps.teacherMuteHolds && !this.#heldMicrophones.has(target.id);
    if (holds) this.#heldMicrophones.add(target.id);
    const paused = await target.media.pauseSource('microphone');
    if (paused || holds) target.send('moderation:muted', { source: 'microphone' });
    if (holds) this.#broadcastUpdate(target);
  }

  /** Asks the person to speak; that also lifts the teacher's hold on their microphone. */
  askUnmute(actor: Participant, targetId: string): void {
    const target = this.#target(actor, targetId);
    target.send('moderation:unmute-requested');
    if (this.#heldMicrophones.delete(target.id)) this.#broadcastUpdate(target);
  }

  async remove(actor: Participant, targetId: string): Promise<void> {
    const target = this.#target(actor, targetId);
    this.#removed.add(target.id);
    target.connection.send('room:removed', { reason: 'removed_by_teacher' });
    await this.leave(target.id);
  }

  /** Starts recording the lesson (again after a stop: a new set of files). */
  startRecording(actor: Participant): void {
    requireTeacher(actor);
    const recordings = this.#deps.recordings;
    if (!recordings) throw new SignalingProblem('forbidden', 'recording is not available on this server');
    if (this.#recording) return;
    this.#recording = new LessonRecording({
      lessonId: this.lesson.id,
      media: () => this.#media,
      dir: path.join(recordings.dir, this.lesson.id),
      store: recordings.store,
      logger: this.#deps.logger,
      mayRecord: (participantId) => !this.#unrecorded.has(participantId),
    });
    this.#recording.sync(this.#media.producerList);
    this.#broadcast('room:recording', { active: true });
  }

  /**
   * Stops recording; the files are completed and kept, then composed into one, in the background
   * (a track that left takes ~10 s).
   */
  stopRecording(actor: Participant): void {
    requireTeacher(actor);
    const recording = this.#recording;
    if (!recording) return;
    this.#recording = null;
    this.#broadcast('room:recording', { active: false });
    this.#background(this.#finishRecording(recording), 'finishing the recording');
  }

  lock(actor: Participant, locked: boolean): void {
    requireTeacher(actor);
    this.#locked = locked;
    this.#broadcast('room:locked', { locked });
  }

  /** Ends the lesson for everyone; when the teacher ends it, it is recorded as held. */
  async end(reason: 'ended_by_teacher' | 'closed', actor?: Participant): Promise<void> {
    if (actor) requireTeacher(actor);
    if (this.#closed) return;
    const now = this.#deps.clock.now();
    if (reason === 'ended_by_teacher') await this.#deps.store.markHeld(this.lesson.id, now);
    else await Promise.all([...this.#participants.values()].map((p) => this.#deps.store.recordLeave(p.attendanceId, now)));
    // Sent to each connection rather than the channel: a cluster adapter delivers channel
    // broadcasts asynchronously, after the connections below have already left it.
    for (const participant of this.#participants.values()) {
      participant.connection.send('room:ended', { reason });
      this.#deps.seats.free(participant.connection);
    }
    this.close();
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#closeTimer);
    clearInterval(this.#heartbeat);
    if (this.#recording) this.#background(this.#finishRecording(this.#recording), 'finishing the recording');
    this.#recording = null;
    for (const participant of this.#participants.values()) participant.close();
    this.#participants.clear();
    this.#media.close();
    this.#onClosed();
  }

  /** Every track's file kept, the lesson's mix is composed anew from all of its tracks. */
  async #finishRecording(recording: LessonRecording): Promise<void> {
    await recording.stop();
    await this.#deps.recordings?.mixer.compose(this.lesson.id);
  }

  /** Runs work nobody awaits (timers, events); a failure is logged, never left unhandled. */
  #background(work: Promise<unknown>, what: string): void {
    work.catch((error: unknown) => this.#deps.logger.error({ err: error, lessonId: this.lesson.id }, `${what} failed`));
  }

  #target(actor: Participant, targetId: string): Participant {
    requireTeacher(actor);
    const target = this.#participants.get(targetId);
    if (!target) throw new SignalingProblem('not_found', 'no such participant in this room');
    if (target.id === actor.id) throw new SignalingProblem('validation_failed', 'that is you');
    return target;
  }

  #broadcastUpdate(participant: Participant): void {
    if (this.#participants.get(participant.id) !== participant) return;
    this.#broadcast('participant:updated', this.#dto(participant));
  }

  /** To everyone in the room, on every process. */
  #broadcast(...event: ServerEvent): void {
    this.#deps.channels.broadcast({ channel: this.#channel }, ...event);
  }

  #dto(participant: Participant): ParticipantDto {
    return participant.toDto(this.#heldMicrophones.has(participant.id));
  }

  #watchMedia(media: MediaRoom): void {
    media.on('activeSpeaker', (participantId) => this.#broadcast('speaker:active', { participantId }));
    media.on('audioLevels', (levels) =>
      this.#broadcast('speaker:levels', {
        levels: levels.map(({ peerId, volume }) => ({ participantId: peerId, volume })),
      }),
    );
    media.once('lost', () => this.#background(this.#rebuildMedia(), 'rebuilding media'));
  }

  /** The worker under the room died: a new router, fresh peers, and every client reconnects its media. */
  async #rebuildMedia(): Promise<void> {
    const { pool, logger } = this.#deps;
    logger.warn({ lessonId: this.lesson.id }, 'media worker lost; rebuilding the room');
    for (;;) {
      if (this.#closed) return;
      try {
        this.#media = await MediaRoom.create(this.lesson.id, pool, this.#deps.maxPeersPerRouter);
        break;
      } catch {
        // No live worker yet: the pool is starting a replacement.
        await new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            pool.off('workerReplaced', done);
            resolve();
          };
          const timer = setTimeout(done, 1000);
          pool.on('workerReplaced', done);
        });
      }
    }
    this.#watchMedia(this.#media);
    for (const participant of this.#participants.values()) {
      participant.replaceMedia(await this.#media.addPeer(participant.id));
    }
    this.#broadcast('room:media-restart');
  }
}

function requireTeacher(participant: Participant): void {
  if (participant.role !== 'teacher') throw new SignalingProblem('forbidden', 'only the teacher can do that');
}
