import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import {
  AccessTokens,
  createApi,
  createServices,
  createPaymentProvider,
  CreditLedger,
  DevOutboxMailer,
  endLessonInRoom,
  MemoryRateLimiter,
  Notifications,
  publishAgreementVersions,
  RedisRateLimiter,
  SmtpMailer,
  sweepCredits,
  sweepRecordings,
  sweepSchedule,
  TelegramBot,
  type ApiDeps,
  type Mailer,
  type RateLimiter,
} from '@panda/api';
import { WorkerPool } from '@panda/sfu';
import {
  BoardServer,
  PrismaBoardStore,
  PrismaLessonStore,
  PrismaRecordingMixStore,
  PrismaRecordingStore,
  recoverRecordings,
  RecordingMixer,
  RedisBoardRelay,
  SignalingGateway,
} from '@panda/signaling';
import { describeLocation, openDatabase, type Database } from '@panda/db';
import { HOUR_MS, MINUTE_MS, systemClock, type Clock } from '@panda/shared';
import type { Logger } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { createClient, type RedisClientType } from 'redis';
import type { Config } from './config.js';
import { seedDemoData } from './demo/index.js';
import { createHttpApp, serveUi } from './http.js';
import { deriveKey, resolveSecretKey } from './secrets.js';

/** How often ended packages are burnt and day-27 notices sent. */
const CREDIT_SWEEP_INTERVAL_MS = 5 * MINUTE_MS;

/** How often weekly series are topped up, unpaid series lessons paid or released, room-ended lessons settled. */
const SCHEDULE_SWEEP_INTERVAL_MS = 5 * MINUTE_MS;

/** How often recordings past the school's retention are deleted (retention is counted in days). */
const RECORDING_SWEEP_INTERVAL_MS = HOUR_MS;
/** How often a media process looks for recordings a crash left unkept or uncomposed. */
const RECORDING_RECOVERY_INTERVAL_MS = 10 * MINUTE_MS;

/** Which parts this process runs: everything, or one side of a scaled-out deployment. */
export type ServerRole = 'all' | 'api' | 'rtc';

export interface ServerOptions {
  role?: ServerRole;
  clock?: Clock;
  /** The version shown in /api/meta and OpenAPI. */
  version?: string;
  /** An already-open database (tests); the caller closes it. Otherwise `config.database` is opened. */
  database?: Database;
}

export interface RunningServer {
  /** Where this process answers on this machine (PUBLIC_URL is what people open). */
  readonly localUrl: string;
  readonly port: number;
  readonly database: Database;
  close(): Promise<void>;
}

