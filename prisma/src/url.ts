import path from 'node:path';

/** Where the data lives: the embedded PGlite store (a folder, or memory) or a PostgreSQL server. */
export type DatabaseLocation =
  | { kind: 'pglite'; dir: string | null }
  | { kind: 'postgres'; url: string };

/**
 * `postgres://…` / `postgresql://…` → PostgreSQL; `pglite:<folder>` → embedded store in that folder;
 * `pglite:memory` → embedded, in memory (tests). Unset → embedded under `<dataDir>/db`.
 */
export function parseDatabaseUrl(url: string | undefined, dataDir: string): DatabaseLocation {
  if (!url) return { kind: 'pglite', dir: path.resolve(dataDir, 'db') };
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url };
  if (url.startsWith('pglite:')) {
    const rest = url.slice('pglite:'.length);
    if (rest === 'memory') return { kind: 'pglite', dir: null };
    if (rest.length === 0) throw new Error('pglite: needs a folder, e.g. pglite:./data/db');
    return { kind: 'pglite', dir: path.resolve(rest) };
  }
  throw new Error('must start with postgres://, postgresql:// or pglite:');
}

/** The location without credentials, for logs. */
export function describeLocation(location: DatabaseLocation): string {
  if (location.kind === 'pglite') return `embedded PGlite (${location.dir ?? 'in memory'})`;
  const parsed = new URL(location.url);
  return `PostgreSQL ${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
}
