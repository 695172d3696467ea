/** Small builders and readers shared by the rule modules. */
import type { BodyContext } from './body.js';
import { LOAD_TIME_CODES, type ComparisonOperator, type LoadTimeRule, type MessageArgument } from './rule-types.js';

/** A list of strings as Go receives it (the written value or the default), when every element is known. */
export function stringList(body: BodyContext, name: string): string[] | undefined {
  const value = body.effectiveValue(name);
  if (!value || value.type !== 'array') return undefined;
  const strings: string[] = [];
  for (const element of value.elements) {
    if (element.type !== 'string') return undefined;
    strings.push(element.value);
  }
  return strings;
}

/** A bool argument as Go receives it (null is false). */
export function boolOf(body: BodyContext, name: string): boolean | undefined {
  const value = body.effectiveValue(name);
  if (!value) return undefined;
  if (value.type === 'null') return false;
  return value.type === 'bool' ? value.value : undefined;
}

/** A string argument written empty (its default is not). */
export function notEmpty(argument: string, message: string, options: { trim?: boolean } = {}): LoadTimeRule {
  return {
    kind: 'code',
    name: `not-empty-${argument}`,
    arguments: [argument],
    messages: [{ message, code: LOAD_TIME_CODES.value }],
    check: (body) => {
      if (!body.attribute(argument)) return;
      const text = body.stringOf(argument);
      if (text !== undefined && (options.trim ? text.trim() : text) === '') body.report(LOAD_TIME_CODES.value, message, body.argumentRange(argument));
    },
  };
}

/** `argument operator constant` must hold for a written argument. */
export function bound(argument: string, operator: ComparisonOperator, constant: number, message: string, messageArguments?: MessageArgument[]): LoadTimeRule {
  return { kind: 'compare', left: { argument }, operator, right: { constant }, message, ...(messageArguments ? { messageArguments } : {}) };
}

/** A written string argument must be one of `values`; `%s`/`%q`/`%v` in the message are its value. */
export function oneOf(argument: string, values: string[], message: string, verb: 's' | 'q' | 'd' = 's'): LoadTimeRule {
  const placeholders = (message.match(/%[sqdv]/g) ?? []).length;
  return {
    kind: 'enum',
    argument,
    values,
    message,
    ...(placeholders > 0 ? { messageArguments: [{ argument, verb }] } : {}),
  };
}

const byteUnits: Record<string, number> = { B: 1 };
['K', 'M', 'G', 'T', 'P', 'E'].forEach((prefix, index) => {
  byteUnits[`${prefix}iB`] = 1024 ** (index + 1);
  byteUnits[`${prefix}B`] = 1024 ** (index + 1);
});

/**
 * A `units.Base2Bytes` argument in bytes: a number, or a text of one number and one unit
 * (`512MiB`, `1.5GB`, base 2 either way, as `units.ParseBase2Bytes` reads them). Anything else
 * (compound texts, unknown values) is not known.
 */
export function base2BytesOf(body: BodyContext, name: string): number | undefined {
  const value = body.effectiveValue(name);
  if (!value) return undefined;
  if (value.type === 'null') return 0;
  if (value.type === 'number') return body.numberOf(name);
  if (value.type !== 'string') return undefined;
  if (value.value === '0') return 0;
  const match = /^(\d+(?:\.\d+)?)([KMGTPE]i?B|B)$/.exec(value.value);
  if (!match) return undefined;
  return Math.trunc(Number(match[1]) * byteUnits[match[2]!]!);
}

/** The `targets` of the blackbox and snmp exporters: every target needs a `name` and an `address` or `__address__`. */
export function exporterTargetsRule(): LoadTimeRule {
  const noName = 'all targets must have a `name`';
  const noAddress = 'all targets must have an `address` or an `__address__` label';
  return {
    kind: 'code',
    name: 'exporter-targets',
    arguments: ['targets'],
    messages: [
      { message: noName, code: LOAD_TIME_CODES.value },
      { message: noAddress, code: LOAD_TIME_CODES.value },
    ],
    check: (body) => {
      const targets = body.argument('targets');
      if (targets.state !== 'known' || targets.value.type !== 'array') return;
      for (const target of targets.value.elements) {
        if (target.type !== 'object') return;
        if (!target.fields.has('name')) {
          body.report(LOAD_TIME_CODES.value, noName, body.argumentRange('targets'));
          return;
        }
        if (!target.fields.has('address') && !target.fields.has('__address__')) {
          body.report(LOAD_TIME_CODES.value, noAddress, body.argumentRange('targets'));
          return;
        }
      }
    },
  };
}
