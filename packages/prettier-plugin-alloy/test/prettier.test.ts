import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as prettier from 'prettier';
import { afterAll, describe, expect, it } from 'vitest';
import plugin, { formatAlloy, formatAlloyRange, languages, parsers, printers } from '../src/index.js';
import { packageDir } from './helpers.js';

const UNFORMATTED = 'logging {\n  level = "info"\n    format = "logfmt"\n}\nprometheus.scrape "x" { targets = [] }\n';
const FORMATTED = 'logging {\n\tlevel  = "info"\n\tformat = "logfmt"\n}\n\nprometheus.scrape "x" {\n\ttargets = []\n}\n';
const BROKEN = 'logging {\n  level = "info"\n  format = = "x"\n}\n';

describe('the plugin object', () => {
  it('declares the Alloy language, parser and printer', () => {
    expect(languages).toEqual([
      expect.objectContaining({
        name: 'Alloy',
        extensions: ['.alloy', '.river'],
        vscodeLanguageIds: ['alloy'],
        aliases: ['river'],
        parsers: ['alloy'],
      }),
    ]);
    expect(parsers.alloy.astFormat).toBe(Object.keys(printers)[0]);
    expect(plugin.languages).toBe(languages);
    expect(plugin.parsers).toBe(parsers);
  });

  it('the reference examples format as expected', () => {
    expect(formatAlloy(UNFORMATTED)).toBe(FORMATTED);
  });
});

describe('prettier.format API', () => {
  it('formats a file like formatAlloy', async () => {
    const result = await prettier.format(UNFORMATTED, { parser: 'alloy', plugins: [plugin] });
    expect(result).toBe(FORMATTED);
  });

  it('infers the parser from .alloy and .river file names', async () => {
    for (const filepath of ['config.alloy', 'flow.river']) {
      expect(await prettier.format(UNFORMATTED, { filepath, plugins: [plugin] })).toBe(FORMATTED);
    }
  });

  it('rejects a syntax error with line and column', async () => {
    await expect(prettier.format(BROKEN, { parser: 'alloy', plugins: [plugin] })).rejects.toThrow(/\(3:\d+\)/);
  });

  it('formats fenced alloy and river blocks in Markdown through the plugin', async () => {
    const markdown = '# Config\n\n```alloy\nlogging {\n  level = "info"\n}\n```\n\n```river\na = 1\nbbb = 2\n```\n\n```text\nx   =  1\n```\n';
    const result = await prettier.format(markdown, { parser: 'markdown', plugins: [plugin] });
    expect(result).toBe(
      '# Config\n\n```alloy\nlogging {\n\tlevel = "info"\n}\n```\n\n```river\na   = 1\nbbb = 2\n```\n\n```text\nx   =  1\n```\n',
    );
  });

  it('leaves a Markdown alloy block that does not parse untouched', async () => {
    const markdown = '```alloy\na = = 1\n```\n';
    expect(await prettier.format(markdown, { parser: 'markdown', plugins: [plugin] })).toBe(markdown);
  });
});

