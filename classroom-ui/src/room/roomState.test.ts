import type { BoardTestAttempt, ChatMessage, ClientResult, MediaHealth, MediaSource, Participant } from '@panda/shared';
import { describe, expect, it } from 'vitest';
import { initialRoomState, reduceRoom, type RemoteMedia, type RoomEvent, type RoomState } from './roomState';

const SELF = '00000000-0000-4000-8000-000000000001';
const ANNA = '00000000-0000-4000-8000-000000000002';
const IVAN = '00000000-0000-4000-8000-000000000003';
const LESSON = '00000000-0000-4000-8000-0000000000aa';

const person = (id: string, name: string, extra: Partial<Participant> = {}): Participant => ({
  id,
  name,
  role: 'student',
  presence: 'online',
  handRaised: false,
  microphoneHeld: false,
  media: { microphone: 'on', camera: 'on', screen: 'off', 'screen-audio': 'off' },
  ...extra,
});

const message = (id: string, sentAt: string, text = id): ChatMessage => ({
  id,
  participantId: ANNA,
  name: 'Anna',
  text,
  sentAt: `2026-12-07T10:00:${sentAt}.000Z`,
});

const track = (consumerId: string, participantId: string, source: MediaSource, extra: Partial<RemoteMedia> = {}): RemoteMedia => ({
  consumerId,
  participantId,
  kind: source === 'camera' || source === 'screen' ? 'video' : 'audio',
  source,
  // The reducer only keeps the track; it never looks into it.
  track: { id: consumerId } as MediaStreamTrack,
  paused: false,
  stale: false,
  ...extra,
});

const attempt = (studentId: string, materialId: string, score: number): BoardTestAttempt => ({
  studentId,
  name: studentId,
  materialId,
  answers: {},
  result: { score, maxScore: 10, items: [] },
  submittedAt: '2026-12-07T10:05:00.000Z',
});

const health = (roundTripMs: number): MediaHealth => ({
  send: 'connected',
  recv: 'connected',
  sending: ['microphone'],
  receiving: { flowing: 1, expected: 1 },
  lossPercent: 0,
  roundTripMs,
});

function joinAnswer(extra: { participants?: Participant[]; chat?: ChatMessage[]; health?: Record<string, MediaHealth> } = {}): ClientResult<'room:join'> {
  const self = person(SELF, 'Me');
  return {
    self,
    room: {
      lessonId: LESSON,
      title: 'Past simple',
      startsAt: '2026-12-07T10:00:00.000Z',
      endsAt: '2026-12-07T11:00:00.000Z',
      locked: false,
      recording: false,
      participants: extra.participants ?? [person(ANNA, 'Anna', { role: 'teacher' }), self],
    },
    routerRtpCapabilities: {},
    iceServers: [],
    chat: extra.chat ?? [],
    ...(extra.health ? { health: extra.health } : {}),
  };
}

const reduce = (state: RoomState, ...events: RoomEvent[]): RoomState => events.reduce(reduceRoom, state);

/** In the room with Anna (the teacher), as the first `room:join` leaves it. */
const joined = reduce(initialRoomState, { type: 'room:join', joined: joinAnswer() });

