import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, ConfigResolver, loadConfigFile, validateConfig } from '../src/config.js';
import { makeTempDir } from './helpers.js';

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir();
});
afterEach(() => temp.remove());

function write(relativePath: string, text: string): string {
  const path = join(temp.path, relativePath);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

describe('ConfigResolver', () => {
  it('uses the nearest .alloy-lint.json above a file', () => {
    write('.alloy-lint.json', '{"rules": {"a/b": "off"}}');
    write('sub/deeper/.alloy-lint.json', '{"rules": {"c/d": "warn"}, "stabilityLevel": "experimental"}');
    const resolver = new ConfigResolver();
    expect(resolver.forFile(join(temp.path, 'x.alloy')).rules).toEqual({ 'a/b': 'off' });
    expect(resolver.forFile(join(temp.path, 'sub/y.alloy')).rules).toEqual({ 'a/b': 'off' });
    const deep = resolver.forFile(join(temp.path, 'sub/deeper/z.alloy'));
    expect(deep.rules).toEqual({ 'c/d': 'warn' });
    expect(deep.stabilityLevel).toBe('experimental');
    expect(deep.source).toBe(join(temp.path, 'sub/deeper/.alloy-lint.json'));
  });

  it('reads the "alloy-lint" key of a package.json and skips package.json files without it', () => {
    write('package.json', JSON.stringify({ name: 'x', 'alloy-lint': { rules: { 'a/b': 'error' } } }));
    write('inner/package.json', JSON.stringify({ name: 'inner' }));
    const config = new ConfigResolver().forFile(join(temp.path, 'inner/c.alloy'));
    expect(config.rules).toEqual({ 'a/b': 'error' });
    expect(config.baseDirectory).toBe(temp.path);
  });

  it('accepts ESLint-style numeric severities', () => {
    expect(validateConfig({ rules: { a: 0, b: 1, c: 2 } }, 'x', '/').rules).toEqual({ a: 'off', b: 'warn', c: 'error' });
  });

  it('matches ignorePatterns relative to the configuration file', () => {
    write('.alloy-lint.json', '{"ignorePatterns": ["generated/", "*.tmpl.alloy"]}');
    const resolver = new ConfigResolver();
    expect(resolver.isIgnored(join(temp.path, 'generated/a.alloy'))).toBe(true);
    expect(resolver.isIgnored(join(temp.path, 'x/b.tmpl.alloy'))).toBe(true);
    expect(resolver.isIgnored(join(temp.path, 'x/b.alloy'))).toBe(false);
  });

  it('names the file, line and column of a configuration that is not JSON', () => {
    const path = write('.alloy-lint.json', '{\n  "rules": {\n    "a/b": off\n  }\n}\n');
    expect(() => new ConfigResolver().forFile(join(temp.path, 'a.alloy'))).toThrow(
      new ConfigError(`invalid JSON in ${path}:3:12: unexpected character "o"`),
    );
  });

  it('refuses bad settings with a message naming the problem', () => {
    expect(() => validateConfig({ rules: { 'a/b': 'loud' } }, 'cfg', '/')).toThrow('rule "a/b" has setting "loud"');
    expect(() => validateConfig({ rulez: {} }, 'cfg', '/')).toThrow('unknown option "rulez"');
    expect(() => validateConfig({ ignorePatterns: 'x' }, 'cfg', '/')).toThrow('"ignorePatterns" must be an array');
    expect(() => validateConfig({ stabilityLevel: 'beta' }, 'cfg', '/')).toThrow('"stabilityLevel" must be');
    expect(() => validateConfig([], 'cfg', '/')).toThrow('expected an object');
  });

  it('lets --config override every file and read package.json keys', () => {
    write('.alloy-lint.json', '{"rules": {"a/b": "off"}}');
    const explicit = write('other/custom.json', '{"rules": {"x/y": "error"}}');
    const resolver = new ConfigResolver(loadConfigFile(explicit));
    expect(resolver.forFile(join(temp.path, 'a.alloy')).rules).toEqual({ 'x/y': 'error' });
    const packagePath = write('pkg/package.json', '{"alloy-lint": {"rules": {"p/q": "warn"}}}');
    expect(loadConfigFile(packagePath).rules).toEqual({ 'p/q': 'warn' });
    expect(() => loadConfigFile(join(temp.path, 'missing.json'))).toThrow('does not exist');
    expect(() => loadConfigFile(write('pkg2/package.json', '{}'))).toThrow('has no "alloy-lint" key');
  });
});
