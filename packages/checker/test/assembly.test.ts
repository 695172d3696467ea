import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkText, forgetWorkspaceDefinitions, type CheckerFileSystem } from '../src/index.js';
import { memoryFileSystem } from './helpers.js';

const root = path.resolve('/repo');
const linux = path.join(root, 'modules/base/linux/logs.alloy');
const files = {
  [linux]: 'loki.source.journal "journal" {\n  forward_to = [loki.write.default.receiver]\n}\n',
  [path.join(root, 'modules/shared/writers.alloy')]: 'loki.write "default" {\n  endpoint {\n    url = "http://loki:3100/loki/api/v1/push"\n  }\n}\n',
  [path.join(root, 'modules/other/more.alloy')]: 'local.file "x" {\n  filename = "/x"\n}\n',
};
const fileSystem = memoryFileSystem(files);
const text = files[linux]!;

describe('assemblies', () => {
  it('without an assembly: the reference stays an error, with where it is defined and how to declare the assembly', () => {
    const [diagnostic, ...rest] = checkText(text, { fileName: linux, fileSystem, workspaceRoot: root }).diagnostics;
    expect(rest).toEqual([]);
    expect(diagnostic).toMatchObject({
      code: 'alloy/unresolved-reference',
      severity: 'error',
      related: [
        {
          message: '"loki.write.default" is defined here',
          fileName: path.join(root, 'modules/shared/writers.alloy'),
          range: { start: { line: 1, column: 1 }, end: { line: 1, column: 11 } },
        },
      ],
      hint: '"loki.write.default" is defined in another directory (modules/shared/writers.alloy); if they are deployed together, declare them an assembly in .alloy-lint.json: "assemblies": [["modules/base/linux", "modules/shared"]]',
    });
    // Without a workspace root, nothing is searched.
    expect(checkText(text, { fileName: linux, fileSystem }).diagnostics[0]!.related).toBeUndefined();
  });

  it('with an assembly: the directories are one configuration, so the reference resolves', () => {
    const result = checkText(text, { fileName: linux, fileSystem, workspaceRoot: root, assembly: [path.join(root, 'modules/shared')] });
    expect(result.diagnostics).toEqual([]);
    const reference = result.model.references.find((candidate) => candidate.text === 'loki.write.default.receiver');
    expect(reference?.target.kind).toBe('component');
    // A directory outside the assembly is not a sibling.
    const other = checkText('local.file "y" {\n  filename = local.file.x.content\n}\n', {
      fileName: path.join(root, 'modules/shared/y.alloy'),
      fileSystem,
      assembly: [path.join(root, 'modules/base/linux')],
    });
    expect(other.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['alloy/unresolved-reference']);
  });

  it('keeps the workspace index of a file system without revision until it is forgotten', () => {
    const texts = new Map(Object.entries(files));
    const mutable: CheckerFileSystem = {
      readFile: (filePath) => texts.get(path.resolve(filePath)),
      readDirectory: (directoryPath) => memoryFileSystem(Object.fromEntries(texts)).readDirectory(directoryPath),
    };
    const relatedFiles = () =>
      (checkText(text, { fileName: linux, fileSystem: mutable, workspaceRoot: root }).diagnostics[0]!.related ?? []).map((item) => path.relative(root, item.fileName));
    expect(relatedFiles()).toEqual(['modules/shared/writers.alloy']);
    texts.set(path.join(root, 'modules/windows/writers.alloy'), texts.get(path.join(root, 'modules/shared/writers.alloy'))!);
    expect(relatedFiles()).toEqual(['modules/shared/writers.alloy']);
    forgetWorkspaceDefinitions();
    expect(relatedFiles()).toEqual(['modules/shared/writers.alloy', 'modules/windows/writers.alloy']);
  });
});
