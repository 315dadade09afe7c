import type { MediaPeer } from '@panda/sfu';
import type { MediaHealth, MediaSource, Participant as ParticipantDto, RoomRole, ServerToClientEvents } from '@panda/shared';
import type { SignalingSocket } from '../gateway.js';

const SOURCES: readonly MediaSource[] = ['microphone', 'camera', 'screen', 'screen-audio'];

/** Enough for every track of a big group to come and go during one reconnect. */
const MAX_HELD_EVENTS = 500;

type HeldEvent = { [E in keyof ServerToClientEvents]: [E, ...Parameters<ServerToClientEvents[E]>] }[keyof ServerToClientEvents];

/** A person in a lesson room: their seat outlives a dropped connection for the grace period. */
export class Participant {
  readonly id: string;
  readonly name: string;
  readonly role: RoomRole;
  readonly attendanceId: string;
  handRaised = false;
  /** What this person's browser last said of their media. */
  health: MediaHealth | null = null;
  #socket: SignalingSocket | null;
  #media: MediaPeer;
  #graceTimer: NodeJS.Timeout | undefined;
  readonly #onMediaChanged: () => void;
  /** Events for this person while their connection is down; delivered when it comes back. */
  #held: HeldEvent[] = [];

  constructor(init: {
    id: string;
    name: string;
    role: RoomRole;
    attendanceId: string;
    socket: SignalingSocket;
    media: MediaPeer;
    /** What this person sends changed: the room tells everyone. */
    onMediaChanged: () => void;
  }) {
    this.id = init.id;
    this.name = init.name;
    this.role = init.role;
    this.attendanceId = init.attendanceId;
    this.#socket = init.socket;
    this.#media = init.media;
    this.#onMediaChanged = init.onMediaChanged;
    this.#forwardMedia();
  }

  get socket(): SignalingSocket | null {
    return this.#socket;
  }

  get media(): MediaPeer {
    return this.#media;
  }

  get presence(): 'online' | 'reconnecting' {
    return this.#socket?.connected ? 'online' : 'reconnecting';
  }

  /** A new connection takes the seat (a recovered socket, a rejoin or another tab). */
  attach(socket: SignalingSocket): void {
    this.cancelGrace();
    this.#socket = socket;
    for (const event of this.#held.splice(0)) this.send(...event);
  }

  /**
   * Sends to this person. Socket.IO replays missed room broadcasts after a reconnect but not
   * messages to one socket, so those wait here until the connection is back.
   */
  send(...event: HeldEvent): void {
    const socket = this.#socket;
    if (socket?.connected) {
      (socket.emit as (...args: HeldEvent) => boolean)(...event);
    } else if (this.#held.length < MAX_HELD_EVENTS) {
      this.#held.push(event);
    }
  }

  /** Media starts over (a rejoin, or a new router after a worker died). */
  replaceMedia(media: MediaPeer): void {
    // Events about the old media mean nothing any more, nor does the old health report.
    this.#held = [];
    this.health = null;
    this.#media.close();
    this.#media = media;
    this.#forwardMedia();
  }

  /** The connection dropped: the seat is kept until `onExpired` runs after `graceMs`. */
  startGrace(graceMs: number, onExpired: () => void): void {
    this.cancelGrace();
    this.#graceTimer = setTimeout(onExpired, graceMs);
  }

  cancelGrace(): void {
    clearTimeout(this.#graceTimer);
    this.#graceTimer = undefined;
  }

  /** As the room shows this person; whether the teacher holds their microphone is the room's to say. */
  toDto(microphoneHeld: boolean): ParticipantDto {
    const sending = this.#media.producerStates;
    return {
      id: this.id,
      name: this.name,
      role: this.role,
      presence: this.presence,
      handRaised: this.handRaised,
      microphoneHeld,
      media: Object.fromEntries(SOURCES.map((source) => [source, sending.get(source) ?? 'off'])) as ParticipantDto['media'],
    };
  }

  close(): void {
    this.cancelGrace();
    this.#media.close();
  }

  #forwardMedia(): void {
    const media = this.#media;
    media.on('consumerNew', (consumer) => this.send('consumer:new', consumer));
    media.on('consumerClosed', (event) => this.send('consumer:closed', event));
    media.on('consumerPaused', (event) => this.send('consumer:paused', event));
    media.on('consumerResumed', (event) => this.send('consumer:resumed', event));
    media.on('producersChanged', this.#onMediaChanged);
  }
}
