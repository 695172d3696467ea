import { describe, expect, it } from 'vitest';
import type { AlloyType } from '../src/index.js';
import {
  AlloyTypeSyntaxError,
  currentStdlibNamespaces,
  findBlock,
  formatAlloyType,
  getComponent,
  getConfigBlock,
  getConstant,
  getFunction,
  isTypeAssignable,
  listConstants,
  listFunctions,
  parseAlloyType,
  parseStabilityLevel,
  stabilityAllows,
  stdlibNamespaces,
} from '../src/index.js';

const t = parseAlloyType;

describe('parseAlloyType / formatAlloyType', () => {
  it('parses nested constructors and capsules', () => {
    expect(t('list(map(string))')).toEqual({ kind: 'list', element: { kind: 'map', value: { kind: 'string' } } });
    expect(t('list(MetricsReceiver)')).toEqual({ kind: 'list', element: { kind: 'capsule', name: 'MetricsReceiver' } });
    expect(t('otelcol.Consumer')).toEqual({ kind: 'capsule', name: 'otelcol.Consumer' });
    expect(t('capsule(otelcol.Handler)')).toEqual({ kind: 'capsule', name: 'otelcol.Handler' });
  });

  it('maps the docs aliases to Alloy types', () => {
    expect(t('int')).toEqual({ kind: 'number' });
    expect(t('float64')).toEqual({ kind: 'number' });
    expect(t('boolean')).toEqual({ kind: 'bool' });
    expect(t('`array(string)`')).toEqual({ kind: 'list', element: { kind: 'string' } });
    expect(t(' map( list( secret ) ) ')).toEqual({ kind: 'map', value: { kind: 'list', element: { kind: 'secret' } } });
  });

  it('round-trips canonical text', () => {
    for (const text of ['string', 'duration', 'secret', 'any', 'object', 'list(map(string))', 'map(list(secret))', 'list(otelcol.Consumer)']) {
      expect(formatAlloyType(t(text))).toBe(text);
    }
  });

  it('rejects malformed text with a position', () => {
    expect(() => t('list(string')).toThrow(AlloyTypeSyntaxError);
    expect(() => t('list(string')).toThrow(/character 12/);
    expect(() => t('')).toThrow(/expected a type name/);
    expect(() => t('tuple(string)')).toThrow(/unknown type constructor "tuple"/);
    expect(() => t('string string')).toThrow(/unexpected text/);
  });

  it('parses every type text stored in the schema to the stored structure', () => {
    const seen: Array<[string, AlloyType]> = [];
    for (const fn of listFunctions()) {
      seen.push([fn.returnTypeText, fn.returnType]);
      for (const parameter of fn.parameters) seen.push([parameter.typeText, parameter.type]);
    }
    const scrape = getComponent('prometheus.scrape')!;
    for (const argument of scrape.arguments) seen.push([argument.typeText, argument.type]);
    expect(seen.length).toBeGreaterThan(40);
    for (const [text, type] of seen) expect(t(text), text).toEqual(type);
  });
});

describe('isTypeAssignable', () => {
  it('follows the assignment conversions', () => {
    expect(isTypeAssignable(t('number'), t('string'))).toBe(true);
    expect(isTypeAssignable(t('string'), t('number'))).toBe(true);
    expect(isTypeAssignable(t('string'), t('duration'))).toBe(true);
    expect(isTypeAssignable(t('string'), t('secret'))).toBe(true);
    expect(isTypeAssignable(t('secret'), t('string'))).toBe(false);
    expect(isTypeAssignable(t('bool'), t('string'))).toBe(false);
    expect(isTypeAssignable(t('string'), t('bool'))).toBe(false);
    expect(isTypeAssignable(t('number'), t('duration'))).toBe(false);
  });

  it('matches capsules by name and any against everything', () => {
    expect(isTypeAssignable(t('MetricsReceiver'), t('MetricsReceiver'))).toBe(true);
    expect(isTypeAssignable(t('LogsReceiver'), t('MetricsReceiver'))).toBe(false);
    expect(isTypeAssignable(t('string'), t('MetricsReceiver'))).toBe(false);
    expect(isTypeAssignable(t('any'), t('MetricsReceiver'))).toBe(true);
    expect(isTypeAssignable(t('LogsReceiver'), t('any'))).toBe(true);
  });

  it('compares lists and maps element-wise', () => {
    expect(isTypeAssignable(t('list(MetricsReceiver)'), t('list(MetricsReceiver)'))).toBe(true);
    expect(isTypeAssignable(t('list(LogsReceiver)'), t('list(MetricsReceiver)'))).toBe(false);
    expect(isTypeAssignable(t('list(number)'), t('list(string)'))).toBe(true);
    expect(isTypeAssignable(t('list(secret)'), t('list(string)'))).toBe(false);
    expect(isTypeAssignable(t('map(string)'), t('map(secret)'))).toBe(true);
    expect(isTypeAssignable(t('object'), t('map(string)'))).toBe(true);
    expect(isTypeAssignable(t('list(string)'), t('map(string)'))).toBe(false);
    expect(isTypeAssignable(t('string'), t('list(string)'))).toBe(false);
  });
});

describe('stability', () => {
  it('orders experimental < public-preview < generally-available', () => {
    expect(stabilityAllows('generally-available', 'generally-available')).toBe(true);
    expect(stabilityAllows('experimental', 'generally-available')).toBe(false);
    expect(stabilityAllows('public-preview', 'generally-available')).toBe(false);
    expect(stabilityAllows('public-preview', 'public-preview')).toBe(true);
    expect(stabilityAllows('experimental', 'public-preview')).toBe(false);
    expect(stabilityAllows('generally-available', 'experimental')).toBe(true);
    expect(stabilityAllows('experimental', 'experimental')).toBe(true);
  });

  it('parses the --stability.level values only', () => {
    expect(parseStabilityLevel('public-preview')).toBe('public-preview');
    expect(parseStabilityLevel('beta')).toBeUndefined();
  });
});

