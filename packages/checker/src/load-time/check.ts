/**
 * Phase 4 (validated), load-time constraints: walks a component's body along its schema and runs
 * the rule sets attached to each body, plus the conversion of numbers given for durations.
 */
import { getComponent } from '@alloy-toolkit/schema';
import type { BlockSchema, ComponentSchema } from '@alloy-toolkit/schema';
import type { Attribute, Block, LineIndex } from '@alloy-toolkit/syntax';
import type { EvaluateOptions } from '../evaluate.js';
import { evaluate } from '../evaluate.js';
import { literalKind } from '../expressions.js';
import { cachedGoDuration } from '../go-duration.js';
import { BodyContext, type BodySchemaLike, type Reporter } from './body.js';
import { componentRuleSets } from './component-rules.js';
import { runRule } from './engine.js';
import { urlRuleSets } from './url-rules.js';
import { kubernetesClientRuleSet, relabelRuleSet, sendingQueueBatchRuleSet, sendingQueueRuleSet, sharedRuleSets } from './shared-rules.js';
import { codeOfRule, messagesOfRule, type LoadTimeRule, type Member, type Operand, type RuleSet, type UpstreamMessage } from './rule-types.js';

/** Every rule set, shared ones first. */
export const loadTimeRuleSets: readonly RuleSet[] = [
  ...sharedRuleSets,
  kubernetesClientRuleSet,
  sendingQueueRuleSet,
  sendingQueueBatchRuleSet,
  relabelRuleSet,
  ...componentRuleSets,
  ...urlRuleSets,
];

const maximumDepth = 16;

function componentMatches(pattern: string, name: string): boolean {
  return pattern.endsWith('.*') ? name.startsWith(pattern.slice(0, -1)) : pattern === name;
}

interface SchemaNames {
  arguments: Set<string>;
  blocks: Set<string>;
}

function attaches(set: RuleSet, componentName: string, path: readonly string[], names: SchemaNames): boolean {
  const attach = set.attach;
  if ('component' in attach) {
    return attach.component === componentName && attach.path.length === path.length && attach.path.every((name, index) => name === path[index]);
  }
  if (attach.block !== undefined && attach.block !== path[path.length - 1]) return false;
  if (attach.exceptComponents?.some((pattern) => componentMatches(pattern, componentName))) return false;
  if (attach.onlyComponents && !attach.onlyComponents.some((pattern) => componentMatches(pattern, componentName))) return false;
  if (!attach.arguments.every((name) => names.arguments.has(name))) return false;
  return (attach.blocks ?? []).every((name) => names.blocks.has(name));
}

/** A rule with the names whose writing can make it fail. */
interface PlannedRule {
  rule: LoadTimeRule;
  /** The rule can fail with none of `names` written. */
  always: boolean;
  names: string[];
}

/** A nested block's schema, the block path of its body and its plan (made when a body is first checked). */
interface NestedBody {
  schema: BlockSchema;
  path: string[];
  plan?: BodyPlan;
}

/** What a written name of a body takes part in. */
interface NameUse {
  /** The positions in the plan's `rules` of the rules that name it (other than `always` ones). */
  positions?: number[];
  /** An argument of duration type (for an attribute of that name). */
  duration?: boolean;
  /** A nested block (for a block of that name). */
  nested?: NestedBody;
}

interface BodyPlan {
  ruleSets: RuleSet[];
  rules: PlannedRule[];
  /** Some rule runs whatever the body writes. */
  hasAlwaysRules: boolean;
  /** The names a body's statements are looked up by, one lookup per statement. */
  byName: Map<string, NameUse>;
  /** Something to check in this body, or nested blocks that may have something. */
  hasWork: boolean;
}

function planRule(rule: LoadTimeRule): PlannedRule {
  const always = rule.kind === 'required' || (rule.kind === 'code' && rule.evenWhenUnwritten === true);
  return { rule, always, names: namesOfRule(rule) };
}

/**
 * Per schema body (each belongs to one component and path): the rule sets, the rules by the names
 * they read, the duration arguments and the nested bodies, built on the first body of that schema.
 */
const plans = new WeakMap<object, BodyPlan>();

