import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkMigrations } from '../tools/check-migrations.mjs';

const SCHEMA_PATH = new URL('../schema.prisma', import.meta.url);

/** `schema.prisma` with `edit` applied, written to a temporary folder; `use` gets its path. */
async function withEditedSchema<T>(edit: (schema: string) => string, use: (schemaPath: string) => Promise<T>): Promise<T> {
  const original = await readFile(SCHEMA_PATH, 'utf8');
  const edited = edit(original);
  expect(edited).not.toBe(original);
  const dir = await mkdtemp(path.join(tmpdir(), 'panda-schema-drift-'));
  try {
    const schemaPath = path.join(dir, 'schema.prisma');
    await writeFile(schemaPath, edited);
    return await use(schemaPath);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Replaces the one occurrence of `search`, failing if there isn't exactly one. */
function replaceOnce(text: string, search: string, replacement: string): string {
  expect(text.split(search)).toHaveLength(2);
  return text.replace(search, replacement);
}

// Replaying the migrations needs a PostgreSQL server; CI's PostgreSQL pass provides it.
describe.runIf(process.env.TEST_DATABASE_URL)('migrations', () => {
  it('produce exactly the schema in schema.prisma', async () => {
    const { inSync, script } = await checkMigrations();
    // On drift, the SQL a new migration would need shows in the failure.
    expect({ inSync, script: inSync ? '' : script }).toEqual({ inSync: true, script: '' });
  }, 120_000);

  // The check once passed whatever the schema said: it must be able to fail.
  it('are reported out of sync when the schema has what no migration made, or lacks what one did', async () => {
    const { inSync, script } = await withEditedSchema(
      (schema) => {
        let edited = replaceOnce(schema, 'model User {\n', 'model User {\n  driftProbeNote String?\n');
        edited = replaceOnce(edited, 'enum Locale {\n  en\n  ru\n}', 'enum Locale {\n  en\n  ru\n  de\n}');
        edited = replaceOnce(edited, '  @@index([userId, purpose, createdAt])\n', '');
        return `${edited}\nmodel DriftProbe {\n  id   Int    @id\n  name String\n}\n`;
      },
      (schemaPath) => checkMigrations({ schemaPath }),
    );
    expect(inSync).toBe(false);
    // Each difference on its own: an extra table, an extra column, an extra enum value, and an
    // index the migrations create that the schema lacks.
    expect(script).toContain('CREATE TABLE "DriftProbe"');
    expect(script).toMatch(/ALTER TABLE "User" ADD COLUMN\s+"driftProbeNote" TEXT/);
    expect(script).toContain(`ALTER TYPE "Locale" ADD VALUE 'de'`);
    expect(script).toContain('DROP INDEX "EmailCode_userId_purpose_createdAt_idx"');
  }, 120_000);
});
