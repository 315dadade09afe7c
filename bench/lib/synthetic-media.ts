import { randomFillSync } from 'node:crypto';
import { createAudioSource, createVideoSource, type AudioSource, type VideoSource, type WrtcTrack } from './webrtc.js';

export interface CameraSettings {
  width: number;
  height: number;
  fps: number;
}

/**
 * A synthetic camera: a bright bar moving over a dark picture plus a band of noise over 1/16 of
 * the rows. A plain moving bar compresses to almost nothing (40–70 kbps), full-frame noise makes
 * the encoder drop to a few frames per second; the band gives a webcam-like bitrate at full rate.
 */
export class SyntheticCamera {
  readonly settings: CameraSettings;
  readonly #source: VideoSource;
  readonly #frame: { width: number; height: number; data: Uint8Array };
  readonly #timer: NodeJS.Timeout;
  readonly #tracks = new Set<WrtcTrack>();
  #count = 0;

  constructor(settings: CameraSettings) {
    if (settings.width % 2 || settings.height % 2) throw new Error('I420 needs an even width and height');
    this.settings = settings;
    this.#source = createVideoSource();
    const { width, height } = settings;
    this.#frame = { width, height, data: new Uint8Array((width * height * 3) / 2) };
    this.#timer = setInterval(() => this.#tick(), 1000 / settings.fps);
  }

  /** A new track from this camera (each producer gets its own; the camera keeps running). */
  createTrack(): WrtcTrack {
    const track = this.#source.createTrack();
    this.#tracks.add(track);
    return track;
  }

  get framesSent(): number {
    return this.#count;
  }

  stop(): void {
    clearInterval(this.#timer);
    for (const track of this.#tracks) track.stop();
    this.#tracks.clear();
  }

  #tick(): void {
    const { width, height, data } = this.#frame;
    const luma = width * height;
    const n = this.#count++;
    data.fill(40, 0, luma);
    const barRows = Math.max(2, Math.floor(height / 10));
    const barTop = (n * 4) % (height - barRows);
    data.fill(220, barTop * width, (barTop + barRows) * width);
    const bandRows = Math.max(2, Math.floor(height / 16));
    const bandTop = Math.floor(n / 2) % (height - bandRows);
    randomFillSync(data, bandTop * width, bandRows * width);
    data.fill(128 + ((n >> 3) % 32), luma);
    this.#source.onFrame(this.#frame);
  }
}

const SAMPLE_RATE = 48_000;
const CHUNK_MS = 10;
const CHUNK_SAMPLES = (SAMPLE_RATE * CHUNK_MS) / 1000;
/** Never send more than this much audio at once after a stall: catching up, not flooding. */
const MAX_CATCH_UP_CHUNKS = 10;

/** A synthetic microphone: a 440 Hz tone at a speaking level, in 10 ms chunks at 48 kHz. */
export class SyntheticMicrophone {
  readonly #source: AudioSource;
  readonly #timer: NodeJS.Timeout;
  readonly #tracks = new Set<WrtcTrack>();
  readonly #started = performance.now();
  #chunks = 0;

  constructor() {
    this.#source = createAudioSource();
    this.#timer = setInterval(() => this.#tick(), CHUNK_MS);
  }

  createTrack(): WrtcTrack {
    const track = this.#source.createTrack();
    this.#tracks.add(track);
    return track;
  }

  stop(): void {
    clearInterval(this.#timer);
    for (const track of this.#tracks) track.stop();
    this.#tracks.clear();
  }

  #tick(): void {
    const due = Math.floor((performance.now() - this.#started) / CHUNK_MS);
    if (due - this.#chunks > MAX_CATCH_UP_CHUNKS) this.#chunks = due - MAX_CATCH_UP_CHUNKS;
    while (this.#chunks < due) {
      const samples = new Int16Array(CHUNK_SAMPLES);
      const first = this.#chunks * CHUNK_SAMPLES;
      for (let i = 0; i < CHUNK_SAMPLES; i++) {
        samples[i] = Math.round(8000 * Math.sin((2 * Math.PI * 440 * (first + i)) / SAMPLE_RATE));
      }
      this.#source.onData({ samples, sampleRate: SAMPLE_RATE, bitsPerSample: 16, channelCount: 1, numberOfFrames: CHUNK_SAMPLES });
      this.#chunks++;
    }
  }
}
