// Alloy inside host documents: a Helm values file, a Kubernetes ConfigMap and an Ansible (Jinja)
// template, served over the protocol inside their Alloy configurations and nowhere else.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CallHierarchyIncomingCall,
  CallHierarchyItem,
  CallHierarchyOutgoingCall,
  CodeAction,
  CompletionItem,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Location,
  LocationLink,
  SemanticTokens,
  SymbolInformation,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { formatAlloy } from 'prettier-plugin-alloy';
import { applyEdits, Fixture, messageOf, positionOf, repoRoot, serverBuilt, TestClient } from './helpers/client.js';

// alloy-lint's fmt, when built: the editor and the command line format YAML alike (both turn alloy
// fmt's tabs into spaces with @alloy-toolkit/embedded's indentLike; this compares the whole path).
const alloyLintCli = join(repoRoot, 'packages', 'alloy-lint', 'dist', 'cli.js');

const helmValues = `# Values of the grafana/alloy chart.
alloy:
  configMap:
    create: true
    content: |-
      discovery.kubernetes "pods" {
        role = "pod"
      }

      prometheus.scrape "pods" {
        targets          = discovery.kubernetes.pods.targets
        forward_to       = [prometheus.remote_write.default.receiver]
        job_name         = {{ .Values.jobName | quote }}
        scrape_interval  = "{{ .Values.interval }}"
        no_such_argument = true
      }

      prometheus.remote_write "default" {
        endpoint {
          url = "http://mimir:9009/api/v1/push"
        }
      }
  clustering:
    enabled: false
`;

const configMap = `apiVersion: v1
kind: ConfigMap
metadata:
  name: alloy-config
  namespace: monitoring
data:
  config.alloy: |
    logging {
      level  = "debug"
      format = "logfmt"
    }

    local.file_match "logs" {
      path_targets = [{"__path__" = "/var/log/*.log"}]
    }

    loki.source.file "logs" {
      targets    = local.file_match.logs.targets
      forward_to = [loki.write.missing.receiver]
    }

    loki.write "default" {
      endpoint {
        url = "http://loki:3100/loki/api/v1/push"
      }
    }
`;

const jinjaTemplate = `{# Rendered by the alloy Ansible role #}
logging {
  level = "{{ alloy_log_level }}"
}

prometheus.exporter.unix "node" {
  set_collectors  = ["cpu", "meminfo"]
  unknown_setting = true
}

{% for job in scrape_jobs %}
prometheus.scrape "{{ job.name }}" {
  targets    = prometheus.exporter.unix.node.targets
  forward_to = [prometheus.remote_write.default.receiver]
}
{% endfor %}

prometheus.remote_write "default" {
  endpoint {
    url = "{{ remote_write_url }}"
  }
}
`;

interface HostCase {
  name: string;
  file: string;
  languageId: string;
  text: string;
  /** The diagnostic every host has, at `needle`. */
  problem: { code: string; needle: string; delta?: number };
  /** Where a template placeholder is: nothing may be reported there. */
  placeholderLine?: string;
  /** After `needle` + `delta`, completion offers `label`. */
  completion: { needle: string; delta: number; label: string };
  hover: { needle: string; delta: number; contains: string };
  /** From a reference (`needle` + `delta`) to the label of the block it names (`target`). */
  definition: { needle: string; delta: number; target: string };
  /** The label of a block referenced once elsewhere in the configuration. */
  referenced: { needle: string; delta: number; uses: number };
  symbols: string[];
  /** A position outside every configuration. */
  outside: { needle: string; delta: number };
}

