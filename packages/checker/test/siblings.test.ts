import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkText, type CheckResult } from '../src/index.js';
import { memoryFileSystem } from './helpers.js';

// The first check in a directory looks siblings up lazily (parsing only files whose text can define
// the name); later checks use an index of the whole directory. Both must answer as if every sibling
// were registered, so each case is checked twice and the two results compared.

let directoryCount = 0;

function checkTwice(files: Record<string, string>, own: string): { first: CheckResult; second: CheckResult; fileName: (name: string) => string } {
  directoryCount += 1;
  const directory = path.resolve(`/siblings-test-${directoryCount}`);
  const fileName = (name: string) => path.join(directory, name);
  const fileSystem = memoryFileSystem(Object.fromEntries(Object.entries(files).map(([name, text]) => [fileName(name), text])));
  const options = { fileName: fileName(own), fileSystem };
  const first = checkText(files[own]!, options);
  const second = checkText(files[own]!, options);
  return { first, second, fileName };
}

function summary(result: CheckResult): unknown {
  return {
    diagnostics: result.diagnostics.map((diagnostic) => `${diagnostic.range.start.line}:${diagnostic.range.start.column} ${diagnostic.code} ${diagnostic.message}`),
    references: result.model.references.map((reference) => {
      const target = reference.target;
      return [reference.text, target.kind, 'component' in target ? [target.component.id, target.component.kind, target.component.fileName] : undefined];
    }),
    components: result.model.components.map((component) => [component.id, component.kind, component.declare?.fileName]),
  };
}

function expectBothChecks(files: Record<string, string>, own: string) {
  const result = checkTwice(files, own);
  expect(summary(result.second)).toEqual(summary(result.first));
  return result;
}

const scrapeOf = (target: string) => `prometheus.scrape "s" {\n  targets    = ${target}\n  forward_to = []\n}\n`;

describe('sibling lookups', () => {
  it('take the first sibling (in name order) that defines a name', () => {
    const { first, fileName } = expectBothChecks(
      {
        'a.alloy': 'prometheus.exporter.unix "node" {}\n',
        'b.alloy': scrapeOf('prometheus.exporter.unix.node.targets'),
        'c.alloy': 'prometheus.exporter.unix "node" {}\n',
      },
      'b.alloy',
    );
    expect(first.diagnostics).toEqual([]);
    const reference = first.model.references.find((candidate) => candidate.text.startsWith('prometheus.exporter.unix.node'))!;
    expect(reference.target.kind).toBe('component');
    expect(first.model.definitionOf(reference)?.fileName).toBe(fileName('a.alloy'));
  });

  it('classify a sibling component without the checked file\'s own declares', () => {
    const { first } = expectBothChecks(
      {
        'a.alloy': 'pipeline "x" {}\n',
        'b.alloy': `declare "pipeline" {\n  export "out" {\n    value = 1\n  }\n}\n${scrapeOf('pipeline.x.missing')}`,
      },
      'b.alloy',
    );
    // The sibling's `pipeline "x"` is not a custom component from the sibling's point of view, so
    // its exports are unknown and `missing` is not reported.
    expect(first.diagnostics.map((diagnostic) => diagnostic.code)).not.toContain('alloy/unknown-export');
    const reference = first.model.references.find((candidate) => candidate.text === 'pipeline.x.missing')!;
    expect(reference.target.kind === 'component' && reference.target.component.kind).toBe('unknown');
  });

  it('classify a sibling component with the declares of the other siblings', () => {
    const { first } = expectBothChecks(
      {
        'a.alloy': 'pipeline "x" {}\n',
        'b.alloy': scrapeOf('pipeline.x.missing'),
        'c.alloy': 'declare "pipeline" {\n  export "out" {\n    value = 1\n  }\n}\n',
      },
      'b.alloy',
    );
    expect(first.diagnostics.map((diagnostic) => diagnostic.message)).toEqual(['field "missing" does not exist']);
  });

  it('find declares and imports of siblings, the first import of a namespace winning', () => {
    const { first, fileName } = expectBothChecks(
      {
        'a.alloy': 'declare "pipeline" {\n  argument "input" {}\n}\n',
        'b.alloy': 'import.string "lib" {\n  content = ""\n}\n',
        'c.alloy': 'import.git "lib" {\n  repository = "https://example.org/lib.git"\n  path = "lib.alloy"\n}\n',
        'main.alloy': 'pipeline "main" {\n  input = 1\n}\nlib.thing "t" {}\n',
      },
      'main.alloy',
    );
    expect(first.diagnostics).toEqual([]);
    expect(first.model.components.map((component) => [component.id, component.kind, component.declare?.fileName])).toEqual([
      ['pipeline.main', 'custom', fileName('a.alloy')],
      ['lib.thing.t', 'imported', undefined],
    ]);
  });

  it('suggest names from every sibling', () => {
    const { first } = expectBothChecks(
      {
        'a.alloy': 'prometheus.exporter.unix "node" {}\n',
        'b.alloy': 'declare "pipeline" {\n}\n',
        'main.alloy': `${scrapeOf('prometheus.exporter.unix.nod.targets')}pipelin "p" {}\n`,
      },
      'main.alloy',
    );
    expect(first.diagnostics.map((diagnostic) => diagnostic.message)).toEqual([
      'component "prometheus.exporter.unix.nod.targets" does not exist or is out of scope; did you mean "prometheus.exporter.unix.node.targets"?',
      'cannot find the definition of component name "pipelin"; did you mean "pipeline"?',
    ]);
  });

  it('find a block whose label holds a dot (a syntax error in the sibling, a name all the same)', () => {
    const { first } = expectBothChecks({ 'a.alloy': 'prometheus.exporter "unix.node" {}\n', 'b.alloy': scrapeOf('prometheus.exporter.unix.node.targets') }, 'b.alloy');
    expect(first.diagnostics.map((diagnostic) => diagnostic.code)).not.toContain('alloy/unresolved-reference');
  });

  it('see a sibling change between checks', () => {
    directoryCount += 1;
    const directory = path.resolve(`/siblings-test-${directoryCount}`);
    const files = new Map([
      [path.join(directory, 'a.alloy'), 'prometheus.exporter.unix "node" {}\n'],
      [path.join(directory, 'b.alloy'), scrapeOf('prometheus.exporter.unix.node.targets')],
    ]);
    const fileSystem = {
      readFile: (filePath: string) => files.get(filePath),
      readDirectory: (directoryPath: string) => (directoryPath === directory ? [...files.keys()].map((name) => path.basename(name)) : undefined),
    };
    const check = () => checkText(files.get(path.join(directory, 'b.alloy'))!, { fileName: path.join(directory, 'b.alloy'), fileSystem }).diagnostics;
    expect(check()).toEqual([]);
    expect(check()).toEqual([]);
    files.set(path.join(directory, 'a.alloy'), 'prometheus.exporter.unix "other" {}\n');
    expect(check().map((diagnostic) => diagnostic.code)).toEqual(['alloy/unresolved-reference']);
    files.delete(path.join(directory, 'a.alloy'));
    expect(check().map((diagnostic) => diagnostic.code)).toEqual(['alloy/unresolved-reference']);
    files.set(path.join(directory, 'c.alloy'), 'prometheus.exporter.unix "node" {}\n');
    expect(check()).toEqual([]);
  });
});
