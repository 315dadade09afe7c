import { randomUUID } from 'node:crypto';
import { WorkerPool } from '@panda/sfu';
import type { BoardTestAttempt, ChatMessage, ServerToClientEvents, SignalingIdentity, TestItem } from '@panda/shared';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Audience, RoomChannels, RoomConnection, ServerEvent } from './connection.js';
import { LessonRoom, type LessonRoomDeps } from './lesson-room.js';
import type { LessonInfo, LessonStore, RecordingPolicy } from './lesson-store.js';
import { lessonChannel, SeatMap } from './seat-map.js';

// The room runs against fakes of everything but the media: a real worker, as in the SFU's own tests.
const logger = pino({ level: 'silent' });
const GRACE_MS = 100;
let pool: WorkerPool;
beforeAll(async () => {
  pool = await WorkerPool.start({ workers: 1, listenIp: '127.0.0.1', announcedAddress: undefined, port: 0 }, logger);
});
afterAll(() => pool.close());

const anna = { userId: randomUUID(), role: 'teacher' } as const satisfies SignalingIdentity;
const ivan = { userId: randomUUID(), role: 'student' } as const satisfies SignalingIdentity;
const olga = { userId: randomUUID(), role: 'student' } as const satisfies SignalingIdentity;
const names = new Map<string, string>([
  [anna.userId, 'Anna'],
  [ivan.userId, 'Ivan'],
  [olga.userId, 'Olga'],
]);

type Payload<E extends keyof ServerToClientEvents> = Parameters<ServerToClientEvents[E]>[0];

/** Channels as Socket.IO has them: a broadcast reaches whoever is in the channel now. */
class FakeChannels implements RoomChannels {
  readonly connections = new Set<FakeConnection>();

  broadcast({ channel, except }: Audience, ...event: ServerEvent): void {
    for (const connection of this.connections) {
      if (connection.channels.has(channel) && connection.id !== except) connection.received.push(event);
    }
  }
}

class FakeConnection implements RoomConnection {
  readonly received: ServerEvent[] = [];
  readonly channels = new Set<string>();
  lessonId: string | undefined;
  connected = true;

  constructor(
    readonly identity: SignalingIdentity,
    hub: FakeChannels,
    readonly id: string = randomUUID(),
  ) {
    hub.connections.add(this);
  }

  send(...event: ServerEvent): void {
    if (this.connected) this.received.push(event);
  }

  async join(channel: string): Promise<void> {
    this.channels.add(channel);
  }

  leave(channel: string): void {
    this.channels.delete(channel);
  }

  /** The network went: like a Socket.IO socket, it is out of every channel. */
  drop(): void {
    this.connected = false;
    this.channels.clear();
  }

  /** What arrived of one event, in order. */
  payloads<E extends keyof ServerToClientEvents>(name: E): Array<Payload<E>> {
    return this.received.filter(([event]) => event === name).map((event) => (event as unknown[])[1] as Payload<E>);
  }
}

class MemoryLessonStore implements LessonStore {
  readonly joins: Array<{ userId: string; attendanceId: string }> = [];
  readonly leaves: string[] = [];
  readonly chats: ChatMessage[] = [];
  readonly held: string[] = [];

  constructor(readonly lesson: LessonInfo) {}

