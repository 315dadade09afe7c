import { z } from 'zod';
import { BoardTestAttempt, BoardTestFeedback } from './board.js';
import { ErrorCode } from './errors.js';
import { TestAnswers } from './items.js';
import type { NotificationEvent } from './notifications.js';

/**
 * The lesson-room signaling protocol over Socket.IO. Every client event carries a payload that is
 * validated against the schema below and is answered through an acknowledgement with either data
 * or an error with a stable code. Bump the version on any incompatible change.
 */
export const SIGNALING_PROTOCOL_VERSION = 1;

/** What a client sends in the Socket.IO handshake (`auth`). */
export const SignalingHandshake = z.object({
  token: z.string().min(1).max(4096),
  protocol: z.literal(SIGNALING_PROTOCOL_VERSION),
});
export type SignalingHandshake = z.infer<typeof SignalingHandshake>;

export const SignalingError = z.object({
  code: ErrorCode,
  message: z.string(),
  /** With `room_elsewhere`: the signaling address of the process hosting the room. */
  nodeUrl: z.string().optional(),
});
export type SignalingError = z.infer<typeof SignalingError>;

/** Every acknowledgement carries either data or an error with a stable code. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: SignalingError };

/** Who a signaling connection belongs to, as the server established it. */
export interface SignalingIdentity {
  userId: string;
  role: 'student' | 'teacher' | 'methodist' | 'admin';
}

// --- mediasoup parameters, bounded so that a client cannot make the server parse megabytes ---

const Id = z.string().min(1).max(64);
const Params = z.record(z.string().max(64), z.union([z.string().max(256), z.number(), z.boolean()]));

const RtcpFeedback = z.object({ type: z.string().max(32), parameter: z.string().max(32).optional() });

const RtpCodec = z.object({
  kind: z.enum(['audio', 'video']).optional(),
  mimeType: z.string().max(64),
  payloadType: z.number().int().min(0).max(127).optional(),
  preferredPayloadType: z.number().int().min(0).max(127).optional(),
  clockRate: z.number().int().positive(),
  channels: z.number().int().min(1).max(8).optional(),
  parameters: Params.optional(),
  rtcpFeedback: z.array(RtcpFeedback).max(20).optional(),
});

const HeaderExtension = z.object({
  kind: z.enum(['audio', 'video']).optional(),
  uri: z.string().max(256),
  id: z.number().int().optional(),
  preferredId: z.number().int().optional(),
  encrypt: z.boolean().optional(),
  preferredEncrypt: z.boolean().optional(),
  direction: z.enum(['sendrecv', 'sendonly', 'recvonly', 'inactive']).optional(),
  parameters: Params.optional(),
});

export const RtpCapabilities = z.object({
  codecs: z.array(RtpCodec).max(100).optional(),
  headerExtensions: z.array(HeaderExtension).max(50).optional(),
});
export type RtpCapabilities = z.infer<typeof RtpCapabilities>;

export const RtpParameters = z.object({
  mid: z.string().max(32).optional(),
  codecs: z.array(RtpCodec.extend({ payloadType: z.number().int().min(0).max(127) })).min(1).max(20),
  headerExtensions: z.array(HeaderExtension).max(20).optional(),
  encodings: z
    .array(
      z.object({
        ssrc: z.number().int().nonnegative().optional(),
        rid: z.string().max(32).optional(),
        codecPayloadType: z.number().int().optional(),
        rtx: z.object({ ssrc: z.number().int().nonnegative() }).optional(),
        dtx: z.boolean().optional(),
        scalabilityMode: z.string().max(16).optional(),
        scaleResolutionDownBy: z.number().positive().optional(),
        maxBitrate: z.number().int().positive().optional(),
        maxFramerate: z.number().positive().optional(),
        adaptivePtime: z.boolean().optional(),
        priority: z.enum(['very-low', 'low', 'medium', 'high']).optional(),
        networkPriority: z.enum(['very-low', 'low', 'medium', 'high']).optional(),
        active: z.boolean().optional(),
      }),
    )
    .max(4)
    .optional(),
  rtcp: z
    .object({ cname: z.string().max(64).optional(), reducedSize: z.boolean().optional(), mux: z.boolean().optional() })
    .optional(),
  msid: z.string().max(128).optional(),
});
export type RtpParameters = z.infer<typeof RtpParameters>;