function planOf(componentName: string, path: readonly string[], schema: BodySchemaLike): BodyPlan {
  let plan = plans.get(schema);
  if (!plan) {
    const names: SchemaNames = {
      arguments: new Set(schema.arguments.map((argument) => argument.name)),
      blocks: new Set(schema.blocks.map((block) => block.name)),
    };
    const ruleSets = loadTimeRuleSets.filter((set) => attaches(set, componentName, path, names));
    const rules = ruleSets.flatMap((set) => set.rules.map(planRule));
    const byName = new Map<string, NameUse>();
    const use = (name: string): NameUse => {
      let found = byName.get(name);
      if (!found) byName.set(name, (found = {}));
      return found;
    };
    rules.forEach((planned, position) => {
      if (planned.always) return;
      for (const name of planned.names) {
        const positions = (use(name).positions ??= []);
        if (positions[positions.length - 1] !== position) positions.push(position);
      }
    });
    let durations = false;
    for (const argument of schema.arguments) {
      if (argument.type.kind !== 'duration') continue;
      use(argument.name).duration = true;
      durations = true;
    }
    // The last block schema of a repeated name, as a body's lookup finds it.
    for (const block of schema.blocks) use(block.name).nested = { schema: block, path: [...path, block.name] };
    plan = {
      ruleSets,
      rules,
      hasAlwaysRules: rules.some((planned) => planned.always),
      byName,
      hasWork: rules.length > 0 || durations || schema.blocks.length > 0,
    };
    plans.set(schema, plan);
  }
  return plan;
}

export interface LoadTimeOptions extends EvaluateOptions {
  report: Reporter;
  /** The lines of the file the component is in, for the ranges reported. */
  lines: LineIndex;
}

const durationCode = 'alloy/invalid-duration';

/**
 * A duration argument written as something other than a string literal (those are checked with
 * the types): Alloy turns a number into its decimal text (`15` → "15") before Go parses it.
 */
function checkDurationValue(statement: Attribute, options: LoadTimeOptions): void {
  const expression = statement.value;
  // Strings built from literals and values of other types are checked with the types.
  const kind = literalKind(expression);
  if (kind !== undefined && kind !== 'number') return;
  const value = evaluate(expression, options);
  if (!value) return;
  let text: string | undefined;
  if (value.type === 'number' && value.number.kind !== 'float') text = value.number.value.toString();
  else if (value.type === 'string') text = value.value;
  if (text === undefined) return;
  const parsed = cachedGoDuration(text);
  if (!parsed.ok) options.report(durationCode, parsed.error, options.lines.rangeOf(expression));
}

/**
 * Which of a body's rules to run, by position: one array for every body (a body's walk is done
 * with it before a nested body's walk starts), grown when a plan has more rules.
 */
let selectedRules = new Uint8Array(64);

function checkBody(componentName: string, path: readonly string[], block: Block, schema: BodySchemaLike, plan: BodyPlan, options: LoadTimeOptions, depth: number): void {
  const byName = plan.byName;
  const nestedWalked = depth < maximumDepth;
  // One lookup per statement: durations are checked as they come; the rules that name a written
  // name (most bodies write none of the names most rules read) and those that run whatever is
  // written run after, in their order; then the nested bodies, in statement order.
  const rules = plan.rules;
  let selectedAny = false;
  // Nested blocks to walk after the rules: each statement followed by its nested body.
  let nested: (Block | NestedBody)[] | undefined;
  for (const statement of block.body) {
    const isAttribute = statement.type === 'Attribute';
    const use = byName.get(isAttribute ? statement.name : statement.fullName);
    if (use === undefined) continue;
    if (isAttribute) {
      if (use.duration === true) checkDurationValue(statement, options);
    } else if (use.nested !== undefined && nestedWalked) {
      (nested ??= []).push(statement, use.nested);
    }
    const positions = use.positions;
    if (positions === undefined) continue;
    if (!selectedAny) {
      selectedAny = true;
      selectedRules = selectedRules.length >= rules.length ? selectedRules.fill(0, 0, rules.length) : new Uint8Array(Math.max(rules.length, selectedRules.length * 2));
    }
    for (const position of positions) selectedRules[position] = 1;
  }
  if (selectedAny || plan.hasAlwaysRules) {
    // Read before any rule runs, and used up before a nested body's walk reuses the array.
    const selected = selectedAny ? selectedRules : undefined;
    let body: BodyContext | undefined;
    for (let position = 0; position < rules.length; position++) {
      const planned = rules[position]!;
      if (!planned.always && selected?.[position] !== 1) continue;
      body ??= new BodyContext(componentName, path, block, schema, options.report, options, options.lines);
      runRule(planned.rule, body);
    }
  }
  if (nested === undefined) return;
  for (let index = 0; index < nested.length; index += 2) {
    const nestedBody = nested[index + 1] as NestedBody;
    const nestedPlan = (nestedBody.plan ??= planOf(componentName, nestedBody.path, nestedBody.schema));
    if (nestedPlan.hasWork) checkBody(componentName, nestedBody.path, nested[index] as Block, nestedBody.schema, nestedPlan, options, depth + 1);
  }
}


