#!/usr/bin/env node
// `node prisma/tools/new-migration.mjs --name <name>`: writes prisma/migrations/<timestamp>_<name>/
// for what schema.prisma changed since the last migration, like `prisma migrate dev --create-only`
// (which it runs), but against a throwaway database so that the state of (or data in) a dev
// database can't get in the way. Other `migrate dev` flags are passed through.
import { fileURLToPath } from 'node:url';
import { runPrisma } from './prisma.mjs';
import { withTemporaryDatabase } from './temp-database.mjs';

export function newMigration(args) {
  return withTemporaryDatabase('panda_new_migration', async (databaseUrl) => {
    const env = { DATABASE_URL: databaseUrl };
    return (await runPrisma(['migrate', 'dev', '--create-only', ...args], { env })).code;
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exitCode = await newMigration(process.argv.slice(2));
}
