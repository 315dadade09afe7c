import type { TestServer } from './server.js';

/**
 * Every table of the school's schema with its row count and a digest of all its rows: two equal
 * fingerprints mean nothing was inserted, changed or deleted anywhere in between.
 */
export async function databaseFingerprint(db: TestServer['db']): Promise<Record<string, string>> {
  const tables = await db.$queryRaw<Array<{ name: string }>>`SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`;
  const fingerprint: Record<string, string> = {};
  for (const { name } of tables) {
    const table = `"${name.replaceAll('"', '""')}"`;
    const [row] = await db.$queryRawUnsafe<Array<{ rows: number; digest: string }>>(
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS digest FROM ${table} t`,
    );
    fingerprint[name] = `${row?.rows} rows, ${row?.digest}`;
  }
  return fingerprint;
}