/** Reports what Alloy would refuse when it loads this built-in component. */
export function checkLoadTimeRules(block: Block, schema: ComponentSchema, options: LoadTimeOptions): void {
  const path: readonly string[] = [];
  const plan = planOf(schema.name, path, schema);
  if (plan.hasWork) checkBody(schema.name, path, block, schema, plan, options, 0);
}

/** Every upstream text the load-time checks can report (Go format strings), with its code. */
export function loadTimeMessages(): UpstreamMessage[] {
  const fromRules = loadTimeRuleSets.flatMap((set) => set.rules.flatMap((rule) => messagesOfRule(rule).map((message) => ({ ...message, upstream: set.upstream }))));
  // Go's time.ParseDuration, reached by a number or a folded string given for a duration.
  const durations = ['time: invalid duration %q', 'time: missing unit in duration %q', 'time: unknown unit %q in duration %q'];
  return [...fromRules, ...durations.map((message) => ({ message, code: durationCode }))];
}

/** A constraint on an argument, for hover and completion. */
export interface ArgumentConstraint {
  /** The diagnostic code the rule reports with. */
  code: string;
  /** Upstream's message (a Go format string). */
  message: string;
  /** The rule set: `tls_config`, `prometheus.scrape`. */
  ruleSet: string;
  kind: LoadTimeRule['kind'];
}

function operandNames(operands: Operand[]): string[] {
  return operands.flatMap((operand) => ('argument' in operand ? [operand.argument] : []));
}

function memberNames(members: Member[]): string[] {
  return members.flatMap((member) => ('attribute' in member ? [member.attribute] : 'block' in member ? [member.block] : memberNames(member.anyOf)));
}

/** The argument and block names a rule reads. */
export function namesOfRule(rule: LoadTimeRule): string[] {
  switch (rule.kind) {
    case 'at-most-one':
      return memberNames(rule.members);
    case 'required':
      return memberNames(rule.anyOf);
    case 'requires':
      return memberNames([...rule.when, ...rule.then]);
    case 'compare':
      return operandNames([rule.left, rule.right, ...(rule.when ?? []).flatMap((condition) => [condition.left, condition.right])]);
    case 'enum':
    case 'forbidden-value':
    case 'regex':
    case 'url':
      return [rule.argument];
    case 'code':
      return rule.arguments;
  }
}

/**
 * The body of `component` at `blockPath` (block names) and the rule sets attached to it; undefined
 * when the schema has no such block. `component` may be any release's schema.
 */
export function ruleSetsAt(component: ComponentSchema, blockPath: readonly string[]): { schema: BodySchemaLike; ruleSets: RuleSet[] } | undefined {
  let schema: BodySchemaLike = component;
  for (const name of blockPath) {
    const nested = schema.blocks.find((candidate) => candidate.name === name);
    if (!nested) return undefined;
    schema = nested;
  }
  return { schema, ruleSets: planOf(component.name, blockPath, schema).ruleSets };
}

/**
 * The load-time constraints on an argument (or nested block) of a component:
 * `constraintsFor('prometheus.remote_write', ['endpoint', 'tls_config', 'ca_pem'])`.
 */
export function constraintsFor(componentName: string, argumentPath: readonly string[]): ArgumentConstraint[] {
  const component = getComponent(componentName);
  if (!component || argumentPath.length === 0) return [];
  const found = ruleSetsAt(component, argumentPath.slice(0, -1));
  if (!found) return [];
  const name = argumentPath[argumentPath.length - 1]!;
  const constraints: ArgumentConstraint[] = [];
  for (const set of found.ruleSets) {
    for (const rule of set.rules) {
      if (!namesOfRule(rule).includes(name)) continue;
      for (const upstream of messagesOfRule(rule)) constraints.push({ code: upstream.code, message: upstream.message, ruleSet: set.name, kind: rule.kind });
    }
  }
  return constraints;
}

export { codeOfRule };
