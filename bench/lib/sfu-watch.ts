import { observer, type types } from 'mediasoup';

/** A lesson's router and the room's speaker observers, as the server created them. */
export interface WatchedRoom {
  router: types.Router;
  audioLevels: types.AudioLevelObserver | undefined;
  activeSpeaker: types.ActiveSpeakerObserver | undefined;
}

/**
 * Watches the mediasoup objects of this process through mediasoup's public observer API, without
 * touching the server: the worker (its pid for CPU and memory), each lesson's router (found by the
 * `roomId` the server puts in its appData) and how many producers and consumers are alive.
 * Must be created before the server starts its workers.
 */
export class SfuWatch {
  readonly workers: types.Worker[] = [];
  readonly rooms = new Map<string, WatchedRoom>();
  producers = 0;
  consumers = 0;

  constructor() {
    observer.on('newworker', (worker) => {
      this.workers.push(worker);
      worker.observer.once('close', () => this.workers.splice(this.workers.indexOf(worker), 1));
      worker.observer.on('newrouter', (router) => this.#watchRouter(router));
    });
  }

  /** The one live worker (the benchmark runs the server with SFU_WORKERS=1). */
  get worker(): types.Worker {
    const worker = this.workers.find((w) => !w.closed);
    if (!worker) throw new Error('no mediasoup worker is running');
    return worker;
  }

  room(lessonId: string): WatchedRoom {
    const room = this.rooms.get(lessonId);
    if (!room) throw new Error(`no router for lesson ${lessonId}`);
    return room;
  }

  #watchRouter(router: types.Router): void {
    const roomId = (router.appData as { roomId?: unknown }).roomId;
    if (typeof roomId !== 'string') return;
    const room: WatchedRoom = { router, audioLevels: undefined, activeSpeaker: undefined };
    this.rooms.set(roomId, room);
    router.observer.once('close', () => {
      if (this.rooms.get(roomId) === room) this.rooms.delete(roomId);
    });
    router.observer.on('newrtpobserver', (rtpObserver) => {
      if (rtpObserver.type === 'audiolevel') room.audioLevels = rtpObserver as types.AudioLevelObserver;
      if (rtpObserver.type === 'activespeaker') room.activeSpeaker = rtpObserver as types.ActiveSpeakerObserver;
    });
    router.observer.on('newtransport', (transport) => {
      transport.observer.on('newproducer', (producer) => {
        this.producers++;
        producer.observer.once('close', () => this.producers--);
      });
      transport.observer.on('newconsumer', (consumer) => {
        this.consumers++;
        consumer.observer.once('close', () => this.consumers--);
      });
    });
  }
}