export const DtlsParameters = z.object({
  role: z.enum(['auto', 'client', 'server']).optional(),
  fingerprints: z
    .array(
      z.object({
        algorithm: z.enum(['sha-1', 'sha-224', 'sha-256', 'sha-384', 'sha-512']),
        value: z.string().max(256),
      }),
    )
    .min(1)
    .max(5),
});
export type DtlsParameters = z.infer<typeof DtlsParameters>;

// --- the room ---

/** What a person is in a room: the teacher runs it (a methodist in a placement lesson), admins watch. */
export const RoomRole = z.enum(['teacher', 'student', 'observer']);
export type RoomRole = z.infer<typeof RoomRole>;

/** Where a track comes from. */
export const MediaSource = z.enum(['microphone', 'camera', 'screen', 'screen-audio']);
export type MediaSource = z.infer<typeof MediaSource>;

export const MediaState = z.enum(['on', 'paused', 'off']);

export const Participant = z.object({
  /** The user's id: one seat per person; a second tab takes the seat over. */
  id: z.uuid(),
  name: z.string(),
  role: RoomRole,
  presence: z.enum(['online', 'reconnecting']),
  handRaised: z.boolean(),
  /** The teacher muted this person's microphone: the server keeps it off until the teacher asks for it. */
  microphoneHeld: z.boolean(),
  media: z.record(MediaSource, MediaState),
});
export type Participant = z.infer<typeof Participant>;

export const ChatMessage = z.object({
  id: z.uuid(),
  participantId: z.uuid(),
  name: z.string(),
  text: z.string(),
  sentAt: z.string(),
});
export type ChatMessage = z.infer<typeof ChatMessage>;

export const IceServer = z.object({
  urls: z.array(z.string()),
  username: z.string().optional(),
  credential: z.string().optional(),
});
export type IceServer = z.infer<typeof IceServer>;

export const RoomSnapshot = z.object({
  lessonId: z.uuid(),
  title: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  locked: z.boolean(),
  /** The lesson is being recorded: everyone is told on joining and sees it while it lasts. */
  recording: z.boolean(),
  participants: z.array(Participant),
});
export type RoomSnapshot = z.infer<typeof RoomSnapshot>;

export const TransportInfo = z.object({
  id: Id,
  iceParameters: z.object({ usernameFragment: z.string(), password: z.string(), iceLite: z.boolean().optional() }),
  iceCandidates: z.array(z.record(z.string(), z.unknown())),
  dtlsParameters: DtlsParameters,
});
export type TransportInfo = z.infer<typeof TransportInfo>;

export const NewConsumer = z.object({
  consumerId: Id,
  producerId: Id,
  participantId: z.uuid(),
  kind: z.enum(['audio', 'video']),
  source: MediaSource,
  rtpParameters: RtpParameters,
  /** The producer is paused (e.g. camera off): show the last frame or an avatar, not an error. */
  producerPaused: z.boolean(),
});
export type NewConsumer = z.infer<typeof NewConsumer>;

/** A track someone sends into the room, as the room lists it for reconciling subscriptions. */
export const RoomProducer = z.object({
  producerId: Id,
  participantId: z.uuid(),
  kind: z.enum(['audio', 'video']),
  source: MediaSource,
  paused: z.boolean(),
});
export type RoomProducer = z.infer<typeof RoomProducer>;

const TransportConnection = z.enum(['new', 'connecting', 'connected', 'disconnected', 'failed', 'closed']);

/**
 * How a participant's media fares, as their browser measures it every few seconds: what the
 * teacher's participant list shows for each person.
 */
export const MediaHealth = z.strictObject({
  send: TransportConnection.nullable(),
  recv: TransportConnection.nullable(),
  /** The sources whose packets left the browser since the last report. */
  sending: z.array(MediaSource).max(4),
  /** Cameras of others decoding now, out of those that are on. */
  receiving: z.strictObject({ flowing: z.number().int().min(0).max(1000), expected: z.number().int().min(0).max(1000) }),
  /** The worst packet loss of any track in or out since the last report, in percent. */
  lossPercent: z.number().min(0).max(100).nullable(),
  roundTripMs: z.number().int().min(0).max(60_000).nullable(),
});
export type MediaHealth = z.infer<typeof MediaHealth>;

