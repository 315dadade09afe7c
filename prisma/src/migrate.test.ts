import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLock } from './lock.js';
import { applyMigrations, readMigrations, type Migration } from './migrate.js';
import { createPglite, openDatabase } from './open.js';
import { pgliteDriver } from './sql.js';

const migration = (name: string, sql: string): Migration => ({
  name,
  sql,
  checksum: createHash('sha256').update(sql).digest('hex'),
});

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function freshPglite() {
  const db = await createPglite();
  cleanups.push(() => db.close());
  return db;
}

describe('migrations', () => {
  it('apply the repository migrations once and record them as prisma migrate does', async () => {
    const db = await freshPglite();
    const driver = pgliteDriver(db);
    const first = await applyMigrations(driver);
    expect(first.applied).toEqual(readMigrations().map((m) => m.name));
    const again = await applyMigrations(driver);
    expect(again).toEqual({ applied: [], modified: [] });

    const rows = await db.query<{ migration_name: string; checksum: string }>(
      'SELECT migration_name, checksum FROM _prisma_migrations ORDER BY migration_name',
    );
    expect(rows.rows).toEqual(readMigrations().map((m) => ({ migration_name: m.name, checksum: m.checksum })));
  }, 120_000); // every migration on a fresh embedded database: slow while browser tests share the cores

  it('roll back a failing migration completely and record nothing of it', async () => {
    const db = await freshPglite();
    const driver = pgliteDriver(db);
    const good = migration('001_good', 'CREATE TABLE a (id int);');
    const bad = migration('002_bad', 'CREATE TABLE b (id int); SELECT no_such_function();');
    await expect(applyMigrations(driver, [good, bad])).rejects.toThrow(/002_bad failed/);

    const tables = await db.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
    expect(tables.rows.map((r) => r.tablename).sort()).toEqual(['_prisma_migrations', 'a']);
    const recorded = await db.query<{ migration_name: string }>('SELECT migration_name FROM _prisma_migrations');
    expect(recorded.rows.map((r) => r.migration_name)).toEqual(['001_good']);
  });

  it('report an applied migration whose file changed since', async () => {
    const driver = pgliteDriver(await freshPglite());
    await applyMigrations(driver, [migration('001', 'CREATE TABLE a (id int);')]);
    const report = await applyMigrations(driver, [migration('001', 'CREATE TABLE a (id bigint);')]);
    expect(report).toEqual({ applied: [], modified: ['001'] });
  });
});

describe('embedded store', () => {
  it('persists across reopening and refuses a second process while open', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panda-db-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const dbDir = path.join(dir, 'db');

    const first = await openDatabase({ kind: 'pglite', dir: dbDir });
    await first.prisma.agreementVersion.create({ data: { version: 7, textEn: 'en', textRu: 'ru' } });
    // Simulate another live process holding the lock.
    fs.writeFileSync(path.join(dir, 'db.lock'), String(process.ppid));
    await expect(openDatabase({ kind: 'pglite', dir: dbDir })).rejects.toThrow(/in use by process/);
    fs.writeFileSync(path.join(dir, 'db.lock'), String(process.pid));
    await first.close();
    expect(fs.existsSync(path.join(dir, 'db.lock'))).toBe(false);

    const second = await openDatabase({ kind: 'pglite', dir: dbDir });
    cleanups.push(() => second.close());
    expect(await second.prisma.agreementVersion.count({ where: { version: 7 } })).toBe(1);
    expect(second.migrations.applied).toEqual([]);
  });

  it('takes over a lock left by a process that died', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panda-lock-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    fs.writeFileSync(path.join(dir, 'db.lock'), '999999999');
    const lock = DataDirLock.acquire(path.join(dir, 'db'));
    expect(fs.readFileSync(path.join(dir, 'db.lock'), 'utf8')).toBe(String(process.pid));
    lock.release();
  });
});
