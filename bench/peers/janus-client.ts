import { randomBytes } from 'node:crypto';
import type { IceCandidate } from '../lib/webrtc.js';

/** An SDP as the Janus API carries it (our candidates follow with `trickle`). */
export interface Jsep {
  type: 'offer' | 'answer';
  sdp: string;
}

/** What a plugin said: its data (`videoroom: "joined"`, …) and, in a negotiation, an SDP. */
export interface PluginEvent {
  data: Record<string, unknown>;
  jsep?: Jsep;
}

/** One message of the Janus API, as far as this client reads it. */
interface JanusMessage {
  janus: string;
  transaction?: string;
  sender?: number;
  data?: { id?: number };
  error?: { code: number; reason: string };
  plugindata?: { plugin: string; data: Record<string, unknown> };
  jsep?: Jsep;
}

export const VIDEOROOM = 'janus.plugin.videoroom';

/** Janus drops a session after 60 s without a request; janus.js sends a keepalive every 25 s. */
const KEEPALIVE_MS = 25_000;

/**
 * One session of the Janus API over HTTP (the REST transport): plugin handles, requests matched to
 * their answers by transaction, and the events Janus pushes, fetched with a long poll that always
 * waits at the server.
 */
export class JanusClient {
  readonly #sessionUrl: string;
  readonly #pending = new Map<string, { resolve: (event: PluginEvent) => void; reject: (error: Error) => void }>();
  readonly #listeners = new Map<number, (event: PluginEvent) => void>();
  readonly #keepalive: NodeJS.Timeout;
  readonly #polling = new AbortController();
  #closed = false;

  private constructor(url: string, sessionId: number) {
    this.#sessionUrl = `${url}/${sessionId}`;
    this.#keepalive = setInterval(() => void this.#post(this.#sessionUrl, { janus: 'keepalive' }).catch(() => undefined), KEEPALIVE_MS);
    this.#keepalive.unref();
    void this.#poll();
  }

  /** Creates a session on the Janus at `url` (e.g. `http://127.0.0.1:8088/janus`). */
  static async connect(url: string): Promise<JanusClient> {
    const created = await post(url, { janus: 'create', transaction: transaction() });
    if (created.janus !== 'success' || !created.data?.id) throw new Error(`janus create: ${describe(created)}`);
    return new JanusClient(url, created.data.id);
  }

  /** Attaches a handle of `plugin`; returns the handle's id. */
  async attach(plugin = VIDEOROOM): Promise<number> {
    const attached = await this.#post(this.#sessionUrl, { janus: 'attach', plugin });
    if (attached.janus !== 'success' || !attached.data?.id) throw new Error(`janus attach: ${describe(attached)}`);
    return attached.data.id;
  }

  /**
   * Sends a request to the handle's plugin, with an SDP if given. Resolves with the plugin's answer:
   * at once for synchronous requests (create, destroy), else the event carrying this transaction.
   * An error from Janus or from the plugin rejects.
   */
  async message(handle: number, body: Record<string, unknown>, jsep?: Jsep): Promise<PluginEvent> {
    const id = transaction();
    const answered = new Promise<PluginEvent>((resolve, reject) => this.#pending.set(id, { resolve, reject }));
    // Settled by the long poll, or by a failed post below: never left unhandled.
    answered.catch(() => undefined);
    try {
      const reply = await this.#post(`${this.#sessionUrl}/${handle}`, { janus: 'message', body, ...(jsep ? { jsep } : {}) }, id);
      if (reply.janus === 'success') this.#settle(reply);
      else if (reply.janus !== 'ack') throw new Error(`janus ${String(body.request)}: ${describe(reply)}`);
    } catch (error) {
      this.#pending.delete(id);
      throw error;
    }
    return answered;
  }

  /** One of our candidates for the handle's peer connection; `null`: there are no more. */
  async trickle(handle: number, candidate: IceCandidate | null): Promise<void> {
    const { candidate: line, sdpMid, sdpMLineIndex } = candidate ?? {};
    const reply = await this.#post(`${this.#sessionUrl}/${handle}`, { janus: 'trickle', candidate: line ? { candidate: line, sdpMid, sdpMLineIndex } : { completed: true } });
    if (reply.janus !== 'ack') throw new Error(`janus trickle: ${describe(reply)}`);
  }

  /** Events the handle's plugin sends on its own (not answers): new publishers, talking, … */
  onEvent(handle: number, listener: (event: PluginEvent) => void): void {
    this.#listeners.set(handle, listener);
  }

  /** Destroys the session on the server (its handles and peer connections with it). */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#keepalive);
    this.#polling.abort();
    await this.#post(this.#sessionUrl, { janus: 'destroy' }).catch(() => undefined);
    this.#failPending(new Error('janus session closed'));
  }

  async #poll(): Promise<void> {
    while (!this.#closed) {
      try {
        // maxev: several events per round trip when they come in bursts (a negotiation, talking).
        const response = await fetch(`${this.#sessionUrl}?maxev=10&rid=${Date.now()}`, { signal: this.#polling.signal });
        const body = (await response.json()) as JanusMessage | JanusMessage[];
        // The session is gone (timed out, Janus restarted): polling again would fail at once, forever.
        if (!Array.isArray(body) && body.janus === 'error') throw new Error(describe(body));
        for (const message of Array.isArray(body) ? body : [body]) this.#dispatch(message);
      } catch (error) {
        if (this.#closed) return;
        this.#closed = true;
        clearInterval(this.#keepalive);
        this.#failPending(new Error('janus long poll failed', { cause: error }));
      }
    }
  }

  #dispatch(message: JanusMessage): void {
    if (message.janus !== 'event' || !message.plugindata) return;
    if (message.transaction && this.#pending.has(message.transaction)) this.#settle(message);
    else if (message.sender !== undefined) this.#listeners.get(message.sender)?.({ data: message.plugindata.data, ...(message.jsep ? { jsep: message.jsep } : {}) });
  }

  #settle(message: JanusMessage): void {
    const pending = message.transaction ? this.#pending.get(message.transaction) : undefined;
    if (!pending) return;
    this.#pending.delete(message.transaction!);
    const data = message.plugindata?.data ?? {};
    if ('error_code' in data) pending.reject(new Error(`janus plugin error ${String(data.error_code)}: ${String(data.error)}`));
    else pending.resolve({ data, ...(message.jsep ? { jsep: message.jsep } : {}) });
  }

  #failPending(error: Error): void {
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }

  #post(url: string, body: Record<string, unknown>, id = transaction()): Promise<JanusMessage> {
    return post(url, { ...body, transaction: id });
  }
}

async function post(url: string, body: Record<string, unknown>): Promise<JanusMessage> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`janus ${String(body.janus)}: HTTP ${response.status}`);
  return (await response.json()) as JanusMessage;
}

function transaction(): string {
  return randomBytes(9).toString('base64url');
}

function describe(message: JanusMessage): string {
  return message.error ? `${message.error.code} ${message.error.reason}` : JSON.stringify(message);
}
