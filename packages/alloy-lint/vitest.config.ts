import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'alloy-lint',
    include: ['test/**/*.test.ts'],
    // Property tests run from a fixed seed (ALLOY_PROPERTY_SEED=random explores).
    setupFiles: ['../../scripts/fast-check-seed.ts'],
    // The end-to-end tests start the CLI as a child process and walk the shared corpus.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
