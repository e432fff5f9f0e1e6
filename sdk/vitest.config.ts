import { defineConfig } from 'vitest/config';

// The integration tests run the SDK against the real server: one embedded PostgreSQL with the
// migrated template (the server's global setup), the server's app listening on a free port.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    globalSetup: ['../server/test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
