import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'embedded',
    include: ['test/**/*.test.ts'],
    // Property tests run from a fixed seed (ALLOY_PROPERTY_SEED=random explores).
    setupFiles: ['../../scripts/fast-check-seed.ts'],
    // A timeout only catches a hang: property tests take seconds on a loaded machine, and speed is
    // measured by the benchmarks, never by a test's clock.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
