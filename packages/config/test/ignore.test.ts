import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { globMatches, ignoreMatcher, ignoredByPatterns } from '../src/index.js';

// The `ignore` package (what git-style tools use, and what alloy-lint used before this module): the reference.
type IgnoreFactory = () => { add(patterns: string[]): { ignores(path: string): boolean } };
const ignore = createRequire(import.meta.url)('ignore') as IgnoreFactory;

describe('ignorePatterns', () => {
  it('match like .gitignore', () => {
    expect(globMatches('vendor/', 'vendor/a.alloy')).toBe(true);
    expect(globMatches('*.generated.alloy', 'deep/dir/x.generated.alloy')).toBe(true);
    expect(globMatches('/top.alloy', 'sub/top.alloy')).toBe(false);
    expect(ignoredByPatterns(['build', '!build/x.alloy'], 'build/x.alloy')).toBe(true);
    expect(ignoredByPatterns(['*.alloy'], '../outside.alloy')).toBe(false);
  });

  const files = [
    'a.alloy', 'ab.alloy', 'b1.alloy', 'top.alloy', 'sub/top.alloy', 'x.generated.alloy', 'sub/y.generated.alloy',
    'vendor/v.alloy', 'sub/vendor/v.alloy', 'keep/d.alloy', 'keep/e.alloy', 'examples/a/b/c.alloy', 'examples/keep/k.alloy',
    'build/x.alloy', 'one/two/deep/z.alloy', 'deep/w.alloy',
  ];
  const patternSets = [
    ['vendor/', 'keep/*', '!keep/d.alloy'],
    ['*.generated.alloy', '/top.alloy'],
    ['examples/**/*.alloy', '!examples/keep/**'],
    ['build', '!build/x.alloy'],
    ['a?.alloy', '[bc]*.alloy', '# comment', ''],
    ['**/deep/*.alloy', 'sub/'],
  ];
  it.each(patternSets.map((patterns) => [patterns.join(' '), patterns] as const))('ignore the same files as the ignore package: %s', (_, patterns) => {
    const reference = ignore().add([...patterns]);
    const matcher = ignoreMatcher(patterns);
    const ours = files.filter((file) => matcher(file));
    expect(ours.length).toBeGreaterThan(0);
    expect(ours.length).toBeLessThan(files.length);
    expect(ours).toEqual(files.filter((file) => reference.ignores(file)));
  });
});
