import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkConfig, checkText, componentGraph, overlayFileSystem } from '../src/index.js';
import { memoryFileSystem } from './helpers.js';

const pipeline = `prometheus.exporter.unix "node" {}

prometheus.scrape "node" {
  targets    = prometheus.exporter.unix.node.targets
  forward_to = [prometheus.remote_write.default.receiver]
  scrape_interval = sys.env("INTERVAL")
}

prometheus.remote_write "default" {
  endpoint {
    url = "https://prometheus.example.com/api/v1/write"
  }
}
`;

describe('SemanticModel', () => {
  const { model } = checkText(pipeline, { fileName: 'config.alloy' });

  it('lists component instances with their schema', () => {
    expect(model.components.map((component) => component.id)).toEqual([
      'prometheus.exporter.unix.node',
      'prometheus.scrape.node',
      'prometheus.remote_write.default',
    ]);
    expect(model.components.every((component) => component.kind === 'builtin' && component.schema)).toBe(true);
  });

  it('finds the reference at an offset and its definition', () => {
    const offset = pipeline.indexOf('unix.node.targets') + 2;
    const reference = model.referenceAt(offset);
    expect(reference?.text).toBe('prometheus.exporter.unix.node.targets');
    expect(reference?.target.kind).toBe('component');
    const definition = reference && model.definitionOf(reference);
    expect(definition?.range.start.line).toBe(1);
    expect(model.referenceAt(0)).toBeUndefined();
  });

  it('resolves stdlib functions', () => {
    const reference = model.referenceAt(pipeline.indexOf('sys.env'));
    expect(reference?.target.kind).toBe('function');
    expect(reference && model.definitionOf(reference)).toBeUndefined();
  });

  it('records segments with ranges', () => {
    const reference = model.references.find((candidate) => candidate.text.endsWith('.receiver'))!;
    expect(reference.segments.map((segment) => segment.name)).toEqual(['prometheus', 'remote_write', 'default', 'receiver']);
    const last = reference.segments[3]!;
    expect(pipeline.slice(last.range.start.offset, last.range.end.offset)).toBe('receiver');
  });

  it('describes declares, arguments and foreach variables', () => {
    const text = `declare "add" {
  argument "a" {}
  export "sum" {
    value = argument.a.value
  }
}
foreach "f" {
  collection = [1]
  var        = "item"
  template {
    add "x" {
      a = item
    }
  }
}
`;
    const result = checkText(text, { stabilityLevel: 'experimental' });
    expect(result.diagnostics).toEqual([]);
    expect(result.model.declares.map((declare) => [declare.name, declare.arguments.map((a) => a.name), declare.exports.map((e) => e.name)])).toEqual([
      ['add', ['a'], ['sum']],
    ]);
    const argument = result.model.referenceAt(text.indexOf('argument.a.value'))!;
    expect(argument.target.kind).toBe('argument');
    expect(result.model.definitionOf(argument)?.range.start.line).toBe(2);
    const item = result.model.referenceAt(text.indexOf('a = item') + 4)!;
    expect(item.target.kind).toBe('foreach-variable');
    expect(result.model.definitionOf(item)?.range.start.line).toBe(9);
  });
});

describe('componentGraph', () => {
  it('gives nodes and edges with the export used', () => {
    const { model } = checkText(pipeline);
    const graph = componentGraph(model);
    expect(graph.nodes.map((node) => node.id).sort()).toEqual([
      'prometheus.exporter.unix.node',
      'prometheus.remote_write.default',
      'prometheus.scrape.node',
    ]);
    expect(graph.edges).toEqual([
      { from: 'prometheus.exporter.unix.node', to: 'prometheus.scrape.node', export: 'targets' },
      { from: 'prometheus.scrape.node', to: 'prometheus.remote_write.default', export: 'receiver' },
    ]);
  });
});

describe('componentGraph across files checked one by one', () => {
  it('links references between the files', () => {
    const exporter = checkText('prometheus.exporter.unix "node" {}\n', { fileName: 'a.alloy', siblings: false }).model;
    const scrape = checkText('prometheus.scrape "s" {\n  targets    = prometheus.exporter.unix.node.targets\n  forward_to = []\n}\n', {
      fileName: 'b.alloy',
      siblings: false,
    }).model;
    expect(componentGraph([exporter, scrape]).edges).toEqual([{ from: 'prometheus.exporter.unix.node', to: 'prometheus.scrape.s', export: 'targets' }]);
    expect(componentGraph(scrape).edges).toEqual([]);
  });
});

