import type {
  BoardTestAttempt,
  ChatMessage,
  ClientResult,
  MediaHealth,
  MediaSource,
  Participant,
  RoomSnapshot,
  ServerToClientEvents,
} from '@panda/shared';
import type { ClientErrorCode } from '../api/client';
import type { Reception } from './subscriptions';

/**
 * The lesson room as this browser sees it, and the pure rules by which it changes with what the
 * server says (its events, the answer of `room:join`) and what becomes of the tracks received here.
 * RoomClient does the talking and the media, runs the session's course (joining, reconnecting,
 * ending) and hands each of these happenings to `reduceRoom`.
 */

export type EndReason = Parameters<ServerToClientEvents['room:ended']>[0]['reason'];
export type RemovalReason = Parameters<ServerToClientEvents['room:removed']>[0]['reason'];

export type RoomPhase =
  | { name: 'idle' }
  | { name: 'joining' }
  | { name: 'joined' }
  /** Joining was refused (not open yet, locked, …) or the room was lost for a reason a retry can fix. */
  | { name: 'failed'; code: ClientErrorCode }
  | { name: 'ended'; reason: EndReason }
  | { name: 'removed'; reason: RemovalReason }
  | { name: 'left' };

/** A track someone else sends, as this browser receives it. */
export interface RemoteMedia {
  consumerId: string;
  participantId: string;
  kind: 'audio' | 'video';
  source: MediaSource;
  track: MediaStreamTrack;
  /** The sender paused it (camera off): the tile keeps its last frame under a camera-off cover. */
  paused: boolean;
  /** From before a media restart or rejoin: stays on screen until the fresh track replaces it. */
  stale: boolean;
}

export type RoomInfo = Omit<RoomSnapshot, 'participants'>;

export interface RoomState {
  phase: RoomPhase;
  selfId: string | null;
  room: RoomInfo | null;
  /** Everyone in the room, this person included, in the order they came. */
  participants: Participant[];
  remote: RemoteMedia[];
  chat: ChatMessage[];
  activeSpeakerId: string | null;
  /** Voice levels by participant, as the server measures them. */
  levels: Record<string, number>;
  /** The socket is down, a transport that was up is not, or the room is being joined again. */
  reconnecting: boolean;
  roundTripMs: number | null;
  /** The teacher turned this person's microphone off; cleared when they turn it on. */
  mutedByTeacher: boolean;
  unmuteRequested: boolean;
  /** The last action that failed, until dismissed. */
  actionError: ClientErrorCode | null;
  /** For the teacher: students' answers to the tests on the board, by material, one per student. */
  testAttempts: Record<string, BoardTestAttempt[]>;
  /** How each camera that is on reaches this browser, by participant. */
  reception: Record<string, Reception>;
  /** For the teacher: each participant's media health, as their browser last reported it. */
  health: Record<string, MediaHealth>;
  /**
   * The media came up once (sent, and the room's tracks taken): the board, most of the room's
   * code, loads after this so that it never holds up the first picture.
   */
  mediaSettled: boolean;
}

export const initialRoomState: RoomState = {
  phase: { name: 'idle' },
  selfId: null,
  room: null,
  participants: [],
  remote: [],
  chat: [],
  activeSpeakerId: null,
  levels: {},
  reconnecting: false,
  roundTripMs: null,
  mutedByTeacher: false,
  unmuteRequested: false,
  actionError: null,
  testAttempts: {},
  reception: {},
  health: {},
  mediaSettled: false,
};

/**
 * What changes the room. Named after the server's event or the request whose answer it is; this
 * person's own acknowledged actions come as the event the others receive for them.
 */
export type RoomEvent =
  /** On the first join and on every rejoin. */
  | { type: 'room:join'; joined: ClientResult<'room:join'> }
  | { type: 'participant:joined' | 'participant:updated'; participant: Participant }
  | { type: 'participant:left'; participantId: string }
  | { type: 'participant:health'; participantId: string; health: MediaHealth }
  | { type: 'consumer:closed' | 'consumer:paused' | 'consumer:resumed'; consumerId: string }
  | { type: 'speaker:active'; participantId: string | null }
  | { type: 'speaker:levels'; levels: Parameters<ServerToClientEvents['speaker:levels']>[0]['levels'] }
  | { type: 'chat:message'; message: ChatMessage }
  | { type: 'room:locked'; locked: boolean }
  | { type: 'room:recording'; active: boolean }
  | { type: 'moderation:muted'; source: MediaSource }
  | { type: 'moderation:unmute-requested' }
  /** One student's answer as it comes (`board:test-result`), or all so far (`board:test-results`). */
  | { type: 'board:test-attempts'; attempts: BoardTestAttempt[] }
  // What becomes of the tracks received here.
  | { type: 'track:received'; media: RemoteMedia }
  /** The media session closed (left, restarted, rejoined); a new one may follow. */
  | { type: 'tracks:closed' }
  /** The new session had its time: tracks that did not come back by now won't. */
  | { type: 'tracks:stale-expired' };

