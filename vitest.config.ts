import { defineConfig } from 'vitest/config';

/**
 * The browser tests that put four people in one lesson run alone, after everything else: they
 * measure what people wait for, and four browsers with the SFU and the server take both cores.
 */
const ALONE = ['tests/e2e/joins.test.ts', 'tests/e2e/lesson-room.test.ts'];

export default defineConfig({
  test: {
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two cores: browser tests and the SFU need room to breathe.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'suite', include: ['**/*.test.ts'], exclude: ['**/node_modules/**', '**/dist/**', ...ALONE] },
      },
      { extends: true, test: { name: 'alone', include: ALONE, maxWorkers: 1, sequence: { groupOrder: 1 } } },
    ],
  },
});
