import { describe, expect, it } from 'vitest';
import { checkMigrations } from '../tools/check-migrations.mjs';

// Replaying the migrations needs a PostgreSQL server; CI's PostgreSQL pass provides it.
describe.runIf(process.env.TEST_DATABASE_URL)('migrations', () => {
  it('produce exactly the schema in schema.prisma', async () => {
    const { inSync, script } = await checkMigrations();
    // On drift, the SQL a new migration would need shows in the failure.
    expect({ inSync, script: inSync ? '' : script }).toEqual({ inSync: true, script: '' });
  }, 120_000);
});
