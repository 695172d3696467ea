import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ConfigError,
  ConfigResolver,
  findConfigFile,
  isIgnoredBy,
  loadConfigFile,
  locateJsonPath,
  readConfigFile,
  validateConfig,
} from '../src/index.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'alloy-config-test-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function write(relativePath: string, text: string): string {
  const path = join(root, relativePath);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

describe('reading a configuration file', () => {
  it('reads every key, alloyVersion as a minor release with its line, assemblies against the file', () => {
    const path = write(
      'repo/.alloy-lint.json',
      JSON.stringify({ rules: { 'alloy/stability': 'off' }, ignorePatterns: ['gen/'], stabilityLevel: 'experimental', alloyVersion: 'v1.5.1', assemblies: [['modules/shared', 'modules/base/linux']] }, null, 2),
    );
    const { config, problems } = readConfigFile(path);
    expect(problems).toEqual([]);
    expect(config).toMatchObject({
      source: path,
      file: path,
      rules: { 'alloy/stability': 'off' },
      ignorePatterns: ['gen/'],
      stabilityLevel: 'experimental',
      alloyVersion: '1.5',
      alloyVersionLine: 9,
      assemblies: [[join(root, 'repo/modules/shared'), join(root, 'repo/modules/base/linux')]],
      baseDirectory: join(root, 'repo'),
    });
    expect(readConfigFile(write('latest/.alloy-lint.json', '{"alloyVersion": "latest"}')).config.alloyVersion).toBe('1.18');
  });

  it('names the file, line and column of every bad key or value, and keeps the good ones', () => {
    const path = write('.alloy-lint.json', '{\n  "rules": { "a/b": "loud", "c/d": "warn" },\n  "alloyVersion": "1.99",\n  "colour": true,\n  "assemblies": ["x"]\n}\n');
    const { config, problems } = readConfigFile(path);
    expect(problems).toEqual([
      `config ${path}: unknown option "colour" (expected "rules", "ignorePatterns", "stabilityLevel", "alloyVersion", "assemblies", "yamlKeys" or "embedded") at line 4, column 3`,
      `config ${path}: rule "a/b" has setting "loud"; expected "off", "warn", "error" or "info" at line 2, column 21`,
      `config ${path}: "alloyVersion" must be an Alloy release from 1.0 to 1.18 (such as "1.5" or "v1.5.1") or "latest", not "1.99" at line 3, column 19`,
      `config ${path}: "assemblies" must be an array of groups of directories deployed together, such as [["modules/shared", "modules/base/linux"]] at line 5, column 17`,
    ]);
    expect(config.rules).toEqual({ 'c/d': 'warn' });
    expect(() => loadConfigFile(path)).toThrow(new ConfigError(problems[0]!));
  });

  it('reads yamlKeys and embedded, and names the line and column of a bad key pattern or kind', () => {
    const good = write('good/.alloy-lint.json', '{ "yamlKeys": ["config.alloy", "*ExtraConfig"], "embedded": { "yaml": true, "templates": false } }');
    const { config, problems } = readConfigFile(good);
    expect(problems).toEqual([]);
    expect(config.yamlKeys).toEqual(['config.alloy', '*ExtraConfig']);
    expect(config.embedded).toEqual({ yaml: true, templates: false });
    expect(readConfigFile(write('off/.alloy-lint.json', '{"embedded": false}')).config.embedded).toEqual({ yaml: false, templates: false, markdown: false });

    const path = write('.alloy-lint.json', '{\n  "yamlKeys": ["config.alloy", ""],\n  "embedded": {\n    "yaml": "yes",\n    "helm": true,\n    "markdown": false\n  }\n}\n');
    const result = readConfigFile(path);
    expect(result.problems).toEqual([
      `config ${path}: "yamlKeys" must hold non-empty key patterns (strings such as "config.alloy" or "*ExtraConfig"), not "" at line 2, column 32`,
      `config ${path}: "embedded.yaml" must be true or false, not "yes" at line 4, column 13`,
      `config ${path}: unknown kind "helm" in "embedded" (expected "yaml", "templates", "markdown") at line 5, column 5`,
    ]);
    expect(result.config.yamlKeys).toBeUndefined();
    expect(result.config.embedded).toEqual({ markdown: false });
    expect(readConfigFile(write('s/.alloy-lint.json', '{"yamlKeys": "config.alloy"}')).problems).toEqual([
      `config ${join(root, 's/.alloy-lint.json')}: "yamlKeys" must be an array of YAML key patterns, such as ["config.alloy", "*ExtraConfig"] at line 1, column 14`,
    ]);
    expect(readConfigFile(write('n/.alloy-lint.json', '{"embedded": 1}')).problems[0]).toContain('"embedded" must be an object or a boolean');
  });

  it('locates settings inside the alloy-lint key of a package.json, and unknown rule codes at their key', () => {
    const path = write('package.json', '{\n  "name": "x",\n  "alloy-lint": {\n    "rules": { "alloy/nope": "off" }\n  }\n}\n');
    expect(readConfigFile(path, { knownRuleCodes: new Set(['alloy/note']) }).problems).toEqual([
      `config ${path} ("alloy-lint" key): unknown rule "alloy/nope" (did you mean "alloy/note"? "alloy-lint rules" lists them all) at line 4, column 16`,
    ]);
  });

  it('reports what cannot be read without throwing', () => {
    expect(readConfigFile(join(root, 'missing.json')).problems).toEqual([`config file ${join(root, 'missing.json')} does not exist`]);
    const broken = write('broken.json', '{\n  "rules": off\n}\n');
    expect(readConfigFile(broken).problems).toEqual([`invalid JSON in ${broken}:2:12: unexpected character "o"`]);
    expect(readConfigFile(write('p/package.json', '{}')).problems).toEqual([`${join(root, 'p/package.json')} has no "alloy-lint" key`]);
  });

  it('validates an object given directly (the first problem throws)', () => {
    expect(validateConfig({ rules: { a: 0, b: 1, c: 2 } }, 'x', '/').rules).toEqual({ a: 'off', b: 'warn', c: 'error' });
    expect(() => validateConfig({ alloyVersion: 5 }, 'cfg', '/')).toThrow('config cfg: "alloyVersion" must be an Alloy release');
  });
});

describe('discovery', () => {
  it('finds the nearest .alloy-lint.json or package.json with the key, and matches ignorePatterns relative to it', () => {
    write('.alloy-lint.json', '{"ignorePatterns": ["generated/"]}');
    write('sub/package.json', '{"name": "no-key"}');
    write('sub/deeper/package.json', '{"alloy-lint": {"alloyVersion": "1.9"}}');
    expect(findConfigFile(join(root, 'sub/a.alloy'))).toBe(join(root, '.alloy-lint.json'));
    expect(findConfigFile(join(root, 'sub/deeper/b.alloy'))).toBe(join(root, 'sub/deeper/package.json'));
    const resolver = new ConfigResolver();
    expect(resolver.forFile(join(root, 'sub/deeper/b.alloy')).alloyVersion).toBe('1.9');
    expect(resolver.isIgnored(join(root, 'generated/x.alloy'))).toBe(true);
    expect(resolver.isIgnored(join(root, 'sub/x.alloy'))).toBe(false);
    expect(isIgnoredBy(resolver.forFile(join(root, 'a.alloy')), join(root, 'sub/generated/y.alloy'))).toBe(true);
  });
});

describe('locateJsonPath', () => {
  it('finds keys and values, the last of a repeated key, array elements, after a byte order mark', () => {
    const text = '\uFEFF{"a": {"b": [1, {"c": "x"}]}, "a": {"b": [2, {"c": "y"}]}}';
    expect(locateJsonPath(text, ['a', 'b', 1, 'c'])).toEqual({ key: { line: 1, column: 47 }, value: { line: 1, column: 52 } });
    expect(locateJsonPath(text, ['a', 'z'])).toBeUndefined();
  });
});
