// The schema of every minor release: the version API over the committed data.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ArgumentSchema, BlockSchema } from '../src/index.js';
import { packageRoot } from './shared-reference.js';
import {
  ALLOY_VERSION,
  UnknownAlloyVersionError,
  availability,
  findBlock,
  formatReleaseRanges,
  getComponent,
  getConfigBlock,
  getConstant,
  getFunction,
  getSchema,
  isAvailableIn,
  listAlloyVersions,
  listComponents,
  listConfigBlocks,
  parseAlloyType,
  resolveAlloyVersion,
  stdlibNamespaces,
} from '../src/index.js';

const VERSIONS = Array.from({ length: 19 }, (_, minor) => `1.${minor}`);

function argumentNames(owner: { arguments: ArgumentSchema[] } | undefined): string[] {
  return (owner?.arguments ?? []).map((argument) => argument.name);
}

describe('versions', () => {
  it('lists every minor release from 1.0 to the newest, oldest first', () => {
    expect(listAlloyVersions()).toEqual(VERSIONS);
    expect(listAlloyVersions().at(-1)).toBe(ALLOY_VERSION);
  });

  it('resolves image tags, minor versions and latest', () => {
    expect(resolveAlloyVersion('v1.5.1')).toBe('1.5');
    expect(resolveAlloyVersion('1.5.1')).toBe('1.5');
    expect(resolveAlloyVersion('1.5')).toBe('1.5');
    expect(resolveAlloyVersion('v1.10')).toBe('1.10');
    expect(resolveAlloyVersion('v1.5.1-rc.0')).toBe('1.5');
    expect(resolveAlloyVersion(' latest ')).toBe(ALLOY_VERSION);
    expect(resolveAlloyVersion('LATEST')).toBe(ALLOY_VERSION);
    expect(resolveAlloyVersion('1.19')).toBeUndefined();
    expect(resolveAlloyVersion('2.0')).toBeUndefined();
    expect(resolveAlloyVersion('v1')).toBeUndefined();
    expect(resolveAlloyVersion('main')).toBeUndefined();
  });

  it('gives the newest release the same objects with and without a version', () => {
    expect(getSchema({ version: ALLOY_VERSION })).toBe(getSchema());
    expect(getSchema({ version: 'latest' })).toBe(getSchema());
    expect(getComponent('prometheus.scrape', { version: 'v1.18.1' })).toBe(getComponent('prometheus.scrape'));
  });

  it('refuses an unknown version with a message naming the known ones', () => {
    expect(() => getSchema({ version: '1.99' })).toThrow(UnknownAlloyVersionError);
    expect(() => getComponent('prometheus.scrape', { version: 'banana' })).toThrow(/1\.0, 1\.1, .*1\.18/);
  });

  it('builds an older release once and keeps the same shape', () => {
    const schema = getSchema({ version: '1.5' });
    expect(getSchema({ version: 'v1.5.1' })).toBe(schema);
    expect(schema.alloyVersion).toBe('1.5');
    expect(Object.keys(schema).sort()).toEqual(Object.keys(getSchema()).sort());
  });

  it('keeps every release sorted, without duplicates, with parsed types that match the type text', () => {
    const problems: string[] = [];
    const sameType = (owner: string, typeText: string, type: unknown): void => {
      if (JSON.stringify(parseAlloyType(typeText)) !== JSON.stringify(type)) problems.push(`${owner}: ${typeText}`);
    };
    for (const version of VERSIONS) {
      const schema = getSchema({ version });
      const names = schema.components.map((component) => component.name);
      if (names.join() !== [...names].sort().join() || new Set(names).size !== names.length) problems.push(`${version}: component order`);
      const visit = (owner: string, body: { arguments: ArgumentSchema[]; blocks: BlockSchema[] }): void => {
        const argumentNamesHere = body.arguments.map((argument) => argument.name);
        if (new Set(argumentNamesHere).size !== argumentNamesHere.length) problems.push(`${owner}: duplicate argument`);
        for (const argument of body.arguments) sameType(`${owner}.${argument.name}`, argument.typeText, argument.type);
        for (const block of body.blocks) visit(`${owner} > ${block.name}`, block);
      };
      for (const component of schema.components) {
        visit(`${version} ${component.name}`, component);
        for (const field of component.exports) sameType(`${version} ${component.name} export ${field.name}`, field.typeText, field.type);
      }
      for (const fn of schema.functions) sameType(`${version} ${fn.name}`, fn.returnTypeText, fn.returnType);
    }
    expect(problems).toEqual([]);
  }, 60_000);

  it('keeps all releases together within twice the newest release alone', () => {
    const size = (name: string): number => fs.statSync(path.join(packageRoot, 'data', name)).size;
    const newest = size(`alloy-${ALLOY_VERSION}.json`);
    expect(newest + size('alloy-history.json')).toBeLessThanOrEqual(2 * newest);
  });

  it('grows from 1.0 to the newest release', () => {
    const counts = VERSIONS.map((version) => listComponents({ version }).length);
    expect(counts[0]).toBe(134);
    expect(counts.at(-1)).toBe(getSchema().components.length);
    expect(counts[0]).toBeLessThan(counts.at(-1) ?? 0);
  });
});