  async findLesson(lessonId: string): Promise<LessonInfo | null> {
    return lessonId === this.lesson.id ? this.lesson : null;
  }
  async userName(userId: string): Promise<string> {
    return names.get(userId) ?? 'someone';
  }
  async recordingPolicy(): Promise<RecordingPolicy> {
    return { automatic: false, consent: 'notice', optedOut: false };
  }
  async recordJoin(_lessonId: string, userId: string): Promise<string> {
    const attendanceId = randomUUID();
    this.joins.push({ userId, attendanceId });
    return attendanceId;
  }
  async recordLeave(attendanceId: string): Promise<void> {
    this.leaves.push(attendanceId);
  }
  async saveChat(_lessonId: string, participantId: string, name: string, text: string, at: Date): Promise<ChatMessage> {
    const message = { id: randomUUID(), participantId, name, text, sentAt: at.toISOString() };
    this.chats.push(message);
    return message;
  }
  async chatHistory(): Promise<ChatMessage[]> {
    return this.chats;
  }
  async markHeld(lessonId: string): Promise<void> {
    this.held.push(lessonId);
  }
  async shownTest(): Promise<TestItem[] | null> {
    return null;
  }
  async saveTestAttempt(): Promise<void> {}
  async testAttempts(): Promise<BoardTestAttempt[]> {
    return [];
  }
}

const rooms: LessonRoom[] = [];
afterEach(() => {
  for (const room of rooms.splice(0)) room.close();
});

async function openRoom() {
  const now = new Date();
  const lesson: LessonInfo = {
    id: randomUUID(),
    title: 'Past Simple',
    teacherId: anna.userId,
    studentIds: [ivan.userId, olga.userId],
    status: 'scheduled',
    startsAt: now,
    endsAt: new Date(now.getTime() + 3_600_000),
  };
  const store = new MemoryLessonStore(lesson);
  const channels = new FakeChannels();
  const seats = new SeatMap();
  const deps: LessonRoomDeps = {
    channels,
    seats,
    pool,
    store,
    clock: { now: () => new Date() },
    logger,
    turn: undefined,
    reconnectGraceMs: GRACE_MS,
    maxPeersPerRouter: 16,
    teacherMuteHolds: true,
    recordings: undefined,
  };
  const onClosed = vi.fn();
  const room = await LessonRoom.open(lesson, lesson.endsAt, deps, onClosed);
  rooms.push(room);
  const connect = (identity: SignalingIdentity, id?: string) => new FakeConnection(identity, channels, id);
  return { room, store, seats, channel: lessonChannel(lesson.id), onClosed, connect };
}

/** Seats each person on a connection of their own, in order. */
async function seat<const People extends readonly SignalingIdentity[]>(
  room: LessonRoom,
  connect: (identity: SignalingIdentity) => FakeConnection,
  ...people: People
): Promise<{ [K in keyof People]: FakeConnection }> {
  const connections: FakeConnection[] = [];
  for (const person of people) {
    const connection = connect(person);
    await room.join(connection, person.role === 'teacher' ? 'teacher' : 'student');
    connections.push(connection);
  }
  return connections as { [K in keyof People]: FakeConnection };
}

const member = (room: LessonRoom, identity: SignalingIdentity) => room.participant(identity.userId)!;

