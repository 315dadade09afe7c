import type { MediaPeer } from '@panda/sfu';
import type { MediaSource, Participant as ParticipantDto, RoomRole } from '@panda/shared';
import type { SignalingSocket } from '../gateway.js';

const SOURCES: readonly MediaSource[] = ['microphone', 'camera', 'screen', 'screen-audio'];

/** A person in a lesson room: their seat outlives a dropped connection for the grace period. */
export class Participant {
  readonly id: string;
  readonly name: string;
  readonly role: RoomRole;
  readonly attendanceId: string;
  handRaised = false;
  #socket: SignalingSocket | null;
  #media: MediaPeer;
  #graceTimer: NodeJS.Timeout | undefined;
  readonly #onMediaChanged: () => void;

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
  }

  /** Media starts over (a rejoin, or a new router after a worker died). */
  replaceMedia(media: MediaPeer): void {
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

  toDto(): ParticipantDto {
    const sending = this.#media.producerStates;
    return {
      id: this.id,
      name: this.name,
      role: this.role,
      presence: this.presence,
      handRaised: this.handRaised,
      media: Object.fromEntries(SOURCES.map((source) => [source, sending.get(source) ?? 'off'])) as ParticipantDto['media'],
    };
  }

  close(): void {
    this.cancelGrace();
    this.#media.close();
  }

  #forwardMedia(): void {
    const media = this.#media;
    media.on('consumerNew', (consumer) => this.#socket?.emit('consumer:new', consumer));
    media.on('consumerClosed', (event) => this.#socket?.emit('consumer:closed', event));
    media.on('consumerPaused', (event) => this.#socket?.emit('consumer:paused', event));
    media.on('consumerResumed', (event) => this.#socket?.emit('consumer:resumed', event));
    media.on('producersChanged', this.#onMediaChanged);
  }
}
