/**
 * Collector names of `prometheus.exporter.unix`.
 *
 * The schema package is the authority when it enumerates the allowed values of
 * `enable_collectors` / `set_collectors`; otherwise the names below, taken from
 * the collectors list of the component's reference page, are used.
 */
import { GeneratorInputError } from './validate.js';

/** Every collector the `prometheus.exporter.unix` reference lists. */
export const DOCUMENTED_UNIX_COLLECTORS: readonly string[] = [
  'arp', 'bcache', 'bonding', 'boottime', 'btrfs', 'buddyinfo', 'conntrack', 'cpu', 'cpufreq', 'devstat',
  'diskstats', 'dmi', 'drbd', 'drm', 'edac', 'entropy', 'ethtool', 'exec', 'fibrechannel', 'filefd',
  'filesystem', 'hwmon', 'infiniband', 'interrupts', 'ipvs', 'ksmd', 'lnstat', 'loadavg', 'logind', 'mdadm',
  'meminfo_numa', 'meminfo', 'mountstats', 'netclass', 'netdev', 'netisr', 'netstat', 'network_route', 'nfs',
  'nfsd', 'ntp', 'nvme', 'os', 'perf', 'powersupplyclass', 'pressure', 'processes', 'qdisc', 'rapl', 'runit',
  'schedstat', 'sockstat', 'softirqs', 'softnet', 'stat', 'supervisord', 'sysctl', 'systemd', 'tapestats',
  'tcpstat', 'textfile', 'thermal_zone', 'thermal', 'time', 'timex', 'udp_queues', 'uname', 'vmstat', 'wifi',
  'xfs', 'zfs', 'zoneinfo',
];

/** The collectors the seed guide's "Custom Collectors" section enables. */
export const SEED_CUSTOM_COLLECTORS: readonly string[] = [
  'cpu', 'diskstats', 'filesystem', 'loadavg', 'meminfo', 'netdev', 'uname', 'processes', 'systemd', 'tcpstat',
];

/** The shape of the schema package's `getComponent` used here (kept structural to stay decoupled). */
export interface ComponentLookup {
  (name: string): { arguments: ReadonlyArray<{ name: string; allowedValues?: readonly string[] }> } | undefined | null;
}

let cachedKnownCollectors: ReadonlySet<string> | undefined;

/**
 * The collector names accepted by `enable_collectors`/`set_collectors`: the
 * schema's allowed values when it has them, else the documented list.
 */
export async function knownUnixCollectors(): Promise<ReadonlySet<string>> {
  if (cachedKnownCollectors) return cachedKnownCollectors;
  let fromSchema: readonly string[] | undefined;
  try {
    const schema = (await import('@alloy-toolkit/schema')) as { getComponent?: ComponentLookup };
    fromSchema = collectorsFromSchema(schema.getComponent);
  } catch {
    // The schema package is optional at run time; the documented list stands in.
  }
  cachedKnownCollectors = new Set(fromSchema ?? DOCUMENTED_UNIX_COLLECTORS);
  return cachedKnownCollectors;
}

/** Reads the allowed collector names from a schema lookup, or `undefined` when it has none. */
export function collectorsFromSchema(getComponent: ComponentLookup | undefined): readonly string[] | undefined {
  const component = getComponent?.('prometheus.exporter.unix');
  if (!component) return undefined;
  for (const argumentName of ['enable_collectors', 'set_collectors']) {
    const values = component.arguments.find((argument) => argument.name === argumentName)?.allowedValues;
    if (values && values.length > 0) return values;
  }
  return undefined;
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
  for (const candidate of candidates) {
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
