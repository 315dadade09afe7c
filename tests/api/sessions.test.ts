import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, DEMO_PASSWORD } from '../support/accounts.js';
import { TestClock } from '../support/clock.js';
import { ApiClient } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
const clock = new TestClock();

beforeAll(async () => {
  server = await startTestServer({ clock });
});
afterAll(() => server?.close());

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0';
const PHONE = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36';

/** A browser signed in as `email`, always sending its own User-Agent. */
async function device(email: string, userAgent: string) {
  const client = new ApiClient(server.localUrl);
  const send = (method: string, path: string) => client.request(method, path, undefined, { 'user-agent': userAgent });
  const login = await client.request('POST', '/api/auth/login', { email, password: DEMO_PASSWORD }, { 'user-agent': userAgent });
  expect(login.status).toBe(200);
  client.accessToken = login.body.accessToken;
  return {
    sessions: async () => {
      const list = await send('GET', '/api/me/sessions');
      expect(list.status).toBe(200);
      return list.body.items as { id: string; createdAt: string; lastUsedAt: string; userAgent: string | null; ipAddress: string | null; current: boolean }[];
    },
    refresh: async () => {
      const refreshed = await send('POST', '/api/auth/refresh');
      if (refreshed.status === 200) client.accessToken = refreshed.body.accessToken;
      return { status: refreshed.status, code: refreshed.body?.code as string | undefined };
    },
    end: (id: string) => send('DELETE', `/api/me/sessions/${id}`),
    endOthers: () => send('POST', '/api/me/sessions/revoke-others'),
  };
}

async function currentId(of: Awaited<ReturnType<typeof device>>): Promise<string> {
  const own = (await of.sessions()).find((session) => session.current);
  return own?.id as string;
}

describe('sessions on the profile', () => {
  it('lists each signed-in device once, the current one marked, with when and from where it was used', async () => {
    const { email } = await createUser(server);
    const laptop = await device(email, FIREFOX);
    const signedInAt = clock.now().toISOString();
    const phone = await device(email, PHONE);
    clock.advance(10 * 60_000);
    expect(await phone.refresh()).toEqual({ status: 200, code: undefined });

    const seen = await laptop.sessions();
    expect(seen).toHaveLength(2);
    const [latest, other] = seen;
    expect(latest).toMatchObject({ userAgent: PHONE, current: false, createdAt: signedInAt, lastUsedAt: clock.now().toISOString() });
    expect(latest?.ipAddress).toMatch(/127\.0\.0\.1$/);
    expect(other).toMatchObject({ userAgent: FIREFOX, current: true, createdAt: signedInAt, lastUsedAt: signedInAt });
    expect((await phone.sessions()).map((s) => [s.id, s.current])).toEqual([
      [latest?.id, true],
      [other?.id, false],
    ]);
  });

  it('signs out one device: its refresh token stops working, the others go on', async () => {
    const { email } = await createUser(server);
    const laptop = await device(email, FIREFOX);
    const phone = await device(email, PHONE);
    expect((await laptop.end(await currentId(phone))).status).toBe(204);

    expect(await phone.refresh()).toEqual({ status: 401, code: 'refresh_token_invalid' });
    expect(await laptop.refresh()).toMatchObject({ status: 200 });
    expect((await laptop.sessions()).map((s) => s.userAgent)).toEqual([FIREFOX]);
  });

  it('signs out everywhere else, keeping the current device', async () => {
    const { email } = await createUser(server);
    const laptop = await device(email, FIREFOX);
    const others = [await device(email, PHONE), await device(email, PHONE)];
    expect((await laptop.endOthers()).status).toBe(204);

    for (const other of others) expect(await other.refresh()).toEqual({ status: 401, code: 'refresh_token_invalid' });
    expect(await laptop.refresh()).toMatchObject({ status: 200 });
    expect((await laptop.sessions()).map((s) => s.current)).toEqual([true]);
  });

  it('does not let anyone sign out another person’s session', async () => {
    const victim = await device((await createUser(server)).email, FIREFOX);
    const intruder = await device((await createUser(server)).email, PHONE);
    const target = await currentId(victim);

    const refused = await intruder.end(target);
    expect(refused.status).toBe(404);
    expect(refused.body.code).toBe('not_found');
    expect(await victim.refresh()).toMatchObject({ status: 200 });
    expect(await currentId(victim)).toBe(target);
  });
});
