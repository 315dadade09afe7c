/** How often one video may report its size: a window being dragged wider shouldn't flood the server. */
const THROTTLE_MS = 500;

interface Size {
  width: number;
  height: number;
}

/**
 * Tells the server how large each remote video is shown, so it forwards the simulcast layer that
 * fits: only when the size changed, and at most once per `THROTTLE_MS` per video (the last size wins).
 */
export class ViewportReporter {
  readonly #send: (consumerId: string, size: Size) => void;
  readonly #sent = new Map<string, Size>();
  readonly #pending = new Map<string, Size>();
  readonly #timers = new Map<string, number>();

  constructor(send: (consumerId: string, size: Size) => void) {
    this.#send = send;
  }

  report(consumerId: string, size: Size): void {
    this.#pending.set(consumerId, size);
    if (!this.#timers.has(consumerId)) this.#flush(consumerId);
  }

  forget(consumerId: string): void {
    window.clearTimeout(this.#timers.get(consumerId));
    this.#timers.delete(consumerId);
    this.#pending.delete(consumerId);
    this.#sent.delete(consumerId);
  }

  dispose(): void {
    for (const consumerId of [...this.#timers.keys()]) this.forget(consumerId);
  }

  #flush(consumerId: string): void {
    const size = this.#pending.get(consumerId);
    this.#pending.delete(consumerId);
    const sent = this.#sent.get(consumerId);
    if (!size || (sent && sent.width === size.width && sent.height === size.height)) {
      this.#timers.delete(consumerId);
      return;
    }
    this.#sent.set(consumerId, size);
    this.#send(consumerId, size);
    this.#timers.set(
      consumerId,
      window.setTimeout(() => this.#flush(consumerId), THROTTLE_MS),
    );
  }
}