describe('joining a lesson room', () => {
  it('tells the others who joined, but not the one joining, and seats them in the lesson’s channel', async () => {
    const { room, seats, channel, store, connect } = await openRoom();
    const [annaOn] = await seat(room, connect, anna);
    const ivanOn = connect(ivan);
    const joined = await room.join(ivanOn, 'student');

    expect(joined.self).toMatchObject({ id: ivan.userId, name: 'Ivan', role: 'student', presence: 'online' });
    expect(joined.room.participants.map((p) => p.id).sort()).toEqual([anna.userId, ivan.userId].sort());
    expect(annaOn.payloads('participant:joined').map((p) => p.id)).toEqual([ivan.userId]);
    expect(ivanOn.payloads('participant:joined')).toEqual([]);
    expect(seats.lessonOf(ivanOn)).toBe(room.lesson.id);
    expect(ivanOn.channels).toEqual(new Set([channel]));
    expect(store.joins.map((j) => j.userId)).toEqual([anna.userId, ivan.userId]);
  });

  it('gives the seat to a second connection of the same person; the first is told and unseated', async () => {
    const { room, seats, store, connect } = await openRoom();
    const [annaOn, firstTab] = await seat(room, connect, anna, ivan);
    const secondTab = connect(ivan);
    const joined = await room.join(secondTab, 'student');

    expect(firstTab.payloads('room:removed')).toEqual([{ reason: 'joined_elsewhere' }]);
    expect(seats.lessonOf(firstTab)).toBeUndefined();
    expect(firstTab.channels.size).toBe(0);
    expect(seats.lessonOf(secondTab)).toBe(room.lesson.id);
    expect(member(room, ivan).connection).toBe(secondTab);
    // The same seat: the others see an update, not a newcomer, and attendance is not counted twice.
    expect(annaOn.payloads('participant:joined').map((p) => p.id)).toEqual([ivan.userId]);
    expect(annaOn.payloads('participant:updated').map((p) => p.id)).toEqual([ivan.userId]);
    expect(joined.room.participants).toHaveLength(2);
    expect(store.joins.filter((j) => j.userId === ivan.userId)).toHaveLength(1);

    // The old tab closing later costs the new one nothing.
    firstTab.drop();
    room.connectionLost(firstTab);
    expect(member(room, ivan).presence).toBe('online');
  });

  it('keeps a locked room shut to newcomers, but not to the teacher or a person already seated', async () => {
    const { room, connect } = await openRoom();
    const [annaOn, ivanOn] = await seat(room, connect, anna, ivan);
    expect(() => room.lock(member(room, ivan), true)).toThrow(expect.objectContaining({ code: 'forbidden' }));

    room.lock(member(room, anna), true);
    expect(annaOn.payloads('room:locked')).toEqual([{ locked: true }]);
    expect(ivanOn.payloads('room:locked')).toEqual([{ locked: true }]);
    await expect(room.join(connect(olga), 'student')).rejects.toMatchObject({ code: 'room_locked' });
    await room.join(connect(ivan), 'student');
    await room.join(connect(anna), 'teacher');

    room.lock(member(room, anna), false);
    await room.join(connect(olga), 'student');
    expect(room.participant(olga.userId)).toBeDefined();
  });
});

describe('leaving', () => {
  it('tells the others, frees the seat, ends the attendance, and closes the room after the last one', async () => {
    const { room, seats, store, onClosed, connect } = await openRoom();
    const [annaOn, ivanOn] = await seat(room, connect, anna, ivan);
    const attendance = store.joins.find((j) => j.userId === ivan.userId)!.attendanceId;
    await room.leave(ivan.userId);

    expect(annaOn.payloads('participant:left')).toEqual([{ participantId: ivan.userId }]);
    expect(ivanOn.payloads('participant:left')).toEqual([]);
    expect(seats.lessonOf(ivanOn)).toBeUndefined();
    expect(ivanOn.channels.size).toBe(0);
    expect(room.participant(ivan.userId)).toBeUndefined();
    expect(store.leaves).toEqual([attendance]);
    expect(room.closed).toBe(false);

    await room.leave(anna.userId);
    expect(room.closed).toBe(true);
    expect(onClosed).toHaveBeenCalledOnce();
  });

  it('keeps a dropped person’s seat for the grace period and hands the recovered connection what it missed', async () => {
    const { room, seats, connect } = await openRoom();
    const [annaOn, ivanOn] = await seat(room, connect, anna, ivan);
    ivanOn.drop();
    room.connectionLost(ivanOn);
    expect(annaOn.payloads('participant:updated').at(-1)).toMatchObject({ id: ivan.userId, presence: 'reconnecting' });

    room.askUnmute(member(room, anna), ivan.userId);
    // Recovered: Socket.IO brings the connection back as a new one with the old id and data.
    const recovered = connect(ivan, ivanOn.id);
    recovered.lessonId = ivanOn.lessonId;
    expect(seats.lessonOf(recovered)).toBe(room.lesson.id);
    room.reattach(recovered);
    expect(recovered.payloads('moderation:unmute-requested')).toHaveLength(1);
    expect(annaOn.payloads('participant:updated').at(-1)).toMatchObject({ id: ivan.userId, presence: 'online' });
    await new Promise((resolve) => setTimeout(resolve, GRACE_MS * 2));
    expect(room.participant(ivan.userId)?.connection).toBe(recovered);
  });

  it('lets the person go when the grace period passes without them', async () => {
    const { room, seats, connect } = await openRoom();
    const [annaOn, ivanOn] = await seat(room, connect, anna, ivan);
    ivanOn.drop();
    room.connectionLost(ivanOn);
    await vi.waitFor(() => expect(annaOn.payloads('participant:left')).toEqual([{ participantId: ivan.userId }]));
    expect(seats.lessonOf(ivanOn)).toBeUndefined();
  });
});

