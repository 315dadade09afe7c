import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Signaling } from '../../classroom-ui/src/room/signaling';

/**
 * The room's signaling client (the browser's code, run here in Node) against a Socket.IO server
 * that takes a moment to accept a handshake, as ours does while it checks the token.
 */

let server: Server;
let url: string;
/** Called when a handshake reaches the server, i.e. once the WebSocket is open. */
let onHandshake = () => {};
let connections = 0;

beforeAll(async () => {
  const http = createServer();
  server = new Server(http, { transports: ['websocket'] });
  server.use((_socket, next) => {
    onHandshake();
    setTimeout(next, 200);
  });
  server.on('connection', (socket) => {
    connections += 1;
    socket.on('room:leave', (_payload: unknown, ack: (answer: unknown) => void) => ack({ ok: true, data: {} }));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => void server.close(() => resolve())));

describe('the room signaling client', () => {
  it('a Join pressed while the pre-join screen is still connecting shares its handshake: one connection, kept', async () => {
    let disconnects = 0;
    const signaling = new Signaling({ onConnect: () => undefined, onDisconnect: () => (disconnects += 1), onRefused: () => undefined });
    signaling.moveTo(url);
    const before = connections;
    // Join is pressed once the WebSocket is open, while the server still checks the handshake that
    // the pre-join screen sent ahead (a second handshake on one connection makes the server close it).
    const pressed = new Promise<void>((resolve, reject) => {
      onHandshake = () => {
        onHandshake = () => {};
        signaling.connect().then(resolve, reject);
      };
    });
    const prepared = signaling.connect();
    await Promise.all([prepared, pressed]);
    await expect(signaling.request('room:leave', {})).resolves.toEqual({});
    expect({ connections: connections - before, disconnects }).toEqual({ connections: 1, disconnects: 0 });
    signaling.close();
  });
});