describe('reduceRoom: joining', () => {
  it('takes the room, everyone in it and this person from the answer of room:join', () => {
    expect(joined.phase).toEqual({ name: 'joined' });
    expect(joined.selfId).toBe(SELF);
    expect(joined.room).toEqual({
      lessonId: LESSON,
      title: 'Past simple',
      startsAt: '2026-12-07T10:00:00.000Z',
      endsAt: '2026-12-07T11:00:00.000Z',
      locked: false,
      recording: false,
    });
    expect(joined.participants.map((p) => p.id)).toEqual([ANNA, SELF]);
    expect(joined.health).toEqual({});
  });

  it('puts this person first when the room’s list does not have them', () => {
    const state = reduce(initialRoomState, { type: 'room:join', joined: joinAnswer({ participants: [person(ANNA, 'Anna')] }) });
    expect(state.participants.map((p) => p.id)).toEqual([SELF, ANNA]);
  });

  it('leaves what the room does not say as it was', () => {
    const before = { ...initialRoomState, reconnecting: true, roundTripMs: 42, actionError: 'network' as const, mediaSettled: true };
    const state = reduce(before, { type: 'room:join', joined: joinAnswer() });
    expect(state).toMatchObject({ reconnecting: true, roundTripMs: 42, actionError: 'network', mediaSettled: true });
  });

  it('on a rejoin, keeps the chat so far and adds what was said meanwhile, once and in order', () => {
    const before = reduce(joined, { type: 'chat:message', message: message('m1', '01') }, { type: 'chat:message', message: message('m3', '03') });
    const state = reduce(before, {
      type: 'room:join',
      joined: joinAnswer({ chat: [message('m1', '01'), message('m2', '02'), message('m3', '03')] }),
    });
    expect(state.chat.map((m) => m.id)).toEqual(['m1', 'm2', 'm3']);
  });

  it('on a rejoin, keeps the tiles of those still here and drops those of people who left meanwhile', () => {
    const before = reduce(
      { ...joined, participants: [...joined.participants, person(IVAN, 'Ivan')] },
      { type: 'track:received', media: track('c1', ANNA, 'camera') },
      { type: 'track:received', media: track('c2', IVAN, 'camera') },
      { type: 'tracks:closed' },
    );
    const state = reduce(before, { type: 'room:join', joined: joinAnswer() });
    expect(state.remote).toEqual([track('c1', ANNA, 'camera', { stale: true })]);
  });

  it('takes the media health the answer has, and drops what it has not', () => {
    const withHealth = reduce(joined, { type: 'room:join', joined: joinAnswer({ health: { [ANNA]: health(80) } }) });
    expect(withHealth.health).toEqual({ [ANNA]: health(80) });
    const withoutHealth = reduce(withHealth, { type: 'room:join', joined: joinAnswer() });
    expect(withoutHealth.health).toEqual({});
  });
});

describe('reduceRoom: participants', () => {
  it('adds someone who joins at the end, in the order they came', () => {
    const state = reduce(joined, { type: 'participant:joined', participant: person(IVAN, 'Ivan') });
    expect(state.participants.map((p) => p.id)).toEqual([ANNA, SELF, IVAN]);
  });

  it('replaces someone heard joining again in their place rather than listing them twice', () => {
    const state = reduce(
      joined,
      { type: 'participant:joined', participant: person(IVAN, 'Ivan') },
      { type: 'participant:joined', participant: person(ANNA, 'Anna', { role: 'teacher', presence: 'reconnecting' }) },
    );
    expect(state.participants.map((p) => [p.id, p.presence])).toEqual([
      [ANNA, 'reconnecting'],
      [SELF, 'online'],
      [IVAN, 'online'],
    ]);
  });

  it('replaces an updated participant whole, and adds one it did not know', () => {
    const state = reduce(
      joined,
      { type: 'participant:updated', participant: person(ANNA, 'Anna', { handRaised: true }) },
      { type: 'participant:updated', participant: person(IVAN, 'Ivan') },
    );
    expect(state.participants).toEqual([person(ANNA, 'Anna', { handRaised: true }), person(SELF, 'Me'), person(IVAN, 'Ivan')]);
  });

  it('drops someone who leaves with their tiles, and the active speaker if it was them', () => {
    const before = reduce(
      joined,
      { type: 'participant:joined', participant: person(IVAN, 'Ivan') },
      { type: 'track:received', media: track('c1', ANNA, 'camera') },
      { type: 'track:received', media: track('c2', IVAN, 'camera') },
      { type: 'track:received', media: track('c3', IVAN, 'microphone') },
      { type: 'speaker:active', participantId: IVAN },
    );
    const state = reduce(before, { type: 'participant:left', participantId: IVAN });
    expect(state.participants.map((p) => p.id)).toEqual([ANNA, SELF]);
    expect(state.remote.map((media) => media.consumerId)).toEqual(['c1']);
    expect(state.activeSpeakerId).toBeNull();
  });

  it('keeps the active speaker when someone else leaves', () => {
    const before = reduce(
      joined,
      { type: 'participant:joined', participant: person(IVAN, 'Ivan') },
      { type: 'speaker:active', participantId: ANNA },
    );
    expect(reduce(before, { type: 'participant:left', participantId: IVAN }).activeSpeakerId).toBe(ANNA);
  });

  it('keeps each participant’s latest media health', () => {
    const state = reduce(
      joined,
      { type: 'participant:health', participantId: ANNA, health: health(80) },
      { type: 'participant:health', participantId: IVAN, health: health(120) },
      { type: 'participant:health', participantId: ANNA, health: health(95) },
    );
    expect(state.health).toEqual({ [ANNA]: health(95), [IVAN]: health(120) });
  });
});

