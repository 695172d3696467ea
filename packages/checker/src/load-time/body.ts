/**
 * One block body as load-time rules see it: its attributes folded to constants on demand (only
 * the arguments a rule names are evaluated), the schema's defaults for absent arguments, and the
 * presence of members with Go's "configured" meaning.
 */
import type { ArgumentSchema, BlockSchema } from '@alloy-toolkit/schema';
import { parse } from '@alloy-toolkit/syntax';
import type { Attribute, Block, Fix, LineIndex, Range } from '@alloy-toolkit/syntax';
import { enumCaseFix } from '../certain-fixes.js';
import { evaluate, isZeroValue, numberAsFloat, type AlloyValue, type EvaluateOptions, type FoldedValue } from '../evaluate.js';

export { isZeroValue };
import { cachedGoDuration } from '../go-duration.js';
import { blockNameRange } from '../util.js';
import type { Member } from './rule-types.js';

export type BodySchemaLike = { arguments: ArgumentSchema[]; blocks: BlockSchema[] };

/** What an argument holds: not written, written with a value not known offline, or a constant. */
export type ArgumentState = { state: 'absent' } | { state: 'unknown'; attribute: Attribute } | { state: 'known'; attribute: Attribute; value: AlloyValue };

export type Presence = 'set' | 'unset' | 'unknown';

/** `fix`: only where the repair is certain (`certain-fixes.ts`). */
export type Reporter = (code: string, message: string, range: Range, fix?: Fix) => void;

const absent: ArgumentState = Object.freeze({ state: 'absent' });

/** Schema defaults folded once per text (`"60s"` → the string 60s); many schemas share them. */
const defaultValues = new Map<string, FoldedValue | null>();

export function defaultValueOf(argument: ArgumentSchema | undefined): FoldedValue {
  const text = argument?.default;
  if (text === undefined) return undefined;
  const cached = defaultValues.get(text);
  if (cached !== undefined) return cached ?? undefined;
  let value: FoldedValue;
  if (/^"[^"\\]*"$/.test(text)) value = { type: 'string', value: text.slice(1, -1) };
  else {
    const parsed = parse(`x = ${text}\n`);
    const statement = parsed.file.body[0];
    value = parsed.diagnostics.length === 0 && statement?.type === 'Attribute' ? evaluate(statement.value) : undefined;
  }
  defaultValues.set(text, value ?? null);
  return value;
}

const argumentIndexes = new WeakMap<BodySchemaLike, Map<string, ArgumentSchema>>();

/** Bodies with at most this many statements are searched instead of indexed (most are that small). */
const searchedBodySize = 12;

/** `blocks` of a name not written (read only). */
const noBlocks = Object.freeze([]) as unknown as Block[];

export class BodyContext {
  /** Folded values: argument names, each followed by its state, in the order first asked (a rule reads a few). */
  private states: (string | ArgumentState)[] | undefined;
  private attributes: Map<string, Attribute> | undefined;
  private nestedBlocks: Map<string, Block[]> | undefined;
  private argumentsByName: Map<string, ArgumentSchema> | undefined;

  constructor(
    readonly componentName: string,
    readonly path: readonly string[],
    readonly block: Block,
    readonly schema: BodySchemaLike,
    private readonly reporter: Reporter,
    private readonly evaluateOptions: EvaluateOptions,
    /** The lines of the file the block is in, for the ranges reported. */
    readonly lines: LineIndex,
  ) {}

  private index(): void {
    this.attributes = new Map();
    this.nestedBlocks = new Map();
    for (const statement of this.block.body) {
      if (statement.type === 'Attribute') this.attributes.set(statement.name, statement);
      else {
        const list = this.nestedBlocks.get(statement.fullName);
        if (list) list.push(statement);
        else this.nestedBlocks.set(statement.fullName, [statement]);
      }
    }
  }

  /** The attribute `name` (the last one, when it is written twice). */
  attribute(name: string): Attribute | undefined {
    const statements = this.block.body;
    if (statements.length <= searchedBodySize) {
      for (let index = statements.length - 1; index >= 0; index--) {
        const statement = statements[index]!;
        if (statement.type === 'Attribute' && statement.name === name) return statement;
      }
      return undefined;
    }
    if (!this.attributes) this.index();
    return this.attributes!.get(name);
  }

  blocks(name: string): Block[] {
    if (!this.nestedBlocks) this.index();
    return this.nestedBlocks!.get(name) ?? noBlocks;
  }

  /**
   * The body of the first nested block `name` with its schema, read like this one (for a rule of a
   * component's `Validate` that reads a nested block's value); undefined when it is not written.
   */
  child(name: string): BodyContext | undefined {
    return this.children(name)[0];
  }

  /** The bodies of every nested block `name`, in order, each read with the block's schema. */
  children(name: string): BodyContext[] {
    const schema = this.schema.blocks.find((candidate) => candidate.name === name);
    if (!schema) return [];
    return this.blocks(name).map((block) => new BodyContext(this.componentName, [...this.path, name], block, schema, this.reporter, this.evaluateOptions, this.lines));
  }

  /** The schema default of argument `argument` of the nested block `name` (what Go has when the block is not written). */
  childDefault(name: string, argument: string): FoldedValue {
    const schema = this.schema.blocks.find((candidate) => candidate.name === name);
    return defaultValueOf(schema?.arguments.find((candidate) => candidate.name === argument));
  }

