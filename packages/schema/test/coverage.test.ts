import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALLOY_VERSION, getComponent, getSchema, listComponents, listConfigBlocks } from '../src/index.js';
import { hasSharedReference, referenceRoot } from './shared-reference.js';

describe('committed schema data', () => {
  it('describes Alloy 1.18 with 185 uniquely named components', () => {
    expect(getSchema().alloyVersion).toBe(ALLOY_VERSION);
    expect(ALLOY_VERSION).toBe('1.18');
    const names = listComponents().map((component) => component.name);
    expect(names).toHaveLength(185);
    expect(new Set(names).size).toBe(185);
    expect([...names].sort()).toEqual(names);
  });

  it('gives every component a docs URL under its namespace', () => {
    for (const component of listComponents()) {
      const namespace = component.name.split('.')[0];
      expect(component.docsUrl).toBe(
        `https://grafana.com/docs/alloy/latest/reference/components/${namespace}/${component.name}/`,
      );
    }
  });

  it('has every non-component block', () => {
    const names = listConfigBlocks().map((block) => block.name);
    for (const expected of [
      'logging', 'tracing', 'http', 'remotecfg', 'livedebugging', 'argument', 'export', 'declare',
      'import.file', 'import.string', 'import.http', 'import.git', 'foreach', 'labelstore',
    ]) {
      expect(names).toContain(expected);
    }
  });

  it('marks the five community components', () => {
    const community = listComponents().filter((component) => component.community).map((component) => component.name);
    expect(community.sort()).toEqual([
      'otelcol.exporter.datadog',
      'otelcol.exporter.googlecloud',
      'otelcol.exporter.googlecloudpubsub',
      'otelcol.exporter.splunkhec',
      'otelcol.receiver.googlecloudpubsub',
    ]);
  });
});

interface InventoryRow {
  name: string;
  goStability: string;
  community: boolean;
}

function readInventory(): InventoryRow[] {
  const [header, ...rows] = fs
    .readFileSync(path.join(referenceRoot, 'COMPONENTS.tsv'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.split('\t'));
  const column = (name: string): number => header!.indexOf(name);
  return rows
    .map((cells) => ({
      name: cells[column('component')] ?? '',
      goStability: cells[column('go_stability')] ?? '',
      community: cells[column('community')] === 'true',
    }))
    .filter((row) => row.goStability !== '');
}

describe.skipIf(!hasSharedReference)('coverage of COMPONENTS.tsv (reads ../shared)', () => {
  const expectedLevel: Record<string, string> = {
    GenerallyAvailable: 'generally-available',
    PublicPreview: 'public-preview',
    Experimental: 'experimental',
  };

  it('has exactly the registered components of the inventory, and prometheus.write.queue of v1.18.1', () => {
    const inventory = readInventory().map((row) => row.name).sort();
    expect(inventory).toHaveLength(184);
    // The inventory is of a commit after v1.18.1, which no longer registers the deprecated prometheus.write.queue.
    expect(listComponents().map((component) => component.name)).toEqual([...inventory, 'prometheus.write.queue'].sort());
  });

  it('carries the Go stability of every component, except where v1.18.1 states another level', () => {
    for (const row of readInventory()) {
      const component = getComponent(row.name);
      // Public preview only after v1.18.1 (the inventory's commit); v1.18.1's page: experimental.
      if (row.name === 'loki.secretfilter') {
        expect(component!.stability).toBe('experimental');
        continue;
      }
      expect(component, row.name).toBeDefined();
      if (row.community) {
        expect(component!.community, row.name).toBe(true);
        continue;
      }
      // pyroscope.java lists the Linux level first.
      const level = expectedLevel[row.goStability.split(',')[0]!];
      expect(component!.stability, row.name).toBe(level);
    }
  });

  it('counts 143 generally-available, 9 public-preview and 27 experimental non-community components', () => {
    const counts = new Map<string, number>();
    for (const component of listComponents()) {
      if (component.community) continue;
      counts.set(component.stability, (counts.get(component.stability) ?? 0) + 1);
    }
    // pyroscope.java (GA on Linux) comes on top of the 143.
    expect(counts.get('generally-available')).toBe(144);
    // v1.18.1 against the inventory (a later commit): prometheus.write.queue (experimental) is added,
    // loki.secretfilter is experimental, not yet public preview.
    expect(counts.get('public-preview')).toBe(9);
    expect(counts.get('experimental')).toBe(27);
  });
});