describe('formatReleaseRanges', () => {
  it('joins consecutive releases into ranges, in the order of the releases', () => {
    expect(formatReleaseRanges(['1.2', '1.3', '1.4', '1.7'])).toBe('v1.2–v1.4, v1.7');
    expect(formatReleaseRanges(['1.9', '1.10', '1.11'])).toBe('v1.9–v1.11');
    expect(formatReleaseRanges(['1.0'])).toBe('v1.0');
    expect(formatReleaseRanges(['1.0', '1.2', '1.18'])).toBe('v1.0, v1.2, v1.18');
    expect(formatReleaseRanges([])).toBe('');
  });
});

describe('facts pinned from the docs of each release', () => {
  it('otelcol.receiver.opencensus: deprecated in 1.11, removed in 1.13', () => {
    expect(getComponent('otelcol.receiver.opencensus', { version: '1.5' })).toBeDefined();
    expect(getComponent('otelcol.receiver.opencensus', { version: '1.12' })).toBeDefined();
    expect(getComponent('otelcol.receiver.opencensus', { version: '1.13' })).toBeUndefined();
    expect(getComponent('otelcol.receiver.opencensus')).toBeUndefined();
    const opencensus = availability('component', 'otelcol.receiver.opencensus');
    expect(opencensus).toMatchObject({ since: '1.0', until: '1.13', deprecatedSince: '1.11' });
    expect(opencensus?.releases).toEqual(VERSIONS.slice(0, 13));
    expect(isAvailableIn(opencensus!, 'v1.12.2')).toBe(true);
    expect(isAvailableIn(opencensus!, '1.13')).toBe(false);
  });

  it('prometheus.exporter.oracledb: custom_metrics from 1.9', () => {
    expect(argumentNames(getComponent('prometheus.exporter.oracledb', { version: '1.5' }))).not.toContain('custom_metrics');
    expect(argumentNames(getComponent('prometheus.exporter.oracledb', { version: '1.8' }))).not.toContain('custom_metrics');
    expect(argumentNames(getComponent('prometheus.exporter.oracledb', { version: '1.9' }))).toContain('custom_metrics');
    expect(availability('argument', 'prometheus.exporter.oracledb', ['custom_metrics'])).toMatchObject({ since: '1.9' });
    expect(availability('argument', 'prometheus.exporter.oracledb', ['custom_metrics'])?.until).toBeUndefined();
  });

  it('otelcol.exporter.logging: gone in 1.5', () => {
    expect(getComponent('otelcol.exporter.logging', { version: '1.4' })).toBeDefined();
    expect(getComponent('otelcol.exporter.logging', { version: '1.5' })).toBeUndefined();
    expect(availability('component', 'otelcol.exporter.logging')).toMatchObject({ since: '1.0', until: '1.5' });
  });

  it('components added in 1.1, 1.5 and 1.13', () => {
    expect(availability('component', 'otelcol.receiver.file_stats')?.since).toBe('1.1');
    expect(getComponent('otelcol.receiver.file_stats', { version: '1.0' })).toBeUndefined();
    expect(availability('component', 'loki.secretfilter')?.since).toBe('1.5');
    expect(availability('component', 'prometheus.echo')?.since).toBe('1.13');
    expect(getComponent('prometheus.echo', { version: '1.12' })).toBeUndefined();
  });

  it('database_observability.mysql: experimental in 1.6, public preview in 1.12, generally available in 1.15', () => {
    expect(getComponent('database_observability.mysql', { version: '1.5' })).toBeUndefined();
    expect(getComponent('database_observability.mysql', { version: '1.11' })?.stability).toBe('experimental');
    expect(getComponent('database_observability.mysql', { version: '1.12' })?.stability).toBe('public-preview');
    expect(getComponent('database_observability.mysql', { version: '1.15' })?.stability).toBe('generally-available');
    expect(availability('component', 'database_observability.mysql')?.stability).toEqual([
      { from: '1.6', until: '1.12', level: 'experimental' },
      { from: '1.12', until: '1.15', level: 'public-preview' },
      { from: '1.15', level: 'generally-available' },
    ]);
  });

  it('beyla.ebpf: public preview until 1.8', () => {
    expect(getComponent('beyla.ebpf', { version: '1.7' })?.stability).toBe('public-preview');
    expect(getComponent('beyla.ebpf', { version: '1.8' })?.stability).toBe('generally-available');
  });

  it('config blocks: livedebugging from 1.2, foreach from 1.7, logging.destination from 1.17, tracing.send_traceparent from 1.13', () => {
    expect(getConfigBlock('livedebugging', { version: '1.1' })).toBeUndefined();
    expect(getConfigBlock('livedebugging', { version: '1.2' })).toBeDefined();
    expect(availability('configBlock', 'foreach')?.since).toBe('1.7');
    expect(listConfigBlocks({ version: '1.6' }).map((block) => block.name)).not.toContain('foreach');
    expect(argumentNames(getConfigBlock('logging', { version: '1.16' }))).not.toContain('destination');
    expect(argumentNames(getConfigBlock('logging', { version: '1.17' }))).toContain('destination');
    expect(availability('argument', 'tracing', ['send_traceparent'])?.since).toBe('1.13');
  });

  it('remotecfg: metadata until 1.3, then attributes', () => {
    expect(argumentNames(getConfigBlock('remotecfg', { version: '1.2' }))).toContain('metadata');
    expect(argumentNames(getConfigBlock('remotecfg', { version: '1.2' }))).not.toContain('attributes');
    expect(argumentNames(getConfigBlock('remotecfg', { version: '1.3' }))).toContain('attributes');
    expect(availability('argument', 'remotecfg', ['metadata'])).toMatchObject({ since: '1.0', until: '1.3' });
  });

  it('stdlib: namespaced names from 1.4, the old names deprecated from then on', () => {
    expect(getFunction('sys.env', { version: '1.3' })).toBeUndefined();
    expect(getFunction('sys.env', { version: '1.4' })).toBeDefined();
    expect(getFunction('env', { version: '1.3' })?.deprecatedReplacement).toBeUndefined();
    expect(getFunction('env', { version: '1.4' })?.deprecatedReplacement).toBe('sys.env');
    expect(availability('function', 'env')).toMatchObject({ since: '1.0', deprecatedSince: '1.4' });
    expect(getFunction('yaml_decode', { version: '1.1' })).toBeUndefined();
    expect(availability('function', 'yaml_decode')?.since).toBe('1.2');
    expect(availability('function', 'encoding.url_encode')?.since).toBe('1.11');
    expect(stdlibNamespaces({ version: '1.0' })).not.toContain('sys');
    expect(stdlibNamespaces({ version: '1.4' })).toContain('sys');
  });

  it('constants.version from 1.9', () => {
    expect(getConstant('constants.version', { version: '1.8' })).toBeUndefined();
    expect(getConstant('constants.version', { version: '1.9' })).toBeDefined();
    expect(availability('constant', 'constants.hostname')).toMatchObject({ since: '1.0' });
  });

  it('1.18 is v1.18.1: the deprecated prometheus.write.queue is still there; the later docs add otelcol.processor.redaction', () => {
    // v1.18.1's page documents it (deprecated since v1.14, experimental); only the docs after the tag drop it.
    const queue = getComponent('prometheus.write.queue');
    expect(queue).toMatchObject({ stability: 'experimental' });
    expect(queue!.blocks.map((block) => block.name)).toContain('endpoint');
    expect(getComponent('prometheus.write.queue', { version: '1.18' })).toBe(queue);
    const queueReleases = availability('component', 'prometheus.write.queue')!;
    expect(queueReleases).toMatchObject({ since: '1.5', deprecatedSince: '1.14' });
    expect(queueReleases.until).toBeUndefined();
    expect(queueReleases.releases.at(-1)).toBe('1.18');
    expect(getComponent('prometheus.write.queue', { version: '1.4' })).toBeUndefined();
    // Renamed after the tag: the data keeps v1.18.1's name beside the later one.
    const injector = findBlock(getComponent('beyla.ebpf')!, ['injector'])!;
    expect(argumentNames(injector)).toEqual(expect.arrayContaining(['propagators', 'trace_propagators']));
    expect(availability('component', 'otelcol.processor.redaction')?.since).toBe('1.18');
  });

  it('a type cell that is prose or a Go type in an older page: any (v1.5 write.queue max_retry_attempts), duration (time.Duration)', () => {
    const retries = findBlock(getComponent('prometheus.write.queue', { version: '1.5' })!, ['endpoint'])!.arguments.find((argument) => argument.name === 'max_retry_attempts');
    expect(retries?.typeText).toBe('any');
    for (const version of listAlloyVersions()) {
      const filelog = getComponent('otelcol.receiver.filelog', { version });
      const poll = filelog?.arguments.find((argument) => argument.name === 'poll_interval');
      if (poll) expect(poll.typeText, version).toBe('duration');
    }
  });

  it('blocks and nested arguments carry their own releases', () => {
    const rangeOf = (version: string): BlockSchema | undefined => findBlock(getComponent('beyla.ebpf', { version })!, ['ebpf']);
    expect(rangeOf('1.6')).toBeUndefined();
    expect(rangeOf('1.7')).toBeDefined();
    expect(availability('block', 'beyla.ebpf', ['ebpf'])?.since).toBe('1.7');
    expect(availability('argument', 'beyla.ebpf', ['ebpf', 'context_propagation'])?.since).toBe('1.9');
    expect(availability('argument', 'beyla.ebpf', ['ebpf', 'enable_context_propagation'])).toMatchObject({ since: '1.7', until: '1.9' });
    expect(argumentNames(rangeOf('1.8'))).toContain('enable_context_propagation');
    expect(argumentNames(rangeOf('1.9'))).not.toContain('enable_context_propagation');
  });

  it('enumerated values: otelcol.auth.oauth2 grant_type from 1.15; an argument that enumerates none accepts any value', () => {
    const grantType = (version: string): ArgumentSchema | undefined =>
      getComponent('otelcol.auth.oauth2', { version })?.arguments.find((argument) => argument.name === 'grant_type');
    expect(grantType('1.14')).toBeUndefined();
    expect(grantType('1.15')?.allowedValues).toEqual(['client_credentials', 'urn:ietf:params:oauth:grant-type:jwt-bearer']);
    expect(availability('value', 'otelcol.auth.oauth2', ['grant_type', 'client_credentials'])).toMatchObject({ since: '1.15' });
    // v1.6 writes the two values in quotes the generator does not read as an enumeration: no restriction then.
    const authType = (version: string): ArgumentSchema | undefined =>
      getComponent('prometheus.exporter.kafka', { version })?.arguments.find((argument) => argument.name === 'gssapi_kerberos_auth_type');
    expect(authType('1.6')?.allowedValues).toBeUndefined();
    expect(authType('1.7')?.allowedValues).toEqual(['keytabAuth', 'userAuth']);
    expect(isAvailableIn(availability('value', 'prometheus.exporter.kafka', ['gssapi_kerberos_auth_type', 'userAuth'])!, '1.6')).toBe(true);
  });

  it('answers undefined for names no release has', () => {
    expect(availability('component', 'prometheus.nope')).toBeUndefined();
    expect(availability('argument', 'prometheus.scrape', ['nope'])).toBeUndefined();
    expect(availability('block', 'prometheus.scrape', ['nope', 'deeper'])).toBeUndefined();
    expect(availability('value', 'prometheus.scrape', ['scrape_protocols', 'nope'])).toBeUndefined();
  });
});