describe('range formatting', () => {
  const text = 'a = 1\nbbbb    =    2\n\nblock   "x"   {\n  c   =   [1,2]\n}\n\nother  {\n  d   =   3\n}\n';

  it('formatAlloyRange reformats only the touched top-level statements', () => {
    const start = text.indexOf('c   =');
    const result = formatAlloyRange(text, start, start + 3);
    expect(result).toBe('a = 1\nbbbb    =    2\n\nblock "x" {\n\tc = [1, 2]\n}\n\nother  {\n  d   =   3\n}\n');
  });

  it('a range across two statements formats both, with their alignment', () => {
    const result = formatAlloyRange(text, 0, text.indexOf('bbbb') + 2);
    expect(result).toBe('a    = 1\nbbbb = 2\n\nblock   "x"   {\n  c   =   [1,2]\n}\n\nother  {\n  d   =   3\n}\n');
  });

  it('a range outside every statement changes nothing', () => {
    const blank = text.indexOf('\n\n') + 1;
    expect(formatAlloyRange(text, blank, blank + 1)).toBe(text);
  });

  it('prettier.format with rangeStart/rangeEnd behaves like formatAlloyRange', async () => {
    const rangeStart = text.indexOf('d   =');
    const rangeEnd = rangeStart + 5;
    const result = await prettier.format(text, { parser: 'alloy', plugins: [plugin], rangeStart, rangeEnd });
    expect(result).toBe(formatAlloyRange(text, rangeStart, rangeEnd));
    expect(result).toBe('a = 1\nbbbb    =    2\n\nblock   "x"   {\n  c   =   [1,2]\n}\n\nother {\n\td = 3\n}\n');
  });

  it('prettier.format with a range on a broken file reports the syntax error', async () => {
    await expect(
      prettier.format(BROKEN, { parser: 'alloy', plugins: [plugin], rangeStart: 0, rangeEnd: 5 }),
    ).rejects.toThrow(/\(3:\d+\)/);
  });
});

const distEntry = path.join(packageDir, 'dist', 'index.js');
const prettierCli = path.join(packageDir, 'node_modules', 'prettier', 'bin', 'prettier.cjs');
const built = existsSync(distEntry);
if (!built) console.warn(`[prettier-plugin-alloy] skipping the CLI tests: ${distEntry} is missing (run pnpm build)`);

describe.skipIf(!built)('the Prettier CLI with the built plugin', () => {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'prettier-plugin-alloy-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  const runPrettier = (args: string[], cwd = directory) =>
    spawnSync(process.execPath, [prettierCli, ...args], { cwd, encoding: 'utf8' });
  const write = (name: string, text: string) => {
    const file = path.join(directory, name);
    writeFileSync(file, text);
    return file;
  };

  it('dist/index.js exports the plugin and formatAlloy', async () => {
    const built = (await import(distEntry)) as { default: unknown; formatAlloy: (text: string) => string };
    expect(built.formatAlloy(UNFORMATTED)).toBe(FORMATTED);
    expect(built.default).toHaveProperty('parsers.alloy');
  });

  it('--check passes on a formatted file and fails on an unformatted one', () => {
    const good = write('good.alloy', FORMATTED);
    const bad = write('bad.alloy', UNFORMATTED);
    const pass = runPrettier(['--plugin', distEntry, '--check', good]);
    expect(pass.status).toBe(0);
    const fail = runPrettier(['--plugin', distEntry, '--check', bad]);
    expect(fail.status).toBe(1);
    expect(fail.stdout + fail.stderr).toContain('bad.alloy');
  });

  it('--write rewrites .alloy and .river files', () => {
    const alloyFile = write('write.alloy', UNFORMATTED);
    const riverFile = write('write.river', UNFORMATTED);
    const result = runPrettier(['--plugin', distEntry, '--write', alloyFile, riverFile]);
    expect(result.status).toBe(0);
    expect(readFileSync(alloyFile, 'utf8')).toBe(FORMATTED);
    expect(readFileSync(riverFile, 'utf8')).toBe(FORMATTED);
  });

  it('loads the plugin from .prettierrc "plugins"', () => {
    const project = mkdtempSync(path.join(directory, 'project-'));
    writeFileSync(path.join(project, '.prettierrc'), JSON.stringify({ plugins: [distEntry] }));
    const file = path.join(project, 'config.alloy');
    writeFileSync(file, UNFORMATTED);
    const result = runPrettier(['--write', 'config.alloy'], project);
    expect(result.status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(FORMATTED);
  });

  it('reports a syntax error with line:column, exits non-zero and leaves the file untouched', () => {
    const file = write('broken.alloy', BROKEN);
    const result = runPrettier(['--plugin', distEntry, '--write', file]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/broken\.alloy: AlloySyntaxError: .*\(3:\d+\)/);
    expect(readFileSync(file, 'utf8')).toBe(BROKEN);
  });
});