describe('reduceRoom: chat', () => {
  it('appends messages in the order they were sent, each once however often heard', () => {
    const state = reduce(
      joined,
      { type: 'chat:message', message: message('m1', '01') },
      { type: 'chat:message', message: message('m2', '02') },
      // This person's own message: the answer of chat:send, then its echo from the room.
      { type: 'chat:message', message: message('m2', '02') },
      // Sent earlier, heard later.
      { type: 'chat:message', message: message('m0', '00') },
    );
    expect(state.chat.map((m) => m.id)).toEqual(['m0', 'm1', 'm2']);
  });

  it('keeps messages sent at the same moment in the order they came', () => {
    const state = reduce(
      joined,
      { type: 'chat:message', message: message('b', '01') },
      { type: 'chat:message', message: message('a', '01') },
    );
    expect(state.chat.map((m) => m.id)).toEqual(['b', 'a']);
  });
});

describe('reduceRoom: the room’s flags', () => {
  it('follows the lock and the recording', () => {
    const locked = reduce(joined, { type: 'room:locked', locked: true }, { type: 'room:recording', active: true });
    expect(locked.room).toMatchObject({ locked: true, recording: true, title: 'Past simple' });
    const unlocked = reduce(locked, { type: 'room:locked', locked: false }, { type: 'room:recording', active: false });
    expect(unlocked.room).toMatchObject({ locked: false, recording: false });
  });

  it('has no room to flag before joining', () => {
    const state = reduce(initialRoomState, { type: 'room:locked', locked: true }, { type: 'room:recording', active: true });
    expect(state.room).toBeNull();
  });
});

describe('reduceRoom: speakers', () => {
  it('follows the active speaker, and nobody', () => {
    expect(reduce(joined, { type: 'speaker:active', participantId: ANNA }).activeSpeakerId).toBe(ANNA);
    expect(reduce(joined, { type: 'speaker:active', participantId: ANNA }, { type: 'speaker:active', participantId: null }).activeSpeakerId).toBeNull();
  });

  it('takes each report of levels whole: who is not in it is silent', () => {
    const state = reduce(
      joined,
      { type: 'speaker:levels', levels: [{ participantId: ANNA, volume: -20 }, { participantId: IVAN, volume: -45 }] },
      { type: 'speaker:levels', levels: [{ participantId: IVAN, volume: -30 }] },
    );
    expect(state.levels).toEqual({ [IVAN]: -30 });
  });
});

describe('reduceRoom: moderation', () => {
  it('tells of a muted microphone, and the request to unmute replaces that notice', () => {
    const muted = reduce(joined, { type: 'moderation:muted', source: 'microphone' });
    expect(muted).toMatchObject({ mutedByTeacher: true, unmuteRequested: false });
    const asked = reduce(muted, { type: 'moderation:unmute-requested' });
    expect(asked).toMatchObject({ mutedByTeacher: false, unmuteRequested: true });
    expect(reduce(asked, { type: 'moderation:muted', source: 'microphone' })).toMatchObject({ mutedByTeacher: true, unmuteRequested: false });
  });

  it('changes nothing when another source is muted', () => {
    for (const source of ['camera', 'screen', 'screen-audio'] as const) {
      expect(reduceRoom(joined, { type: 'moderation:muted', source })).toBe(joined);
    }
  });
});