const cases: HostCase[] = [
  {
    name: 'a Helm values file (grafana/alloy chart)',
    file: 'chart/values.yaml',
    languageId: 'yaml',
    text: helmValues,
    problem: { code: 'alloy/unknown-attribute', needle: 'no_such_argument' },
    placeholderLine: 'job_name',
    completion: { needle: '[prometheus.remote_write.default', delta: '[prometheus.remote_write.'.length, label: 'default' },
    hover: { needle: 'discovery.kubernetes "pods"', delta: 12, contains: 'discovery.kubernetes' },
    definition: { needle: 'discovery.kubernetes.pods.targets', delta: 22, target: '"pods" {\n        role' },
    referenced: { needle: 'prometheus.remote_write "default"', delta: 26, uses: 1 },
    symbols: ['discovery.kubernetes "pods"', 'prometheus.scrape "pods"', 'prometheus.remote_write "default"'],
    outside: { needle: 'enabled: false', delta: 2 },
  },
  {
    name: 'a Kubernetes ConfigMap',
    file: 'k8s/configmap.yaml',
    languageId: 'yaml',
    text: configMap,
    problem: { code: 'alloy/unresolved-reference', needle: 'loki.write.missing.receiver' },
    completion: { needle: 'local.file_match.logs.targets', delta: 'local.file_match.'.length, label: 'logs' },
    hover: { needle: 'loki.source.file "logs"', delta: 6, contains: 'loki.source.file' },
    definition: { needle: 'local.file_match.logs.targets', delta: 18, target: '"logs" {\n      path_targets' },
    referenced: { needle: 'local.file_match "logs"', delta: 19, uses: 1 },
    symbols: ['logging', 'local.file_match "logs"', 'loki.source.file "logs"', 'loki.write "default"'],
    outside: { needle: 'namespace: monitoring', delta: 3 },
  },
  {
    name: 'an Ansible (Jinja) template',
    file: 'roles/alloy/templates/config.alloy.j2',
    languageId: 'jinja',
    text: jinjaTemplate,
    problem: { code: 'alloy/unknown-attribute', needle: 'unknown_setting' },
    placeholderLine: '{% for job',
    completion: { needle: '[prometheus.remote_write.default', delta: '[prometheus.remote_write.'.length, label: 'default' },
    hover: { needle: 'prometheus.exporter.unix "node"', delta: 12, contains: 'prometheus.exporter.unix' },
    definition: { needle: 'prometheus.exporter.unix.node.targets', delta: 26, target: '"node" {\n  set_collectors' },
    referenced: { needle: 'prometheus.remote_write "default"', delta: 26, uses: 1 },
    // The label is a template tag: the outline shows it, not its mask.
    symbols: ['logging', 'prometheus.exporter.unix "node"', 'prometheus.scrape "{{ job.name }}"', 'prometheus.remote_write "default"'],
    outside: { needle: '{# Rendered', delta: 4 },
  },
];

function completionItems(result: CompletionItem[] | CompletionList | null): CompletionItem[] {
  if (!result) return [];
  return Array.isArray(result) ? result : result.items;
}

function hoverText(hover: Hover | null): string {
  if (!hover) return '';
  const contents = hover.contents;
  if (typeof contents === 'string') return contents;
  if (Array.isArray(contents)) return contents.map((part) => (typeof part === 'string' ? part : part.value)).join('\n');
  return contents.value;
}

/** The host lines of a text that hold `needle`. */
function lineOf(text: string, needle: string): number {
  return positionOf(text, needle).line;
}

