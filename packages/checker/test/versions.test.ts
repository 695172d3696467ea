import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { availability, getComponent, listAlloyVersions, listComponents, listFunctions, UnknownAlloyVersionError } from '@alloy-toolkit/schema';
import { describe, expect, it } from 'vitest';
import { checkConfig, checkText, type CheckOptions } from '../src/index.js';
import { sharedMissingNote, sharedRoot } from './helpers.js';

const errors = (text: string, options: CheckOptions) =>
  checkText(text, options).diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
const messages = (text: string, options: CheckOptions) => checkText(text, options).diagnostics.map((diagnostic) => `${diagnostic.code}: ${diagnostic.message}`);

const oracle = 'prometheus.exporter.oracledb "db" {\n  connection_string = "oracle://u:p@h:1521/s"\n  custom_metrics    = ["/etc/metrics.toml"]\n}\n';

describe('target version', () => {
  it('an argument added in 1.9 is flagged at 1.5 with the release that has it and where the version came from', () => {
    expect(messages(oracle, { alloyVersion: '1.5', alloyVersionSource: 'docker-compose.yml:12' })).toEqual([
      'alloy/unknown-attribute: unrecognized attribute name "custom_metrics": `custom_metrics` is available from Alloy v1.9; this configuration targets v1.5 (docker-compose.yml:12)',
    ]);
    expect(errors(oracle, { alloyVersion: '1.9' })).toEqual([]);
    expect(errors(oracle, {})).toEqual([]);
  });

  it('accepts image tags and latest; the default is the newest release', () => {
    const removed = 'otelcol.receiver.opencensus "o" {\n  output {}\n}\n';
    expect(errors(removed, { alloyVersion: 'v1.5.1' })).toEqual([]);
    const newest = messages(removed, {});
    expect(newest).toEqual([
      'alloy/unknown-component: cannot find the definition of component name "otelcol.receiver.opencensus": `otelcol.receiver.opencensus` was removed in Alloy v1.13; this configuration targets v1.18',
    ]);
    expect(messages(removed, { alloyVersion: 'latest' })).toEqual(newest);
    expect(messages(removed, { alloyVersion: listAlloyVersions().at(-1)! })).toEqual(newest);
  });

  it('reports a deprecated component in the releases that deprecate it', () => {
    const removed = 'otelcol.receiver.opencensus "o" {\n  output {}\n}\n';
    expect(messages(removed, { alloyVersion: '1.12' })).toEqual([
      'alloy/deprecated: `otelcol.receiver.opencensus` is deprecated since Alloy v1.11 and removed in v1.13; this configuration targets v1.12',
    ]);
    expect(messages(removed, { alloyVersion: '1.10' })).toEqual([]);
  });

  it('uses each release\'s stability level', () => {
    const mysql = getComponent('database_observability.mysql', { version: '1.6' })!;
    const text = `database_observability.mysql "m" {\n${mysql.arguments
      .filter((argument) => argument.required)
      .map((argument) => `  ${argument.name} = ${argument.typeText.startsWith('list') ? '[]' : '""'}\n`)
      .join('')}}\n`;
    const stabilityAt = (version: string) =>
      checkText(text, { alloyVersion: version }).diagnostics.filter((diagnostic) => diagnostic.code === 'alloy/stability').map((diagnostic) => diagnostic.message);
    expect(stabilityAt('1.6')).toEqual([expect.stringContaining('"experimental"')]);
    expect(stabilityAt('1.13')).toEqual([expect.stringContaining('"public-preview"')]);
    expect(stabilityAt('1.16')).toEqual([]);
  });

  it('applies to checkConfig', () => {
    const result = checkConfig([{ fileName: '/c/a.alloy', text: oracle }], { alloyVersion: '1.5' });
    expect(result.files[0]!.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['alloy/unknown-attribute']);
  });

  it('refuses a version no release matches', () => {
    expect(() => checkText('', { alloyVersion: '1.99' })).toThrow(UnknownAlloyVersionError);
  });

  it('names the release of a stdlib function another release has', () => {
    const added = listFunctions().find((fn) => fn.name.includes('.') && availability('function', fn.name)!.since !== '1.0')!;
    const before = listAlloyVersions()[listAlloyVersions().indexOf(availability('function', added.name)!.since) - 1]!;
    const [namespace, field] = [added.name.slice(0, added.name.lastIndexOf('.')), added.name.slice(added.name.lastIndexOf('.') + 1)];
    const text = `local.file "f" {\n  filename = ${added.name}\n}\n`;
    const found = messages(text, { alloyVersion: before }).filter((message) => message.startsWith('alloy/unknown-stdlib-name'));
    expect(found).toEqual([
      `alloy/unknown-stdlib-name: field "${field}" does not exist: \`${namespace}.${field}\` is available from Alloy v${availability('function', added.name)!.since}; this configuration targets v${before}`,
    ]);
  });
});

