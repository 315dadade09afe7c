import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';

/** One database session, for work that must stay on one connection (locks, transactions). */
export interface SqlSession {
  query<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a script of several statements (no parameters). */
  exec(sql: string): Promise<void>;
}

export interface SqlDriver {
  withSession<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
}

export function pgliteDriver(db: PGlite): SqlDriver {
  const session: SqlSession = {
    async query<Row>(sql: string, params?: unknown[]) {
      return (await db.query<Row>(sql, params)).rows;
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
  };
  return { withSession: (work) => work(session) };
}

export function pgPoolDriver(pool: pg.Pool): SqlDriver {
  return {
    async withSession(work) {
      const client = await pool.connect();
      try {
        return await work({
          async query<Row>(sql: string, params?: unknown[]) {
            return (await client.query(sql, params)).rows as Row[];
          },
          async exec(sql: string) {
            await client.query(sql);
          },
        });
      } finally {
        client.release();
      }
    },
  };
}