describe('reduceRoom: the board’s tests', () => {
  it('keeps one answer per student and test, the latest last', () => {
    const state = reduce(
      joined,
      { type: 'board:test-attempts', attempts: [attempt('ivan', 'test-1', 4), attempt('olga', 'test-1', 7), attempt('ivan', 'test-2', 9)] },
      { type: 'board:test-attempts', attempts: [attempt('ivan', 'test-1', 8)] },
    );
    expect(state.testAttempts).toEqual({
      'test-1': [attempt('olga', 'test-1', 7), attempt('ivan', 'test-1', 8)],
      'test-2': [attempt('ivan', 'test-2', 9)],
    });
  });
});

describe('reduceRoom: the tracks received here', () => {
  it('adds received tracks and follows their pause, resume and close', () => {
    const received = reduce(
      joined,
      { type: 'track:received', media: track('c1', ANNA, 'camera', { paused: true }) },
      { type: 'track:received', media: track('c2', ANNA, 'microphone') },
    );
    const resumed = reduce(received, { type: 'consumer:resumed', consumerId: 'c1' }, { type: 'consumer:paused', consumerId: 'c2' });
    expect(resumed.remote.map((media) => [media.consumerId, media.paused])).toEqual([
      ['c1', false],
      ['c2', true],
    ]);
    expect(reduce(resumed, { type: 'consumer:closed', consumerId: 'c1' }).remote.map((media) => media.consumerId)).toEqual(['c2']);
  });

  it('keeps the tiles of a closed session, stale, until each fresh track replaces its own', () => {
    const closed = reduce(
      joined,
      { type: 'track:received', media: track('c1', ANNA, 'camera') },
      { type: 'track:received', media: track('c2', ANNA, 'microphone') },
      { type: 'tracks:closed' },
    );
    expect(closed.remote.every((media) => media.stale)).toBe(true);
    const state = reduce(closed, { type: 'track:received', media: track('c3', ANNA, 'camera') });
    expect(state.remote).toEqual([track('c2', ANNA, 'microphone', { stale: true }), track('c3', ANNA, 'camera')]);
  });

  it('does not let a fresh track replace a live one of the same source', () => {
    const state = reduce(
      joined,
      { type: 'track:received', media: track('c1', ANNA, 'camera') },
      { type: 'track:received', media: track('c2', ANNA, 'camera') },
    );
    expect(state.remote.map((media) => media.consumerId)).toEqual(['c1', 'c2']);
  });

  it('drops the stale tiles whose fresh track did not come in time, and only those', () => {
    const state = reduce(
      joined,
      { type: 'track:received', media: track('c1', ANNA, 'camera') },
      { type: 'track:received', media: track('c2', ANNA, 'microphone') },
      { type: 'tracks:closed' },
      { type: 'track:received', media: track('c3', ANNA, 'camera') },
      { type: 'tracks:stale-expired' },
    );
    expect(state.remote).toEqual([track('c3', ANNA, 'camera')]);
  });
});

describe('reduceRoom: purity', () => {
  it('never changes the state it is given', () => {
    const before = reduce(
      joined,
      { type: 'track:received', media: track('c1', ANNA, 'camera') },
      { type: 'chat:message', message: message('m1', '01') },
      { type: 'board:test-attempts', attempts: [attempt('ivan', 'test-1', 4)] },
    );
    const copy = structuredClone(before);
    reduce(
      before,
      { type: 'participant:left', participantId: ANNA },
      { type: 'chat:message', message: message('m0', '00') },
      { type: 'board:test-attempts', attempts: [attempt('ivan', 'test-1', 8)] },
      { type: 'tracks:closed' },
      { type: 'room:locked', locked: true },
    );
    expect(before).toEqual(copy);
  });
});
