import { ErrorCode, SIGNALING_PROTOCOL_VERSION, type ClientToServerEvents, type ServerToClientEvents } from '@panda/shared';
import { io, type Socket } from 'socket.io-client';
import { asApiError, currentAccessToken, refreshSession, type ClientErrorCode } from './client';

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Why the server turned a connection away, and retrying with the same credentials won't help. */
export interface SocketRefusal {
  code: ClientErrorCode;
  message: string;
}

/**
 * A Socket.IO connection to the real-time server as the signed-in person, not yet connected.
 * The handshake always carries the freshest access token and the protocol version; a token the
 * server refuses (it expired while the socket was away) is renewed once and the socket knocks
 * again. `url`: another process's address, or null for this page's own server.
 */
export function openSocket(url: string | null, onRefused: (refusal: SocketRefusal) => void): AppSocket {
  const options = {
    path: '/socket.io',
    autoConnect: false,
    // WebSocket only: with several rtc processes behind a proxy, long-polling would need sticky
    // sessions, and a WebSocket to another process needs no CORS.
    transports: ['websocket'],
    // A callback, not an object: every reconnection reads the token the session holds at that moment.
    auth: (callback: (data: object) => void) =>
      callback({ token: currentAccessToken() ?? '', protocol: SIGNALING_PROTOCOL_VERSION }),
  };
  const socket: AppSocket = url ? io(url, options) : io(options);
  // Set after one token renewal, so a token the server keeps rejecting doesn't loop.
  let renewedToken = false;
  socket.on('connect', () => {
    renewedToken = false;
  });
  socket.on('connect_error', (error) => {
    // While `active`, the network failed and Socket.IO keeps retrying by itself.
    if (socket.active) return;
    const parsed = ErrorCode.safeParse((error as Error & { data?: { code?: unknown } }).data?.code);
    const code = parsed.success ? parsed.data : 'unexpected';
    if (code === 'unauthorized' && !renewedToken) {
      renewedToken = true;
      refreshSession().then(
        () => socket.connect(),
        (renewal: unknown) => {
          const { code, message } = asApiError(renewal);
          onRefused({ code, message });
        },
      );
      return;
    }
    onRefused({ code, message: error.message });
  });
  return socket;
}
