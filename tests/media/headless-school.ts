import { afterAll, afterEach, beforeAll } from 'vitest';
import { HeadlessClient } from '../../bench/lib/headless-client.js';
import { loginAs } from '../support/accounts.js';
import type { ApiClient } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

export interface HeadlessSchool<Name extends string> {
  readonly server: TestServer;
  /** The demo people's ids by the name their e-mail starts with: `ids.ivan`. */
  readonly ids: Readonly<Record<string, string>>;
  /** The demo people signed in to the API, by that name: `api.anna`. */
  readonly api: Readonly<Record<Name, ApiClient>>;
  /**
   * A headless participant (libwebrtc through wrtc) signed in as a demo name or an e-mail, sending
   * a synthetic camera and microphone; it leaves after the test.
   */
  readonly participant: (who: string) => Promise<HeadlessClient>;
}

/** A small camera keeps a group cheap on two cores: 320×180 at 15 fps. */
const VIDEO = { width: 320, height: 180, fps: 15 };

/**
 * The demo school on one media worker for a file of tests with real media: started before the
 * file's tests (`signIn`: the demo people to sign in to the API), closed after them.
 */
export function headlessSchool<const Name extends string>(options: { signIn: readonly Name[] }): HeadlessSchool<Name> {
  let server: TestServer | undefined;
  const ids: Record<string, string> = {};
  const api = {} as Record<Name, ApiClient>;
  const clients: HeadlessClient[] = [];

  beforeAll(async () => {
    server = await startTestServer({ env: { DEMO_DATA: 'true', SFU_WORKERS: '1' } });
    for (const user of await server.db.user.findMany()) ids[user.email.split('@')[0] as string] = user.id;
    for (const name of options.signIn) api[name] = await loginAs(server, `${name}@example.com`);
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
  });
  afterAll(() => server?.close());

  const started = (): TestServer => {
    if (!server) throw new Error('the school starts in beforeAll; use it inside tests and hooks');
    return server;
  };
  return {
    get server() {
      return started();
    },
    ids,
    api,
    participant: async (who) => {
      const email = who.includes('@') ? who : `${who}@example.com`;
      const client = await HeadlessClient.connect({ url: started().localUrl, email, video: VIDEO });
      clients.push(client);
      return client;
    },
  };
}
