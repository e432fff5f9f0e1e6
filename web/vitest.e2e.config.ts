import { defineConfig } from 'vitest/config';

// Browser journeys: real Chromium (playwright-core) against the real server on an embedded
// PostgreSQL, started once for the run by the global setup. Files run one after another.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 300_000,
    teardownTimeout: 60_000,
    reporters: ['default'],
  },
});