describe.skipIf(!serverBuilt)('Alloy embedded in YAML and templates, over the protocol', () => {
  let client: TestClient;
  let fixture: Fixture;

  beforeAll(async () => {
    fixture = new Fixture(Object.fromEntries(cases.map((host) => [host.file, host.text])));
    client = new TestClient();
    await client.initialize({ rootPath: fixture.root });
    for (const host of cases) await client.open(fixture.uri(host.file), host.text, host.languageId);
  });

  afterAll(async () => {
    await client.shutdown();
    fixture.dispose();
  });

  describe.each(cases)('$name', (host) => {
    const uri = (): string => fixture.uri(host.file);
    const at = (needle: string, delta = 0): { textDocument: { uri: string }; position: { line: number; character: number } } => ({
      textDocument: { uri: uri() },
      position: positionOf(host.text, needle, delta),
    });

    it('publishes the configuration’s diagnostics at host positions, none on a template placeholder', async () => {
      const diagnostics = await client.waitForDiagnostics(uri(), (params) => params.diagnostics.length > 0);
      const problem = diagnostics.find((diagnostic) => diagnostic.code === host.problem.code);
      expect(problem, JSON.stringify(diagnostics)).toBeDefined();
      expect(problem!.range.start).toEqual(positionOf(host.text, host.problem.needle, host.problem.delta ?? 0));
      if (host.placeholderLine) {
        const line = lineOf(host.text, host.placeholderLine);
        expect(diagnostics.filter((diagnostic) => diagnostic.range.start.line <= line && diagnostic.range.end.line >= line)).toEqual([]);
      }
      // Nothing outside the configuration.
      for (const diagnostic of diagnostics) expect(host.text.split('\n')[diagnostic.range.start.line]).not.toMatch(/^\S+:/);
    });

    it('completes inside the configuration', async () => {
      const result = await client.request<CompletionItem[] | CompletionList | null>('textDocument/completion', at(host.completion.needle, host.completion.delta));
      expect(completionItems(result).map((item) => item.label)).toContain(host.completion.label);
    });

    it('hovers inside the configuration', async () => {
      const hover = await client.request<Hover | null>('textDocument/hover', at(host.hover.needle, host.hover.delta));
      expect(hoverText(hover)).toContain(host.hover.contains);
      // The hovered word's range is at host positions.
      if (hover?.range) expect(hover.range.start.line).toBe(lineOf(host.text, host.hover.needle));
    });

    it('says on hover of a reference at which host line its block is', async () => {
      const hover = await client.request<Hover | null>('textDocument/hover', at(host.definition.needle, host.definition.delta));
      expect(hoverText(hover)).toContain(`— line ${lineOf(host.text, host.definition.target) + 1}`);
    });

    it('goes to a definition in the same configuration, at host positions and with the host’s URI', async () => {
      const links = await client.request<LocationLink[] | null>('textDocument/definition', at(host.definition.needle, host.definition.delta));
      expect(links).toHaveLength(1);
      expect(links![0]!.targetUri).toBe(uri());
      expect(links![0]!.targetSelectionRange.start).toEqual(positionOf(host.text, host.definition.target));
      expect(links![0]!.originSelectionRange?.start.line).toBe(lineOf(host.text, host.definition.needle));
    });

    it('finds the references of a block in the configuration', async () => {
      const locations = await client.request<Location[]>('textDocument/references', { ...at(host.referenced.needle, host.referenced.delta), context: { includeDeclaration: true } });
      expect(locations).toHaveLength(host.referenced.uses + 1);
      for (const location of locations) expect(location.uri).toBe(uri());
      expect(locations.map((location) => location.range.start.line)).toContain(lineOf(host.text, host.referenced.needle));
    });

    it('outlines the configuration’s blocks at host positions', async () => {
      const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: uri() } });
      expect(symbols.map((symbol) => symbol.name)).toEqual(host.symbols);
      expect(symbols[0]!.range.start.line).toBe(lineOf(host.text, host.symbols[0]!.replace(/ ".*/, ' ')));
    });

    it('answers nothing outside the configuration', async () => {
      const position = at(host.outside.needle, host.outside.delta);
      expect(await client.request<Hover | null>('textDocument/hover', position)).toBeNull();
      expect(completionItems(await client.request<CompletionItem[] | CompletionList | null>('textDocument/completion', position))).toEqual([]);
      expect(await client.request<LocationLink[] | null>('textDocument/definition', position)).toBeNull();
      expect(await client.request<Location[]>('textDocument/references', { ...position, context: { includeDeclaration: true } })).toEqual([]);
      expect(await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: position.textDocument, range: { start: position.position, end: position.position }, context: { diagnostics: [] } })).toEqual([]);
    });
  });

  describe('semantic tokens and call hierarchy', () => {
    interface Token {
      line: number;
      character: number;
      length: number;
      type: string;
    }
    const legend = ['namespace', 'class', 'type', 'function', 'property', 'variable', 'string', 'number', 'keyword', 'comment'];
    const decode = (data: number[]): Token[] => {
      const tokens: Token[] = [];
      let line = 0;
      let character = 0;
      for (let index = 0; index < data.length; index += 5) {
        character = data[index] === 0 ? character + data[index + 1]! : data[index + 1]!;
        line += data[index]!;
        tokens.push({ line, character, length: data[index + 2]!, type: legend[data[index + 3]!]! });
      }
      return tokens;
    };
    const tokensOf = async (uri: string): Promise<Token[]> =>
      decode((await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } })).data);

    it('colours a ConfigMap’s configuration as the same text in an .alloy file, at the host’s lines and indentation', async () => {
      const content = configMap.slice(configMap.indexOf('    logging {')).replace(/^ {4}/gm, '');
      const plainUri = fixture.uri('plain/config.alloy');
      await client.open(plainUri, content);
      const plain = await tokensOf(plainUri);
      await client.close(plainUri);
      expect(plain.length).toBeGreaterThan(20);
      const firstLine = lineOf(configMap, 'logging {');
      expect(await tokensOf(fixture.uri('k8s/configmap.yaml'))).toEqual(plain.map((token) => ({ ...token, line: token.line + firstLine, character: token.character + 4 })));
    });

    it('colours Helm values inside the configuration only, and nothing on a template tag', async () => {
      const tokens = await tokensOf(fixture.uri('chart/values.yaml'));
      const start = positionOf(helmValues, 'discovery.kubernetes "pods"');
      expect(tokens[0]).toEqual({ ...start, length: 'discovery'.length, type: 'namespace' });
      const lines = helmValues.split('\n');
      const first = lineOf(helmValues, 'discovery.kubernetes');
      const last = lineOf(helmValues, '  clustering:') - 1;
      for (const token of tokens) expect(token.line >= first && token.line <= last, JSON.stringify(token)).toBe(true);
      const tag = positionOf(helmValues, '{{ .Values.jobName | quote }}');
      const onTagLine = tokens.filter((token) => token.line === tag.line);
      expect(onTagLine.map((token) => lines[token.line]!.slice(token.character, token.character + token.length))).toEqual(['job_name']);
    });

    it('prepares call hierarchy in Helm values and follows incoming and outgoing calls there, with the host’s URI', async () => {
      const uri = fixture.uri('chart/values.yaml');
      const [sink] = (await client.request<CallHierarchyItem[] | null>('textDocument/prepareCallHierarchy', {
        textDocument: { uri },
        position: positionOf(helmValues, 'prometheus.remote_write "default"', 26),
      }))!;
      expect(sink).toMatchObject({ name: 'prometheus.remote_write.default', uri });
      expect(sink!.selectionRange.start).toEqual(positionOf(helmValues, 'prometheus.remote_write "default"'));
      const incoming = await client.request<CallHierarchyIncomingCall[]>('callHierarchy/incomingCalls', { item: sink });
      expect(incoming.map((call) => call.from.name)).toEqual(['prometheus.scrape.pods']);
      expect(incoming[0]!.from.uri).toBe(uri);
      expect(incoming[0]!.fromRanges.map((range) => range.start)).toEqual([positionOf(helmValues, 'prometheus.remote_write.default.receiver')]);
      const outgoing = await client.request<CallHierarchyOutgoingCall[]>('callHierarchy/outgoingCalls', { item: incoming[0]!.from });
      expect(outgoing.map((call) => call.to.name).sort()).toEqual(['discovery.kubernetes.pods', 'prometheus.remote_write.default']);
      for (const call of outgoing) expect(call.to.uri).toBe(uri);
      // Outside the configuration there is nothing to prepare.
      expect(await client.request('textDocument/prepareCallHierarchy', { textDocument: { uri }, position: positionOf(helmValues, 'enabled: false') })).toBeNull();
    });
  });

  describe('workspace symbols', () => {
    it('finds the blocks of the open YAML files and templates, at host positions under the host’s URI', async () => {
      const symbols = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'remote_write' });
      const byUri = new Map(symbols.map((symbol) => [symbol.location.uri, symbol]));
      const values = byUri.get(fixture.uri('chart/values.yaml'));
      expect(values?.name).toBe('prometheus.remote_write "default"');
      expect(values?.location.range.start).toEqual(positionOf(helmValues, 'prometheus.remote_write "default"'));
      const template = byUri.get(fixture.uri('roles/alloy/templates/config.alloy.j2'));
      expect(template?.location.range.start).toEqual(positionOf(jinjaTemplate, 'prometheus.remote_write "default"'));
      // Nothing under an embedded document's own URI.
      for (const symbol of symbols) expect(symbol.location.uri).not.toContain('#alloy-embedded-');
    });
  });

  describe('the pipeline graph', () => {
    interface GraphAnswer {
      nodes: { id: string; name: string; label: string; uri: string; selectionRange: { start: { line: number; character: number } } }[];
      edges: { from: string; to: string; export: string }[];
    }

    it('draws the configuration of Helm values at host positions, with the host’s URI', async () => {
      const uri = fixture.uri('chart/values.yaml');
      const graph = await client.request<GraphAnswer | null>('alloy/graph', { textDocument: { uri } });
      expect(graph!.nodes.map((node) => node.id)).toEqual(['discovery.kubernetes.pods', 'prometheus.scrape.pods', 'prometheus.remote_write.default']);
      for (const node of graph!.nodes) expect(node.uri).toBe(uri);
      expect(graph!.nodes[2]!.selectionRange.start).toEqual(positionOf(helmValues, 'prometheus.remote_write "default"'));
      expect(graph!.edges.map((edge) => `${edge.from} -${edge.export}-> ${edge.to}`).sort()).toEqual([
        'discovery.kubernetes.pods -targets-> prometheus.scrape.pods',
        'prometheus.scrape.pods -receiver-> prometheus.remote_write.default',
      ]);
    });

    it('numbers the components of each configuration when a host has several, so that the same name never merges', async () => {
      const text = 'alloy:\n  configMap:\n    content: |\n      prometheus.exporter.unix "node" { }\n      prometheus.scrape "node" {\n        targets    = prometheus.exporter.unix.node.targets\n        forward_to = []\n      }\nextraConfig: |\n  prometheus.exporter.unix "node" { }\n';
      const uri = fixture.uri('multi/values.yaml');
      await client.open(uri, text, 'yaml');
      const graph = await client.request<GraphAnswer | null>('alloy/graph', { textDocument: { uri } });
      await client.close(uri);
      expect(graph!.nodes.map((node) => [node.id, node.name, node.label, node.selectionRange.start.line])).toEqual([
        ['1:prometheus.exporter.unix.node', 'prometheus.exporter.unix', 'node', 3],
        ['1:prometheus.scrape.node', 'prometheus.scrape', 'node', 4],
        ['2:prometheus.exporter.unix.node', 'prometheus.exporter.unix', 'node', 9],
      ]);
      expect(graph!.edges).toEqual([{ from: '1:prometheus.exporter.unix.node', to: '1:prometheus.scrape.node', export: 'targets', signal: 'targets' }]);
    });
  });

  describe('formatting', () => {
    const messyMap = 'kind: ConfigMap\ndata:\n  config.alloy: |\n    logging {\n    level="info"\n        format = "json"\n    }\n  other: |\n    keep   this\n';

    it('formats the Alloy of a ConfigMap inside its block scalar, keeping the indentation and every other byte', async () => {
      const uri = fixture.uri('format/messy.yaml');
      await client.open(uri, messyMap, 'yaml');
      const edits = await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
      expect(edits.length).toBeGreaterThan(0);
      const scalarLines = { first: 3, last: 6 };
      for (const edit of edits) {
        expect(edit.range.start.line).toBeGreaterThanOrEqual(scalarLines.first);
        expect(edit.range.end.line).toBeLessThanOrEqual(scalarLines.last + 1);
      }
      // alloy fmt's tabs become the configuration's own unit of spaces (4, from `    format`).
      const formatted = (await formatAlloy('logging {\nlevel="info"\n    format = "json"\n}\n')).replace(/^\t+/gm, (tabs) => '    '.repeat(tabs.length));
      const indented = formatted.replace(/\n$/, '').split('\n').map((line) => (line === '' ? '' : `    ${line}`)).join('\n');
      expect(applyEdits(messyMap, edits)).toBe(`kind: ConfigMap\ndata:\n  config.alloy: |\n${indented}\n  other: |\n    keep   this\n`);
      await client.close(uri);
    });

    it.skipIf(!existsSync(alloyLintCli))('formats a YAML file exactly as alloy-lint fmt does (the same indentLike, the same replaceEmbedded)', async () => {
      const hosts = [
        messyMap,
        'alloy:\n  configMap:\n    content: |-\n      loki.write "x" {\n        endpoint {\n          url = "http://l:3100"\n        }\n      }\n      logging {\n      level="info"\n      }\n',
        'extraConfig: |\n  local.file "x" {\n     filename = `/a\n  \t  raw line`\n  }\n  /* a\n  \t  comment */\n',
        'data:\n  config.alloy: |\n    logging {\n    \tlevel = "info"\n    }\n',
      ];
      for (const [index, text] of hosts.entries()) {
        const uri = fixture.uri(`format/cli-${index}.yaml`);
        await client.open(uri, text, 'yaml');
        const edits = await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
        const cli = execFileSync(process.execPath, [alloyLintCli, 'fmt', '--stdin-filename', 'values.yaml'], { input: text, encoding: 'utf8' });
        expect(applyEdits(text, edits), `host ${index}`).toBe(cli);
        await client.close(uri);
      }
    });

    it('formats around template placeholders, keeping each tag byte for byte, as alloy-lint fmt does; a second format changes nothing', async () => {
      const request = (uri: string): Promise<TextEdit[]> => client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
      const values = [
        'alloy:',
        '  configMap:',
        '    content: |-',
        '      prometheus.scrape "{{ .Release.Name }}_pods" {',
        '          targets = discovery.kubernetes.pods.targets',
        '        job_name = {{ .Values.jobName | quote }}',
        '        forward_to = []',
        '        {{- if .Values.interval }}',
        '        scrape_interval="{{ .Values.interval }}"',
        '        {{- end }}',
        '      }',
        '  clustering:',
        '    enabled: false',
        '',
      ].join('\n');
      const template = '{# managed by Ansible #}\n{% for job in jobs %}\nprometheus.scrape "{{ job.name }}" {\ntargets = []\n  forward_to = []\n}\n{% endfor %}\n';
      const hosts = [
        { file: 'format/placeholders.yaml', text: values, languageId: 'yaml', cliName: 'values.yaml' },
        { file: 'format/roles/templates/config.alloy.j2', text: template, languageId: 'jinja', cliName: 'config.alloy.j2' },
      ];
      for (const host of hosts) {
        const uri = fixture.uri(host.file);
        await client.open(uri, host.text, host.languageId);
        const formatted = applyEdits(host.text, await request(uri));
        expect(formatted, host.file).not.toBe(host.text);
        const tags = (text: string): string[] => text.match(/\{[{%#][\s\S]*?[}%#]\}/g) ?? [];
        expect(tags(formatted)).toEqual(tags(host.text));
        if (host.languageId === 'yaml') {
          expect(formatted.split('\n').slice(3, 11)).toEqual([
            '      prometheus.scrape "{{ .Release.Name }}_pods" {',
            '        targets    = discovery.kubernetes.pods.targets',
            '        job_name   = {{ .Values.jobName | quote }}',
            '        forward_to = []',
            '        {{- if .Values.interval }}',
            '        scrape_interval = "{{ .Values.interval }}"',
            '        {{- end }}',
            '      }',
          ]);
        }
        if (existsSync(alloyLintCli)) {
          const cli = execFileSync(process.execPath, [alloyLintCli, 'fmt', '--stdin-filename', host.cliName], { input: host.text, encoding: 'utf8' });
          expect(formatted, host.file).toBe(cli);
        }
        const version = await client.change(uri, [{ text: formatted }]);
        expect(version).toBeGreaterThan(0);
        expect(await request(uri)).toEqual([]);
        await client.close(uri);
      }
    });

    it('formats nothing where the tags cannot be put back, where the Alloy does not parse, or where the YAML is invalid', async () => {
      const request = (uri: string): Promise<TextEdit[]> => client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
      // A tag spanning lines in the middle of a value: the formatter would split its mask.
      const split = fixture.uri('format/split.yaml');
      await client.open(split, 'extraConfig: |\n  logging {\n  level = {{ .Values.level\n    | quote }}\n  }\n', 'yaml');
      expect(await request(split)).toEqual([]);
      await client.close(split);
      const brokenAlloy = fixture.uri('format/broken-alloy.yaml');
      await client.open(brokenAlloy, 'data:\n  config.alloy: |\n    logging {\n    level =\n', 'yaml');
      expect(await request(brokenAlloy)).toEqual([]);
      const invalidYaml = fixture.uri('format/invalid.yaml');
      await client.open(invalidYaml, 'data:\n  config.alloy: |\n    logging {\n    level="info"\n    }\n  bad: [unclosed\n', 'yaml');
      expect(await request(invalidYaml)).toEqual([]);
      const diagnostics = await client.waitForDiagnostics(invalidYaml, (params) => params.diagnostics.length > 0);
      expect(diagnostics.map((diagnostic) => diagnostic.code)).toContain('alloy-lint/invalid-yaml');
      await client.close(brokenAlloy);
      await client.close(invalidYaml);
    });

    it('formats the whole of a template that has no placeholders', async () => {
      const uri = fixture.uri('roles/plain/templates/config.alloy.tmpl');
      const text = 'logging {\nlevel="info"\n}\n';
      await client.open(uri, text, 'alloy');
      const edits = await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: false } });
      expect(applyEdits(text, edits)).toBe(await formatAlloy(text));
      await client.close(uri);
    });
  });

  describe('edits of the host', () => {
    it('moves the diagnostics when YAML lines are inserted above the scalar, and clears them when the Alloy is fixed', async () => {
      const uri = fixture.uri('k8s/edited.yaml');
      await client.open(uri, configMap, 'yaml');
      const problemLine = lineOf(configMap, 'loki.write.missing');
      const first = await client.waitForDiagnostics(uri, (params) => params.diagnostics.length > 0);
      expect(first.find((diagnostic) => diagnostic.code === 'alloy/unresolved-reference')?.range.start.line).toBe(problemLine);
      // Two labels inserted under metadata (incremental change).
      const version = await client.change(uri, [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: '  labels:\n    app: alloy\n' }]);
      const moved = await client.waitForDiagnostics(uri, (params) => params.version === version);
      const unresolved = moved.find((diagnostic) => diagnostic.code === 'alloy/unresolved-reference');
      expect(unresolved?.range.start).toEqual({ line: problemLine + 2, character: positionOf(configMap, 'loki.write.missing').character });
      // Fix the reference inside the scalar: `missing` -> `default`.
      const start = { line: problemLine + 2, character: positionOf(configMap, 'missing.receiver').character };
      const fixed = await client.change(uri, [{ range: { start, end: { line: start.line, character: start.character + 'missing'.length } }, text: 'default' }]);
      expect(await client.waitForDiagnostics(uri, (params) => params.version === fixed)).toEqual([]);
      await client.close(uri);
    });
  });

  describe('the edges of a block scalar', () => {
    it('serves the content of its lines, not their indentation nor the line after the scalar', async () => {
      const uri = fixture.uri('k8s/edges.yaml');
      const text = 'data:\n  config.alloy: |\n    logging {\n\n      level = "info"\n    }\n  other: 1\n';
      await client.open(uri, text, 'yaml');
      const hoverAt = (line: number, character: number): Promise<Hover | null> =>
        client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character } });
      const completeAt = async (line: number, character: number): Promise<CompletionItem[]> =>
        completionItems(await client.request<CompletionItem[] | CompletionList | null>('textDocument/completion', { textDocument: { uri }, position: { line, character } }));
      expect(hoverText(await hoverAt(2, 5))).toContain('logging');
      // In the indentation of a content line, and at the start of the next key's line: outside.
      expect(await hoverAt(2, 1)).toBeNull();
      expect(await hoverAt(6, 0)).toBeNull();
      expect(await completeAt(6, 0)).toEqual([]);
      // At the start of a line of the block body, completion offers logging's arguments.
      expect((await completeAt(4, 6)).map((item) => item.label)).toContain('format');
      await client.close(uri);
    });
  });

  describe('host documents without Alloy, and host problems', () => {
    it('publishes nothing for a YAML file that holds no Alloy, even an invalid one', async () => {
      const plain = fixture.uri('ci/workflow.yaml');
      await client.open(plain, 'on: push\njobs:\n  test: [unclosed\n', 'yaml');
      // A later document's diagnostics arrive after anything the server would have published for the first.
      const marker = fixture.uri('ci/marker.alloy');
      await client.open(marker, 'logging {\n  nope = 1\n}\n');
      await client.waitForDiagnostics(marker, (params) => params.diagnostics.length > 0);
      expect(client.publishedLog.filter((params) => params.uri === plain)).toEqual([]);
      expect(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: plain }, position: { line: 0, character: 1 } })).toBeNull();
      expect(await client.request<DocumentSymbol[] | null>('textDocument/documentSymbol', { textDocument: { uri: plain } })).toEqual([]);
      await client.close(plain);
      await client.close(marker);
    });

    it('reports a key whose value cannot be checked (a folded scalar) at its host position', async () => {
      const uri = fixture.uri('k8s/folded.yaml');
      const text = 'data:\n  config.alloy: >\n    logging {}\n';
      await client.open(uri, text, 'yaml');
      const diagnostics = await client.waitForDiagnostics(uri, (params) => params.diagnostics.length > 0);
      expect(diagnostics.map((diagnostic) => diagnostic.code)).toContain('alloy-lint/embedded-not-checked');
      const notChecked = diagnostics.find((diagnostic) => diagnostic.code === 'alloy-lint/embedded-not-checked')!;
      expect(notChecked.range.start.line).toBeLessThanOrEqual(2);
      expect(messageOf(notChecked)).toMatch(/\|/);
      await client.close(uri);
    });

    it('names the host line and column of a place in the same configuration (a duplicate label\'s first declaration)', async () => {
      const uri = fixture.uri('k8s/duplicate/values.yaml');
      const text = 'a:\n  x: 1\ndata:\n  config.alloy: |\n    logging {}\n    prometheus.exporter.unix "n" { }\n    prometheus.exporter.unix "n" { }\n';
      await client.open(uri, text, 'yaml');
      const diagnostics = await client.waitForDiagnostics(uri, (params) => params.diagnostics.length > 0);
      const duplicate = diagnostics.find((diagnostic) => diagnostic.code === 'alloy/duplicate-block');
      // The first declaration is line 2, column 1 of the configuration: line 6, column 5 of the host (as alloy-lint says).
      expect(duplicate && messageOf(duplicate)).toBe('block prometheus.exporter.unix.n already declared at values.yaml:6:5');
      expect(duplicate?.range.start).toEqual({ line: 6, character: 4 });
      await client.close(uri);
    });

    it('serves a YAML document whatever its language id when its name ends in .yml, and a helm document', async () => {
      const yml = fixture.uri('k8s/map.yml');
      await client.open(yml, configMap, 'plaintext');
      const diagnostics = await client.waitForDiagnostics(yml, (params) => params.diagnostics.length > 0);
      expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['alloy/unresolved-reference']);
      const helm = fixture.uri('chart/templates/configmap.yaml');
      await client.open(helm, configMap, 'helm');
      expect((await client.waitForDiagnostics(helm, (params) => params.diagnostics.length > 0)).map((diagnostic) => diagnostic.code)).toEqual(['alloy/unresolved-reference']);
      await client.close(yml);
      await client.close(helm);
    });
  });

  describe('more features inside the embedded ranges', () => {
    it('folds the blocks of the configuration at host lines', async () => {
      const ranges = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: fixture.uri('k8s/configmap.yaml') } });
      expect(ranges.map((range) => range.startLine)).toContain(lineOf(configMap, 'logging {'));
    });

    it('renames a label inside the configuration only, with the host’s URI', async () => {
      const uri = fixture.uri('chart/values.yaml');
      const edit = await client.request<WorkspaceEdit>('textDocument/rename', {
        textDocument: { uri },
        position: positionOf(helmValues, 'prometheus.remote_write "default"', 26),
        newName: 'mimir',
      });
      expect(Object.keys(edit.changes ?? {})).toEqual([uri]);
      const renamed = applyEdits(helmValues, edit.changes![uri]!);
      expect(renamed).toContain('prometheus.remote_write "mimir" {');
      expect(renamed).toContain('[prometheus.remote_write.mimir.receiver]');
      expect(renamed.split('\n').length).toBe(helmValues.split('\n').length);
    });

    it('offers quick fixes at host positions', async () => {
      const uri = fixture.uri('k8s/hash.yaml');
      const text = 'data:\n  config.alloy: |\n    # not an Alloy comment\n    logging {}\n';
      await client.open(uri, text, 'yaml');
      const diagnostics: Diagnostic[] = await client.waitForDiagnostics(uri, (params) => params.diagnostics.length > 0);
      const hash = diagnostics.find((diagnostic) => diagnostic.code === 'syntax/hash-comment');
      expect(hash?.range.start).toEqual({ line: 2, character: 4 });
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: hash!.range, context: { diagnostics: [hash!] } });
      const quickFix = actions.find((action) => action.kind === 'quickfix');
      expect(quickFix?.edit?.changes?.[uri]).toBeDefined();
      expect(applyEdits(text, quickFix!.edit!.changes![uri]!)).toBe('data:\n  config.alloy: |\n    // not an Alloy comment\n    logging {}\n');
      await client.close(uri);
    });
  });

  describe('the lint configuration', () => {
    it('takes the YAML keys from yamlKeys, and serves no YAML where embedded.yaml is false', async () => {
      fixture.write('custom/.alloy-lint.json', JSON.stringify({ yamlKeys: ['pipeline'] }));
      fixture.write('off/.alloy-lint.json', JSON.stringify({ embedded: { yaml: false } }));
      const custom = fixture.uri('custom/values.yaml');
      const customText = 'pipeline: |\n  logging {\n    nope = 1\n  }\nconfig.alloy: |\n  logging {\n    other = 1\n  }\n';
      await client.open(custom, customText, 'yaml');
      const diagnostics = await client.waitForDiagnostics(custom, (params) => params.diagnostics.length > 0);
      expect(diagnostics.map((diagnostic) => `${diagnostic.range.start.line}:${String(diagnostic.code)}`)).toEqual(['2:alloy/unknown-attribute']);
      const off = fixture.uri('off/values.yaml');
      await client.open(off, configMap, 'yaml');
      const marker = fixture.uri('off/marker.alloy');
      await client.open(marker, 'logging {\n  nope = 1\n}\n');
      await client.waitForDiagnostics(marker, (params) => params.diagnostics.length > 0);
      expect(client.publishedLog.filter((params) => params.uri === off)).toEqual([]);
      for (const uri of [custom, off, marker]) await client.close(uri);
    });
  });

  describe('hostile hosts', () => {
    it('answers every feature on junk YAML and templates, at any position, and keeps serving', async () => {
      const junk = [
        ['junk/values.yaml', 'yaml', 'config.alloy: |\n  \u0000\u0001 {{{ [[[ "\n\t- : |\n  x.alloy: |2-\n     a { b = \n---\n%TAG\n*alias: &a |\n  }}}\n'],
        ['junk/tabs.yaml', 'yaml', 'data:\n\tconfig.alloy: |\n\t\tlogging {}\n'],
        ['junk/config.alloy.tftpl', 'alloy', '%{ for x in y ~}\n${ "}" } a.b "${c}" {\n%%{ $${ }\n%{ endfor }'],
        ['junk/config.alloy.tmpl', 'alloy', '{{ include "x" (dict "a" "}}") }}\n{{- range .Values.t }\nlogging {'],
      ] as const;
      const requests: [string, (uri: string) => unknown][] = [
        ['textDocument/hover', (uri) => ({ textDocument: { uri }, position: { line: 1, character: 3 } })],
        ['textDocument/completion', (uri) => ({ textDocument: { uri }, position: { line: 2, character: 5 } })],
        ['textDocument/definition', (uri) => ({ textDocument: { uri }, position: { line: 99, character: 99 } })],
        ['textDocument/references', (uri) => ({ textDocument: { uri }, position: { line: 1, character: 1 }, context: { includeDeclaration: true } })],
        ['textDocument/documentSymbol', (uri) => ({ textDocument: { uri } })],
        ['textDocument/foldingRange', (uri) => ({ textDocument: { uri } })],
        ['textDocument/selectionRange', (uri) => ({ textDocument: { uri }, positions: [{ line: 0, character: 0 }, { line: 3, character: 2 }] })],
        ['textDocument/formatting', (uri) => ({ textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } })],
        ['textDocument/rangeFormatting', (uri) => ({ textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 50, character: 0 } }, options: { tabSize: 2, insertSpaces: true } })],
        ['textDocument/semanticTokens/full', (uri) => ({ textDocument: { uri } })],
        ['textDocument/codeLens', (uri) => ({ textDocument: { uri } })],
        ['textDocument/documentLink', (uri) => ({ textDocument: { uri } })],
        ['textDocument/prepareCallHierarchy', (uri) => ({ textDocument: { uri }, position: { line: 1, character: 1 } })],
      ];
      for (const [file, languageId, text] of junk) {
        const uri = fixture.uri(file);
        await client.open(uri, text, languageId);
        for (const [method, params] of requests) {
          await expect(client.request(method, params(uri)), `${method} on ${file}`).resolves.not.toThrow();
        }
        await client.close(uri);
      }
      expect(client.exited).toBe(false);
      const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: fixture.uri('k8s/configmap.yaml') }, position: positionOf(configMap, 'loki.source.file', 6) });
      expect(hoverText(hover)).toContain('loki.source.file');
    });
  });
});
