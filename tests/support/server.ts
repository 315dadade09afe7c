import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '@panda/db';
import { createTestDatabase } from '@panda/db/testing';
import { createLogger, loadConfig, startServer, type RunningServer, type ServerOptions } from '@panda/server';
import type { Clock } from '@panda/shared';

export interface TestServer extends RunningServer {
  readonly db: Database['prisma'];
  readonly sharedDatabase: Database;
  readonly dataDir: string;
}

export interface TestServerOptions extends Omit<ServerOptions, 'database'> {
  clock?: Clock;
  env?: Record<string, string>;
  /** Run against another test server's database (several processes of one school). */
  shareDatabaseWith?: TestServer;
  /** Where the server's log lines go instead of stdout, at LOG_LEVEL (give it in `env`). */
  logTo?: { write(line: string): void };
}

/**
 * The real server on a free port with its own fresh database (in-memory PGlite, or a new database
 * on TEST_DATABASE_URL's server), using Redis when REDIS_URL is set.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'panda-test-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DEMO_DATA: 'false',
    SFU_WORKERS: '1',
    RTC_LISTEN_IP: '127.0.0.1',
    RTC_PORT: '0',
    AUTH_RATE_LIMIT_PER_MINUTE: '1000',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...(process.env.REDIS_URL
      ? { REDIS_URL: process.env.REDIS_URL, REDIS_KEY_PREFIX: `test:${path.basename(dataDir)}:` }
      : {}),
    ...options.env,
  });
  const shared = options.shareDatabaseWith?.sharedDatabase;
  const database = shared ?? (await createTestDatabase());
  const closeDatabase = () => (shared ? Promise.resolve() : database.close());
  try {
    const server = await startServer(config, createLogger(config.logLevel, options.logTo), { ...options, database });
    return {
      ...server,
      db: database.prisma,
      sharedDatabase: database,
      dataDir,
      async close() {
        await server.close();
        await closeDatabase();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await closeDatabase();
    throw error;
  }
}
