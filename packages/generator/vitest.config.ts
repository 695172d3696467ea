import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'generator',
    include: ['test/**/*.test.ts'],
    // Property tests run from a fixed seed (ALLOY_PROPERTY_SEED=random explores).
    setupFiles: ['../../scripts/fast-check-seed.ts'],
    // Fleet and install-script tests start the CLI and external tools as child processes.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