describe('imports', () => {
  const directory = path.resolve('/project');
  const module = `declare "add" {
  argument "a" {}
  export "sum" {
    value = argument.a.value
  }
}
`;
  it('resolves import.file relative to the importing file, with module_path and file.path_join', () => {
    const fileSystem = memoryFileSystem({ [path.join(directory, 'modules/math.alloy')]: module });
    for (const filename of ['"modules/math.alloy"', 'file.path_join(module_path, "modules", "math.alloy")', 'module_path + "/modules/math.alloy"']) {
      const text = `import.file "math" {\n  filename = ${filename}\n}\nmath.add "x" {\n  a = 1\n}\n`;
      const result = checkText(text, { fileName: path.join(directory, 'main.alloy'), fileSystem });
      expect(result.diagnostics).toEqual([]);
      expect(result.model.imports[0]?.resolvedFiles).toEqual([path.join(directory, 'modules/math.alloy')]);
      expect(result.model.imports[0]?.declares.map((declare) => declare.name)).toEqual(['add']);
    }
  });
  it('checks instances of imported components', () => {
    const fileSystem = memoryFileSystem({ [path.join(directory, 'math.alloy')]: module });
    const text = 'import.file "math" {\n  filename = "math.alloy"\n}\nmath.add "x" {\n  b = 1\n}\nmath.sub "y" {}\n';
    const result = checkText(text, { fileName: path.join(directory, 'main.alloy'), fileSystem });
    expect(result.diagnostics.map((diagnostic) => diagnostic.code)).toEqual([
      'alloy/missing-attribute',
      'alloy/unknown-attribute',
      'alloy/unknown-custom-component',
    ]);
  });
  it('reads a directory of modules', () => {
    const fileSystem = memoryFileSystem({ [path.join(directory, 'mods/a.alloy')]: module, [path.join(directory, 'mods/readme.md')]: 'x' });
    const text = 'import.file "mods" {\n  filename = "mods"\n}\nmods.add "x" {\n  a = 1\n}\n';
    expect(checkText(text, { fileName: path.join(directory, 'main.alloy'), fileSystem }).diagnostics).toEqual([]);
  });
  it('warns when the imported file cannot be read', () => {
    const text = 'import.file "math" {\n  filename = "nope.alloy"\n}\nmath.add "x" {}\n';
    const result = checkText(text, { fileName: path.join(directory, 'main.alloy'), fileSystem: memoryFileSystem({}) });
    expect(result.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['alloy/import-not-found']);
  });
  it('reports blocks other than declare and import in a module', () => {
    const fileSystem = memoryFileSystem({ [path.join(directory, 'm.alloy')]: `logging {}\n${module}` });
    const text = 'import.file "m" {\n  filename = "m.alloy"\n}\n';
    const codes = checkText(text, { fileName: path.join(directory, 'main.alloy'), fileSystem }).diagnostics.map((diagnostic) => diagnostic.code);
    expect(codes).toEqual(['alloy/invalid-module-content']);
  });
});

describe('directories', () => {
  const directory = path.resolve('/config');
  const exporter = 'prometheus.exporter.unix "node" {}\n';
  const scrape = 'prometheus.scrape "s" {\n  targets    = prometheus.exporter.unix.node.targets\n  forward_to = []\n}\n';

  it('resolves references through the other .alloy files of the directory', () => {
    const fileSystem = memoryFileSystem({ [path.join(directory, 'a.alloy')]: exporter, [path.join(directory, 'b.alloy')]: scrape });
    const result = checkText(scrape, { fileName: path.join(directory, 'b.alloy'), fileSystem });
    expect(result.diagnostics).toEqual([]);
    const reference = result.model.referenceAt(scrape.indexOf('prometheus.exporter'))!;
    expect(result.model.definitionOf(reference)?.fileName).toBe(path.join(directory, 'a.alloy'));
    expect(checkText(scrape, { fileName: path.join(directory, 'b.alloy'), fileSystem, siblings: false }).diagnostics).toHaveLength(1);
  });

  it('finds custom components declared in another file of the directory', () => {
    const declare = 'declare "pipeline" {\n  argument "input" {}\n}\n';
    const instance = 'pipeline "main" {\n  input = 1\n}\n';
    const fileSystem = memoryFileSystem({ [path.join(directory, 'a.alloy')]: declare, [path.join(directory, 'b.alloy')]: instance });
    const result = checkText(instance, { fileName: path.join(directory, 'b.alloy'), fileSystem });
    expect(result.diagnostics).toEqual([]);
    expect(result.model.components[0]?.kind).toBe('custom');
    expect(result.model.components[0]?.declare?.fileName).toBe(path.join(directory, 'a.alloy'));
    const alone = checkText(instance, { fileName: path.join(directory, 'b.alloy'), fileSystem, siblings: false });
    expect(alone.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['alloy/unknown-component']);
  });

  it('prefers open buffers over the disk', () => {
    const disk = memoryFileSystem({ [path.join(directory, 'a.alloy')]: 'logging {}\n', [path.join(directory, 'b.alloy')]: scrape });
    const fileSystem = overlayFileSystem(new Map([[path.join(directory, 'a.alloy'), exporter]]), disk);
    expect(checkText(scrape, { fileName: path.join(directory, 'b.alloy'), fileSystem }).diagnostics).toEqual([]);
  });

  it('checkConfig checks files as one configuration, duplicates across files included', () => {
    const result = checkConfig([
      { fileName: path.join(directory, 'b.alloy'), text: scrape + exporter },
      { fileName: path.join(directory, 'a.alloy'), text: exporter },
    ]);
    expect(result.files.map((file) => file.fileName)).toEqual([path.join(directory, 'b.alloy'), path.join(directory, 'a.alloy')]);
    expect(result.files[0]!.diagnostics.map((diagnostic) => diagnostic.message)).toEqual([
      'block prometheus.exporter.unix.node already declared at a.alloy:1:1',
    ]);
    expect(result.files[1]!.diagnostics).toEqual([]);
  });
});
