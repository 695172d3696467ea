/**
 * The load-time constraints on one argument (or nested block) in readable words, for hover: what
 * the rules as data say, from the hovered name's side ("Cannot be set together with `ca_file`",
 * "Must be at most `scrape_interval` (default `"60s"`)"), with upstream's message as the reason,
 * and the Go parsing a duration argument goes through. Rules written as code are shown by their
 * upstream messages.
 */
import type { ArgumentSchema, BlockSchema, ComponentSchema } from '@alloy-toolkit/schema';
import type { BodySchemaLike } from './body.js';
import { namesOfRule, ruleSetsAt } from './check.js';
import { formatGoDuration } from './go-format.js';
import { codeOfRule, type ComparisonOperator, type LoadTimeRule, type Member, type Operand, type UrlPart } from './rule-types.js';

/** One constraint, as a hover lists it. */
export interface ConstraintDescription {
  /** Markdown, one sentence: `Cannot be set together with \`ca_file\`.` */
  text: string;
  /** Upstream's message (its Go verbs as `…`), when it says more than `text`. */
  reason?: string;
  /** The diagnostic code a violation is reported with. */
  code: string;
  /** The rule set (`tls_config`, `prometheus.scrape`); `duration` for the parsing of a duration. */
  ruleSet: string;
  kind: LoadTimeRule['kind'] | 'duration';
}

const tick = (name: string) => `\`${name}\``;

/** `a`, `a or b`, `a, b or c`. */
function wordList(items: string[], conjunction: 'or' | 'and' = 'or'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

/** A Go format string with its verbs shown as `…`. */
export function readableMessage(format: string): string {
  return format.replace(/%[sqdvw]/g, '…').replace(/%%/g, '%');
}

function memberNames(member: Member): string[] {
  if ('anyOf' in member) return member.anyOf.flatMap(memberNames);
  return ['attribute' in member ? member.attribute : member.block];
}

function memberText(member: Member, schema: BodySchemaLike): string {
  if ('anyOf' in member) return wordList(member.anyOf.map((inner) => memberText(inner, schema)));
  if ('block' in member) return `${tick(member.block)} block`;
  return tick(member.attribute);
}

/** A member the body's schema has (a member of a name the targeted release lacks cannot be set). */
function inSchema(member: Member, schema: BodySchemaLike): boolean {
  if ('anyOf' in member) return member.anyOf.some((inner) => inSchema(inner, schema));
  if ('block' in member) return schema.blocks.some((block) => block.name === member.block);
  return schema.arguments.some((argument) => argument.name === member.attribute);
}

const operatorWords: Record<ComparisonOperator, string> = {
  '<': 'less than',
  '<=': 'at most',
  '>': 'greater than',
  '>=': 'at least',
  '==': 'equal to',
  '!=': 'other than',
};

const flipped: Record<ComparisonOperator, ComparisonOperator> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '==': '==', '!=': '!=' };

function argumentSchemaOf(schema: BodySchemaLike, name: string): ArgumentSchema | undefined {
  return schema.arguments.find((argument) => argument.name === name);
}

/**
 * An operand as the hover names it: a constant in the unit of `unitOf` (a duration for a duration
 * argument), another argument with its default.
 */
function operandText(operand: Operand, schema: BodySchemaLike, unitOf: string | undefined): string {
  if ('constant' in operand) {
    const isDuration = unitOf !== undefined && argumentSchemaOf(schema, unitOf)?.type.kind === 'duration';
    return tick(isDuration && Number.isInteger(operand.constant) ? formatGoDuration(BigInt(operand.constant)) : String(operand.constant));
  }
  const fallback = argumentSchemaOf(schema, operand.argument)?.default;
  return `${tick(operand.argument)}${fallback === undefined ? '' : ` (default ${tick(fallback)})`}`;
}

function operandArgument(operand: Operand): string | undefined {
  return 'argument' in operand ? operand.argument : undefined;
}

function comparisonText(left: Operand, operator: ComparisonOperator, right: Operand, schema: BodySchemaLike, name: string): string {
  const leftName = operandArgument(left);
  const rightName = operandArgument(right);
  if (leftName === name) return `Must be ${operatorWords[operator]} ${operandText(right, schema, name)}`;
  if (rightName === name) return `Must be ${operatorWords[flipped[operator]]} ${operandText(left, schema, name)}`;
  return `${operandText(left, schema, rightName)} must be ${operatorWords[operator]} ${operandText(right, schema, leftName)}`;
}

function conditionText(left: Operand, operator: ComparisonOperator, right: Operand, schema: BodySchemaLike): string {
  const leftName = operandArgument(left);
  return `${leftName !== undefined ? tick(leftName) : operandText(left, schema, operandArgument(right))} is ${operatorWords[operator]} ${operandText(right, schema, leftName)}`;
}

function quotedValues(values: string[]): string {
  return values.map((value) => tick(JSON.stringify(value))).join(', ');
}

const urlPartWords: Record<UrlPart, string> = { scheme: 'a scheme', host: 'a host', 'http-scheme': 'the scheme `http` or `https`' };

/** Whether a message names `name` as a word (`modulus` in "requires non-zero modulus"). */
function mentions(message: string, name: string): boolean {
  return new RegExp(`(^|[^A-Za-z0-9_])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z0-9_])`).test(message);
}

