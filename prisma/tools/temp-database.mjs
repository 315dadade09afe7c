// Throwaway PostgreSQL databases for the migration tools, created on the server that
// MIGRATIONS_CHECK_DATABASE_URL points at (default: the local server, as user postgres).
import { randomUUID } from 'node:crypto';
import pg from 'pg';

const serverUrl = process.env.MIGRATIONS_CHECK_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

async function runOnServer(sql) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Calls `fn(databaseUrl)` with a fresh empty database and drops it afterwards. */
export async function withTemporaryDatabase(prefix, fn) {
  const name = `${prefix}_${randomUUID().replaceAll('-', '')}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await runOnServer(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  try {
    return await fn(url.href);
  } finally {
    // FORCE: the prisma CLI kills its schema engine on exit, whose connections may not be gone yet.
    await runOnServer(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  }
}
