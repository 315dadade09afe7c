import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Database } from '@panda/db';
import { createTestDatabase } from '@panda/db/testing';
import { createLogger, loadConfig, startServer, type RunningServer } from '@panda/server';

export interface BenchServer extends RunningServer {
  /** How the server stores and relays: "embedded PGlite (in memory)", "PostgreSQL + Redis", … */
  readonly backing: string;
}

/**
 * The real server in this process on a free loopback port, for benchmarks: a fresh in-memory
 * PGlite database, or a new database on the PostgreSQL server of TEST_DATABASE_URL (dropped on
 * close); Redis when REDIS_URL is set. `env` overrides the server's settings.
 */
export async function startBenchServer(env: Record<string, string> = {}): Promise<BenchServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'panda-bench-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DEMO_DATA: 'false',
    SFU_WORKERS: '1',
    RTC_LISTEN_IP: '127.0.0.1',
    RTC_PORT: '0',
    AUTH_RATE_LIMIT_PER_MINUTE: '1000000',
    ACCESS_TOKEN_TTL_SECONDS: '3600',
    LOG_LEVEL: 'error',
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL, REDIS_KEY_PREFIX: `bench:${randomBytes(4).toString('hex')}:` } : {}),
    ...env,
  });
  let database: Database | undefined;
  try {
    database = await createTestDatabase();
    const server = await startServer(config, createLogger(config.logLevel), { database });
    const opened = database;
    return {
      ...server,
      backing: `${process.env.TEST_DATABASE_URL ? 'PostgreSQL (TEST_DATABASE_URL)' : 'embedded PGlite (in memory, in the server process)'}${process.env.REDIS_URL ? ' + Redis (REDIS_URL)' : ''}`,
      async close() {
        await server.close();
        await opened.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await database?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
