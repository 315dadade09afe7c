import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { VideoOptions } from './headless-client.js';
import type { RecordingSettings } from './rtp-recording.js';
import type { CounterStats, SenderStats, StreamTarget } from './rtp-load.js';

/**
 * The benchmark's load runs in child processes ("agents") so that the server process's CPU time
 * is the server's alone. The parent sends commands over the IPC channel; each is answered once.
 * `Agent` defaults to the SFU benchmark's agent (agent.ts); other benchmarks pass their own entry
 * and command map (see board/clients.ts).
 */

/** Commands an agent answers, each with its arguments and result. */
export type CommandMap<Commands> = { [C in keyof Commands]: { args: unknown; result: unknown } };

export interface LessonSeats {
  lessonId: string;
  /** Everyone who joins, teacher first; all share the benchmark password. */
  emails: string[];
}

export interface WebRtcSample {
  clients: number;
  packetsReceived: number;
  packetsLost: number;
  videoFrames: number;
  audioFrames: number;
  videoTracks: number;
  audioTracks: number;
  errors: number;
}

export interface AgentCommands {
  /** Headless WebRTC participants join and wait for the first video frame from everyone else. */
  'webrtc-join': {
    args: { url: string; password: string; lessons: LessonSeats[]; video: VideoOptions; firstFrameTimeoutMs: number };
    result: { firstFrameMs: number[]; failed: string[] };
  };
  'webrtc-sample': { args: Record<string, never>; result: WebRtcSample };
  /** Participants that only signal (their media is injected by the benchmark). */
  'signal-join': { args: { url: string; password: string; lessons: LessonSeats[] }; result: { joined: number; failed: string[]; joinAckMs: number[] } };
  /** Records the pre-encoded RTP with ffmpeg; must come before `rtp-send`. */
  'rtp-record': { args: RecordingSettings; result: { videoBitrate: number; audioBitrate: number } };
  'rtp-send': { args: { streams: StreamTarget[] }; result: { streams: number } };
  'rtp-send-stats': { args: Record<string, never>; result: SenderStats };
  'rtp-count-open': { args: { sockets: number }; result: { ports: number[] } };
  'rtp-count-stats': { args: Record<string, never>; result: CounterStats };
}

export type AgentCommand = keyof AgentCommands;

export type AgentRequest<Commands extends CommandMap<Commands> = AgentCommands> = {
  [C in keyof Commands & string]: { id: number; command: C; args: Commands[C]['args'] };
}[keyof Commands & string];

export type AgentReply = { id: number; ok: true; data: unknown } | { id: number; ok: false; error: string };

/** What an agent does for each of its commands. */
export type AgentHandlers<Commands extends CommandMap<Commands>> = { [C in keyof Commands]: (args: Commands[C]['args']) => Promise<Commands[C]['result']> };

/** In an agent process: answers each command from the parent with its handler's result, or its error. */
export function serveAgent<Commands extends CommandMap<Commands>>(handlers: AgentHandlers<Commands>): void {
  process.on('message', (request: AgentRequest<Commands>) => {
    const handler = handlers[request.command];
    handler(request.args).then(
      (data) => process.send?.({ id: request.id, ok: true, data } satisfies AgentReply),
      (error: unknown) =>
        process.send?.({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) } satisfies AgentReply),
    );
  });
}

const AGENT_ENTRY = fileURLToPath(new URL('./agent.ts', import.meta.url));

export class Agent<Commands extends CommandMap<Commands> = AgentCommands> {
  readonly name: string;
  readonly #child: ChildProcess;
  readonly #pending = new Map<number, { resolve: (data: unknown) => void; reject: (error: Error) => void }>();
  #nextId = 1;

  private constructor(name: string, child: ChildProcess) {
    this.name = name;
    this.#child = child;
    child.on('message', (reply: AgentReply) => {
      const pending = this.#pending.get(reply.id);
      if (!pending) return;
      this.#pending.delete(reply.id);
      if (reply.ok) pending.resolve(reply.data);
      else pending.reject(new Error(`agent ${name}: ${reply.error}`));
    });
    child.once('exit', (code, signal) => {
      for (const pending of this.#pending.values()) pending.reject(new Error(`agent ${name} exited (${code ?? signal})`));
      this.#pending.clear();
    });
  }

  /** Starts an agent process (Node with tsx, like the benchmark itself) running `entry`. */
  static async start<Commands extends CommandMap<Commands> = AgentCommands>(name: string, entry: string = AGENT_ENTRY): Promise<Agent<Commands>> {
    const child = fork(entry, [name], { execArgv: ['--import', 'tsx', ...(process.env.BENCH_AGENT_FLAGS ? process.env.BENCH_AGENT_FLAGS.split(' ') : [])], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
    return new Agent<Commands>(name, child);
  }

  get pid(): number {
    return this.#child.pid ?? 0;
  }

  /** Sends a command; rejects if the agent fails it, exits, or says nothing for `timeoutMs`. */
  request<C extends keyof Commands & string>(command: C, args: Commands[C]['args'], timeoutMs = 120_000): Promise<Commands[C]['result']> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`agent ${this.name}: no answer to ${command} within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      const settle = <T>(action: (value: T) => void) => (value: T) => {
        clearTimeout(timer);
        action(value);
      };
      this.#pending.set(id, { resolve: settle(resolve), reject: settle(reject) });
      this.#child.send({ id, command, args });
    });
  }

  /** Ends the agent: it closes its clients and sockets when the channel goes. */
  async close(): Promise<void> {
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.#child.once('exit', () => resolve()));
    this.#child.disconnect();
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
