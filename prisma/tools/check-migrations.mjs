#!/usr/bin/env node
// Checks that replaying prisma/migrations yields exactly the schema in prisma/schema.prisma, i.e.
// that nobody changed the schema without generating the matching migration (or edited one).
// Needs a PostgreSQL server for the replay; see temp-database.mjs.
//
//   node prisma/tools/check-migrations.mjs [--schema <schema.prisma>] [--migrations <folder>]
//
// How: the migration files are applied, in order, to a throwaway database, the way the app applies
// them (src/migrate.ts); then `prisma migrate diff` compares that database with the schema. What
// Prisma doesn't model (triggers, functions, CHECK and EXCLUDE constraints, extensions) is not in
// its diff; a missing or extra table, column, index, foreign key or enum value is.
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { prismaDir, runPrisma } from './prisma.mjs';
import { withTemporaryDatabase } from './temp-database.mjs';

// What `prisma migrate diff --script` prints when there is no difference.
const EMPTY_DIFF_SCRIPT = '-- This is an empty migration.';

/** Applies every `<folder>/<name>/migration.sql`, in name order, each in its own transaction. */
async function applyMigrations(databaseUrl, migrationsDir) {
  const entries = await fs.readdir(migrationsDir, { withFileTypes: true });
  const names = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  if (names.length === 0) throw new Error(`No migrations in ${migrationsDir}`);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const name of names) {
      const sql = await fs.readFile(path.join(migrationsDir, name, 'migration.sql'), 'utf8');
      // Without parameters, pg uses the simple query protocol: the whole file runs as one script.
      await client.query('BEGIN');
      try {
        await client.query(sql);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${name} failed: ${error.message}`, { cause: error });
      }
    }
  } finally {
    await client.end();
  }
}

/**
 * Resolves with `{ inSync, script }`; `script` is the SQL a new migration would need. Paths are
 * relative to the current directory; they default to prisma/schema.prisma and prisma/migrations.
 */
export function checkMigrations({
  schemaPath = path.join(prismaDir, 'schema.prisma'),
  migrationsDir = path.join(prismaDir, 'migrations'),
} = {}) {
  return withTemporaryDatabase('panda_migrations_check', async (databaseUrl) => {
    await applyMigrations(databaseUrl, path.resolve(migrationsDir));
    // --from-config-datasource: the database of prisma.config.ts, i.e. DATABASE_URL. (Not
    // --from-migrations: that replays the migrations in a shadow database inside the engine, which
    // is more machinery to trust, and doesn't apply them the way the app does.)
    const { code, stdout } = await runPrisma(
      ['migrate', 'diff', '--from-config-datasource', '--to-schema', path.resolve(schemaPath), '--script', '--exit-code'],
      { env: { DATABASE_URL: databaseUrl }, captureStdout: true },
    );
    // --exit-code: 0 = no difference, 2 = difference, anything else = the diff itself failed.
    if (code !== 0 && code !== 2) throw new Error(`prisma migrate diff failed with exit code ${code}`);
    const script = stdout.trim();
    // An engine that died without answering once made the CLI exit 0 with no output at all: only
    // the script of an empty diff counts as "no difference".
    if (code === 0 && script !== EMPTY_DIFF_SCRIPT) {
      throw new Error(`prisma migrate diff reported no difference but printed ${JSON.stringify(script)}`);
    }
    return { inSync: code === 0, script };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { schema: { type: 'string' }, migrations: { type: 'string' } } });
  const { inSync, script } = await checkMigrations({ schemaPath: values.schema, migrationsDir: values.migrations });
  const schema = values.schema ?? 'prisma/schema.prisma';
  if (inSync) {
    console.log(`prisma/migrations match ${schema}.`);
  } else {
    console.error(`${schema} and the migrations differ. A new migration would need:\n`);
    console.error(script);
    console.error('\nCreate the migration with: node prisma/tools/new-migration.mjs --name <name>');
    process.exitCode = 1;
  }
}
