import { describe, expect, it } from 'vitest';
import { formatAlloy } from 'prettier-plugin-alloy';
import { parse } from '@alloy-toolkit/syntax';
import { main, nodeConfig, renderConfig, SEED_CUSTOM_COLLECTORS } from '../src/index.js';
import { cliBuilt, runCli, SEED_ARGS, seedAvailable, seedCustomCollectorsConfig, seedFirstConfig } from './helpers.js';

/** The seed's first config in canonical `alloy fmt` layout, written out by hand. */
const EXPECTED_SEED_CONFIG = [
  'prometheus.exporter.unix "node" { }',
  '',
  'prometheus.scrape "node" {',
  '\ttargets         = prometheus.exporter.unix.node.targets',
  '\tforward_to      = [prometheus.remote_write.default.receiver]',
  '\tscrape_interval = "15s"',
  '}',
  '',
  'prometheus.remote_write "default" {',
  '\tendpoint {',
  '\t\t// Replace with your Prometheus server URL',
  '\t\turl = "https://prometheus.example.com/api/v1/write"',
  '\t}',
  '\texternal_labels = {',
  '\t\tinstance      = constants.hostname,',
  '\t\tenvironment   = "prd",',
  '\t\tapp           = "my-app",',
  '\t\tinstance_name = "my-app-ec2",',
  '\t}',
  '}',
  '',
].join('\n');

async function runInProcess(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

describe('seed reproduction', () => {
  it('prints the seed first config from the seed inputs (hand-written expectation)', async () => {
    const result = await runInProcess(SEED_ARGS);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(EXPECTED_SEED_CONFIG);
  });

  it('the expectation is the canonical layout of itself', () => {
    expect(formatAlloy(EXPECTED_SEED_CONFIG)).toBe(EXPECTED_SEED_CONFIG);
    expect(parse(EXPECTED_SEED_CONFIG).diagnostics).toEqual([]);
  });

  describe.skipIf(!seedAvailable)('against the seed text in ../shared', () => {
    it('equals the seed first config formatted canonically', async () => {
      const seedConfig = seedFirstConfig();
      expect(seedConfig).toContain('prometheus.remote_write "default"');
      const result = await runInProcess(SEED_ARGS);
      expect(result.stdout).toBe(formatAlloy(seedConfig));
    });

    it('the seed custom collectors block equals the generated exporter block', () => {
      const seedBlock = formatAlloy(seedCustomCollectorsConfig());
      const generated = renderConfig(
        nodeConfig({ remoteWriteUrl: 'https://prometheus.example.com/api/v1/write', enableCollectors: SEED_CUSTOM_COLLECTORS }),
      );
      expect(seedBlock.startsWith('prometheus.exporter.unix "node" {\n\tenable_collectors = [\n')).toBe(true);
      expect(generated.startsWith(seedBlock.replace(/\n$/, '') + '\n\n')).toBe(true);
    });
  });

  describe.skipIf(!cliBuilt)('through the built alloy-gen binary', () => {
    it('prints the same text and exits 0', () => {
      const result = runCli(SEED_ARGS);
      expect(result.status).toBe(0);
      expect(result.stdout).toBe(EXPECTED_SEED_CONFIG);
    });
  });
});
