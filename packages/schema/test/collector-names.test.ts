// Collector names of prometheus.exporter.unix and prometheus.exporter.windows:
// the docs' "Collectors list" tables plus the sourced corrections of
// scripts/collector-names.mjs, checked against the committed data and the corpus.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ArgumentSchema } from '../src/index.js';
import { getComponent } from '../src/index.js';
import { hasSharedReference, referenceRoot, sharedRoot } from './shared-reference.js';

// @ts-expect-error -- plain JavaScript module of the data generator, typed loosely here
import { COLLECTOR_ARGUMENTS, documentedCollectorNames } from '../scripts/collector-names.mjs';

interface CollectorSpec {
  arguments: string[];
  enforced: boolean;
  additions: string[];
  removals: string[];
}
const specs = COLLECTOR_ARGUMENTS as Map<string, CollectorSpec>;
const readDocumentedNames = documentedCollectorNames as (file: string, componentDocsRoot: string) => string[];

function argumentOf(componentName: string, argumentName: string): ArgumentSchema {
  const found = getComponent(componentName)?.arguments.find((argument) => argument.name === argumentName);
  if (!found) throw new Error(`${componentName}.${argumentName} missing from the schema`);
  return found;
}

const UNIX = 'prometheus.exporter.unix';
const WINDOWS = 'prometheus.exporter.windows';
const UNIX_ARGUMENTS = ['enable_collectors', 'disable_collectors', 'set_collectors'];

describe('collector names in the committed data', () => {
  it('gives the unix collector arguments known values, not allowed values (upstream ignores unknown names)', () => {
    for (const name of UNIX_ARGUMENTS) {
      const argument = argumentOf(UNIX, name);
      expect(argument.allowedValues, name).toBeUndefined();
      expect(argument.knownValues, name).toEqual(expect.arrayContaining(['cpu', 'meminfo', 'systemd', 'textfile', 'zfs']));
    }
    expect(argumentOf(UNIX, 'enable_collectors').knownValues).toEqual(argumentOf(UNIX, 'set_collectors').knownValues);
    expect(argumentOf(UNIX, 'enable_collectors').knownValues).toEqual(argumentOf(UNIX, 'disable_collectors').knownValues);
  });

  it('includes the unix collectors that Alloy knows but the docs table omits', () => {
    expect(argumentOf(UNIX, 'disable_collectors').knownValues).toEqual(expect.arrayContaining(['selinux', 'cgroups', 'slabinfo']));
  });

  it('gives windows enabled_collectors allowed values (upstream rejects unknown names)', () => {
    const argument = argumentOf(WINDOWS, 'enabled_collectors');
    expect(argument.knownValues).toBeUndefined();
    expect(argument.allowedValues).toEqual(expect.arrayContaining(['cpu', 'logical_disk', 'net', 'os', 'service', 'system', 'iis']));
    // Registered by windows_exporter or accepted by Alloy, missing from the docs table.
    expect(argument.allowedValues).toEqual(expect.arrayContaining(['diskdrive', 'cs', 'logon', 'nps', 'license', 'smbclient']));
    // The block name the docs table uses for the smb client collector is not a collector name.
    expect(argument.allowedValues).not.toContain('smb_client');
    // Never a unix collector by mistake.
    expect(argument.allowedValues).not.toContain('selinux');
  });

  it('keeps every default of enabled_collectors among its allowed values', () => {
    const argument = argumentOf(WINDOWS, 'enabled_collectors');
    const defaults = JSON.parse(argument.default ?? '[]') as string[];
    expect(defaults.length).toBeGreaterThan(0);
    for (const name of defaults) expect(argument.allowedValues).toContain(name);
  });

  it('stores the names sorted and without duplicates', () => {
    for (const values of [argumentOf(UNIX, 'enable_collectors').knownValues, argumentOf(WINDOWS, 'enabled_collectors').allowedValues]) {
      expect(values).toBeDefined();
      const list = values ?? [];
      expect(new Set(list).size).toBe(list.length);
      expect([...list].sort()).toEqual(list);
    }
  });
});

const componentDocsRoot = path.join(referenceRoot, 'component-docs');
const pageOf = (name: string): string => path.join(componentDocsRoot, 'reference', 'components', 'prometheus', `${name}.md`);

