import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'generator',
    include: ['test/**/*.test.ts'],
    // Fleet and install-script tests start the CLI and external tools as child processes.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
