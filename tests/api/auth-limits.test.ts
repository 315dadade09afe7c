import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

const LIMIT = 3;

/** Every auth operation that names an e-mail, with a body it would otherwise answer normally. */
const OPERATIONS: { path: string; body: (email: string) => Record<string, unknown> }[] = [
  { path: '/api/auth/signup', body: (email) => ({ email, password: 'correct horse', name: 'Someone', timeZone: 'UTC', locale: 'en', agreementVersion: 2 }) },
  { path: '/api/auth/confirm-email', body: (email) => ({ email, code: '000000' }) },
  { path: '/api/auth/resend-code', body: (email) => ({ email }) },
  { path: '/api/auth/change-email', body: (email) => ({ email, password: 'not it', newEmail: `new-${email}` }) },
  { path: '/api/auth/login', body: (email) => ({ email, password: 'not it' }) },
  { path: '/api/auth/password-reset/request', body: (email) => ({ email }) },
  { path: '/api/auth/password-reset/confirm', body: (email) => ({ email, code: '000000', newPassword: 'brand new secret' }) },
];

let direct: TestServer;
let behindProxy: TestServer;
let run = 0;

beforeAll(async () => {
  [direct, behindProxy] = await Promise.all([
    startTestServer({ env: { AUTH_RATE_LIMIT_PER_MINUTE: String(LIMIT) } }),
    // As behind nginx on the same host: the address it forwards is the client's.
    startTestServer({ env: { AUTH_RATE_LIMIT_PER_MINUTE: String(LIMIT), TRUST_PROXY: 'loopback' } }),
  ]);
});
afterAll(async () => {
  await Promise.all([direct?.close(), behindProxy?.close()]);
});

/** One more try than the limit, each with its own `X-Forwarded-For` and, unless given one, its own e-mail. */
async function tries(server: TestServer, path: string, body: (email: string) => Record<string, unknown>, email?: string) {
  run += 1;
  const client = new ApiClient(server.localUrl);
  const answers = [];
  for (let i = 0; i <= LIMIT; i++) {
    const headers = { 'X-Forwarded-For': `198.51.100.${i + 1}` };
    answers.push(await client.request('POST', path, body(email ?? `try-${run}-${i}@example.com`), headers));
  }
  return answers.map((answer) => ({ status: answer.status, code: answer.body?.code as string | undefined }));
}

const limited = { status: 429, code: 'rate_limited' };

describe('auth rate limits', () => {
  it('count the connection’s address, whatever X-Forwarded-For claims, when no proxy is trusted', async () => {
    for (const { path, body } of OPERATIONS) {
      const answers = await tries(direct, path, body);
      expect(answers.slice(0, LIMIT).map((a) => a.code), path).not.toContain('rate_limited');
      expect(answers[LIMIT], path).toEqual(limited);
    }
  });

  it('believe the forwarded address from a trusted proxy, so different clients do not share a limit', async () => {
    for (const { path, body } of OPERATIONS) {
      const answers = await tries(behindProxy, path, body);
      expect(answers.map((a) => a.code), path).not.toContain('rate_limited');
    }
  });

  it('limit each account however many addresses the attempts come from', async () => {
    for (const { path, body } of OPERATIONS) {
      const answers = await tries(behindProxy, path, body, `target-${run}@example.com`);
      expect(answers.slice(0, LIMIT).map((a) => a.code), path).not.toContain('rate_limited');
      expect(answers[LIMIT], path).toEqual(limited);
    }
  });
});

describe('without a trusted proxy', () => {
  it('takes no forwarded protocol on a client’s word either: no HSTS over plain HTTP', async () => {
    const forged = await fetch(`${direct.localUrl}/healthz`, { headers: { 'X-Forwarded-Proto': 'https' } });
    expect(forged.headers.get('strict-transport-security')).toBeNull();
    const proxied = await fetch(`${behindProxy.localUrl}/healthz`, { headers: { 'X-Forwarded-Proto': 'https' } });
    expect(proxied.headers.get('strict-transport-security')).toMatch(/^max-age=/);
  });
});
