import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTimeMessages } from '../src/index.js';
import { hasShared, packageRoot, sharedMissingNote, sharedRoot } from './helpers.js';
// @ts-expect-error: a plain ESM script without type declarations
import { coverageTable } from '../scripts/load-time-coverage.mjs';

sharedMissingNote('the load-time coverage table');

type Coverage = (messages: { message: string; code: string; upstream?: string }[], root: string) => { text: string; counts: Record<string, number> };
const reference = path.join(sharedRoot, 'alloy-reference/component-go');
const page = path.join(packageRoot, 'docs/load-time-rules.md');

describe.skipIf(!hasShared)('the load-time coverage table', () => {
  const { text, counts } = (coverageTable as Coverage)(loadTimeMessages(), reference);

  it('is current (regenerate with node scripts/load-time-coverage.mjs after a build)', () => {
    expect(existsSync(page)).toBe(true);
    expect(readFileSync(page, 'utf8')).toBe(text);
  });

  it('finds the upstream rules the checker implements, each marked implemented', () => {
    const implemented: [file: string, message: string][] = [
      ['common/config/types.go', 'at most one of ca_pem and ca_file must be configured'],
      ['otelcol/config_tls.go', 'at most one of ca_pem and ca_file must be configured'],
      ['common/relabel/relabel.go', "relabel configuration for %s action requires 'target_label' value"],
      ['local/file/file.go', 'poll_frequency must be greater than 0'],
    ];
    for (const [file, message] of implemented) {
      const row = text.split('\n').find((line) => line.startsWith(`| ${file} |`) && line.includes(`| ${message} |`));
      expect(row, `${file}: ${message}`).toMatch(/\| implemented \(alloy\/[a-z-]+\) \|$/);
    }
    // A text counts as implemented for the files whose rules name it, not wherever else it appears.
    const onlySyslogReceiver = (coverageTable as Coverage)(
      [{ message: 'unknown syslog format: %s', code: 'alloy/invalid-argument-value', upstream: 'otelcol/receiver/syslog/syslog.go' }],
      reference,
    ).text.split('\n');
    const row = (file: string) => onlySyslogReceiver.find((line) => line.startsWith(`| ${file} |`) && line.includes('| unknown syslog format: %s |'));
    expect(row('otelcol/receiver/syslog/syslog.go')).toMatch(/\| implemented \(alloy\/invalid-argument-value\) \|$/);
    expect(row('common/config/types.go')).toMatch(/\| not yet \|$/);
    expect(counts.total).toBeGreaterThan(300);
    expect(counts.implemented).toBeGreaterThan(50);
  });

  it('gives its counts in the README', () => {
    const readme = readFileSync(path.join(packageRoot, 'README.md'), 'utf8');
    expect(readme).toContain(`${counts.implemented} of the ${counts.total} upstream error texts`);
  });
});
