import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IGrammar } from 'vscode-textmate';
import {
  injectionGrammarPaths,
  loadYamlGrammarWithAlloyInjection,
  tokenizeText,
  vscodeYamlSyntaxesDirectory,
  type GrammarToken,
} from '../scripts/grammar-tokens.mjs';
import { repositoryRoot } from './paths.js';

// VS Code's own YAML grammar, from the code-server that scripts/install-test-tools.sh installs.
const yamlGrammarPresent = existsSync(join(vscodeYamlSyntaxesDirectory, 'yaml.tmLanguage.json'));
if (!yamlGrammarPresent) {
  console.warn(`[alloy-vscode] ${vscodeYamlSyntaxesDirectory} is missing (run scripts/install-test-tools.sh): the YAML injection tests are skipped`);
}

let grammar: IGrammar;

/** The tokens of `line` (1-based), without bare whitespace. */
function tokensOfLine(source: string, line: number): GrammarToken[] {
  return tokenizeText(grammar, source).tokens.filter((token) => token.line === line && token.text.trim() !== '');
}

/** The scopes of the first token of `line` whose text is `text`. */
function scopesAt(source: string, line: number, text: string): string[] {
  const token = tokensOfLine(source, line).find((candidate) => candidate.text === text);
  if (!token) throw new Error(`no token ${JSON.stringify(text)} on line ${line}: ${tokensOfLine(source, line).map((t) => JSON.stringify(t.text)).join(' ')}`);
  return token.scopes;
}

const isAlloy = (scopes: readonly string[]): boolean => scopes.includes('source.alloy');
const lineIsYamlOnly = (source: string, line: number): boolean => tokensOfLine(source, line).every((token) => !isAlloy(token.scopes) && !token.scopes.includes('meta.embedded.block.alloy'));

describe('the Alloy injection grammars', () => {
  it('are the output of build-grammar.mjs', () => {
    expect(() => execFileSync(process.execPath, [join(repositoryRoot, 'grammars/build-grammar.mjs'), '--check'], { stdio: 'pipe' })).not.toThrow();
  });

  it('inject into source.yaml, embed source.alloy, and follow the YAML grammar from the stream on', () => {
    const main = JSON.parse(readFileSync(injectionGrammarPaths['alloy.injection.yaml']!, 'utf8')) as { injectionSelector: string; repository: Record<string, unknown> };
    expect(main.injectionSelector).toMatch(/^L:source\.yaml meta\.stream\.yaml /);
    expect(JSON.stringify(main.repository)).toContain('"include":"source.alloy"');
    const configMap = JSON.parse(readFileSync(injectionGrammarPaths['alloy.injection.yaml.config-map']!, 'utf8')) as { injectionSelector: string };
    expect(configMap.injectionSelector).toMatch(/^L:meta\.alloy-config-map\.yaml /);
  });
});

