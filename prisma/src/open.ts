import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/client.js';
import { DataDirLock } from './lock.js';
import { applyMigrations, type MigrationReport } from './migrate.js';
import { pgliteDriver, pgPoolDriver, type SqlDriver } from './sql.js';
import type { DatabaseLocation } from './url.js';

export type Db = PrismaClient;

export interface Database {
  readonly prisma: Db;
  readonly location: DatabaseLocation;
  /** Applied at open; what changed. */
  readonly migrations: MigrationReport;
  close(): Promise<void>;
}

export interface OpenOptions {
  /**
   * An idle pooled connection failed (PostgreSQL restarted, or dropped it). The pool replaces it;
   * this only reports it. Without a listener such an error would end the process.
   */
  onConnectionError?: (error: Error) => void;
}

/** An embedded PostgreSQL with the extensions the migrations use (btree_gist: no double booking). */
export function createPglite(dir?: string): Promise<PGlite> {
  return PGlite.create(dir, { extensions: { btree_gist } });
}

/** Opens the database, applies pending migrations and returns a ready Prisma client. */
export async function openDatabase(location: DatabaseLocation, options: OpenOptions = {}): Promise<Database> {
  return location.kind === 'pglite' ? openEmbedded(location.dir) : openPostgres(location, options);
}

async function openEmbedded(dir: string | null): Promise<Database> {
  const lock = dir ? DataDirLock.acquire(dir) : null;
  try {
    const pglite = await createPglite(dir ?? undefined);
    return await finishOpen({ kind: 'pglite', dir }, pgliteDriver(pglite), new PrismaPGlite(pglite), async () => {
      await pglite.close();
      lock?.release();
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
}

async function openPostgres(location: DatabaseLocation & { kind: 'postgres' }, options: OpenOptions): Promise<Database> {
  const pool = new pg.Pool({ connectionString: location.url, max: 10 });
  pool.on('error', (error) => options.onConnectionError?.(error));
  return finishOpen(location, pgPoolDriver(pool), new PrismaPg(pool), () => pool.end());
}

async function finishOpen(
  location: DatabaseLocation,
  driver: SqlDriver,
  adapter: NonNullable<ConstructorParameters<typeof PrismaClient>[0]['adapter']>,
  closeDriver: () => Promise<void>,
): Promise<Database> {
  try {
    const migrations = await applyMigrations(driver);
    const prisma = new PrismaClient({ adapter });
    return {
      prisma,
      location,
      migrations,
      async close() {
        await prisma.$disconnect();
        await closeDriver();
      },
    };
  } catch (error) {
    await closeDriver();
    throw error;
  }
}
