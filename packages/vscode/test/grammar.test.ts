import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IGrammar } from 'vscode-textmate';
import {
  fixturesDirectory,
  formatTokenSnapshot,
  loadAlloyGrammar,
  tokenizeText,
  type GrammarToken,
} from '../scripts/grammar-tokens.mjs';
import { repositoryRoot } from './paths.js';

let grammar: IGrammar;

beforeAll(async () => {
  grammar = await loadAlloyGrammar();
});

/** The scopes of the `occurrence`-th token whose text is exactly `text`. */
function scopesOf(source: string, text: string, occurrence = 0): string[] {
  const matches = tokenizeText(grammar, source).tokens.filter((token: GrammarToken) => token.text === text);
  const token = matches[occurrence];
  if (!token) {
    const seen = tokenizeText(grammar, source).tokens.map((candidate) => JSON.stringify(candidate.text)).join(' ');
    throw new Error(`no token ${JSON.stringify(text)} (#${occurrence}) in: ${seen}`);
  }
  return token.scopes;
}

function innermost(source: string, text: string, occurrence = 0): string {
  const scopes = scopesOf(source, text, occurrence);
  return scopes[scopes.length - 1] ?? '';
}

describe('grammar source', () => {
  it('alloy.tmLanguage.json is the output of build-grammar.mjs', () => {
    expect(() =>
      execFileSync(process.execPath, [join(repositoryRoot, 'grammars/build-grammar.mjs'), '--check'], { stdio: 'pipe' }),
    ).not.toThrow();
  });

  it('has the scope name source.alloy', () => {
    const json = JSON.parse(readFileSync(join(repositoryRoot, 'grammars/alloy.tmLanguage.json'), 'utf8')) as {
      scopeName: string;
    };
    expect(json.scopeName).toBe('source.alloy');
  });
});

describe('grammar snapshots', () => {
  const fixtures = readdirSync(fixturesDirectory).filter((name) => name.endsWith('.alloy')).sort();

  it('has fixtures', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(5);
  });

  it.each(fixtures)('%s matches its checked-in scopes (pnpm --filter alloy-vscode run update-grammar-snapshots)', (fixture) => {
    const text = readFileSync(join(fixturesDirectory, fixture), 'utf8');
    const expected = readFileSync(join(fixturesDirectory, `${fixture}.scopes.txt`), 'utf8');
    expect(formatTokenSnapshot(tokenizeText(grammar, text).tokens)).toBe(expected);
  });

  it.each(fixtures)('%s ends at the root of the grammar', (fixture) => {
    const text = readFileSync(join(fixturesDirectory, fixture), 'utf8');
    expect(tokenizeText(grammar, text).finalDepth).toBe(1);
  });
});

describe('comments', () => {
  it('scopes line, block and documentation comments', () => {
    const source = '// line\n/* block */\n/** doc */\n/**/\n';
    expect(scopesOf(source, ' line')).toContain('comment.line.double-slash.alloy');
    expect(scopesOf(source, ' block ')).toContain('comment.block.alloy');
    expect(scopesOf(source, ' doc ')).toContain('comment.block.documentation.alloy');
    expect(scopesOf(source, '/**/')).toContain('comment.block.empty.alloy');
  });

  it('keeps a block comment open across lines and closes it', () => {
    const source = 'a {\n  /* first\n  second */ b = 1\n}\n';
    expect(scopesOf(source, '  second ')).toContain('comment.block.alloy');
    expect(scopesOf(source, 'b')).toContain('variable.other.property.alloy');
    expect(tokenizeText(grammar, source).finalDepth).toBe(1);
  });

  it('marks # as illegal, because Alloy has no hash comments', () => {
    expect(innermost('# not a comment\n', '# not a comment')).toMatch(/^invalid\.illegal/);
  });
});

describe('strings', () => {
  it('does not open a comment on /* or // inside a string', () => {
    const source = 'a {\n  x = "/* no"\n  y = "//no"\n  z = 1\n}\n';
    expect(innermost(source, '/* no')).toBe('string.quoted.double.alloy');
    expect(innermost(source, '//no')).toBe('string.quoted.double.alloy');
    expect(innermost(source, 'z')).toBe('variable.other.property.alloy');
  });

  it('scopes valid escapes as escapes and invalid ones as illegal', () => {
    const source = 'x = "\\n\\t\\\\\\"\\101\\x41\\u00e9\\U0001F600 \\\' \\q \\400 \\uD800"\n';
    for (const escape of ['\\n', '\\t', '\\\\', '\\"', '\\101', '\\x41', '\\u00e9', '\\U0001F600']) {
      expect(innermost(source, escape), escape).toBe('constant.character.escape.alloy');
    }
    for (const escape of ["\\'", '\\q', '\\400', '\\uD800']) {
      expect(innermost(source, escape), escape).toBe('invalid.illegal.escape.alloy');
    }
  });

  it('keeps a raw string open across lines, with no escapes and no comments inside', () => {
    const source = 'x = `first \\q\n/* second "\n// third`\ny = 2\n';
    const { lineEndScopes } = tokenizeText(grammar, source);
    expect(lineEndScopes[0]).toContain('string.quoted.raw.alloy');
    expect(lineEndScopes[1]).toContain('string.quoted.raw.alloy');
    expect(lineEndScopes[2]).not.toContain('string.quoted.raw.alloy');
    expect(innermost(source, '/* second "')).toBe('string.quoted.raw.alloy');
    expect(innermost(source, 'y')).toBe('variable.other.property.alloy');
  });

  it('ends an unterminated double-quoted string at the end of its line', () => {
    const source = 'x = "open\ny = 2\n';
    expect(tokenizeText(grammar, source).lineEndScopes[0]).toEqual(['source.alloy']);
    expect(innermost(source, 'y')).toBe('variable.other.property.alloy');
  });

  it('marks single-quoted strings as illegal', () => {
    expect(innermost("x = 'abc'\n", "'abc'")).toMatch(/^invalid\.illegal/);
  });
});

