import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasSharedReference, packageRoot, sharedRoot } from './shared-reference.js';

describe.skipIf(!hasSharedReference)('generate-schema.mjs (reads ../shared)', () => {
  it('reproduces the committed data byte for byte', () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'alloy-schema-'));
    const output = path.join(directory, 'schema.json');
    try {
      execFileSync(process.execPath, [path.join(packageRoot, 'scripts', 'generate-schema.mjs'), '--shared', sharedRoot, '--out', output], {
        stdio: 'pipe',
      });
      const committed = fs.readFileSync(path.join(packageRoot, 'data', 'alloy-1.18.json'), 'utf8');
      expect(fs.readFileSync(output, 'utf8') === committed).toBe(true);
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  }, 60_000);

  it.skipIf(!fs.existsSync(path.join(sharedRoot, 'alloy-reference', 'docs-by-version')))(
    'reproduces the committed history of every release byte for byte',
    () => {
      const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'alloy-schema-history-'));
      try {
        execFileSync(
          process.execPath,
          [
            path.join(packageRoot, 'scripts', 'generate-schema.mjs'),
            '--shared',
            sharedRoot,
            '--out',
            path.join(directory, 'latest.json'),
            '--history-out',
            path.join(directory, 'history.json'),
          ],
          { stdio: 'pipe' },
        );
        const committed = fs.readFileSync(path.join(packageRoot, 'data', 'alloy-history.json'), 'utf8');
        const regenerated = fs.readFileSync(path.join(directory, 'history.json'), 'utf8');
        // The digest of the inputs (archives, newest docs, generator scripts) first: a clearer message.
        expect(JSON.parse(regenerated).inputsDigest, 'inputs changed: run pnpm --filter @alloy-toolkit/schema generate').toBe(
          JSON.parse(committed).inputsDigest,
        );
        expect(regenerated === committed).toBe(true);
      } finally {
        fs.rmSync(directory, { recursive: true, force: true });
      }
    },
    120_000,
  );

  it('fails with a clear message, not a stack trace, when the docs are missing', () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'alloy-schema-missing-'));
    try {
      let stderr = '';
      let status = 0;
      try {
        execFileSync(process.execPath, [path.join(packageRoot, 'scripts', 'generate-schema.mjs'), '--shared', directory, '--out', path.join(directory, 'x.json')], {
          stdio: 'pipe',
        });
      } catch (error) {
        const failure = error as { status: number; stderr: Buffer };
        status = failure.status;
        stderr = failure.stderr.toString();
      }
      expect(status).toBe(1);
      expect(stderr).toContain('reference docs not found');
      expect(stderr).not.toContain('    at ');
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });
});
