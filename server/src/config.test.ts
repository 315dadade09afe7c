import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('has working defaults: embedded database under ./data, port 3000', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.database).toEqual({ kind: 'pglite', dir: path.resolve('data/db') });
    expect(config.redisUrl).toBeUndefined();
    expect(config.demoData).toBe(true);
  });

  it('reads PostgreSQL and PGlite URLs', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db:5432/panda' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://u@db:5432/panda',
    });
    expect(loadConfig({ DATABASE_URL: 'pglite:/srv/panda' }).database).toEqual({ kind: 'pglite', dir: '/srv/panda' });
  });

  it('names every bad value with what it should be', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({ PORT: 'eighty', REDIS_URL: 'http://x', SECRET_KEY: 'short', DATABASE_URL: 'mysql://x', DEMO_DATA: 'maybe' });
    } catch (caught) {
      error = caught as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = error?.problems.join('\n') ?? '';
    for (const name of ['PORT="eighty"', 'REDIS_URL=(value hidden)', 'SECRET_KEY=(value hidden)', 'DEMO_DATA="maybe"']) {
      expect(text).toContain(name);
    }
    expect(text).not.toContain('short');
    // DATABASE_URL is judged after the schema passes; on its own it is named too.
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: must start with postgres/);
  });
});
