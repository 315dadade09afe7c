import { Store } from './store';

/** The person's own capture devices. */
export type DeviceKind = 'microphone' | 'camera';

/** `insecure`: browsers only offer devices to pages served over https (or from localhost). */
export type MediaFailure = 'denied' | 'not_found' | 'busy' | 'insecure' | 'failed';

export interface LocalMediaState {
  microphone: MediaStreamTrack | null;
  camera: MediaStreamTrack | null;
  screen: MediaStreamTrack | null;
  /** The tab or system sound the browser offered along with a shared screen, if any. */
  screenAudio: MediaStreamTrack | null;
  /** What the person wants to send. In the room a device that is off keeps its track, paused. */
  on: Record<DeviceKind, boolean>;
  devices: Record<DeviceKind, MediaDeviceInfo[]>;
  /** The chosen device; null for the browser's default. */
  selected: Record<DeviceKind, string | null>;
  /** Why the last attempt to open a device failed, until it next succeeds. */
  failure: Partial<Record<DeviceKind | 'screen', MediaFailure>>;
}

const constraints: Record<DeviceKind, MediaTrackConstraints> = {
  microphone: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
  // 720p so that the top simulcast layer has something to carry; browsers drop layers below ~540p.
  camera: { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } },
};

/** The error a failed device leaves behind, for the caller that needs to stop. */
export class MediaAccessError extends Error {
  readonly failure: MediaFailure;

  constructor(failure: MediaFailure) {
    super(`media access failed: ${failure}`);
    this.name = 'MediaAccessError';
    this.failure = failure;
  }
}

function failureOf(error: unknown): MediaFailure {
  if (error instanceof MediaAccessError) return error.failure;
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'not_found';
  if (name === 'NotReadableError' || name === 'AbortError') return 'busy';
  return 'failed';
}

/**
 * The camera, microphone and screen of this browser, outside React: the pre-join screen opens them
 * and the room publishes the same tracks, so joining never asks for the devices twice.
 */
export class LocalMedia extends Store<LocalMediaState> {
  readonly #opening = new Map<DeviceKind, Promise<MediaStreamTrack>>();
  /** Bumped by `release`, so that a device which finishes opening afterwards is stopped at once. */
  readonly #generation: Record<DeviceKind, number> = { microphone: 0, camera: 0 };
  #disposed = false;

