import { SIGNALING_PROTOCOL_VERSION } from '@panda/shared';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let token: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_DATA: 'true' } });
  const client = new ApiClient(server.localUrl);
  token = (await client.post('/api/auth/login', { email: 'anna@example.com', password: 'panda-demo' })).body.accessToken;
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await server?.close();
});

function connect(auth: Record<string, unknown>): Promise<{ ready?: unknown; error?: { code: string } }> {
  const socket = io(server.localUrl, { auth, transports: ['websocket'], reconnection: false });
  sockets.push(socket);
  return new Promise((resolve) => {
    socket.on('session:ready', (ready: unknown) => resolve({ ready }));
    socket.on('connect_error', (error: Error & { data?: { code: string } }) => resolve({ error: error.data }));
  });
}

describe('signaling gateway', () => {
  it('accepts a valid access token and says who the connection belongs to', async () => {
    const result = await connect({ token, protocol: SIGNALING_PROTOCOL_VERSION });
    expect(result.ready).toMatchObject({ protocol: SIGNALING_PROTOCOL_VERSION, user: { role: 'teacher' } });
  });

  it('refuses a missing or forged token with a stable code', async () => {
    expect((await connect({ protocol: SIGNALING_PROTOCOL_VERSION })).error?.code).toBe('unauthorized');
    expect((await connect({ token: `${token}x`, protocol: SIGNALING_PROTOCOL_VERSION })).error?.code).toBe('unauthorized');
  });

  it('refuses a client speaking another protocol version', async () => {
    const result = await connect({ token, protocol: SIGNALING_PROTOCOL_VERSION + 1 });
    expect(result.error?.code).toBe('validation_failed');
  });
});