describe('numbers and constants', () => {
  it.each([
    ['42', 'constant.numeric.integer.alloy'],
    ['3.14', 'constant.numeric.float.alloy'],
    ['.5', 'constant.numeric.float.alloy'],
    ['1e10', 'constant.numeric.float.alloy'],
    ['2.5E-3', 'constant.numeric.float.alloy'],
    ['1e', 'invalid.illegal.numeric.exponent.alloy'],
    ['0x10', 'invalid.illegal.numeric.suffix.alloy'],
    ['true', 'constant.language.boolean.alloy'],
    ['false', 'constant.language.boolean.alloy'],
    ['null', 'constant.language.null.alloy'],
  ])('%s is %s', (literal, scope) => {
    expect(innermost(`x = ${literal}\n`, literal)).toBe(scope);
  });

  it('does not take an identifier that starts with a keyword for a keyword', () => {
    expect(innermost('x = true_value\n', 'true_value')).toBe('variable.other.readwrite.alloy');
  });
});

describe('blocks and attributes', () => {
  const source = [
    'prometheus.exporter.unix "node" {',
    '  filesystem {',
    '    fs_types_exclude = "^tmpfs$"',
    '  }',
    '}',
    'bad "with space" {}',
    '',
  ].join('\n');

  it('scopes every segment of a dotted block name', () => {
    expect(innermost(source, 'prometheus')).toBe('entity.name.type.alloy');
    expect(innermost(source, 'exporter')).toBe('entity.name.type.alloy');
    expect(innermost(source, 'unix')).toBe('entity.name.type.alloy');
  });

  it('scopes the label as a string naming the block', () => {
    expect(scopesOf(source, 'node')).toEqual(expect.arrayContaining(['string.quoted.double.alloy', 'entity.name.label.alloy']));
    expect(innermost(source, 'with space')).toBe('invalid.illegal.label.alloy');
  });

  it('scopes nested blocks and attribute names', () => {
    const nested = scopesOf(source, 'filesystem');
    expect(nested.filter((scope) => scope === 'meta.block.alloy')).toHaveLength(2);
    expect(nested.at(-1)).toBe('entity.name.type.alloy');
    expect(innermost(source, 'fs_types_exclude')).toBe('variable.other.property.alloy');
  });

  it('does not take a comparison for an attribute', () => {
    const scopes = scopesOf('a {\n  x = y == z\n}\n', 'y');
    expect(scopes.at(-1)).toBe('variable.other.readwrite.alloy');
  });
});

describe('expressions', () => {
  it('scopes stdlib calls as support functions', () => {
    const source = 'x = string.format("%s", sys.env("HOME"), encoding.from_json(v), coalesce(a, b))\n';
    expect(innermost(source, 'format')).toBe('support.function.builtin.alloy');
    expect(innermost(source, 'env')).toBe('support.function.builtin.alloy');
    expect(innermost(source, 'from_json')).toBe('support.function.builtin.alloy');
    expect(innermost(source, 'coalesce')).toBe('support.function.builtin.alloy');
    expect(innermost(source, 'string')).toBe('support.type.namespace.alloy');
  });

  it('scopes component references as a variable and its members', () => {
    const source = 'x = prometheus.exporter.unix.node.targets\n';
    expect(innermost(source, 'prometheus')).toBe('variable.other.readwrite.alloy');
    expect(innermost(source, 'targets')).toBe('variable.other.member.alloy');
    expect(innermost(source, 'unix')).toBe('variable.other.member.alloy');
  });

  it('scopes object keys inside nested objects in arrays', () => {
    const source = 'x = [{ a = [{ "b" = 1 }] }, { c = 2 }]\n';
    expect(scopesOf(source, 'a')).toEqual(
      expect.arrayContaining(['meta.array.alloy', 'meta.object.alloy', 'entity.other.attribute-name.alloy']),
    );
    expect(scopesOf(source, 'b')).toContain('meta.object-literal.key.alloy');
    expect(innermost(source, 'c')).toBe('entity.other.attribute-name.alloy');
    expect(tokenizeText(grammar, source).finalDepth).toBe(1);
  });

  it('scopes constants.hostname as a support constant', () => {
    expect(innermost('x = constants.hostname\n', 'hostname')).toBe('support.constant.alloy');
  });

  it('scopes operators', () => {
    const source = 'x = a || b && !c == d + e * f ^ g\n';
    expect(innermost(source, '||')).toBe('keyword.operator.logical.alloy');
    expect(innermost(source, '==')).toBe('keyword.operator.comparison.alloy');
    expect(innermost(source, '^')).toBe('keyword.operator.arithmetic.alloy');
  });
});
