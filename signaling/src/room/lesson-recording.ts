import fs from 'node:fs/promises';
import path from 'node:path';
import type { MediaRoom, TrackRecorder, TrackRecording } from '@panda/sfu';
import type { MediaSource, RoomProducer } from '@panda/shared';
import type { Logger } from 'pino';

/** A track recorded from start to stop, in a file under the recordings folder. */
export interface RecordedTrack {
  lessonId: string;
  participantId: string;
  source: MediaSource;
  kind: 'audio' | 'video';
  /** Absolute path of the file. */
  file: string;
  startedAt: Date;
  stoppedAt: Date;
}

/** Where recorded tracks are kept once complete. */
export interface RecordingStore {
  saveTrack(track: RecordedTrack): Promise<void>;
}

export interface LessonRecordingDeps {
  lessonId: string;
  /** The room's media now (it is replaced when a worker dies). */
  media: () => MediaRoom;
  /** This lesson's folder for recordings. */
  dir: string;
  store: RecordingStore;
  logger: Logger;
  /** Whether this participant's tracks may be recorded (a student may have opted out). */
  mayRecord: (participantId: string) => boolean;
}

/**
 * A lesson being recorded: every track sent into the room is recorded on its own, as it arrives
 * (see TrackRecorder). A track that appears later (someone joins, turns a camera on, reconnects,
 * or the media restarts) is recorded from then on; one paused for long ends its file, and a new
 * file starts when it comes back. Each complete file is handed to the store.
 */
export class LessonRecording {
  readonly #deps: LessonRecordingDeps;
  /** Tracks being recorded, by producer. */
  readonly #recorders = new Map<string, Promise<TrackRecorder | null>>();
  /** Every file being finished and kept, so that stopping waits for all of them. */
  readonly #keeping = new Set<Promise<void>>();
  #stopped = false;

  constructor(deps: LessonRecordingDeps) {
    this.#deps = deps;
  }

  /** Records every live track not recorded yet, of those who may be recorded; called whenever the room's tracks change. */
  sync(producers: readonly RoomProducer[]): void {
    if (this.#stopped) return;
    for (const producer of producers) {
      if (producer.paused || this.#recorders.has(producer.producerId)) continue;
      if (this.#deps.mayRecord(producer.participantId)) this.#record(producer);
    }
  }

  /** Ends every track's file; resolves once all of them are kept. */
  async stop(): Promise<void> {
    this.#stopped = true;
    const recorders = await Promise.all(this.#recorders.values());
    await Promise.all(recorders.flatMap((recorder) => (recorder ? [recorder.stop()] : [])));
    await Promise.all(this.#keeping);
  }

  #record(producer: RoomProducer): void {
    const { dir, media, logger } = this.#deps;
    const file = path.join(dir, `${Date.now()}-${producer.participantId}-${producer.source}`);
    const started = fs
      .mkdir(dir, { recursive: true })
      .then(() => media().recordTrack(producer.producerId, file))
      .then(
        (recorder) => {
          // However it ends (stopped; the track left; paused long enough for ffmpeg to give up),
          // the file is kept once, and the track may be recorded anew when it comes back.
          const kept = recorder.finished.then((recording) => {
            this.#recorders.delete(producer.producerId);
            return this.#keep(producer, recording);
          });
          this.#keeping.add(kept);
          void kept.finally(() => this.#keeping.delete(kept));
          return recorder;
        },
        (error: unknown) => {
          logger.warn({ err: error, producerId: producer.producerId }, 'a track could not be recorded');
          this.#recorders.delete(producer.producerId);
          return null;
        },
      );
    this.#recorders.set(producer.producerId, started);
  }

  async #keep(producer: RoomProducer, recording: TrackRecording): Promise<void> {
    // Nothing playable arrived (paused right away): no file worth keeping.
    if (recording.durationMs === null) return;
    await this.#deps.store
      .saveTrack({
        lessonId: this.#deps.lessonId,
        participantId: producer.participantId,
        source: producer.source,
        kind: recording.kind,
        file: recording.file,
        startedAt: new Date(recording.startedAt),
        stoppedAt: new Date(recording.startedAt + recording.durationMs),
      })
      .catch((error: unknown) => this.#deps.logger.error({ err: error, file: recording.file }, 'a recorded track could not be kept'));
  }
}
