import type { Logger } from 'pino';
import { Gauge, type Registry } from 'prom-client';
import { SignalingProblem } from '../signaling-problem.js';
import { decideRoomAccess, type RoomTiming } from './access.js';
import type { RoomConnection } from './connection.js';
import { LessonRoom, type LessonRoomDeps } from './lesson-room.js';
import type { LessonInfo, LessonStore } from './lesson-store.js';
import type { Participant } from './participant.js';
import type { RoomDirectory } from './room-directory.js';
import { SeatMap } from './seat-map.js';

export interface RoomRegistryDeps extends Omit<LessonRoomDeps, 'seats'> {
  store: LessonStore;
  directory: RoomDirectory;
  timing: RoomTiming;
  logger: Logger;
}

/** The lesson rooms open on this process, created on the first join and dropped when closed. */
export class RoomRegistry {
  readonly #deps: RoomRegistryDeps;
  readonly #rooms = new Map<string, LessonRoom>();
  /** Rooms being opened, so that two first joins at once make one room. */
  readonly #opening = new Map<string, Promise<LessonRoom>>();
  readonly #seats = new SeatMap();

  constructor(deps: RoomRegistryDeps) {
    this.#deps = deps;
  }

  get size(): number {
    return this.#rooms.size;
  }

  /** Checks that this person may enter now, and gives the lesson's room (opening it if needed). */
  async admit(connection: RoomConnection, lessonId: string) {
    const { store, clock, timing } = this.#deps;
    const lesson = await store.findLesson(lessonId);
    if (!lesson) throw new SignalingProblem('not_found', 'no such lesson');
    const identity = connection.identity;
    const access = decideRoomAccess(lesson, { id: identity.userId, role: identity.role }, clock.now(), timing);
    if (!access.ok) throw new SignalingProblem(access.code, access.message);

    let room = this.#rooms.get(lessonId);
    if (!room || room.closed) {
      let opening = this.#opening.get(lessonId);
      if (!opening) {
        opening = this.#open(lesson, access.closesAt);
        this.#opening.set(lessonId, opening);
      }
      try {
        room = await opening;
      } finally {
        this.#opening.delete(lessonId);
      }
      this.#rooms.set(lessonId, room);
    }
    return { room, role: access.role };
  }

  async #open(lesson: LessonInfo, closesAt: Date): Promise<LessonRoom> {
    const { directory } = this.#deps;
    const claim = await directory.claim(lesson.id);
    if (!claim.here) throw new SignalingProblem('room_elsewhere', 'this lesson is hosted by another server', claim.nodeUrl);
    try {
      return await LessonRoom.open(lesson, closesAt, { ...this.#deps, seats: this.#seats }, () => {
        this.#rooms.delete(lesson.id);
        void directory.release(lesson.id).catch(() => undefined);
      });
    } catch (error) {
      await directory.release(lesson.id);
      throw error;
    }
  }

  /** The room and seat of this connection; `not_in_room` when it has none (a fresh rejoin is due). */
  seatOf(connection: RoomConnection): { room: LessonRoom; participant: Participant } {
    const room = this.#roomOf(connection);
    const participant = room?.participant(connection.identity.userId);
    if (!room || !participant || participant.connection.id !== connection.id) {
      throw new SignalingProblem('not_in_room', 'join the lesson room first');
    }
    return { room, participant };
  }

  /** Gives up this connection's seat in another lesson, if it has one: it is moving to `lessonId`. */
  async leaveOtherLesson(connection: RoomConnection, lessonId: string): Promise<void> {
    if (this.#seats.lessonOf(connection) === lessonId) return;
    const room = this.#roomOf(connection);
    const { userId } = connection.identity;
    if (room?.participant(userId)?.connection === connection) await room.leave(userId);
    this.#seats.free(connection);
  }

  /** A recovered connection goes back to its seat, if the room still holds it. */
  reattach(connection: RoomConnection): void {
    this.#roomOf(connection)?.reattach(connection);
  }

  connectionLost(connection: RoomConnection): void {
    this.#roomOf(connection)?.connectionLost(connection);
  }

  /** The room this connection sits in, when it is open on this process. */
  #roomOf(connection: RoomConnection): LessonRoom | undefined {
    const lessonId = this.#seats.lessonOf(connection);
    return lessonId ? this.#rooms.get(lessonId) : undefined;
  }

  registerMetrics(registry: Registry): void {
    const rooms = () => [...this.#rooms.values()];
    const participants = () => rooms().flatMap((room) => [...room.participants]);
    new Gauge({
      name: 'panda_rooms',
      help: 'Lesson rooms open on this process',
      registers: [registry],
      collect() {
        this.set(rooms().length);
      },
    });
    new Gauge({
      name: 'panda_peers',
      help: 'Participants seated in lesson rooms on this process',
      registers: [registry],
      collect() {
        this.set(participants().length);
      },
    });
    // One pass over the peers' stats feeds all media gauges: a scrape collects them together.
    type Totals = { producers: number; consumers: number; inBps: number; outBps: number };
    let inFlight: Promise<Totals> | undefined;
    const totals = () =>
      (inFlight ??= Promise.all(participants().map((p) => p.media.stats()))
        .then((stats) =>
          stats.reduce<Totals>(
            (sum, s) => ({
              producers: sum.producers + s.producers,
              consumers: sum.consumers + s.consumers,
              inBps: sum.inBps + s.inBps,
              outBps: sum.outBps + s.outBps,
            }),
            { producers: 0, consumers: 0, inBps: 0, outBps: 0 },
          ),
        )
        .finally(() => (inFlight = undefined)));
    new Gauge({
      name: 'panda_producers',
      help: 'Tracks being sent into the SFU',
      registers: [registry],
      async collect() {
        this.set((await totals()).producers);
      },
    });
    new Gauge({
      name: 'panda_consumers',
      help: 'Tracks being forwarded out of the SFU',
      registers: [registry],
      async collect() {
        this.set((await totals()).consumers);
      },
    });
    new Gauge({
      name: 'panda_media_bitrate_bps',
      help: 'Media bitrate through the SFU on this process',
      labelNames: ['direction'],
      registers: [registry],
      async collect() {
        const { inBps, outBps } = await totals();
        this.set({ direction: 'in' }, inBps);
        this.set({ direction: 'out' }, outBps);
      },
    });
  }

  closeAll(): void {
    for (const room of this.#rooms.values()) room.close();
    this.#deps.directory.close();
  }
}
