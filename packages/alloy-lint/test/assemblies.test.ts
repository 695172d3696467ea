import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkerBuilt, cliBuilt, makeTempDir, noteSkip, runCli } from './helpers.js';

describe.skipIf(noteSkip(!cliBuilt || !checkerBuilt, 'dist/cli.js or the checker is not built'))('assemblies', () => {
  let temp: ReturnType<typeof makeTempDir>;
  const write = (name: string, text: string) => {
    mkdirSync(join(temp.path, name, '..'), { recursive: true });
    writeFileSync(join(temp.path, name), text);
  };
  beforeEach(() => {
    temp = makeTempDir();
    mkdirSync(join(temp.path, '.git'));
    write('modules/shared/writers.alloy', 'loki.write "default" {\n  endpoint {\n    url = "http://loki:3100/loki/api/v1/push"\n  }\n}\n');
    write('modules/base/linux/logs.alloy', 'loki.source.journal "journal" {\n  forward_to = [loki.write.default.receiver]\n}\n');
  });
  afterEach(() => temp.remove());

  it('without an assembly, the error names where the reference is defined (JSON related, SARIF relatedLocations)', () => {
    const json = runCli(['--format', 'json', 'modules/base/linux'], { cwd: temp.path });
    expect(json.status).toBe(1);
    const [report] = JSON.parse(json.stdout) as { messages: { ruleId: string; related?: unknown[] }[] }[];
    expect(report!.messages).toEqual([
      expect.objectContaining({
        ruleId: 'alloy/unresolved-reference',
        related: [
          {
            message: '"loki.write.default" is defined here',
            filePath: join(temp.path, 'modules/shared/writers.alloy'),
            line: 1,
            column: 1,
            endLine: 1,
            endColumn: 11,
          },
        ],
      }),
    ]);
    const sarif = JSON.parse(runCli(['--format', 'sarif', 'modules/base/linux'], { cwd: temp.path }).stdout) as {
      runs: { results: { relatedLocations?: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    expect(sarif.runs[0]!.results[0]!.relatedLocations?.map((location) => location.physicalLocation.artifactLocation.uri)).toEqual([
      'modules/shared/writers.alloy',
    ]);
    const verbose = runCli(['--verbose', '--no-color', 'modules/base/linux'], { cwd: temp.path });
    expect(verbose.stdout).toContain('"assemblies": [["modules/base/linux", "modules/shared"]]');
  });

  it('with the directories declared an assembly, they are checked as one configuration', () => {
    write('.alloy-lint.json', JSON.stringify({ assemblies: [['modules/shared', 'modules/base/linux']] }));
    const run = runCli(['--format', 'json', 'modules'], { cwd: temp.path });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
  it('--directory-config without an assembly: each directory alone, the cross-directory reference is unresolved', () => {
    const run = runCli(['--format', 'json', '--directory-config', 'modules'], { cwd: temp.path });
    expect(run.status).toBe(1);
    const reports = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string }[] }[];
    const linux = reports.find((report) => report.filePath.endsWith('logs.alloy'));
    expect(linux!.messages.map((message) => message.ruleId)).toEqual(['alloy/unresolved-reference']);
  });

  it('--directory-config honours assemblies: the directories of one assembly are one configuration', () => {
    write('.alloy-lint.json', JSON.stringify({ assemblies: [['modules/shared', 'modules/base/linux']] }));
    const all = runCli(['--format', 'json', '--directory-config', 'modules'], { cwd: temp.path });
    expect(all.stderr).toBe('');
    expect(all.status).toBe(0);
    // One directory of the assembly as the target: the other's files are read as context, not reported.
    const one = runCli(['--format', 'json', '--directory-config', 'modules/base/linux'], { cwd: temp.path });
    expect(one.status).toBe(0);
    expect((JSON.parse(one.stdout) as { filePath: string }[]).map((report) => report.filePath)).toEqual([
      join(temp.path, 'modules/base/linux/logs.alloy'),
    ]);
    // One configuration: a component defined in both directories is a duplicate, as Alloy reports it.
    write('modules/base/linux/writers.alloy', 'loki.write "default" {\n  endpoint {\n    url = "http://other:3100/loki/api/v1/push"\n  }\n}\n');
    const duplicate = runCli(['--format', 'json', '--directory-config', 'modules'], { cwd: temp.path });
    expect(duplicate.status).toBe(1);
    const messages = (JSON.parse(duplicate.stdout) as { messages: { message: string }[] }[]).flatMap((report) => report.messages);
    expect(messages.some((message) => /loki\.write\.default/.test(message.message) && /already|duplicate|more than once/i.test(message.message))).toBe(true);
    // Without --directory-config a file of another directory is not part of the configuration.
    expect(runCli(['--format', 'json', 'modules/shared'], { cwd: temp.path }).status).toBe(0);
  });
});
