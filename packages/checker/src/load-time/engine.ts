/** Runs one declarative rule against one body. Every check is three-valued: unknown never reports. */
import { parseGoUrl, type GoUrl, type GoUrlResult } from '../go-url.js';
import { anchoredRegexpError } from '../regexp.js';
import type { BodyContext } from './body.js';
import { formatGoDuration, goQuote, renderGoMessage } from './go-format.js';
import { codeOfRule, type ComparisonOperator, type LoadTimeRule, type Member, type MessageArgument, type Operand, type UrlPart } from './rule-types.js';

function memberRangeOrBody(body: BodyContext, member: Member) {
  return body.memberRange(member) ?? body.bodyRange();
}

/** An operand as a number: nanoseconds for durations, the value for numbers. */
function operandValue(body: BodyContext, operand: Operand): number | undefined {
  if ('constant' in operand) return operand.constant;
  const schema = body.argumentSchema(operand.argument);
  if (schema?.type.kind === 'duration') {
    const nanoseconds = body.durationOf(operand.argument);
    return nanoseconds === undefined ? undefined : Number(nanoseconds);
  }
  return body.numberOf(operand.argument);
}

function holds(left: number, operator: ComparisonOperator, right: number): boolean {
  switch (operator) {
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    case '==':
      return left === right;
    case '!=':
      return left !== right;
  }
}

/** A message argument as Go prints it, or `undefined` when its value is not known. */
function formatArgument(body: BodyContext, argument: MessageArgument): string | undefined {
  if ('text' in argument) return argument.text;
  const schema = body.argumentSchema(argument.argument);
  if (schema?.type.kind === 'duration' && argument.verb === 's') {
    const nanoseconds = body.durationOf(argument.argument);
    return nanoseconds === undefined ? undefined : formatGoDuration(nanoseconds);
  }
  if (argument.verb === 'd') {
    const number = body.numberOf(argument.argument);
    return number === undefined || !Number.isInteger(number) ? undefined : String(number);
  }
  const text = body.stringOf(argument.argument);
  if (text === undefined) return undefined;
  return argument.verb === 'q' ? goQuote(text) : text;
}

function renderMessage(body: BodyContext, message: string, messageArguments: MessageArgument[] | undefined): string | undefined {
  if (!messageArguments || messageArguments.length === 0) return message;
  const values: string[] = [];
  for (const argument of messageArguments) {
    const value = formatArgument(body, argument);
    if (value === undefined) return undefined;
    values.push(value);
  }
  return renderGoMessage(message, values);
}

/** `parseGoUrl`'s results by text, read only here: configurations repeat the same few URLs. */
const parsedUrls = new Map<string, GoUrlResult>();
const maximumCachedUrls = 4096;

function parsedUrl(text: string): GoUrlResult {
  let parsed = parsedUrls.get(text);
  if (!parsed) {
    parsed = parseGoUrl(text);
    if (parsedUrls.size >= maximumCachedUrls) parsedUrls.clear();
    parsedUrls.set(text, parsed);
  }
  return parsed;
}

function hasPart(url: GoUrl, part: UrlPart): boolean {
  switch (part) {
    case 'scheme':
      return url.scheme !== '';
    case 'host':
      return url.host !== '';
    case 'http-scheme':
      return url.scheme === 'http' || url.scheme === 'https';
  }
}

type RuleOfKind<Kind extends LoadTimeRule['kind']> = Extract<LoadTimeRule, { kind: Kind }>;

// The rules that read their members with closures over `body` are functions of their own: a
// closure over a parameter of `runRule` would make every call of it allocate, whatever the rule.

function runAtMostOne(rule: RuleOfKind<'at-most-one'>, body: BodyContext, code: string): void {
  const configured = rule.members.filter((member) => body.presence(member) === 'set');
  if (configured.length < 2) return;
  // At the one written last: the one that made the combination invalid.
  const ranges = configured.map((member) => memberRangeOrBody(body, member));
  const last = ranges.reduce((latest, range) => (range.start.offset > latest.start.offset ? range : latest));
  body.report(code, rule.message, last);
}

