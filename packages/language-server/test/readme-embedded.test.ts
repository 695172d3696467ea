// The README's "Alloy in YAML and templates" examples, opened in the server as the editor would:
// every `// line N: code` annotation is a diagnostic at that host line, and nothing else is reported.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompletionItem, CompletionList, DocumentSymbol, LocationLink } from 'vscode-languageserver-protocol';
import { Fixture, packageRoot, positionOf, serverBuilt, TestClient } from './helpers/client.js';

const readme = readFileSync(join(packageRoot, 'README.md'), 'utf8');
const sectionStart = readme.indexOf('\n## Alloy in YAML and templates\n');
const section = readme.slice(sectionStart, readme.indexOf('\n## ', sectionStart + 1));
const blocks = [...section.matchAll(/```(yaml|jinja)\n([\s\S]*?)```/g)].map((match) => match[2]!);
const hosts = [
  { file: 'chart/values.yaml', languageId: 'yaml' },
  { file: 'k8s/configmap.yaml', languageId: 'yaml' },
  { file: 'roles/alloy/templates/config.alloy.j2', languageId: 'jinja' },
].map((host, index) => ({ ...host, text: blocks[index] ?? '' }));

/** `line:code` of every annotation, checked to name its own line. */
function annotations(text: string): string[] {
  const found: string[] = [];
  text.split('\n').forEach((line, index) => {
    const annotation = /\/\/ line (\d+): (\S+)/.exec(line);
    if (!annotation) return;
    expect(Number(annotation[1]), `the annotation on line ${index + 1} names its line`).toBe(index + 1);
    found.push(`${index + 1}:${annotation[2]}`);
  });
  return found;
}

describe('the README section on Alloy in YAML and templates', () => {
  it('has a Helm values file, a ConfigMap and a template', () => {
    expect(sectionStart).toBeGreaterThan(-1);
    expect(blocks).toHaveLength(3);
    expect(blocks[0]).toContain('configMap:');
    expect(blocks[1]).toContain('kind: ConfigMap');
    expect(blocks[2]).toContain('{% for');
  });
});

describe.skipIf(!serverBuilt)('the README examples in the server', () => {
  let client: TestClient;
  let fixture: Fixture;

  beforeAll(async () => {
    fixture = new Fixture(Object.fromEntries(hosts.map((host) => [host.file, host.text])));
    client = new TestClient();
    await client.initialize({ rootPath: fixture.root });
    for (const host of hosts) await client.open(fixture.uri(host.file), host.text, host.languageId);
  });

  afterAll(async () => {
    await client.shutdown();
    fixture.dispose();
  });

  it.each(hosts)('reports exactly the annotated problems of $file at their lines', async (host) => {
    const diagnostics = await client.waitForDiagnostics(fixture.uri(host.file), (params) => params.diagnostics.length > 0);
    expect(diagnostics.map((diagnostic) => `${diagnostic.range.start.line + 1}:${String(diagnostic.code)}`).sort()).toEqual(annotations(host.text).sort());
  });

  it('completes the label of the exporter in the values file', async () => {
    const text = hosts[0]!.text;
    const result = await client.request<CompletionItem[] | CompletionList | null>('textDocument/completion', {
      textDocument: { uri: fixture.uri(hosts[0]!.file) },
      position: positionOf(text, 'prometheus.exporter.unix.node', 'prometheus.exporter.unix.'.length),
    });
    const labels = (Array.isArray(result) ? result : (result?.items ?? [])).map((item) => item.label);
    expect(labels).toContain('node');
  });

  it('goes to the definition of local.file_match.logs in the ConfigMap', async () => {
    const text = hosts[1]!.text;
    const links = await client.request<LocationLink[] | null>('textDocument/definition', {
      textDocument: { uri: fixture.uri(hosts[1]!.file) },
      position: positionOf(text, 'local.file_match.logs.targets', 18),
    });
    expect(links?.[0]?.targetSelectionRange.start).toEqual(positionOf(text, '"logs" {'));
  });

  it('lists the template’s block with its tag in the outline', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: fixture.uri(hosts[2]!.file) } });
    expect(symbols.map((symbol) => symbol.name)).toContain('prometheus.scrape "{{ job.name }}"');
  });
});