describe.skipIf(!hasSharedReference)('collector names against the reference docs (reads ../shared)', () => {
  it('reads the collectors list table of both pages', () => {
    const unixNames = readDocumentedNames(pageOf(UNIX), componentDocsRoot);
    const windowsNames = readDocumentedNames(pageOf(WINDOWS), componentDocsRoot);
    expect(unixNames).toEqual(expect.arrayContaining(['arp', 'cpu', 'meminfo_numa', 'zoneinfo']));
    expect(windowsNames).toEqual(expect.arrayContaining(['ad', 'cpu', 'vmware']));
    expect(unixNames.length).toBeGreaterThan(60);
    expect(windowsNames.length).toBeGreaterThan(40);
  });

  it('holds every documented name except the sourced removals, and every sourced addition', () => {
    for (const [componentName, spec] of specs) {
      const documented = readDocumentedNames(pageOf(componentName), componentDocsRoot);
      for (const argumentName of spec.arguments) {
        const argument = argumentOf(componentName, argumentName);
        const values = (spec.enforced ? argument.allowedValues : argument.knownValues) ?? [];
        const expected = new Set([...documented.filter((name) => !spec.removals.includes(name)), ...spec.additions]);
        expect(new Set(values), `${componentName}.${argumentName}`).toEqual(expected);
      }
    }
  });

  it('lists only additions the docs table lacks and removals it has', () => {
    for (const [componentName, spec] of specs) {
      const documented = readDocumentedNames(pageOf(componentName), componentDocsRoot);
      for (const name of spec.additions) expect(documented, `${componentName} addition ${name}`).not.toContain(name);
      for (const name of spec.removals) expect(documented, `${componentName} removal ${name}`).toContain(name);
    }
  });
});

/** Collector names written as string literals in `<argument> = [...]` inside the component's blocks. */
function collectorNamesUsed(text: string, componentName: string, argumentNames: readonly string[]): string[] {
  const names: string[] = [];
  const blockStart = new RegExp(`^\\s*${componentName.replace(/\./g, '\\.')}\\s+"[^"]*"\\s*\\{`, 'gm');
  for (const start of text.matchAll(blockStart)) {
    const body = text.slice((start.index ?? 0) + start[0].length);
    const end = body.search(/^\}/m);
    const block = end >= 0 ? body.slice(0, end) : body;
    for (const argumentName of argumentNames) {
      for (const list of block.matchAll(new RegExp(`\\b${argumentName}\\s*=\\s*\\[([^\\]]*)\\]`, 'g'))) {
        for (const value of (list[1] ?? '').matchAll(/"([^"]*)"/g)) names.push(value[1] ?? '');
      }
    }
  }
  return names;
}

function alloyFilesUnder(directory: string): string[] {
  if (!fs.existsSync(directory)) return [];
  return fs
    .readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.alloy'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

const validCorpus = [
  path.join(sharedRoot, 'corpus', 'alloy-repo'),
  path.join(sharedRoot, 'corpus', 'doc-snippets'),
  path.join(sharedRoot, 'corpus', 'real-world', 'valid'),
  path.join(sharedRoot, 'corpus', 'real-world', 'river'),
];
const hasCorpus = validCorpus.some((directory) => fs.existsSync(directory));

describe.skipIf(!hasCorpus)('collector names used by the valid corpus (reads ../shared)', () => {
  it('knows every name that real configs use', () => {
    const files = validCorpus.flatMap(alloyFilesUnder);
    let checked = 0;
    for (const [componentName, spec] of specs) {
      for (const file of files) {
        const text = fs.readFileSync(file, 'utf8');
        if (!text.includes(componentName)) continue;
        for (const name of collectorNamesUsed(text, componentName, spec.arguments)) {
          const values = new Set(spec.arguments.flatMap((argumentName) => {
            const argument = argumentOf(componentName, argumentName);
            return (spec.enforced ? argument.allowedValues : argument.knownValues) ?? [];
          }));
          expect(values.has(name), `${path.relative(sharedRoot, file)}: ${componentName} collector ${JSON.stringify(name)}`).toBe(true);
          checked += 1;
        }
      }
    }
    // The corpus uses `selinux` (unix), `diskdrive` and `cs` (windows), among others.
    expect(checked).toBeGreaterThan(30);
  });
});