/** The room after `event`; `state` itself when the event changes nothing. */
export function reduceRoom(state: RoomState, event: RoomEvent): RoomState {
  switch (event.type) {
    case 'room:join': {
      const { self } = event.joined;
      const { participants, ...room } = event.joined.room;
      return {
        ...state,
        phase: { name: 'joined' },
        selfId: self.id,
        room,
        participants: participants.some((p) => p.id === self.id) ? participants : [self, ...participants],
        // Tiles of people who are still here keep their last frame until their tracks come back.
        remote: state.remote.filter((media) => participants.some((p) => p.id === media.participantId)),
        chat: mergeChat(state.chat, event.joined.chat),
        health: event.joined.health ?? {},
      };
    }
    case 'participant:joined':
    case 'participant:updated': {
      const { participant } = event;
      const known = state.participants.some((p) => p.id === participant.id);
      return {
        ...state,
        participants: known
          ? state.participants.map((p) => (p.id === participant.id ? participant : p))
          : [...state.participants, participant],
      };
    }
    case 'participant:left': {
      const { participantId } = event;
      return {
        ...state,
        participants: state.participants.filter((p) => p.id !== participantId),
        remote: state.remote.filter((media) => media.participantId !== participantId),
        activeSpeakerId: state.activeSpeakerId === participantId ? null : state.activeSpeakerId,
      };
    }
    case 'participant:health':
      return { ...state, health: { ...state.health, [event.participantId]: event.health } };
    case 'consumer:closed':
      return { ...state, remote: state.remote.filter((media) => media.consumerId !== event.consumerId) };
    case 'consumer:paused':
    case 'consumer:resumed': {
      const paused = event.type === 'consumer:paused';
      return {
        ...state,
        remote: state.remote.map((media) => (media.consumerId === event.consumerId ? { ...media, paused } : media)),
      };
    }
    case 'speaker:active':
      return { ...state, activeSpeakerId: event.participantId };
    case 'speaker:levels':
      return {
        ...state,
        levels: Object.fromEntries(event.levels.map(({ participantId, volume }) => [participantId, volume])),
      };
    case 'chat:message':
      return { ...state, chat: mergeChat(state.chat, [event.message]) };
    case 'room:locked':
      return { ...state, room: state.room && { ...state.room, locked: event.locked } };
    case 'room:recording':
      return { ...state, room: state.room && { ...state.room, recording: event.active } };
    case 'moderation:muted':
      // Only a muted microphone gets a notice; RoomClient turns whatever was muted off.
      return event.source === 'microphone' ? { ...state, mutedByTeacher: true, unmuteRequested: false } : state;
    case 'moderation:unmute-requested':
      // The request replaces the earlier "you were muted" notice: one thing to answer at a time.
      return { ...state, unmuteRequested: true, mutedByTeacher: false };
    case 'board:test-attempts':
      return { ...state, testAttempts: withAttempts(state.testAttempts, event.attempts) };
    case 'track:received': {
      const { media } = event;
      return {
        ...state,
        remote: [
          // The fresh track takes the place of the stale one from before a rejoin.
          ...state.remote.filter(
            (entry) => !(entry.stale && entry.participantId === media.participantId && entry.source === media.source),
          ),
          media,
        ],
      };
    }
    case 'tracks:closed':
      // The tiles stay, marked stale, so nobody's picture blinks out.
      return { ...state, remote: state.remote.map((media) => ({ ...media, stale: true })) };
    case 'tracks:stale-expired':
      return { ...state, remote: state.remote.filter((media) => !media.stale) };
  }
}

function withAttempts(current: Record<string, BoardTestAttempt[]>, incoming: BoardTestAttempt[]): Record<string, BoardTestAttempt[]> {
  const next = { ...current };
  for (const attempt of incoming) {
    next[attempt.materialId] = [...(next[attempt.materialId] ?? []).filter((a) => a.studentId !== attempt.studentId), attempt];
  }
  return next;
}

function mergeChat(current: ChatMessage[], incoming: ChatMessage[]): ChatMessage[] {
  const known = new Set(current.map((message) => message.id));
  const added = incoming.filter((message) => !known.has(message.id));
  if (added.length === 0) return current;
  return [...current, ...added].sort((a, b) => a.sentAt.localeCompare(b.sentAt));
}