/**
 * How often one connection may send an event: `burst` at once, refilled at `perSecond`. Beyond it
 * the answer is `rate_limited` and nothing happens. Events without their own rate share the default.
 */
export interface EventRate {
  burst: number;
  perSecond: number;
}
export const DEFAULT_EVENT_RATE: EventRate = { burst: 20, perSecond: 5 };

/**
 * Client events: payload schema (no unknown fields), the data its acknowledgement carries, and
 * the rate a connection may send it at when it differs from the default.
 */
export const ClientEvents = {
  'room:join': {
    payload: z.strictObject({ lessonId: z.uuid() }),
    result: z.object({
      self: Participant,
      room: RoomSnapshot,
      routerRtpCapabilities: RtpCapabilities,
      iceServers: z.array(IceServer),
      chat: z.array(ChatMessage),
      /** For the teacher: everyone's latest media health, by participant; later reports follow as events. */
      health: z.record(z.string(), MediaHealth).optional(),
    }),
  },
  'room:leave': { payload: z.strictObject({}), result: z.object({}) },
  'transport:create': {
    payload: z.strictObject({ direction: z.enum(['send', 'recv']) }),
    result: TransportInfo,
  },
  'transport:connect': {
    payload: z.strictObject({ transportId: Id, dtlsParameters: DtlsParameters }),
    result: z.object({}),
  },
  'transport:restart-ice': {
    payload: z.strictObject({ transportId: Id }),
    result: z.object({ iceParameters: TransportInfo.shape.iceParameters }),
  },
  /** Sent once the receive transport exists: the server then offers every track in the room. */
  'media:ready': { payload: z.strictObject({ rtpCapabilities: RtpCapabilities }), result: z.object({}) },
  'media:produce': {
    payload: z.strictObject({
      transportId: Id,
      kind: z.enum(['audio', 'video']),
      source: MediaSource,
      rtpParameters: RtpParameters,
      paused: z.boolean().default(false),
    }),
    result: z.object({ producerId: Id }),
  },
  /**
   * Every live track of the room (this person's own included): the client reconciles what it
   * receives and sends against it on joining, after a reconnect and every few seconds.
   */
  'media:sync': {
    rate: { burst: 5, perSecond: 1 },
    payload: z.strictObject({}),
    result: z.object({ producers: z.array(RoomProducer) }),
  },
  /**
   * Receive this track: the consumer already made for it (an offer the client missed), or a new
   * one, replacing `replacing` (a consumer that stalled).
   */
  'media:consume': {
    rate: { burst: 100, perSecond: 20 },
    payload: z.strictObject({ producerId: Id, replacing: Id.optional() }),
    result: NewConsumer,
  },
  /** This browser's media health; passed on to the teacher. */
  'media:health': { rate: { burst: 3, perSecond: 0.5 }, payload: MediaHealth, result: z.object({}) },
  'media:pause': { payload: z.strictObject({ producerId: Id }), result: z.object({}) },
  'media:resume': { payload: z.strictObject({ producerId: Id }), result: z.object({}) },
  'media:close': { payload: z.strictObject({ producerId: Id }), result: z.object({}) },
  'consumer:resume': {
    rate: { burst: 200, perSecond: 50 },
    payload: z.strictObject({ consumerId: Id }),
    result: z.object({}),
  },
  /** The size of the tile a video is shown in; the server picks the simulcast layer to match. */
  'consumer:viewport': {
    rate: { burst: 200, perSecond: 50 },
    payload: z.strictObject({
      consumerId: Id,
      width: z.number().int().min(0).max(8192),
      height: z.number().int().min(0).max(8192),
    }),
    result: z.object({}),
  },
  'chat:send': {
    rate: { burst: 10, perSecond: 1 },
    payload: z.strictObject({ text: z.string().trim().min(1).max(2000) }),
    result: ChatMessage,
  },
  /** A student answers a test the teacher showed on the board (again: the new answers count). */
  'board:test-answer': {
    rate: { burst: 10, perSecond: 1 },
    payload: z.strictObject({ materialId: z.uuid(), answers: TestAnswers }),
    result: BoardTestFeedback,
  },
  /** The teacher asks for everyone's answers to a test shown in this lesson. */
  'board:test-results': {
    payload: z.strictObject({ materialId: z.uuid() }),
    result: z.object({ attempts: z.array(BoardTestAttempt) }),
  },
  'hand:set': {
    rate: { burst: 5, perSecond: 1 },
    payload: z.strictObject({ raised: z.boolean() }),
    result: z.object({}),
  },
  // Teacher actions. The server checks the role on every one.
  'moderation:mute': { payload: z.strictObject({ participantId: z.uuid() }), result: z.object({}) },
  'moderation:ask-unmute': { payload: z.strictObject({ participantId: z.uuid() }), result: z.object({}) },
  'moderation:remove': { payload: z.strictObject({ participantId: z.uuid() }), result: z.object({}) },
  'room:lock': { payload: z.strictObject({ locked: z.boolean() }), result: z.object({}) },
  /** Records every camera, microphone and screen of the lesson until stopped or the room closes. */
  'recording:start': { payload: z.strictObject({}), result: z.object({}) },
  'recording:stop': { payload: z.strictObject({}), result: z.object({}) },
  'lesson:end': { payload: z.strictObject({}), result: z.object({}) },
} as const;

