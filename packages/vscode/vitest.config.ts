import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'alloy-vscode',
    include: ['test/**/*.test.ts'],
    // The .vsix test bundles, packages and starts the language server; the corpus test tokenizes ~1,800 files.
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