  argumentSchema(name: string): ArgumentSchema | undefined {
    let byName = this.argumentsByName;
    if (!byName) {
      byName = argumentIndexes.get(this.schema);
      if (!byName) {
        byName = new Map(this.schema.arguments.map((argument) => [argument.name, argument]));
        argumentIndexes.set(this.schema, byName);
      }
      this.argumentsByName = byName;
    }
    return byName.get(name);
  }

  /** The written value of an argument, folded once. */
  argument(name: string): ArgumentState {
    const states = (this.states ??= []);
    for (let index = 0; index < states.length; index += 2) if (states[index] === name) return states[index + 1] as ArgumentState;
    const attribute = this.attribute(name);
    let state: ArgumentState;
    if (!attribute) state = absent;
    else {
      const value = evaluate(attribute.value, this.evaluateOptions);
      state = value ? { state: 'known', attribute, value } : { state: 'unknown', attribute };
    }
    states.push(name, state);
    return state;
  }

  /** The value the component receives: the written one, else the schema's default (`null` without one). */
  effectiveValue(name: string): FoldedValue {
    const state = this.argument(name);
    if (state.state === 'known') return state.value;
    if (state.state === 'unknown') return undefined;
    return defaultValueOf(this.argumentSchema(name)) ?? { type: 'null' };
  }

  /** A string argument's value as Go receives it (numbers are converted, absent is the default or ""). */
  stringOf(name: string): string | undefined {
    const value = this.effectiveValue(name);
    if (!value) return undefined;
    if (value.type === 'string') return value.value;
    if (value.type === 'null') return '';
    if (value.type === 'number' && value.number.kind !== 'float') return value.number.value.toString();
    return undefined;
  }

  /** A duration argument in nanoseconds, when it is a valid constant. */
  durationOf(name: string): bigint | undefined {
    const value = this.effectiveValue(name);
    if (!value) return undefined;
    if (value.type === 'null') return 0n;
    if (value.type === 'number') return numberAsFloat(value.number) === 0 ? 0n : undefined;
    if (value.type !== 'string') return undefined;
    const parsed = cachedGoDuration(value.value);
    return parsed.ok ? parsed.nanoseconds : undefined;
  }

  /** A number argument (numeric strings are converted as Alloy does). */
  numberOf(name: string): number | undefined {
    const value = this.effectiveValue(name);
    if (!value) return undefined;
    if (value.type === 'null') return 0;
    if (value.type === 'number') return numberAsFloat(value.number);
    if (value.type === 'string' && /^[+-]?\d+(\.\d*)?([eE][+-]?\d+)?$/.test(value.value)) return Number(value.value);
    return undefined;
  }

  presence(member: Member): Presence {
    if ('block' in member) return this.blocks(member.block).length > 0 ? 'set' : 'unset';
    if ('anyOf' in member) {
      let result: Presence = 'unset';
      for (const inner of member.anyOf) {
        const presence = this.presence(inner);
        if (presence === 'set') return 'set';
        if (presence === 'unknown') result = 'unknown';
      }
      return result;
    }
    if (member.whenPresent === true) return this.attribute(member.attribute) ? 'set' : 'unset';
    const state = this.argument(member.attribute);
    if (state.state === 'absent') {
      // Go sees the default of an unset argument.
      const fallback = defaultValueOf(this.argumentSchema(member.attribute));
      return fallback && !isZeroValue(fallback) ? 'set' : 'unset';
    }
    if (state.state === 'unknown') return 'unknown';
    return isZeroValue(state.value) ? 'unset' : 'set';
  }

  /** Where a member is written (its attribute, or its first block's name), if it is. */
  memberRange(member: Member): Range | undefined {
    if ('block' in member) {
      const first = this.blocks(member.block)[0];
      return first ? blockNameRange(this.lines, first) : undefined;
    }
    if ('anyOf' in member) {
      for (const inner of member.anyOf) {
        if (this.presence(inner) === 'set') return this.memberRange(inner);
      }
      return undefined;
    }
    const attribute = this.attribute(member.attribute);
    return attribute ? this.lines.rangeOf(attribute) : undefined;
  }

  /** The attribute's range, else the block's name. */
  argumentRange(name: string): Range {
    const attribute = this.attribute(name);
    return attribute ? this.lines.rangeOf(attribute) : this.bodyRange();
  }

  /** The range of the attribute's value (where Go's decoder reports a value it refuses), else the block's name. */
  valueRange(name: string): Range {
    const attribute = this.attribute(name);
    return attribute ? this.lines.rangeOf(attribute.value) : this.bodyRange();
  }

  bodyRange(): Range {
    return blockNameRange(this.lines, this.block);
  }

  report(code: string, message: string, range: Range, fix?: Fix): void {
    this.reporter(code, message, range, fix);
  }

  /**
   * The fix of a value refused for not being one of `values`, when it is written as one string
   * literal that differs from exactly one of them only in letter case (`"Replace"` → `"replace"`).
   */
  caseFix(name: string, values: readonly string[]): Fix | undefined {
    return enumCaseFix(this.lines, this.attribute(name)?.value, values);
  }
}