describe('each pair of consecutive releases', () => {
  const versions = listAlloyVersions();
  const names = (version: string) => new Set(listComponents({ version }).map((component) => component.name));
  for (let index = 1; index < versions.length; index++) {
    const older = versions[index - 1]!;
    const newer = versions[index]!;
    it(`v${older} -> v${newer}: a component added and one removed, checked on both sides`, () => {
      const olderNames = names(older);
      const newerNames = names(newer);
      const added = [...newerNames].find((name) => !olderNames.has(name));
      const removed = [...olderNames].find((name) => !newerNames.has(name));
      const unknownAt = (name: string, version: string) =>
        errors(`${name} "x" {}\n`, { alloyVersion: version }).filter((diagnostic) => diagnostic.code === 'alloy/unknown-component');
      if (added) {
        expect(unknownAt(added, newer)).toEqual([]);
        expect(unknownAt(added, older).map((diagnostic) => diagnostic.message)).toEqual([
          expect.stringContaining(`\`${added}\` is available from Alloy v${newer}; this configuration targets v${older}`),
        ]);
      }
      if (removed) {
        expect(unknownAt(removed, older)).toEqual([]);
        expect(unknownAt(removed, newer).map((diagnostic) => diagnostic.message)).toEqual([
          expect.stringContaining(`\`${removed}\` was removed in Alloy v${newer}; this configuration targets v${newer}`),
        ]);
      }
    });
  }
});

describe('real-world configurations valid only before 1.18', () => {
  const corpus = path.join(sharedRoot, 'corpus/real-world/valid');
  const cases: { file: string; validAt: string; flaggedAt18: string[] }[] = [
    {
      file: 'S-mishina__rum-sandbox__config.alloy',
      validAt: '1.10',
      flaggedAt18: ['6: alloy/unknown-component: `otelcol.receiver.opencensus` was removed in Alloy v1.13; this configuration targets v1.18'],
    },
    {
      file: 'grafana__beyla__examples__alloy__config.alloy',
      validAt: '1.4',
      flaggedAt18: [
        '14: alloy/unknown-block: `services` was removed in Alloy v1.11; this configuration targets v1.18',
        '34: alloy/unknown-component: `otelcol.exporter.logging` was removed in Alloy v1.5; this configuration targets v1.18',
      ],
    },
  ];
  for (const { file, validAt, flaggedAt18 } of cases) {
    it.skipIf(!existsSync(corpus))(`${file}: clean at v${validAt}, flagged at v1.18`, () => {
      const text = readFileSync(path.join(corpus, file), 'utf8');
      expect(errors(text, { alloyVersion: validAt })).toEqual([]);
      const at18 = errors(text, { alloyVersion: '1.18' }).map(
        (diagnostic) => `${diagnostic.range.start.line}: ${diagnostic.code}: ${diagnostic.message.slice(diagnostic.message.indexOf('`'))}`,
      );
      expect(at18).toEqual(flaggedAt18);
    });
  }
  if (!existsSync(corpus)) sharedMissingNote('the real-world files valid only before 1.18');
});
