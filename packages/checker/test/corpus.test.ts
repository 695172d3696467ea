import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkText } from '../src/index.js';
import { diagnosticLine, errorsOf, hasShared, packageRoot, readTsv, sharedMissingNote, sharedRoot } from './helpers.js';

sharedMissingNote('the corpus conformance tests');

const corpusRoot = path.join(sharedRoot, 'corpus');
/**
 * Known true problems in valid corpus files: file, `LINE:COL: message`, reason. A field written
 * `/.../` is a regular expression (for upstream's intentionally invalid test fixtures).
 */
const allowList = readTsv(path.join(packageRoot, 'test/corpus-allowlist.tsv')).map(([file, line, reason]) => ({
  key: `${file}\t${line}`,
  file: matcher(file!),
  line: matcher(line!),
  reason: reason ?? '',
}));

function matcher(field: string): (value: string) => boolean {
  if (field.length > 1 && field.startsWith('/') && field.endsWith('/')) {
    const pattern = new RegExp(field.slice(1, -1));
    return (value) => pattern.test(value);
  }
  return (value) => value === field;
}

function validFiles(): string[] {
  if (!hasShared) return [];
  const files: string[] = [];
  const index = readFileSync(path.join(corpusRoot, 'alloy-repo/INDEX.tsv'), 'utf8').split('\n').slice(1);
  for (const row of index) {
    const [file, , , status] = row.split('\t');
    if (file && status !== 'parse-error') files.push(`alloy-repo/${file}`);
  }
  for (const file of readdirSync(path.join(corpusRoot, 'real-world/valid')).sort()) files.push(`real-world/valid/${file}`);
  return files;
}

describe.skipIf(!hasShared)('valid corpus files have no checker errors', () => {
  const files = validFiles();
  it(`checks ${files.length} files; every error is a known true problem`, () => {
    expect(files.length).toBeGreaterThan(300);
    const unexplained: string[] = [];
    const used = new Set<string>();
    expect(allowList.every((entry) => entry.reason.trim() !== '')).toBe(true);
    for (const file of files) {
      const fileName = path.join(corpusRoot, file);
      const text = readFileSync(fileName, 'utf8');
      const { diagnostics } = checkText(text, { fileName, siblings: false, stabilityLevel: 'experimental' });
      for (const diagnostic of errorsOf(diagnostics)) {
        const line = diagnosticLine(text, diagnostic);
        const entry = allowList.find((candidate) => candidate.file(file) && candidate.line(line));
        if (entry) used.add(entry.key);
        else unexplained.push(`${file}\t${line}`);
      }
    }
    expect(unexplained).toEqual([]);
    // Every allow-list entry still happens: a fixed false positive must leave the list.
    expect(allowList.map((entry) => entry.key).filter((key) => !used.has(key))).toEqual([]);
    // Several hundred files checked cold (modules, regular expressions): vitest's 5 s default is tight on a loaded machine.
  }, 60_000);
});

const invalidSemantic: { file: string; expect: RegExp[] }[] = [
  {
    file: 'grafana__agent__packaging__grafana-agent-flow__grafana-agent-flow.river',
    expect: [/^component "prometheus\.exporter\.unix" must have a label$/],
  },
  {
    file: 'grafana__k8s-monitoring-helm__charts__k8s-monitoring__docs__examples__destinations__otlp-endpoint__alloy-logs.alloy',
    expect: [/^expected capsule\("[^"]+"\), got string$/],
  },
  {
    file: 'still-forest__railway-grafana-alloy__alloy-config.alloy',
    expect: [/^identifier "GRAFANA_PROMETHEUS_MAX_SHARDS" does not exist/, /^identifier "GRAFANA_PROMETHEUS_MAX_SAMPLES_PER_SEND" does not exist/],
  },
];

describe.skipIf(!hasShared)('invalid-semantic corpus files get the error MANIFEST.tsv describes', () => {
  for (const testCase of invalidSemantic) {
    it(testCase.file, () => {
      const fileName = path.join(corpusRoot, 'real-world/invalid-semantic', testCase.file);
      const { diagnostics } = checkText(readFileSync(fileName, 'utf8'), { fileName, siblings: false });
      const messages = errorsOf(diagnostics).map((diagnostic) => diagnostic.message);
      for (const pattern of testCase.expect) expect(messages.some((message) => pattern.test(message)), `${pattern} in ${messages.join(' | ')}`).toBe(true);
    });
  }
  it('covers every file of the directory', () => {
    const files = readdirSync(path.join(corpusRoot, 'real-world/invalid-semantic')).sort();
    expect(files).toEqual(invalidSemantic.map((testCase) => testCase.file).sort());
  });
});
