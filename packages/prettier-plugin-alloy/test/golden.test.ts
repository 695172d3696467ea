import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AlloySyntaxError, formatAlloy } from '../src/index.js';
import { hasShared, noteMissingShared, readText, sharedDir } from './helpers.js';

const testdata = path.join(sharedDir, 'alloy-reference', 'printer-testdata');
const available = hasShared && existsSync(testdata);
noteMissingShared('the printer golden tests');

const names = available ? readdirSync(testdata) : [];
const goldenCases = names.filter((name) => name.endsWith('.in') && names.includes(name.replace(/\.in$/, '.expect')));
const errorCases = names.filter((name) => name.endsWith('.error')).map((name) => name.replace(/\.error$/, '.in'));

describe.skipIf(!available)(`upstream printer golden tests (${goldenCases.length} cases, ${errorCases.length} error case)`, () => {
  it('has the golden cases', () => {
    expect(goldenCases.length).toBeGreaterThan(0);
    expect(errorCases.length).toBeGreaterThan(0);
  });

  for (const name of goldenCases) {
    it(`${name} formats to its .expect byte for byte`, () => {
      const input = readText(path.join(testdata, name));
      // Upstream's harness trims the .expect file's trailing whitespace; alloy fmt adds one newline.
      const expected = readText(path.join(testdata, name.replace(/\.in$/, '.expect'))).trimEnd() + '\n';
      expect(formatAlloy(input)).toBe(expected);
    });
  }

  for (const name of errorCases) {
    it(`${name} is rejected with a positioned syntax error`, () => {
      const input = readText(path.join(testdata, name));
      let caught: unknown;
      try {
        formatAlloy(input);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(AlloySyntaxError);
      const syntaxError = caught as AlloySyntaxError;
      expect(syntaxError.diagnostics.length).toBeGreaterThan(0);
      expect(syntaxError.loc.start.line).toBeGreaterThan(0);
      expect(syntaxError.message).toMatch(/\(\d+:\d+\)/);
      const expectedMessage = readText(path.join(testdata, name.replace(/\.in$/, '.error'))).trim();
      expect(syntaxError.diagnostics.map((diagnostic) => diagnostic.message)).toContain(expectedMessage);
    });
  }
});
