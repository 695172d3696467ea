import { formatAlloyType, getComponent, isTypeAssignable, type AlloyType, type ArgumentSchema, type ComponentSchema } from '../toolkit.js';
import type { BlockRole, Definition } from '../analysis/fileModel.js';
import type { ModuleExport } from './customExports.js';

/** A component export in scope whose type fits where the cursor expects a value. */
export interface FittingExport {
  /** The full reference text: `prometheus.remote_write.default.receiver`. */
  reference: string;
  typeText: string;
  /** 0: the exact type, 1: assignable by conversion, 2: an export of type `any`, 3: a custom component's export of unknown type. */
  fit: number;
  /** 0: the document's own file, 1: a sibling file of the same directory. */
  nearness: number;
}

type Signal = 'metrics' | 'logs' | 'traces';
const signals: ReadonlySet<string> = new Set<Signal>(['metrics', 'logs', 'traces']);

/**
 * The signals an otelcol component accepts on its `input`, where the schema's output block does not
 * tell it: all `input` exports share the type `otelcol.Consumer`, so the type alone cannot tell a
 * metrics input from a traces one.
 */
const otelcolInputSignals: Record<string, readonly Signal[]> = {
  'otelcol.connector.host_info': ['traces'],
  'otelcol.connector.servicegraph': ['traces'],
  'otelcol.connector.spanlogs': ['traces'],
  'otelcol.connector.spanmetrics': ['traces'],
  'otelcol.exporter.faro': ['logs', 'traces'],
  'otelcol.exporter.loki': ['logs'],
  'otelcol.exporter.prometheus': ['metrics'],
  'otelcol.exporter.syslog': ['logs'],
  'otelcol.processor.cumulativetodelta': ['metrics'],
  'otelcol.processor.deltatocumulative': ['metrics'],
  'otelcol.processor.interval': ['metrics'],
  'otelcol.processor.metric_start_time': ['metrics'],
  'otelcol.processor.probabilistic_sampler': ['logs', 'traces'],
  'otelcol.processor.tail_sampling': ['traces'],
};

/** The signals an otelcol component's `input` takes: the table above, else the signals its own `output` block sends on. */
export function otelcolAcceptedSignals(componentName: string, component: ComponentSchema | undefined = getComponent(componentName)): readonly Signal[] {
  const known = otelcolInputSignals[componentName];
  if (known) return known;
  const output = component?.blocks.find((block) => block.name === 'output');
  const sent = output?.arguments.map((argument) => argument.name).filter((name): name is Signal => signals.has(name)) ?? [];
  return sent.length > 0 ? sent : ['metrics', 'logs', 'traces'];
}

/** The type a value at the cursor must have: the argument's, or its element type directly inside `[ ]`. */
export function expectedValueType(argument: ArgumentSchema | undefined, inArray: boolean): AlloyType | undefined {
  if (!argument) return undefined;
  if (inArray && argument.type.kind === 'list') return argument.type.element;
  return argument.type;
}

/** The signal an otelcol `output { metrics = [...] }` attribute sends, if the cursor is in one. */
export function outputSignalOf(role: BlockRole | undefined, attribute: string | undefined): Signal | undefined {
  if (!role || role.kind !== 'nested' || !attribute || !signals.has(attribute)) return undefined;
  if (role.owner.kind !== 'component' || !role.owner.schema.name.startsWith('otelcol.')) return undefined;
  return role.path[role.path.length - 1] === 'output' ? (attribute as Signal) : undefined;
}

/**
 * The exports of the component instances in `definitions` whose type fits `expected`, best first:
 * by fit, then by nearness (`ownFile` before siblings), then by reference text. `excludeOffset`
 * skips the instance being edited, which cannot reference itself. `component` looks up a schema
 * (default: the newest release's; completion passes the target release's). `customExports` gives
 * the exports of a custom component instance (a `declare`'s, or an imported module's), with their
 * types where known; an export of unknown type fits anywhere, ranked last.
 */
export function fittingExports(
  definitions: readonly Definition[],
  expected: AlloyType,
  options: {
    ownFile: string;
    excludeOffset: number;
    signal?: Signal;
    component?: (name: string) => ComponentSchema | undefined;
    customExports?: (definition: Definition) => readonly ModuleExport[] | undefined;
  },
): FittingExport[] {
  if (expected.kind === 'any') return [];
  const expectedText = formatAlloyType(expected);
  const lookup = options.component ?? ((name: string) => getComponent(name));
  const fitOf = (type: AlloyType): number => (formatAlloyType(type) === expectedText ? 0 : type.kind === 'any' ? 2 : 1);
  const result: FittingExport[] = [];
  for (const definition of definitions) {
    const sameFile = definition.file === options.ownFile;
    if (sameFile && definition.block.start <= options.excludeOffset && options.excludeOffset < definition.block.end) continue;
    const nearness = sameFile ? 0 : 1;
    const component = lookup(definition.block.fullName);
    if (!component) {
      for (const exported of options.customExports?.(definition) ?? []) {
        if (exported.type && !typeFits(exported.type, expected)) continue;
        if (options.signal && exported.signals && !exported.signals.includes(options.signal)) continue;
        result.push({ reference: `${definition.id}.${exported.name}`, typeText: exported.typeText, fit: exported.type ? fitOf(exported.type) : 3, nearness });
      }
      continue;
    }
    if (options.signal && !otelcolAcceptedSignals(component.name, component).includes(options.signal)) continue;
    for (const exported of component.exports) {
      if (!typeFits(exported.type, expected)) continue;
      result.push({ reference: `${definition.id}.${exported.name}`, typeText: exported.typeText, fit: fitOf(exported.type), nearness });
    }
  }
  return result.sort((a, b) => a.fit - b.fit || a.nearness - b.nearness || (a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0));
}

export function typeFits(candidate: AlloyType, expected: AlloyType): boolean {
  try {
    return isTypeAssignable(candidate, expected);
  } catch {
    return true;
  }
}