export type ClientEventName = keyof typeof ClientEvents;

export function eventRate(event: ClientEventName): EventRate {
  const definition = ClientEvents[event];
  return 'rate' in definition ? definition.rate : DEFAULT_EVENT_RATE;
}
export type ClientPayload<E extends ClientEventName> = z.input<(typeof ClientEvents)[E]['payload']>;
export type ClientResult<E extends ClientEventName> = z.output<(typeof ClientEvents)[E]['result']>;

/** Events the client sends; every one is acknowledged with an `Ack`. */
export type ClientToServerEvents = {
  [E in ClientEventName]: (payload: ClientPayload<E>, ack: (answer: Ack<ClientResult<E>>) => void) => void;
};


/** Events the server sends. */
export interface ServerToClientEvents {
  'session:ready': (session: { protocol: number; user: SignalingIdentity }) => void;
  'participant:joined': (participant: Participant) => void;
  'participant:updated': (participant: Participant) => void;
  'participant:left': (event: { participantId: string }) => void;
  /** To the teacher: a participant's latest media health report. */
  'participant:health': (event: { participantId: string; health: MediaHealth }) => void;
  'consumer:new': (consumer: NewConsumer) => void;
  'consumer:closed': (event: { consumerId: string }) => void;
  'consumer:paused': (event: { consumerId: string }) => void;
  'consumer:resumed': (event: { consumerId: string }) => void;
  'speaker:active': (event: { participantId: string | null }) => void;
  /** Who is audible, loudest first; `volume` in dBov, from -127 (silence) to 0 (the loudest). */
  'speaker:levels': (event: { levels: Array<{ participantId: string; volume: number }> }) => void;
  'chat:message': (message: ChatMessage) => void;
  'room:locked': (event: { locked: boolean }) => void;
  /** The teacher started or stopped recording the lesson. */
  'room:recording': (event: { active: boolean }) => void;
  /** The lesson is over (the teacher ended it, or the room closed). */
  'room:ended': (event: { reason: 'ended_by_teacher' | 'closed' }) => void;
  /** This connection must leave: removed by the teacher, or the same person joined elsewhere. */
  'room:removed': (event: { reason: 'removed_by_teacher' | 'joined_elsewhere' }) => void;
  /**
   * Sent to the room every few seconds and ignored by clients: Socket.IO recovers a dropped
   * connection only from a recent room broadcast, and a silent room would otherwise have none.
   */
  'room:heartbeat': () => void;
  /** The media server behind the room restarted: drop transports and join the media again. */
  'room:media-restart': () => void;
  /** The teacher muted your microphone on the server. */
  'moderation:muted': (event: { source: MediaSource }) => void;
  'moderation:unmute-requested': () => void;
  /** To the teacher: a student answered a test on the board. */
  'board:test-result': (attempt: BoardTestAttempt) => void;
  /** To every connection of the user, in or out of a lesson: a new notification for the bell. */
  'notification:new': (event: NotificationEvent) => void;
}