describe.skipIf(!yamlGrammarPresent)('Alloy inside YAML with VS Code’s YAML grammar', () => {
  beforeAll(async () => {
    grammar = await loadYamlGrammarWithAlloyInjection();
  });

  it('highlights a ConfigMap’s config.alloy as Alloy and the keys after it as YAML', () => {
    const source = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'data:',
      '  config.alloy: |',
      '    prometheus.scrape "default" {',
      '      targets = [{"__address__" = "localhost:9090"}]',
      '      forward_to = [prometheus.remote_write.main.receiver]',
      '    }',
      '  other.txt: |',
      '    not.alloy "x" {',
      'metadata:',
      '  name: alloy',
      '',
    ].join('\n');
    expect(scopesAt(source, 4, 'config.alloy')).toContain('entity.name.tag.yaml');
    expect(scopesAt(source, 4, '|')).toContain('keyword.control.flow.block-scalar.literal.yaml');
    expect(scopesAt(source, 5, 'prometheus')).toEqual(expect.arrayContaining(['source.alloy', 'meta.embedded.block.alloy', 'entity.name.type.alloy']));
    expect(scopesAt(source, 5, 'default')).toContain('entity.name.label.alloy');
    expect(scopesAt(source, 6, 'targets')).toContain('variable.other.property.alloy');
    expect(scopesAt(source, 7, 'receiver')).toContain('variable.other.member.alloy');
    // other keys stay plain YAML, even one whose text looks like Alloy
    expect(scopesAt(source, 9, 'other.txt')).toContain('entity.name.tag.yaml');
    expect(lineIsYamlOnly(source, 10)).toBe(true);
    expect(scopesAt(source, 10, 'not.alloy "x" {')).toContain('string.unquoted.block.yaml');
    expect(scopesAt(source, 11, 'metadata')).toContain('entity.name.tag.yaml');
  });

  it('gives the YAML after the scalar back to YAML even after an unclosed { or string', () => {
    const source = [
      'data:',
      '  config.alloy: |-',
      '    logging {',
      '      level = "info',
      '      format = [1, {',
      '  name: value',
      'next: 1',
      '',
    ].join('\n');
    expect(scopesAt(source, 3, 'logging')).toContain('source.alloy');
    expect(scopesAt(source, 5, 'format')).toContain('source.alloy');
    expect(lineIsYamlOnly(source, 6)).toBe(true);
    expect(scopesAt(source, 6, 'name')).toContain('entity.name.tag.yaml');
    expect(scopesAt(source, 6, 'value')).toContain('string.unquoted.plain.out.yaml');
    expect(scopesAt(source, 7, 'next')).toContain('entity.name.tag.yaml');
    expect(tokenizeText(grammar, source).lineEndScopes[6]!.some((scope) => scope.endsWith('.alloy'))).toBe(false);
  });

  it('keeps blank lines and deeper-indented lines inside the scalar', () => {
    const source = ['extraConfig: |', '  a.b "c" {', '', '      x = 1', '  }', '  d.e "f" {}', 'z: 2', ''].join('\n');
    expect(scopesAt(source, 4, 'x')).toContain('source.alloy');
    expect(scopesAt(source, 6, 'd')).toContain('entity.name.type.alloy');
    expect(lineIsYamlOnly(source, 7)).toBe(true);
  });

  it('highlights alloy.configMap.content of the grafana/alloy chart, and only content under configMap', () => {
    const source = [
      'alloy:',
      '  configMap:',
      '    create: true',
      '    content: |',
      '      discovery.kubernetes "pods" {',
      '        role = "pod"',
      '    name: null',
      '  content: |',
      '    not.alloy "x" {',
      'content: |',
      '  not.alloy "y" {',
      '',
    ].join('\n');
    expect(scopesAt(source, 3, 'create')).toContain('entity.name.tag.yaml');
    expect(scopesAt(source, 3, 'true')).toContain('constant.language.boolean.yaml');
    expect(scopesAt(source, 5, 'discovery')).toContain('source.alloy');
    expect(scopesAt(source, 6, 'role')).toContain('variable.other.property.alloy');
    expect(lineIsYamlOnly(source, 7)).toBe(true);
    expect(scopesAt(source, 7, 'name')).toContain('entity.name.tag.yaml');
    expect(lineIsYamlOnly(source, 9)).toBe(true);
    expect(lineIsYamlOnly(source, 11)).toBe(true);
  });

  it('highlights the k8s-monitoring extraConfig and *ExtraConfig keys, quoted keys and sequence items', () => {
    const source = [
      'alloy-logs:',
      '  extraConfig: |2-',
      '    loki.echo "debug" {}',
      'podLogs:',
      '  logsExtraConfig: &extra !!str |',
      '    loki.process "x" {',
      '"my.alloy": |',
      '  a.b "c" {}',
      'pipelines:',
      '  - config.alloy: |',
      '      x.y "z" {',
      '    name: second',
      'extraConfigMaps: |',
      '  not.alloy "w" {',
      '',
    ].join('\n');
    expect(scopesAt(source, 2, '2-')).toContain('storage.modifier.chomping-indicator.yaml');
    expect(scopesAt(source, 3, 'loki')).toContain('source.alloy');
    expect(scopesAt(source, 5, '&extra')).toContain('keyword.control.flow.anchor.yaml');
    expect(scopesAt(source, 5, '!!str')).toContain('storage.type.tag.yaml');
    expect(scopesAt(source, 6, 'process')).toContain('entity.name.type.alloy');
    expect(scopesAt(source, 8, 'a')).toContain('source.alloy');
    expect(scopesAt(source, 11, 'x')).toContain('source.alloy');
    expect(lineIsYamlOnly(source, 12)).toBe(true);
    expect(scopesAt(source, 12, 'name')).toContain('entity.name.tag.yaml');
    expect(lineIsYamlOnly(source, 14)).toBe(true);
  });

  it('leaves folded, quoted and plain values of the keys to YAML', () => {
    const source = ['config.alloy: >', '  a.b "c" {}', 'extraConfig: "a.b {}"', 'x.alloy: plain', ''].join('\n');
    expect(lineIsYamlOnly(source, 2)).toBe(true);
    expect(lineIsYamlOnly(source, 3)).toBe(true);
    expect(lineIsYamlOnly(source, 4)).toBe(true);
  });

  it('highlights a block scalar after # language=alloy where the comment opens a mapping or a sequence', () => {
    const source = [
      '# language=alloy',
      'snippet: |',
      '  x.y "z" {',
      'items:',
      '  # language: alloy',
      '  - |',
      '    a.b "c" {}',
      'after: 1',
      '',
    ].join('\n');
    expect(scopesAt(source, 1, '#')).toContain('comment.line.number-sign.yaml');
    expect(scopesAt(source, 3, 'x')).toContain('source.alloy');
    expect(scopesAt(source, 6, '|')).toContain('keyword.control.flow.block-scalar.literal.yaml');
    expect(scopesAt(source, 7, 'a')).toContain('source.alloy');
    expect(lineIsYamlOnly(source, 8)).toBe(true);
    expect(scopesAt(source, 8, 'after')).toContain('entity.name.tag.yaml');
  });

  it('does not take the comment for a marker after a key: value line (documented limitation), and YAML stays intact', () => {
    const source = ['a: 1', '# language=alloy', 'snippet: |', '  x.y "z" {', 'b: 2', ''].join('\n');
    expect(lineIsYamlOnly(source, 4)).toBe(true);
    expect(scopesAt(source, 5, 'b')).toContain('entity.name.tag.yaml');
  });
});
