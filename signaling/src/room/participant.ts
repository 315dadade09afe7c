import type { MediaPeer } from '@panda/sfu';
import type { MediaHealth, MediaSource, Participant as ParticipantDto, RoomRole } from '@panda/shared';
import type { RoomConnection, ServerEvent } from './connection.js';

const SOURCES: readonly MediaSource[] = ['microphone', 'camera', 'screen', 'screen-audio'];

/** Enough for every track of a big group to come and go during one reconnect. */
const MAX_HELD_EVENTS = 500;

/** A person in a lesson room: their seat outlives a dropped connection for the grace period. */
export class Participant {
  readonly id: string;
  readonly name: string;
  readonly role: RoomRole;
  readonly attendanceId: string;
  handRaised = false;
  /** What this person's browser last said of their media. */
  health: MediaHealth | null = null;
  #connection: RoomConnection;
  #media: MediaPeer;
  #graceTimer: NodeJS.Timeout | undefined;
  readonly #onMediaChanged: () => void;
  /** Events for this person while their connection is down; delivered when it comes back. */
  #held: ServerEvent[] = [];

  constructor(init: {
    id: string;
    name: string;
    role: RoomRole;
    attendanceId: string;
    connection: RoomConnection;
    media: MediaPeer;
    /** What this person sends changed: the room tells everyone. */
    onMediaChanged: () => void;
  }) {
    this.id = init.id;
    this.name = init.name;
    this.role = init.role;
    this.attendanceId = init.attendanceId;
    this.#connection = init.connection;
    this.#media = init.media;
    this.#onMediaChanged = init.onMediaChanged;
    this.#forwardMedia();
  }

  get connection(): RoomConnection {
    return this.#connection;
  }

  get media(): MediaPeer {
    return this.#media;
  }

  get presence(): 'online' | 'reconnecting' {
    return this.#connection.connected ? 'online' : 'reconnecting';
  }

  /** A new connection takes the seat (a recovered connection, a rejoin or another tab). */
  attach(connection: RoomConnection): void {
    this.cancelGrace();
    this.#connection = connection;
    for (const event of this.#held.splice(0)) this.send(...event);
  }

  /**
   * Sends to this person. A recovered connection gets the channel broadcasts it missed replayed
   * (Socket.IO's state recovery) but not messages to it alone, so those wait here until it is back.
   */
  send(...event: ServerEvent): void {
    if (this.#connection.connected) {
      this.#connection.send(...event);
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
