import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAlloyGrammar, tokenizeText } from '../scripts/grammar-tokens.mjs';
import { hasSyntaxDist, packageDirectory, repositoryRoot, syntaxDistEntry } from './paths.js';
import { expandSnippet } from './snippet-expansion.js';

interface ConfigurationProperty {
  type: string;
  enum?: string[];
  default?: unknown;
}

interface Manifest {
  name: string;
  displayName: string;
  publisher: string;
  main: string;
  repository?: { url: string };
  license: string;
  engines: { vscode: string };
  activationEvents: string[];
  scripts: Record<string, string>;
  devDependencies: Record<string, string>;
  contributes: {
    languages: Array<{ id: string; aliases: string[]; extensions: string[]; filenamePatterns?: string[]; configuration: string }>;
    grammars: Array<{ language?: string; scopeName: string; path: string; injectTo?: string[]; embeddedLanguages?: Record<string, string> }>;
    snippets: Array<{ language: string; path: string }>;
    configuration: { properties: Record<string, ConfigurationProperty> };
    configurationDefaults?: Record<string, Record<string, unknown>>;
    commands: Array<{ command: string; title: string; category?: string }>;
    menus?: Record<string, Array<{ command: string; when?: string }>>;
  };
}

interface SnippetDefinition {
  prefix: string | string[];
  description: string;
  body: string | string[];
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const manifest = readJson<Manifest>(join(packageDirectory, 'package.json'));

describe('extension manifest', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [join(packageDirectory, 'scripts/build.mjs'), '--grammar-only'], { stdio: 'pipe' });
  });

  it('identifies the extension', () => {
    expect(manifest.name).toBe('alloy-vscode');
    expect(manifest.displayName).toBe('Alloy (Grafana Alloy config)');
    expect(manifest.publisher).toMatch(/^[a-z0-9][a-z0-9-]*$/);
    expect(manifest.main).toBe('./dist/extension.cjs');
    expect(manifest.engines.vscode).toBe('^1.91.0');
    expect(manifest.activationEvents).toContain('onLanguage:alloy');
    // Alloy inside YAML (Helm values, ConfigMaps) and templates of Alloy files.
    expect(manifest.activationEvents).toEqual(expect.arrayContaining(['onLanguage:yaml', 'onLanguage:helm', 'workspaceContains:**/*.alloy.{j2,jinja,jinja2,tmpl,gotmpl,tftpl}']));
    expect(manifest.repository?.url).toMatch(/^https:\/\//);
    expect(existsSync(join(packageDirectory, 'LICENSE'))).toBe(true);
    expect(existsSync(join(packageDirectory, 'README.md'))).toBe(true);
  });

  it('declares the alloy language for .alloy and .river files', () => {
    const [language] = manifest.contributes.languages;
    expect(language?.id).toBe('alloy');
    expect(language?.extensions).toEqual(expect.arrayContaining(['.alloy', '.river']));
    expect(language?.aliases).toEqual(expect.arrayContaining(['Alloy', 'river']));
    expect(existsSync(join(packageDirectory, language?.configuration ?? 'missing'))).toBe(true);
  });

  it('gives templates of Alloy files the alloy language by file name', () => {
    const [language] = manifest.contributes.languages;
    expect(language?.filenamePatterns?.sort()).toEqual(['*.alloy.gotmpl', '*.alloy.j2', '*.alloy.jinja', '*.alloy.jinja2', '*.alloy.tftpl', '*.alloy.tmpl']);
  });

  it('injects the Alloy grammar into YAML with the copies of the injection grammars made by the build', () => {
    const injections = manifest.contributes.grammars.filter((grammar) => grammar.injectTo);
    expect(injections.map((grammar) => grammar.scopeName).sort()).toEqual(['alloy.injection.yaml', 'alloy.injection.yaml.config-map']);
    for (const injection of injections) {
      expect(injection.injectTo).toEqual(['source.yaml']);
      expect(injection.embeddedLanguages).toEqual({ 'meta.embedded.block.alloy': 'alloy' });
      const shipped = join(packageDirectory, injection.path);
      expect(existsSync(shipped), injection.path).toBe(true);
      const name = injection.path.replace('./syntaxes/', '');
      expect(readFileSync(shipped, 'utf8')).toBe(readFileSync(join(repositoryRoot, 'grammars', name), 'utf8'));
      expect((JSON.parse(readFileSync(shipped, 'utf8')) as { scopeName: string }).scopeName).toBe(injection.scopeName);
    }
    const vscodeignore = readFileSync(join(packageDirectory, '.vscodeignore'), 'utf8');
    for (const injection of injections) expect(vscodeignore).toContain(`!${injection.path.replace('./', '')}`);
  });

  it('points the grammar at the copy of grammars/alloy.tmLanguage.json made by the build', () => {
    const [grammar] = manifest.contributes.grammars;
    expect(grammar?.language).toBe('alloy');
    expect(grammar?.scopeName).toBe('source.alloy');
    const shipped = join(packageDirectory, grammar?.path ?? 'missing');
    expect(existsSync(shipped)).toBe(true);
    expect(readFileSync(shipped, 'utf8')).toBe(readFileSync(join(repositoryRoot, 'grammars/alloy.tmLanguage.json'), 'utf8'));
  });

  it('contributes the settings passed to the language server', () => {
    const properties = manifest.contributes.configuration.properties;
    expect(Object.keys(properties).sort()).toEqual(
      [
        'alloy.alloyVersion',
        'alloy.completion.showUnstable',
        'alloy.imports.allowOutsideWorkspace',
        'alloy.lintConfigPath',
        'alloy.rules',
        'alloy.server.path',
        'alloy.stabilityLevel',
        'alloy.trace.server',
      ].sort(),
    );
    expect(properties['alloy.stabilityLevel']?.enum).toEqual(['generally-available', 'public-preview', 'experimental']);
    expect(properties['alloy.stabilityLevel']?.default).toBe('generally-available');
    expect(properties['alloy.rules']?.type).toBe('object');
    expect(properties['alloy.trace.server']?.enum).toEqual(['off', 'messages', 'verbose']);
    expect(properties['alloy.imports.allowOutsideWorkspace']?.default).toBe(false);
    expect(properties['alloy.alloyVersion']?.type).toBe('string');
    expect(properties['alloy.completion.showUnstable']?.default).toBe(false);
    for (const [key, property] of Object.entries(properties)) {
      if (property.enum) expect(property.enum, key).toContain(property.default);
    }
  });

  it('edits Alloy files with tabs, as `alloy fmt` writes them, whatever indentation a file had when opened', () => {
    const defaults = manifest.contributes.configurationDefaults?.['[alloy]'];
    expect(defaults?.['editor.insertSpaces']).toBe(false);
    // Detection would keep the spaces of a file opened before Format Document turned them into tabs.
    expect(defaults?.['editor.detectIndentation']).toBe(false);
    expect(defaults?.['editor.tabSize']).toBe(2);
  });

  it('contributes the pipeline graph command to the palette of Alloy and YAML files, and the editor title of Alloy files', () => {
    expect(manifest.contributes.commands.map((command) => command.command)).toEqual(
      expect.arrayContaining(['alloy.restartServer', 'alloy.showPipelineGraph']),
    );
    expect(manifest.contributes.menus?.['commandPalette']).toContainEqual(
      expect.objectContaining({ command: 'alloy.showPipelineGraph', when: 'editorLangId == alloy || editorLangId == yaml || editorLangId == helm' }),
    );
    // Most YAML files hold no Alloy: the button stays on Alloy files.
    expect(manifest.contributes.menus?.['editor/title']).toContainEqual(expect.objectContaining({ command: 'alloy.showPipelineGraph', when: 'editorLangId == alloy' }));
  });

  it('packages without dependencies and builds with the bundler', () => {
    expect(manifest.scripts.package).toContain('vsce package --no-dependencies');
    expect(manifest.scripts.package).toContain('-o dist/alloy-vscode.vsix');
    expect(manifest.scripts.build).toBe('node scripts/build.mjs');
    expect(manifest.scripts['update-grammar-snapshots']).toBeDefined();
  });
});

