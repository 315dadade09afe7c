import { fileURLToPath } from 'node:url';
import { Agent, type LessonSeats } from '../lib/agent-host.js';
import type { VideoOptions } from '../lib/headless-client.js';
import { cpuSeconds, rssBytes } from '../lib/proc.js';
import type { JanusAgentCommands } from './commands.js';
import { FIRST_FRAME_TIMEOUT_MS, type Contender } from './contender.js';
import { JanusClient, VIDEOROOM } from './janus-client.js';
import { JanusProcess, type JanusSettings } from './janus-process.js';

const AGENT_ENTRY = fileURLToPath(new URL('./janus-agent.ts', import.meta.url));

/**
 * Janus with its videoroom plugin, one process. Rooms are created and destroyed through a session
 * of this process's own; participants are `JanusParticipant`s in an agent process.
 */
export class JanusSfu implements Contender {
  readonly name = 'Janus';
  readonly #janus: JanusProcess;
  readonly #admin: JanusClient;
  readonly #handle: number;
  readonly #rooms: number[] = [];
  #nextRoom = 1000;
  #agent: Agent<JanusAgentCommands> | undefined;

  private constructor(janus: JanusProcess, admin: JanusClient, handle: number) {
    this.#janus = janus;
    this.#admin = admin;
    this.#handle = handle;
  }

  static async start(settings: JanusSettings): Promise<JanusSfu> {
    const janus = await JanusProcess.start(settings);
    try {
      const admin = await JanusClient.connect(janus.url);
      return new JanusSfu(janus, admin, await admin.attach(VIDEOROOM));
    } catch (error) {
      await janus.stop();
      throw error;
    }
  }

  /**
   * A room per lesson, VP8 and opus like ours. `audiolevel_event`: Janus tells the room who is
   * talking, as our server sends speaker levels.
   */
  async prepare(count: number, size: number): Promise<LessonSeats[]> {
    const seats: LessonSeats[] = [];
    for (let i = 0; i < count; i++) {
      const room = this.#nextRoom++;
      await this.#admin.message(this.#handle, {
        request: 'create',
        room,
        publishers: size,
        videocodec: 'vp8',
        audiocodec: 'opus',
        audiolevel_event: true,
      });
      this.#rooms.push(room);
      seats.push({ lessonId: String(room), emails: Array.from({ length: size }, (_, seat) => `room-${room}-seat-${seat}`) });
    }
    return seats;
  }

  async join(lessons: LessonSeats[], video: VideoOptions) {
    this.#agent = await Agent.start<JanusAgentCommands>('janus-clients', AGENT_ENTRY);
    return this.#agent.request('janus-join', { url: this.#janus.url, lessons, video, firstFrameTimeoutMs: FIRST_FRAME_TIMEOUT_MS }, 600_000);
  }

  sample() {
    if (!this.#agent) throw new Error('join first');
    return this.#agent.request('webrtc-sample', {});
  }

  get loadPid(): number {
    return this.#agent?.pid ?? 0;
  }

  cpuSeconds(): Record<string, number> {
    return { Janus: cpuSeconds(this.#janus.pid) };
  }

  memory(): Record<string, number> {
    return { Janus: rssBytes(this.#janus.pid) };
  }

  async leave(): Promise<void> {
    await this.#agent?.close();
    this.#agent = undefined;
    for (const room of this.#rooms.splice(0)) await this.#admin.message(this.#handle, { request: 'destroy', room });
  }

  async close(): Promise<void> {
    await this.#agent?.close();
    await this.#admin.close();
    await this.#janus.stop();
  }
}
