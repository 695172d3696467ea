import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'language-server',
    include: ['test/**/*.test.ts'],
    // Property tests run from a fixed seed (ALLOY_PROPERTY_SEED=random explores).
    setupFiles: ['../../scripts/fast-check-seed.ts'],
    // Protocol tests start the server (and Neovim) as child processes.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
