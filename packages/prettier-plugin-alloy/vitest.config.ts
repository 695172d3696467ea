import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'prettier-plugin-alloy',
    include: ['test/**/*.test.ts'],
    // Property tests run from a fixed seed (ALLOY_PROPERTY_SEED=random explores).
    setupFiles: ['../../scripts/fast-check-seed.ts'],
    // The corpus tests format about a thousand files several times; the CLI tests start Prettier.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
