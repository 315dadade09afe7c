import { defineConfig } from 'vitest/config';

/** The join dances measure what people wait for: they run alone, after everything else. */
const JOIN_DANCES = 'tests/e2e/joins.test.ts';

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
        test: { name: 'suite', include: ['**/*.test.ts'], exclude: ['**/node_modules/**', '**/dist/**', JOIN_DANCES] },
      },
      // Four browsers, the SFU and the server share two cores with nothing else running.
      { extends: true, test: { name: 'join-dances', include: [JOIN_DANCES], sequence: { groupOrder: 1 } } },
    ],
  },
});
