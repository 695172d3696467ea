import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_CONFIGS, main } from '../src/index.js';
import { configProblems, repoRoot } from './helpers.js';

async function generate(args: readonly string[]): Promise<string> {
  let stdout = '';
  let stderr = '';
  const code = await main([...args], { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return stdout;
}

describe('examples/ stay in sync with alloy-gen', () => {
  it('lists the three required examples', () => {
    expect(EXAMPLE_CONFIGS.map((example) => example.fileName)).toEqual([
      'node-exporter-remote-write.alloy',
      'custom-collectors.alloy',
      'node-exporter-logs.alloy',
    ]);
  });

  for (const example of EXAMPLE_CONFIGS) {
    it(`${example.fileName} equals what alloy-gen prints now (run the package's "examples" script after a change)`, async () => {
      const path = join(repoRoot, 'examples', example.fileName);
      expect(existsSync(path), `${path} is missing`).toBe(true);
      const expected = await generate(example.args);
      expect(readFileSync(path, 'utf8')).toBe(expected);
      expect(configProblems(expected)).toEqual([]);
    });
  }
});
