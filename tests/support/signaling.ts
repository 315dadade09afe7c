import {
  SIGNALING_PROTOCOL_VERSION,
  type Ack,
  type ClientEventName,
  type ClientResult,
  type ServerToClientEvents,
} from '@panda/shared';
import { io, type Socket } from 'socket.io-client';
import { ApiClient } from './http.js';

/** A signaling client for tests: typed requests, and a log of every event the server sent. */
export class TestSignalingClient {
  readonly socket: Socket;
  readonly received: Array<{ event: string; payload: unknown }> = [];

  constructor(url: string, token: string) {
    this.socket = io(url, {
      auth: { token, protocol: SIGNALING_PROTOCOL_VERSION },
      transports: ['websocket'],
      reconnection: false,
    });
    this.socket.onAny((event: string, payload: unknown) => this.received.push({ event, payload }));
  }

  static async connect(url: string, email: string): Promise<TestSignalingClient> {
    const api = new ApiClient(url);
    const login = await api.post('/api/auth/login', { email, password: 'panda-demo' });
    if (login.status !== 200) throw new Error(`login failed for ${email}`);
    const client = new TestSignalingClient(url, login.body.accessToken);
    await new Promise<void>((resolve, reject) => {
      client.socket.once('session:ready', () => resolve());
      client.socket.once('connect_error', reject);
    });
    return client;
  }

  /** Sends an event and resolves with the acknowledgement, whatever it says. */
  send<E extends ClientEventName>(event: E, payload: unknown): Promise<Ack<ClientResult<E>>> {
    return this.socket.timeout(5000).emitWithAck(event, payload) as Promise<Ack<ClientResult<E>>>;
  }

  /** Sends an event and resolves with its data, failing on an error answer. */
  async request<E extends ClientEventName>(event: E, payload: unknown): Promise<ClientResult<E>> {
    const answer = await this.send(event, payload);
    if (!answer.ok) throw new Error(`${event} failed: ${answer.error.code} ${answer.error.message}`);
    return answer.data;
  }

  /** The next `event` from the server (or one already received that matches). */
  async next<E extends keyof ServerToClientEvents>(
    event: E,
    match: (payload: Parameters<ServerToClientEvents[E]>[0]) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<Parameters<ServerToClientEvents[E]>[0]> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const hit = this.received.find((entry) => entry.event === event && match(entry.payload as never));
      if (hit) {
        this.received.splice(this.received.indexOf(hit), 1);
        return hit.payload as Parameters<ServerToClientEvents[E]>[0];
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`no ${event} within ${timeoutMs} ms`);
  }

  close(): void {
    this.socket.close();
  }
}
