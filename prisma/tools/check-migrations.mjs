#!/usr/bin/env node
// Checks that replaying prisma/migrations yields exactly the schema in prisma/schema.prisma, i.e.
// that nobody changed the schema without generating the matching migration (or edited one).
// Needs a PostgreSQL server for the replay; see temp-database.mjs.
import { fileURLToPath } from 'node:url';
import { runPrisma } from './prisma.mjs';
import { withTemporaryDatabase } from './temp-database.mjs';

/** Resolves with `{ inSync, script }`; `script` is the SQL a new migration would need. */
export function checkMigrations() {
  // The engine replays the migrations in shadow databases it creates beside the configured
  // datasource, and connects to that datasource too: point it at a throwaway database.
  return withTemporaryDatabase('panda_migrations_check', async (databaseUrl) => {
    const { code, stdout } = await runPrisma(
      ['migrate', 'diff', '--from-migrations', 'migrations', '--to-schema', 'schema.prisma', '--script', '--exit-code'],
      { env: { DATABASE_URL: databaseUrl }, captureStdout: true },
    );
    // --exit-code: 0 = no difference, 2 = difference, anything else = the diff itself failed.
    if (code !== 0 && code !== 2) throw new Error(`prisma migrate diff failed with exit code ${code}`);
    return { inSync: code === 0, script: stdout.trim() };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { inSync, script } = await checkMigrations();
  if (inSync) {
    console.log('prisma/migrations match prisma/schema.prisma.');
  } else {
    console.error('prisma/schema.prisma has changes that no migration covers. They need:\n');
    console.error(script);
    console.error('\nCreate the migration with: node prisma/tools/new-migration.mjs --name <name>');
    process.exitCode = 1;
  }
}