  constructor() {
    super({
      microphone: null,
      camera: null,
      screen: null,
      screenAudio: null,
      on: { microphone: true, camera: true },
      devices: { microphone: [], camera: [] },
      selected: { microphone: null, camera: null },
      failure: {},
    });
    navigator.mediaDevices?.addEventListener('devicechange', this.#onDeviceChange);
  }

  /** The live track of a device, opening it if needed. Throws a `MediaAccessError`. */
  open(kind: DeviceKind): Promise<MediaStreamTrack> {
    const current = this.getState()[kind];
    if (current?.readyState === 'live') return Promise.resolve(current);
    // One request per device at a time: a double click must not leave a second camera running.
    let opening = this.#opening.get(kind);
    if (!opening) {
      const generation = this.#generation[kind];
      opening = this.#capture(kind, this.getState().selected[kind])
        .then((track) => {
          if (generation !== this.#generation[kind]) {
            // Released (or the room closed) while the browser was asking: don't leave the light on.
            track.stop();
            throw new MediaAccessError('failed');
          }
          this.update({ [kind]: track });
          return track;
        })
        .finally(() => this.#opening.delete(kind));
      this.#opening.set(kind, opening);
    }
    return opening;
  }

  /** Stops a device (the pre-join screen's toggle: off really means off there). */
  release(kind: DeviceKind): void {
    this.#generation[kind] += 1;
    this.getState()[kind]?.stop();
    this.update({ [kind]: null });
  }

  setOn(kind: DeviceKind, on: boolean): void {
    this.update((state) => ({ on: { ...state.on, [kind]: on } }));
  }

  /** The pre-join toggle: opens or stops the device. */
  async preview(kind: DeviceKind, on: boolean): Promise<void> {
    this.setOn(kind, on);
    if (!on) {
      this.release(kind);
      return;
    }
    try {
      await this.open(kind);
    } catch {
      // The failure is in the state for the screen to explain; the toggle stays off.
      this.setOn(kind, false);
    }
  }

  /**
   * Moves to another device. `replace` hands the new track to whoever sends the old one before the
   * old one stops, so the others never see a gap longer than the switch itself.
   */
  async switchDevice(
    kind: DeviceKind,
    deviceId: string,
    replace?: (track: MediaStreamTrack) => Promise<void>,
  ): Promise<void> {
    this.update((state) => ({ selected: { ...state.selected, [kind]: deviceId } }));
    const old = this.getState()[kind];
    if (!old) return;
    const track = await this.#capture(kind, deviceId);
    // A paused device stays paused on the new hardware.
    track.enabled = old.enabled;
    await replace?.(track);
    old.stop();
    this.update({ [kind]: track });
  }

  /** Asks the browser for a screen, window or tab to share. Throws a `MediaAccessError`. */
  async startScreen(): Promise<{ video: MediaStreamTrack; audio: MediaStreamTrack | null }> {
    let stream: MediaStream;
    try {
      if (!window.isSecureContext) throw new MediaAccessError('insecure');
      stream = await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: { ideal: 15 } }, audio: true });
    } catch (error) {
      const failure = failureOf(error);
      this.update((state) => ({ failure: { ...state.failure, screen: failure } }));
      throw new MediaAccessError(failure);
    }
    const video = stream.getVideoTracks()[0];
    if (!video) throw new MediaAccessError('failed');
    // Slides and text: keep them sharp and let the frame rate drop instead.
    video.contentHint = 'detail';
    const audio = stream.getAudioTracks()[0] ?? null;
    this.update((state) => ({ screen: video, screenAudio: audio, failure: { ...state.failure, screen: undefined } }));
    return { video, audio };
  }

  /**
   * Back to what on and off mean before joining, after the room let go of the tracks: a device that
   * is off is stopped, one that is on is enabled again (pausing a producer disables its track).
   */
  settle(): void {
    for (const kind of ['microphone', 'camera'] as const) {
      const track = this.getState()[kind];
      if (!this.getState().on[kind]) this.release(kind);
      else if (track) track.enabled = true;
    }
  }

  /** Stops everything, e.g. when the lesson is over, without forgetting the chosen devices. */
  releaseAll(): void {
    this.release('microphone');
    this.release('camera');
    this.stopScreen();
  }

  stopScreen(): void {
    const { screen, screenAudio } = this.getState();
    screen?.stop();
    screenAudio?.stop();
    this.update({ screen: null, screenAudio: null });
  }

  dispose(): void {
    this.#disposed = true;
    navigator.mediaDevices?.removeEventListener('devicechange', this.#onDeviceChange);
    this.releaseAll();
  }

  async #capture(kind: DeviceKind, deviceId: string | null): Promise<MediaStreamTrack> {
    let track: MediaStreamTrack;
    try {
      track = await this.#getUserMedia(kind, deviceId).catch((error: unknown) => {
        // The chosen device may have been unplugged: fall back to the default one.
        if (deviceId && failureOf(error) === 'not_found') return this.#getUserMedia(kind, null);
        throw error;
      });
    } catch (error) {
      const failure = failureOf(error);
      this.update((state) => ({ failure: { ...state.failure, [kind]: failure } }));
      throw new MediaAccessError(failure);
    }
    this.update((state) => ({ failure: { ...state.failure, [kind]: undefined } }));
    // Device names are only readable once the person has allowed access.
    await this.#refreshDevices();
    return track;
  }

  async #getUserMedia(kind: DeviceKind, deviceId: string | null): Promise<MediaStreamTrack> {
    if (!window.isSecureContext) throw new MediaAccessError('insecure');
    const track = { ...constraints[kind], ...(deviceId ? { deviceId: { exact: deviceId } } : {}) };
    const stream = await navigator.mediaDevices.getUserMedia(kind === 'camera' ? { video: track } : { audio: track });
    const [captured] = stream.getTracks();
    if (!captured) throw new DOMException('no track', 'NotFoundError');
    return captured;
  }

  readonly #onDeviceChange = () => void this.#refreshDevices();

  async #refreshDevices(): Promise<void> {
    const all = await navigator.mediaDevices.enumerateDevices();
    if (this.#disposed) return;
    this.update({
      devices: {
        microphone: all.filter((device) => device.kind === 'audioinput'),
        camera: all.filter((device) => device.kind === 'videoinput'),
      },
    });
  }
}