describe('snippets', () => {
  const [snippetContribution] = manifest.contributes.snippets;
  const snippets = readJson<Record<string, SnippetDefinition>>(join(packageDirectory, snippetContribution?.path ?? 'missing'));
  const entries = Object.entries(snippets);
  const bodyText = (snippet: SnippetDefinition): string => (Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body);

  let parse: ((text: string) => { diagnostics: Array<{ severity: string; message: string }> }) | null = null;

  beforeAll(async () => {
    if (hasSyntaxDist) {
      const syntax = (await import(pathToFileURL(syntaxDistEntry).href)) as { parse: NonNullable<typeof parse> };
      parse = syntax.parse;
    } else {
      console.warn('[alloy-vscode] packages/syntax/dist is absent: snippets are checked with the grammar only');
    }
  });

  it('covers the common pipelines', () => {
    const bodies = entries.map(([, snippet]) => bodyText(snippet));
    const pipelines = [
      ['prometheus.exporter.unix', 'prometheus.scrape', 'prometheus.remote_write'],
      ['local.file_match', 'loki.source.file', 'loki.write'],
      ['otelcol.receiver.otlp', 'otelcol.processor.batch', 'otelcol.exporter.otlp'],
      ['discovery.kubernetes', 'discovery.relabel', 'prometheus.scrape'],
    ];
    for (const components of pipelines) {
      expect(bodies.some((body) => components.every((component) => body.includes(`${component} "`))), components.join(' -> ')).toBe(true);
    }
  });

  it.each(entries)('%s has a prefix and a description', (_name, snippet) => {
    expect([snippet.prefix].flat().length).toBeGreaterThan(0);
    expect(snippet.description.length).toBeGreaterThan(10);
  });

  it.each(entries)('%s gives every mirrored tabstop the same default', (_name, snippet) => {
    for (const [tabstop, values] of expandSnippet(bodyText(snippet)).defaults) {
      const written = values.filter((value) => value !== '');
      expect(new Set(written).size, `tabstop ${tabstop}`).toBeLessThanOrEqual(1);
    }
  });

  it.each(entries)('%s expands to valid Alloy', async (_name, snippet) => {
    const text = expandSnippet(bodyText(snippet)).text;
    const grammar = await loadAlloyGrammar();
    const { tokens, finalDepth } = tokenizeText(grammar, text);
    expect(finalDepth).toBe(1);
    expect(tokens.filter((token) => token.scopes.some((scope) => scope.startsWith('invalid'))).map((token) => token.text)).toEqual([]);
    if (parse) {
      expect(parse(text).diagnostics.map((diagnostic) => diagnostic.message)).toEqual([]);
    }
  });
});

describe('snippet expansion helper', () => {
  it('takes defaults, first choices and escapes, and drops bare tabstops', () => {
    expect(expandSnippet('a ${1:x ${2:y}} ${3|p,q|} $4 ${5} \\$ $0').text).toBe('a x y p   $ ');
  });

  it('rejects an unterminated placeholder', () => {
    expect(() => expandSnippet('${1:open')).toThrow(/unterminated/);
  });
});
