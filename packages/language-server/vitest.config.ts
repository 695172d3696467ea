import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'language-server',
    include: ['test/**/*.test.ts'],
    // Protocol tests start the server (and Neovim) as child processes.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