/** The descriptions of one rule that reads `name` in a body of `schema`. */
function describeRule(rule: LoadTimeRule, name: string, schema: BodySchemaLike): { text: string; reason?: string; code?: string }[] {
  switch (rule.kind) {
    case 'at-most-one': {
      const members = rule.members.filter((member) => inSchema(member, schema));
      const own = members.find((member) => memberNames(member).includes(name));
      if (members.length < 2 || !own) return [];
      const others = members.filter((member) => member !== own).map((member) => memberText(member, schema));
      const text = others.length === 1 ? `Cannot be set together with ${others[0]}.` : `Cannot be set together with ${wordList(others)}: at most one of them.`;
      return [{ text, reason: rule.message }];
    }
    case 'required': {
      const others = rule.anyOf.filter((member) => !memberNames(member).includes(name) && inSchema(member, schema)).map((member) => memberText(member, schema));
      const text = others.length === 0 ? 'Must be set to a non-empty value.' : `Must be set unless ${wordList(others)} is.`;
      return [{ text, reason: rule.message }];
    }
    case 'requires': {
      const when = rule.when.map((member) => memberText(member, schema));
      const then = rule.then.map((member) => memberText(member, schema));
      if (rule.when.some((member) => memberNames(member).includes(name))) return [{ text: `When set, needs ${wordList(then)}.`, reason: rule.message }];
      const alternatives = rule.then.filter((member) => !memberNames(member).includes(name)).map((member) => memberText(member, schema));
      const instead = alternatives.length === 0 ? '' : ` (or ${wordList(alternatives)} instead)`;
      return [{ text: `Needed when ${wordList(when)} is set${instead}.`, reason: rule.message }];
    }
    case 'compare': {
      const conditions = (rule.when ?? []).map((condition) => conditionText(condition.left, condition.operator, condition.right, schema));
      const text = `${comparisonText(rule.left, rule.operator, rule.right, schema, name)}${conditions.length > 0 ? ` when ${wordList(conditions, 'and')}` : ''}.`;
      return [{ text, reason: readableMessage(rule.message) }];
    }
    case 'enum': {
      const values = rule.values.filter((value) => value !== '');
      const empty = values.length < rule.values.length ? ', or empty' : '';
      return [{ text: `Must be exactly one of ${quotedValues(values)}${empty} (case matters).`, reason: readableMessage(rule.message) }];
    }
    case 'forbidden-value':
      return [{ text: `Must not be ${wordList(rule.values.map((value) => tick(JSON.stringify(value))))} (in any case).`, reason: rule.message }];
    case 'regex': {
      const anchored = rule.anchoring === 'relabel' ? '; Alloy anchors it as `^(?s:…)$`' : '';
      const text = `A regular expression in Go's RE2 syntax (no lookaround, no backreferences)${anchored}.`;
      return [rule.message ? { text, reason: readableMessage(rule.message) } : { text }];
    }
    case 'url': {
      const parts = [...new Set((rule.requires ?? []).flatMap((requirement) => requirement.parts))].map((part) => urlPartWords[part]);
      const text = `A URL Go's \`url.Parse\` accepts${parts.length > 0 ? `, with ${wordList(parts, 'and')}` : ''}.`;
      return [rule.message ? { text, reason: readableMessage(rule.message) } : { text }];
    }
    case 'code': {
      const named = rule.messages.filter((upstream) => mentions(upstream.message, name));
      return (named.length > 0 ? named : rule.messages).map((upstream) => ({ text: `Alloy refuses: "${readableMessage(upstream.message)}".`, code: upstream.code }));
    }
  }
}

const durationText =
  'A Go duration: numbers with units (`ns`, `us`, `ms`, `s`, `m`, `h`), as in `"30s"` or `"1h30m"`. A number without a unit (`15`, `"15"`) is refused.';

/**
 * What Alloy checks about an argument (or nested block) of `component` when it loads it, in
 * readable words: `argumentPath` is the block path and the name
 * (`['endpoint', 'tls_config', 'ca_pem']`). `component` is the schema of the targeted release: the
 * shared rules attach to its bodies by their shape, and members it lacks are left out.
 */
export function describeConstraints(component: ComponentSchema, argumentPath: readonly string[]): ConstraintDescription[] {
  if (argumentPath.length === 0) return [];
  const found = ruleSetsAt(component, argumentPath.slice(0, -1));
  if (!found) return [];
  const name = argumentPath[argumentPath.length - 1]!;
  const argument: ArgumentSchema | undefined = argumentSchemaOf(found.schema, name);
  const block: BlockSchema | undefined = found.schema.blocks.find((candidate) => candidate.name === name);
  if (!argument && !block) return [];
  const descriptions: ConstraintDescription[] = [];
  const seen = new Set<string>();
  const add = (description: ConstraintDescription) => {
    if (seen.has(description.text)) return;
    seen.add(description.text);
    descriptions.push(description);
  };
  if (argument?.type.kind === 'duration') add({ text: durationText, code: 'alloy/invalid-duration', ruleSet: 'duration', kind: 'duration' });
  for (const set of found.ruleSets) {
    for (const rule of set.rules) {
      if (!namesOfRule(rule).includes(name)) continue;
      for (const { text, reason, code } of describeRule(rule, name, found.schema)) {
        add({ text, ...(reason !== undefined ? { reason } : {}), code: code ?? codeOfRule(rule), ruleSet: set.name, kind: rule.kind });
      }
    }
  }
  return descriptions;
}
