import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import {
  SIGNALING_PROTOCOL_VERSION,
  SignalingHandshake,
  type ErrorCode,
  type NotificationEvent,
  type SignalingIdentity,
} from '@panda/shared';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Logger } from 'pino';
import { Gauge, type Registry } from 'prom-client';
import type { RedisClientType } from 'redis';
import { Server } from 'socket.io';
import { registerRoomHandlers } from './room/handlers.js';
import { LocalRoomDirectory, RedisRoomDirectory } from './room/room-directory.js';
import { RoomRegistry, type RoomRegistryDeps } from './room/room-registry.js';
import { SocketChannels } from './transport/socket-connection.js';
import type { SignalingServer, SignalingSocket } from './transport/socket-types.js';

export interface SignalingGatewayOptions {
  httpServer: http.Server;
  /** Checks an access token; null when it is not valid. */
  verifyAccessToken: (token: string) => Promise<SignalingIdentity | null>;
  logger: Logger;
  metrics: Registry;
  /** With Redis, events reach sockets on every process, through the Streams adapter. */
  redis?: { client: RedisClientType; keyPrefix: string };
  /** How long a dropped connection may come back and keep its seat and session. */
  reconnectGraceMs: number;
  /** What lesson rooms need besides their channels and the rest the gateway gives them. */
  rooms: Omit<RoomRegistryDeps, 'channels' | 'logger' | 'reconnectGraceMs' | 'directory'>;
  /** Where clients reach this process's signaling, for rooms hosted here (several processes). */
  nodeUrl: string;
}

const userChannel = (userId: string) => `user:${userId}`;

/** Why a connection was refused; the client reads `err.data.code`. */
class HandshakeError extends Error {
  readonly data: { code: ErrorCode; message: string };

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.data = { code, message };
  }
}

/**
 * The Socket.IO endpoint: authenticates every connection by its access token and protocol
 * version before any event is accepted.
 */
export class SignalingGateway {
  readonly io: SignalingServer;
  readonly rooms: RoomRegistry;
  readonly #logger: Logger;

  constructor(options: SignalingGatewayOptions) {
    this.#logger = options.logger.child({ component: 'signaling' });
    this.io = new Server(options.httpServer, {
      path: '/socket.io',
      serveClient: false,
      connectionStateRecovery: {
        maxDisconnectionDuration: options.reconnectGraceMs,
        skipMiddlewares: false,
      },
      ...(options.redis
        ? {
            adapter: createAdapter(options.redis.client, {
              streamName: `${options.redis.keyPrefix}socket.io`,
              sessionKeyPrefix: `${options.redis.keyPrefix}socket.io:session:`,
            }),
          }
        : {}),
    });
    this.io.use((socket, next) => {
      this.#authenticate(socket, options.verifyAccessToken).then(
        () => next(),
        (error: unknown) => next(error instanceof HandshakeError ? error : new HandshakeError('internal', 'handshake failed')),
      );
    });
    this.rooms = new RoomRegistry({
      ...options.rooms,
      channels: new SocketChannels(this.io),
      logger: this.#logger,
      reconnectGraceMs: options.reconnectGraceMs,
      directory: options.redis
        ? new RedisRoomDirectory(options.redis.client, options.redis.keyPrefix, { nodeId: randomUUID(), nodeUrl: options.nodeUrl })
        : new LocalRoomDirectory(),
    });
    this.rooms.registerMetrics(options.metrics);
    this.io.on('connection', (socket) => {
      // Every connection, in a lesson or not, hears the user's own events (the notification bell).
      void socket.join(userChannel(socket.data.identity.userId));
      registerRoomHandlers(socket, this.rooms, this.#logger);
      socket.emit('session:ready', { protocol: SIGNALING_PROTOCOL_VERSION, user: socket.data.identity });
    });

    const io = this.io;
    new Gauge({
      name: 'panda_signaling_connections',
      help: 'Socket.IO connections open on this process',
      registers: [options.metrics],
      collect() {
        this.set(io.engine.clientsCount);
      },
    });
  }

  async #authenticate(
    socket: SignalingSocket,
    verify: SignalingGatewayOptions['verifyAccessToken'],
  ): Promise<void> {
    const handshake = SignalingHandshake.safeParse(socket.handshake.auth);
    if (!handshake.success) {
      const protocol = (socket.handshake.auth as { protocol?: unknown }).protocol;
      if (protocol !== undefined && protocol !== SIGNALING_PROTOCOL_VERSION) {
        throw new HandshakeError('validation_failed', `protocol ${JSON.stringify(protocol)} is not supported; this server speaks ${SIGNALING_PROTOCOL_VERSION}`);
      }
      throw new HandshakeError('unauthorized', 'send { token, protocol } in the handshake');
    }
    const identity = await verify(handshake.data.token);
    if (!identity) throw new HandshakeError('unauthorized', 'the access token is not valid');
    socket.data.identity = identity;
    this.#logger.debug({ userId: identity.userId }, 'signaling connected');
  }

  /** To all of a user's connections, on every process (through the Redis adapter when there is one). */
  notifyUser(userId: string, event: NotificationEvent): void {
    this.io.to(userChannel(userId)).emit('notification:new', event);
  }

  async close(): Promise<void> {
    this.rooms.closeAll();
    await this.io.close();
  }
}