describe('in the room', () => {
  it('sends a chat message to everyone but its sender, and keeps it', async () => {
    const { room, store, connect } = await openRoom();
    const [annaOn, ivanOn, olgaOn] = await seat(room, connect, anna, ivan, olga);
    const message = await room.chat(member(room, ivan), 'Hello!');

    expect(message).toMatchObject({ participantId: ivan.userId, name: 'Ivan', text: 'Hello!' });
    expect(annaOn.payloads('chat:message')).toEqual([message]);
    expect(olgaOn.payloads('chat:message')).toEqual([message]);
    expect(ivanOn.payloads('chat:message')).toEqual([]);
    expect(store.chats).toEqual([message]);
  });

  it('holds a muted student’s microphone until the teacher asks them to speak', async () => {
    const { room, connect } = await openRoom();
    const [annaOn, ivanOn] = await seat(room, connect, anna, ivan);
    await expect(room.mute(member(room, ivan), anna.userId)).rejects.toMatchObject({ code: 'forbidden' });

    await room.mute(member(room, anna), ivan.userId);
    expect(ivanOn.payloads('moderation:muted')).toEqual([{ source: 'microphone' }]);
    expect(annaOn.payloads('participant:updated').at(-1)).toMatchObject({ id: ivan.userId, microphoneHeld: true });

    room.askUnmute(member(room, anna), ivan.userId);
    expect(ivanOn.payloads('moderation:unmute-requested')).toHaveLength(1);
    expect(annaOn.payloads('participant:updated').at(-1)).toMatchObject({ id: ivan.userId, microphoneHeld: false });
  });

  it('removes a participant for good', async () => {
    const { room, seats, connect } = await openRoom();
    const [annaOn, ivanOn] = await seat(room, connect, anna, ivan);
    await room.remove(member(room, anna), ivan.userId);

    expect(ivanOn.payloads('room:removed')).toEqual([{ reason: 'removed_by_teacher' }]);
    expect(annaOn.payloads('participant:left')).toEqual([{ participantId: ivan.userId }]);
    expect(seats.lessonOf(ivanOn)).toBeUndefined();
    await expect(room.join(connect(ivan), 'student')).rejects.toMatchObject({ code: 'removed_from_room' });
  });

  it('ends the lesson for every connection when the teacher ends it, and marks it held', async () => {
    const { room, seats, store, onClosed, connect } = await openRoom();
    const connections = await seat(room, connect, anna, ivan);
    await expect(room.end('ended_by_teacher', member(room, ivan))).rejects.toMatchObject({ code: 'forbidden' });

    await room.end('ended_by_teacher', member(room, anna));
    for (const connection of connections) {
      expect(connection.payloads('room:ended')).toEqual([{ reason: 'ended_by_teacher' }]);
      expect(seats.lessonOf(connection)).toBeUndefined();
      expect(connection.channels.size).toBe(0);
    }
    expect(store.held).toEqual([room.lesson.id]);
    expect(onClosed).toHaveBeenCalledOnce();
    await expect(room.join(connect(olga), 'student')).rejects.toMatchObject({ code: 'room_closed' });
  });
});
