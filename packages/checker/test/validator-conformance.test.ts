import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkConfig } from '../src/index.js';
import { diagnosticLine, hasShared, memoryFileSystem, packageRoot, parseTxtar, readTsv, sharedMissingNote, sharedRoot } from './helpers.js';

sharedMissingNote('the alloy validate golden conformance tests');

const validatorRoot = path.join(sharedRoot, 'alloy-reference/parser-testdata/validator');
/** Our codes that `alloy validate` has no counterpart for: left out of the comparison. */
const ourExtraCodes = new Set([
  'alloy/import-not-fetched',
  'alloy/import-not-found',
  'alloy/unknown-export',
  'alloy/unknown-stdlib-name',
  'alloy/unknown-custom-component',
  'alloy/invalid-module-content',
]);
const suggestionSuffix = /; (did you mean "[^"]*"\?|expected one of .*)$/;

/** Known differences: case, 'missing' (upstream has it, we do not) or 'extra', the line, the reason. */
const allowList = readTsv(path.join(packageRoot, 'test/validator-differences.tsv'));
const allowed = new Set(allowList.map(([caseName, kind, line]) => `${caseName}\t${kind}\t${line}`));

function cases(): { name: string; directory: string }[] {
  if (!hasShared) return [];
  const found: { name: string; directory: string }[] = [];
  for (const directory of readdirSync(validatorRoot).sort()) {
    for (const file of readdirSync(path.join(validatorRoot, directory)).sort()) {
      if (file.endsWith('.txtar')) found.push({ name: `${directory}/${file.replace(/\.txtar$/, '')}`, directory });
    }
  }
  return found;
}

function expectedLines(diagsText: string): string[] {
  const lines: string[] = [];
  for (const line of diagsText.split('\n')) {
    const match = /^(Error|Warning): (.+?):(\d+):(\d+): (.*)$/.exec(line);
    if (match) lines.push(`${match[2]}:${match[3]}:${match[4]}: ${match[5]}`);
  }
  return lines;
}

describe.skipIf(!hasShared)('alloy validate goldens (parser-testdata/validator)', () => {
  const all = cases();
  it(`finds the ${all.length} golden cases`, () => {
    expect(all.length).toBeGreaterThanOrEqual(13);
  });
  for (const testCase of all) {
    it(testCase.name, () => {
      const archive = parseTxtar(readFileSync(path.join(validatorRoot, `${testCase.name}.txtar`), 'utf8'));
      const expected = expectedLines(readFileSync(path.join(validatorRoot, `${testCase.name}.diags`), 'utf8'));
      const directory = path.resolve('/virtual-validator', testCase.name);
      const files = archive.files.map((file) => ({ fileName: path.join(directory, file.name), text: file.text }));
      const fileSystem = memoryFileSystem(Object.fromEntries(files.map((file) => [file.fileName, file.text])));
      const result = checkConfig(files, {
        fileSystem,
        stabilityLevel: testCase.directory === 'ga' ? 'generally-available' : 'experimental',
      });
      const actual: string[] = [];
      for (const file of result.files) {
        const text = files.find((candidate) => candidate.fileName === file.fileName)!.text;
        for (const diagnostic of file.diagnostics) {
          if (diagnostic.severity === 'info' || ourExtraCodes.has(diagnostic.code) || diagnostic.code.startsWith('best-practice/')) continue;
          const line = diagnosticLine(text, { ...diagnostic, message: diagnostic.message.replace(suggestionSuffix, '') });
          actual.push(`${path.basename(file.fileName)}:${line}`);
        }
      }
      const missing = expected.filter((line) => !actual.includes(line));
      const extra = actual.filter((line) => !expected.includes(line));
      const unexplained = [
        ...missing.filter((line) => !allowed.has(`${testCase.name}\tmissing\t${line}`)).map((line) => `missing: ${line}`),
        ...extra.filter((line) => !allowed.has(`${testCase.name}\textra\t${line}`)).map((line) => `extra: ${line}`),
      ];
      expect(unexplained).toEqual([]);
    });
  }
});
