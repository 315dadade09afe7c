import type { Database } from '@panda/db';
import { loginAs } from '../../tests/support/accounts.js';
import { TestBoardClient } from '../../tests/support/board.js';
import type { ApiClient } from '../../tests/support/http.js';
import { bookTestLesson } from '../../tests/support/lessons.js';
import { TestSignalingClient } from '../../tests/support/signaling.js';

/** A running server with the demo school, as the attacks see it. */
export interface SchoolServer {
  localUrl: string;
  db: Database['prisma'];
}

/**
 * The demo school under attack: its people by e-mail name (anna, ivan, …), signed-in clients, and
 * lessons booked now. Every connection opened here is closed by `closeClients`.
 */
export class AuditSchool {
  readonly server: SchoolServer;
  readonly ids: Record<string, string> = {};
  readonly #apis = new Map<string, Promise<ApiClient>>();
  readonly #clients: Array<TestSignalingClient | TestBoardClient> = [];

  private constructor(server: SchoolServer) {
    this.server = server;
  }

  static async open(server: SchoolServer): Promise<AuditSchool> {
    const school = new AuditSchool(server);
    for (const user of await server.db.user.findMany()) school.ids[user.email.split('@')[0] as string] = user.id;
    return school;
  }

  id(name: string): string {
    const id = this.ids[name];
    if (!id) throw new Error(`no demo person ${name}`);
    return id;
  }

  /** A REST client signed in as the demo person (one sign-in per person). */
  api(name: string): Promise<ApiClient> {
    let api = this.#apis.get(name);
    if (!api) {
      api = loginAs(this.server, `${name}@example.com`);
      this.#apis.set(name, api);
    }
    return api;
  }

  /** A lesson of `teacher` with these students, on now. */
  async lesson(teacher: string, students: string[], title: string): Promise<string> {
    return bookTestLesson(this.server, await this.api(teacher), { title, studentIds: students.map((name) => this.id(name)) });
  }

  async signaling(name: string): Promise<TestSignalingClient> {
    const client = await TestSignalingClient.connect(this.server.localUrl, `${name}@example.com`);
    this.#clients.push(client);
    return client;
  }

  /** A signaling connection seated in the lesson's room. */
  async seated(name: string, lessonId: string): Promise<TestSignalingClient> {
    const client = await this.signaling(name);
    await client.request('room:join', { lessonId });
    return client;
  }

  async board(name: string, lessonId: string, token?: string): Promise<TestBoardClient> {
    const client = new TestBoardClient(this.server.localUrl, lessonId, token ?? ((await this.api(name)).accessToken as string));
    this.#clients.push(client);
    return client;
  }

  async alive(): Promise<boolean> {
    return fetch(`${this.server.localUrl}/healthz`).then((response) => response.ok, () => false);
  }

  closeClients(): void {
    for (const client of this.#clients.splice(0)) client.close();
  }
}