/** Starts Panda Classroom's parts for the given role on one HTTP port. */
export async function startServer(config: Config, logger: Logger, options: ServerOptions = {}): Promise<RunningServer> {
  const role = options.role ?? 'all';
  const clock = options.clock ?? systemClock;
  const cleanups: Array<() => Promise<void> | void> = [];
  const closeAll = async () => {
    for (const cleanup of cleanups.reverse()) {
      await Promise.resolve(cleanup()).catch((error: unknown) => logger.error({ err: error }, 'shutdown step failed'));
    }
  };

  try {
    const database =
      options.database ??
      (await openDatabase(config.database, {
        onConnectionError: (error) => logger.warn({ err: error }, 'a pooled database connection failed; it will be replaced'),
      }));
    if (!options.database) cleanups.push(() => database.close());
    logger.info(
      { applied: database.migrations.applied, modified: database.migrations.modified },
      `database: ${describeLocation(database.location)}`,
    );
    const db = database.prisma;
    await publishAgreementVersions(db);
    if (config.demoData) await seedDemoData(db, clock, { uploadsDir: config.uploads.dir, credits: config.credits });

    const redis = config.redisUrl ? await connectRedis(config.redisUrl, logger) : null;
    if (redis) cleanups.push(() => redis.quit().then(() => undefined));

    const metrics = new Registry();
    collectDefaultMetrics({ register: metrics });
    const app = createHttpApp(
      logger,
      metrics,
      async () => {
        await db.$queryRaw`SELECT 1`;
        return !redis || redis.isReady;
      },
      config.trustProxy,
    );

    const secretKey = resolveSecretKey(config.secretKey, config.dataDir);
    const accessTokens = new AccessTokens(deriveKey(secretKey, 'access-token'), config.accessTokenTtlSeconds, clock);
    // The credits are the school's in every role: the API sells and holds them, the room uses them.
    const ledger = new CreditLedger(db, clock, config.credits);
    // Set below when this process runs signaling: new notifications reach the user's open connections.
    let gateway: SignalingGateway | undefined;
    if (role !== 'rtc') {
      const mailer: Mailer = config.smtpUrl ? new SmtpMailer(config.smtpUrl, config.mailFrom) : new DevOutboxMailer(db);
      cleanups.push(() => mailer.close());
      const telegram = config.notifications.telegram && new TelegramBot({ ...config.notifications.telegram, webhookSecret: deriveKey(secretKey, 'telegram-webhook') });
      const notifications = new Notifications({
        db,
        clock,
        mailer,
        telegram,
        logger,
        publicUrl: config.publicUrl,
        live: (userId, event) => gateway?.notifyUser(userId, event),
      });
      const rateLimiter: RateLimiter = redis ? new RedisRateLimiter(redis, config.redisKeyPrefix) : new MemoryRateLimiter();
      const apiDeps: ApiDeps = {
        db,
        clock,
        mailer,
        notifications,
        rateLimiter,
        logger,
        metrics,
        accessTokens,
        payments: createPaymentProvider(config.payments),
        settings: {
          publicUrl: config.publicUrl,
          codeSecret: deriveKey(secretKey, 'email-code'),
          authRateLimitPerMinute: config.authRateLimitPerMinute,
          version: options.version ?? 'dev',
          roomOpensBeforeMinutes: config.room.opensBeforeMinutes,
          boardLicenseKey: config.board.licenseKey,
          uploads: { ...config.uploads, linkSecret: deriveKey(secretKey, 'file-link') },
          credits: config.credits,
          schedule: config.schedule,
        },
      };
      const services = createServices(apiDeps, ledger);
      app.use('/api', createApi(apiDeps, services));
      if (!serveUi(app)) logger.warn('classroom-ui/dist is missing: run `npm run build:ui` to serve the UI');
      // Ended packages burn their credits and day-27 notices go out; safe on several processes at once.
      const sweeper = setInterval(() => {
        sweepCredits({ db, clock, ledger, notifications }).catch((error: unknown) => logger.warn({ err: error }, 'credit sweep failed'));
      }, CREDIT_SWEEP_INTERVAL_MS);
      sweeper.unref();
      cleanups.push(() => clearInterval(sweeper));
      const scheduleSweeper = setInterval(() => {
        sweepSchedule({ db, clock, service: services.schedule }).catch((error: unknown) => logger.warn({ err: error }, 'schedule sweep failed'));
      }, SCHEDULE_SWEEP_INTERVAL_MS);
      scheduleSweeper.unref();
      cleanups.push(() => clearInterval(scheduleSweeper));
      const recordingSweeper = setInterval(() => {
        sweepRecordings({ db, clock, files: services.files }).catch((error: unknown) => logger.warn({ err: error }, 'recording sweep failed'));
      }, RECORDING_SWEEP_INTERVAL_MS);
      recordingSweeper.unref();
      cleanups.push(() => clearInterval(recordingSweeper));
      // Reminders and due notifications; every api process polls, the job table keeps each send single.
      let ticking: Promise<void> | undefined;
      const notifier = setInterval(() => {
        ticking ??= notifications
          .tick()
          .catch((error: unknown) => logger.warn({ err: error }, 'notification round failed'))
          .finally(() => (ticking = undefined));
      }, config.notifications.pollMs);
      notifier.unref();
      cleanups.push(async () => {
        clearInterval(notifier);
        await ticking;
      });
      if (telegram) {
        // Telegram pushes the bot's updates (the `/start <code>` of account linking) to the webhook.
        telegram.setWebhook(`${config.publicUrl}/api/telegram/webhook`).catch((error: unknown) => logger.warn({ error: (error as Error).message }, 'telegram setWebhook failed'));
      }
    }

    const server = config.tls
      ? https.createServer({ cert: fs.readFileSync(config.tls.certFile), key: fs.readFileSync(config.tls.keyFile) }, app)
      : http.createServer(app);
    cleanups.push(() => closeHttpServer(server));
    if (role !== 'api') {
      const media = await WorkerPool.start(config.sfu, logger);
      cleanups.push(() => media.close());
      const recordingsDir = path.join(config.uploads.dir, 'recordings');
      const mixer = new RecordingMixer({ store: new PrismaRecordingMixStore(db, config.uploads.dir), dir: recordingsDir, logger });
      cleanups.push(() => mixer.close());
      const recordingStore = new PrismaRecordingStore(db, config.uploads.dir);
      const recover = () =>
        recoverRecordings({ dir: recordingsDir, store: recordingStore, compose: (lessonId) => mixer.compose(lessonId), logger, now: () => clock.now().getTime() })
          .catch((error: unknown) => logger.warn({ err: error }, 'recovering recordings failed'));
      void recover();
      const recoverer = setInterval(() => void recover(), RECORDING_RECOVERY_INTERVAL_MS);
      recoverer.unref();
      cleanups.push(() => clearInterval(recoverer));
      media.registerMetrics(metrics);
      const verifyAccessToken = async (token: string) => {
        const user = await accessTokens.verify(token);
        return user && { userId: user.id, role: user.role };
      };
      const lessonStore = new PrismaLessonStore(db, (lessonId, at) => endLessonInRoom(db, ledger, lessonId, at));
      const roomTiming = { opensBeforeMinutes: config.room.opensBeforeMinutes, closesAfterMinutes: config.room.closesAfterMinutes };
      gateway = new SignalingGateway({
        httpServer: server,
        logger,
        metrics,
        verifyAccessToken,
        ...(redis ? { redis: { client: redis, keyPrefix: config.redisKeyPrefix } } : {}),
        reconnectGraceMs: config.room.reconnectGraceMs,
        nodeUrl: config.sfu.nodeUrl,
        rooms: {
          pool: media,
          store: lessonStore,
          clock,
          turn: config.turn,
          maxPeersPerRouter: config.sfu.maxPeersPerRouter,
          teacherMuteHolds: config.room.teacherMuteHolds,
          recordings: { dir: recordingsDir, store: recordingStore, mixer },
          timing: roomTiming,
        },
      });
      const signaling = gateway;
      cleanups.push(() => signaling.close());
      const boardRelay = redis
        ? await RedisBoardRelay.connect(redis, config.redisKeyPrefix, (error) => logger.error({ err: error }, 'board relay error'))
        : null;
      if (boardRelay) cleanups.push(() => boardRelay.close());
      const boards = new BoardServer({
        httpServer: server,
        verifyAccessToken,
        lessons: lessonStore,
        store: new PrismaBoardStore(db),
        relay: boardRelay,
        clock,
        timing: roomTiming,
        logger,
        metrics,
        unloadAfterMs: config.board.unloadAfterMs,
        flushIntervalMs: 250,
        compactAfterUpdates: 200,
        maxMessageBytes: 32 * 1024 * 1024,
      });
      cleanups.push(() => boards.close());
    }
    // Listening last: by the time the port answers, every part is ready.
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, resolve);
    });
    const { port } = server.address() as AddressInfo;
    return { localUrl: `${config.tls ? 'https' : 'http'}://localhost:${port}`, port, database, close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

async function connectRedis(url: string, logger: Logger): Promise<RedisClientType> {
  const client: RedisClientType = createClient({ url });
  client.on('error', (error: unknown) => logger.error({ err: error }, 'redis error'));
  await client.connect();
  return client;
}

function closeHttpServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