describe('standard library', () => {
  it('has the namespaced functions with signatures', () => {
    const format = getFunction('string.format')!;
    expect(format.signature).toBe('string.format(format, ...args) -> string');
    expect(format.parameters.map((parameter) => parameter.variadic ?? false)).toEqual([false, true]);
    expect(getFunction('sys.env')?.returnTypeText).toBe('string');
    expect(getFunction('string.split')?.returnTypeText).toBe('list(string)');
    expect(getFunction('convert.nonsensitive')?.parameters[0]?.typeText).toBe('secret');
    expect(getFunction('json_path')?.parameters).toHaveLength(2);
    expect(getFunction('string.format')?.docsUrl).toBe('https://grafana.com/docs/alloy/latest/reference/stdlib/string/');
    expect(getFunction('string.nope')).toBeUndefined();
  });

  it('marks the experimental array functions', () => {
    expect(getFunction('array.combine_maps')?.stability).toBe('experimental');
    expect(getFunction('array.combine_maps')?.parameters[3]).toMatchObject({ name: 'passthrough', optional: true });
    expect(getFunction('array.group_by')?.stability).toBe('experimental');
    expect(getFunction('array.concat')?.stability).toBe('generally-available');
  });

  it('maps the deprecated names to their replacements', () => {
    const expected: Record<string, string> = {
      env: 'sys.env',
      nonsensitive: 'convert.nonsensitive',
      concat: 'array.concat',
      json_decode: 'encoding.from_json',
      yaml_decode: 'encoding.from_yaml',
      base64_decode: 'encoding.from_base64',
      format: 'string.format',
      trim_space: 'string.trim_space',
    };
    for (const [deprecated, replacement] of Object.entries(expected)) {
      expect(getFunction(deprecated)?.deprecatedReplacement, deprecated).toBe(replacement);
    }
    const deprecatedCount = listFunctions().filter((fn) => fn.deprecatedReplacement !== undefined).length;
    expect(deprecatedCount).toBe(16);
    expect(getFunction('sys.env')?.deprecatedReplacement).toBeUndefined();
    expect(getFunction('coalesce')?.deprecatedReplacement).toBeUndefined();
  });

  it('has the constants', () => {
    expect(listConstants().map((constant) => constant.name)).toEqual([
      'constants.arch', 'constants.hostname', 'constants.os', 'constants.version',
    ]);
    expect(getConstant('constants.hostname')?.typeText).toBe('string');
    expect(getConstant('hostname')).toBeUndefined();
  });

  it('lists the current stdlib namespaces', () => {
    expect(currentStdlibNamespaces()).toEqual(['array', 'coalesce', 'constants', 'convert', 'encoding', 'file', 'json_path', 'string', 'sys']);
  });

  it('lists every top-level stdlib identifier, deprecated ones included', () => {
    const identifiers = stdlibNamespaces();
    expect(identifiers).toHaveLength(9 + 16);
    for (const name of ['sys', 'env', 'concat', 'trim_space', 'json_path']) expect(identifiers).toContain(name);
    expect(identifiers).not.toContain('prometheus');
  });
});

describe('config blocks and findBlock', () => {
  it('describes the config blocks', () => {
    expect(getConfigBlock('logging')).toMatchObject({ labelRequired: false, placement: 'top-level', stability: 'generally-available' });
    const level = getConfigBlock('logging')!.arguments.find((argument) => argument.name === 'level');
    expect(level).toMatchObject({ default: '"info"' });
    expect(level?.allowedValues).toEqual(['error', 'warn', 'info', 'debug']);
    expect(getConfigBlock('argument')).toMatchObject({ labelRequired: true, placement: 'module' });
    expect(getConfigBlock('argument')!.exports.map((field) => field.name)).toEqual(['value']);
    expect(getConfigBlock('export')!.arguments.find((argument) => argument.name === 'value')?.required).toBe(true);
    expect(getConfigBlock('foreach')).toMatchObject({ stability: 'experimental', labelRequired: true });
    expect(findBlock(getConfigBlock('foreach')!, ['template'])).toMatchObject({ required: true, open: true });
    expect(getConfigBlock('import.git')!.arguments.find((argument) => argument.name === 'revision')?.default).toBe('"main"');
    expect(getConfigBlock('import.http')!.arguments.map((argument) => argument.name)).toContain('body');
    expect(getConfigBlock('http')?.service).toBe(true);
    expect(findBlock(getConfigBlock('http')!, ['auth', 'basic'])?.arguments.map((argument) => argument.name).sort()).toEqual(['password', 'username']);
    expect(getConfigBlock('tracing')!.arguments.find((argument) => argument.name === 'write_to')?.typeText).toBe('list(otelcol.Consumer)');
    expect(getConfigBlock('prometheus.scrape')).toBeUndefined();
  });

  it('walks block paths from components and blocks', () => {
    const remoteWrite = getComponent('prometheus.remote_write')!;
    const endpoint = findBlock(remoteWrite, ['endpoint'])!;
    expect(findBlock(endpoint, ['queue_config'])).toBe(findBlock(remoteWrite, ['endpoint', 'queue_config']));
    expect(findBlock(remoteWrite, ['endpoint', 'missing'])).toBeUndefined();
    expect(findBlock(remoteWrite, [])).toBeUndefined();
    expect(getComponent('prometheus.nope')).toBeUndefined();
  });
});
