import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscoveryError, discoverFiles, discoverTargets, fileKindOf, globToRegExp } from '../src/discovery.js';
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

describe('files holding Alloy in other formats', () => {
  let embeddedTemp: ReturnType<typeof makeTempDir>;
  beforeAll(() => {
    embeddedTemp = makeTempDir();
    mkdirSync(join(embeddedTemp.path, '.git'));
    for (const name of ['a.alloy', 'values.yaml', 'deploy/cm.yml', 'roles/templates/config.alloy.j2', 'tf/config.alloy.tftpl', 'README.md', 'config.j2']) {
      const path = join(embeddedTemp.path, name);
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, '');
    }
  });
  afterAll(() => embeddedTemp.remove());
  const listed = (files: string[]): string[] => files.map((file) => relative(embeddedTemp.path, file));

  it('names tell the kind, as @alloy-toolkit/embedded\'s hostKindOf does', () => {
    const cases: [string, string][] = [
      ['config.alloy', 'alloy'],
      ['legacy.river', 'alloy'],
      ['notes.txt', 'alloy'],
      ['values.yaml', 'yaml'],
      ['VALUES.YML', 'yaml'],
      ['config.alloy.j2', 'template'],
      ['config.alloy.jinja2', 'template'],
      ['config.alloy.tmpl', 'template'],
      ['config.alloy.gotmpl', 'template'],
      ['config.alloy.tftpl', 'template'],
      ['config.j2', 'alloy'],
      ['README.md', 'markdown'],
      ['guide.markdown', 'markdown'],
    ];
    expect(cases.map(([name]) => [name, fileKindOf(name)])).toEqual(cases);
  });

  it('a walk lists YAML files and templates only when asked, never Markdown', () => {
    expect(listed(discoverFiles(['.'], { cwd: embeddedTemp.path }))).toEqual(['a.alloy']);
    expect(listed(discoverFiles(['.'], { cwd: embeddedTemp.path, embedded: { yaml: true, templates: true } }))).toEqual([
      'a.alloy',
      'deploy/cm.yml',
      'roles/templates/config.alloy.j2',
      'tf/config.alloy.tftpl',
      'values.yaml',
    ]);
    expect(listed(discoverFiles(['.'], { cwd: embeddedTemp.path, embedded: { yaml: true, templates: false } }))).toEqual([
      'a.alloy',
      'deploy/cm.yml',
      'values.yaml',
    ]);
  });

  it('discoverTargets keeps each argument\'s files apart, so that a search can be judged after content checks', () => {
    const found = discoverTargets(['deploy', 'README.md', '**/*.tftpl'], { cwd: embeddedTemp.path, embedded: { yaml: true, templates: true } });
    expect(found.map((target) => [target.target, target.kind, listed(target.files)])).toEqual([
      ['deploy', 'directory', ['deploy/cm.yml']],
      ['README.md', 'file', ['README.md']],
      ['**/*.tftpl', 'glob', ['tf/config.alloy.tftpl']],
    ]);
    expect(() => discoverFiles(['deploy'], { cwd: embeddedTemp.path })).toThrow('no Alloy files (.alloy, .river) found in deploy');
    expect(() => discoverFiles(['roles'], { cwd: embeddedTemp.path, embedded: { yaml: true, templates: false } })).toThrow(
      'no Alloy files (.alloy, .river, YAML holding Alloy) found in roles',
    );
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
