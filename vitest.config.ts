import { defineConfig } from 'vitest/config';

// Unit and integration tests run in plain Node against real files, real ffmpeg and the real model.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // Browser and worker tests poll for UI state; on a loaded 2-core CI machine 1 s (the default) is too short.
    expect: { poll: { timeout: 10_000 } },
    reporters: ['default'],
  },
});
