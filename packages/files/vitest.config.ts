import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'files',
    include: ['test/**/*.test.ts'],
  },
});