function runRequired(rule: RuleOfKind<'required'>, body: BodyContext, code: string): void {
  // An absent attribute the schema requires fails decoding first (alloy/missing-attribute).
  const decodingFails = rule.anyOf.some(
    (member) => 'attribute' in member && body.argumentSchema(member.attribute)?.required === true && !body.attribute(member.attribute),
  );
  if (!decodingFails && rule.anyOf.every((member) => body.presence(member) === 'unset')) {
    const written = rule.anyOf.map((member) => body.memberRange(member)).find((range) => range !== undefined);
    body.report(code, rule.message, written ?? body.bodyRange());
  }
}

function runRequires(rule: RuleOfKind<'requires'>, body: BodyContext, code: string): void {
  const trigger = rule.when.find((member) => body.presence(member) === 'set');
  if (trigger && rule.then.every((member) => body.presence(member) === 'unset')) {
    body.report(code, rule.message, memberRangeOrBody(body, trigger));
  }
}

function runCompare(rule: RuleOfKind<'compare'>, body: BodyContext, code: string): void {
  for (const condition of rule.when ?? []) {
    const left = operandValue(body, condition.left);
    const right = operandValue(body, condition.right);
    if (left === undefined || right === undefined || !holds(left, condition.operator, right)) return;
  }
  const left = operandValue(body, rule.left);
  const right = operandValue(body, rule.right);
  if (left === undefined || right === undefined || holds(left, rule.operator, right)) return;
  // Only written arguments can be wrong: a rule between two defaults is upstream's business.
  const written = [rule.left, rule.right].find((operand) => 'argument' in operand && body.attribute(operand.argument));
  if (!written || !('argument' in written)) return;
  const message = renderMessage(body, rule.message, rule.messageArguments);
  if (message !== undefined) body.report(code, message, body.argumentRange(written.argument));
}

function runUrl(rule: RuleOfKind<'url'>, body: BodyContext, code: string): void {
  const state = body.argument(rule.argument);
  if (state.state !== 'known' || state.value.type !== 'string') return;
  const parsed = parsedUrl(state.value.value);
  if (!parsed.ok) {
    // Go's error fills the wrapping's `%w`, after the message arguments.
    const message =
      rule.message === undefined ? parsed.error : renderMessage(body, rule.message.replace(/%w/g, '%s'), [...(rule.messageArguments ?? []), { text: parsed.error }]);
    if (message !== undefined) body.report(code, message, body.argumentRange(rule.argument));
    return;
  }
  const unmet = rule.requires?.find((requirement) => !requirement.parts.every((part) => hasPart(parsed.url, part)));
  if (unmet) body.report(code, unmet.message, body.argumentRange(rule.argument));
}

export function runRule(rule: LoadTimeRule, body: BodyContext): void {
  const code = codeOfRule(rule);
  switch (rule.kind) {
    case 'at-most-one':
      runAtMostOne(rule, body, code);
      return;
    case 'required':
      runRequired(rule, body, code);
      return;
    case 'requires':
      runRequires(rule, body, code);
      return;
    case 'compare':
      runCompare(rule, body, code);
      return;
    case 'enum':
    case 'forbidden-value': {
      const state = body.argument(rule.argument);
      if (state.state !== 'known') return;
      const text = body.stringOf(rule.argument);
      if (text === undefined) return;
      if (rule.kind === 'enum') {
        if (rule.values.includes(text)) return;
        const message = renderMessage(body, rule.message, rule.messageArguments);
        if (message !== undefined) body.report(code, message, body.argumentRange(rule.argument), body.caseFix(rule.argument, rule.values));
        return;
      }
      const normalized = text.trim().toLowerCase();
      if (rule.values.includes(normalized)) body.report(code, rule.message, body.argumentRange(rule.argument));
      return;
    }
    case 'regex': {
      const state = body.argument(rule.argument);
      if (state.state !== 'known' || state.value.type !== 'string') return;
      const error = anchoredRegexpError(state.value.value, rule.anchoring);
      if (error !== undefined) body.report(code, rule.message ? renderGoMessage(rule.message, [error]) : error, body.argumentRange(rule.argument));
      return;
    }
    case 'url':
      runUrl(rule, body, code);
      return;
    case 'code':
      rule.check(body);
      return;
  }
}
