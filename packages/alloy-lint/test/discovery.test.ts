import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscoveryError, discoverFiles, globToRegExp } from '../src/discovery.js';
import { makeTempDir } from './helpers.js';

let temp: ReturnType<typeof makeTempDir>;

function write(relativePath: string, text = 'a = 1\n'): void {
  const path = join(temp.path, relativePath);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

beforeAll(() => {
  temp = makeTempDir();
  mkdirSync(join(temp.path, '.git'));
  write('.gitignore', 'build/\n*.generated.alloy\n');
  write('main.alloy');
  write('legacy.river');
  write('notes.txt');
  write('build/out.alloy');
  write('x.generated.alloy');
  write('node_modules/pkg/a.alloy');
  write('modules/b.alloy');
  write('modules/.gitignore', 'secret.alloy\n');
  write('modules/secret.alloy');
  write('modules/deep/c.alloy');
  symlinkSync(join(temp.path, 'missing-target.alloy'), join(temp.path, 'dangling.alloy'));
});
afterAll(() => temp.remove());

function names(files: string[]): string[] {
  return files.map((file) => relative(temp.path, file));
}

describe('discoverFiles', () => {
  it('walks directories for .alloy and .river files, skipping node_modules and gitignored paths', () => {
    expect(names(discoverFiles(['.'], { cwd: temp.path }))).toEqual([
      'dangling.alloy',
      'legacy.river',
      'main.alloy',
      'modules/b.alloy',
      'modules/deep/c.alloy',
    ]);
  });

  it('applies the repository .gitignore when starting in a subdirectory', () => {
    expect(names(discoverFiles(['modules'], { cwd: temp.path }))).toEqual(['modules/b.alloy', 'modules/deep/c.alloy']);
    expect(() => discoverFiles(['build'], { cwd: temp.path })).toThrow('no Alloy files (.alloy, .river) found in build');
    expect(discoverFiles(['build'], { cwd: temp.path, errorOnUnmatched: false })).toEqual([]);
  });

  it('keeps explicitly named files whatever their name and does not list them twice', () => {
    expect(names(discoverFiles(['notes.txt', 'main.alloy', 'main.alloy', '.'], { cwd: temp.path }))).toEqual([
      'notes.txt',
      'main.alloy',
      'dangling.alloy',
      'legacy.river',
      'modules/b.alloy',
      'modules/deep/c.alloy',
    ]);
  });

  it('expands globs', () => {
    expect(names(discoverFiles(['modules/**/*.alloy'], { cwd: temp.path }))).toEqual([
      'modules/b.alloy',
      'modules/deep/c.alloy',
    ]);
    expect(names(discoverFiles(['*.{river,txt}'], { cwd: temp.path }))).toEqual(['legacy.river', 'notes.txt']);
  });

  it('stops on paths and globs that match nothing', () => {
    expect(() => discoverFiles(['nope.alloy'], { cwd: temp.path })).toThrow(new DiscoveryError('no such file or directory: nope.alloy'));
    expect(() => discoverFiles(['**/*.json'], { cwd: temp.path })).toThrow('no files match the pattern "**/*.json"');
  });

  it('honours the ignore callback (configuration ignorePatterns)', () => {
    const files = discoverFiles(['.'], { cwd: temp.path, isIgnored: (path) => path.includes('modules') });
    expect(names(files)).toEqual(['dangling.alloy', 'legacy.river', 'main.alloy']);
  });
});

describe('globToRegExp', () => {
  it.each([
    ['*.alloy', 'a.alloy', true],
    ['*.alloy', 'd/a.alloy', false],
    ['**/*.alloy', 'a.alloy', true],
    ['**/*.alloy', 'd/e/a.alloy', true],
    ['d/**', 'd/e/f', true],
    ['?.alloy', 'ab.alloy', false],
    ['[ab].alloy', 'b.alloy', true],
    ['[!ab].alloy', 'b.alloy', false],
    ['{x,y}/*.river', 'y/q.river', true],
    ['a+b.alloy', 'a+b.alloy', true],
  ])('%s matches %s: %s', (glob, path, expected) => {
    expect(globToRegExp(glob).test(path)).toBe(expected);
  });
});
