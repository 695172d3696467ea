/**
 * Collector names of `prometheus.exporter.unix`, from the schema.
 *
 * The schema lists them on `enable_collectors` / `disable_collectors` /
 * `set_collectors` as `knownValues`: Alloy itself ignores a name it does not
 * know, so the generator refuses it instead of emitting a collector that would
 * silently do nothing.
 */
import { getComponent } from '@alloy-toolkit/schema';
import { GeneratorInputError } from './validate.js';

/** The collectors the seed guide's "Custom Collectors" section enables. */
export const SEED_CUSTOM_COLLECTORS: readonly string[] = [
  'cpu', 'diskstats', 'filesystem', 'loadavg', 'meminfo', 'netdev', 'uname', 'processes', 'systemd', 'tcpstat',
];

/** The arguments of `prometheus.exporter.unix` that take collector names. */
export const UNIX_COLLECTOR_ARGUMENTS = ['enable_collectors', 'set_collectors', 'disable_collectors'] as const;

/** The shape of the schema package's `getComponent` used here. */
export interface ComponentLookup {
  (name: string):
    | { arguments: ReadonlyArray<{ name: string; allowedValues?: readonly string[]; knownValues?: readonly string[] }> }
    | undefined
    | null;
}

/**
 * The collector names a schema gives `argumentName` of `prometheus.exporter.unix`
 * (its allowed values, else its known values), or `undefined` when it has none.
 */
export function collectorsFromSchema(
  lookup: ComponentLookup,
  argumentName: (typeof UNIX_COLLECTOR_ARGUMENTS)[number] = 'enable_collectors',
): readonly string[] | undefined {
  const argument = lookup('prometheus.exporter.unix')?.arguments.find((candidate) => candidate.name === argumentName);
  const values = argument?.allowedValues ?? argument?.knownValues;
  return values && values.length > 0 ? values : undefined;
}

let cachedKnownCollectors: ReadonlySet<string> | undefined;

/**
 * The collector names `enable_collectors`, `set_collectors` and `disable_collectors`
 * accept, from the schema (read on first use). Throws when the schema has none:
 * that is a broken installation, not bad input.
 */
export function knownUnixCollectors(): ReadonlySet<string> {
  if (cachedKnownCollectors) return cachedKnownCollectors;
  const names = new Set<string>();
  for (const argumentName of UNIX_COLLECTOR_ARGUMENTS) {
    const values = collectorsFromSchema(getComponent, argumentName);
    if (!values) throw new Error(`the schema lists no collector names for prometheus.exporter.unix ${argumentName}`);
    for (const name of values) names.add(name);
  }
  cachedKnownCollectors = names;
  return names;
}

/** Throws on the first unknown or repeated collector name. */
export function validateCollectors(names: readonly string[], known: ReadonlySet<string>): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (!known.has(name)) {
      const hint = closestName(name, known);
      throw new GeneratorInputError(
        `unknown collector ${JSON.stringify(name)} for prometheus.exporter.unix${hint ? ` (did you mean ${JSON.stringify(hint)}?)` : ''}`,
      );
    }
    if (seen.has(name)) throw new GeneratorInputError(`duplicate collector ${JSON.stringify(name)}`);
    seen.add(name);
  }
}

function closestName(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const candidate of [...candidates].sort()) {
    const distance = editDistance(name, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
