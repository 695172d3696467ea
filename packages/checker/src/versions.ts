import { ALLOY_VERSION, availability, compareAlloyVersions, formatReleaseRanges, resolveAlloyVersion, UnknownAlloyVersionError, listAlloyVersions } from '@alloy-toolkit/schema';
import type { Availability, AvailabilityKind } from '@alloy-toolkit/schema';

/** The release a check targets: a minor release of the schema (`'1.5'`), and where that choice came from. */
export interface TargetVersion {
  version: string;
  /** Where the version was read, for messages: `docker-compose.yml:12`. */
  source?: string;
}

/** Resolves `alloyVersion` (`'1.5'`, `'v1.5.1'`, `'latest'`; undefined: the newest). Throws `UnknownAlloyVersionError`. */
export function targetVersion(alloyVersion: string | undefined, source: string | undefined): TargetVersion {
  const version = alloyVersion === undefined ? ALLOY_VERSION : resolveAlloyVersion(alloyVersion);
  if (version === undefined) throw new UnknownAlloyVersionError(alloyVersion!, listAlloyVersions());
  const target: TargetVersion = { version };
  if (source !== undefined && source !== '') target.source = source;
  return target;
}

function targetClause(target: TargetVersion): string {
  return `this configuration targets v${target.version}${target.source === undefined ? '' : ` (${target.source})`}`;
}

/**
 * Why `label` is not part of the target release although another release has it:
 * "`custom_metrics` is available from Alloy v1.9; this configuration targets v1.5". Undefined when
 * no release has it, or the target has it.
 */
export function unavailableNote(
  target: TargetVersion,
  kind: AvailabilityKind,
  name: string,
  path: readonly string[],
  label: string,
): string | undefined {
  const item = availabilityOf(kind, name, path);
  if (!item || item.releases.includes(target.version)) return undefined;
  let what: string;
  if (compareAlloyVersions(item.since, target.version) > 0) what = `\`${label}\` is available from Alloy v${item.since}`;
  else if (item.until !== undefined && compareAlloyVersions(item.until, target.version) <= 0) what = `\`${label}\` was removed in Alloy v${item.until}`;
  else what = `\`${label}\` exists only in Alloy ${formatReleaseRanges(item.releases)}`;
  return `${what}; ${targetClause(target)}`;
}

/**
 * For an item the target release has but its docs mark deprecated: "`x` is deprecated since Alloy
 * v1.11 and removed in v1.13; this configuration targets v1.12".
 */
export function deprecationNote(target: TargetVersion, kind: AvailabilityKind, name: string, label: string): string | undefined {
  const item = availabilityOf(kind, name, []);
  if (!item?.deprecatedSince || compareAlloyVersions(item.deprecatedSince, target.version) > 0) return undefined;
  if (!item.releases.includes(target.version)) return undefined;
  const removed = item.until === undefined ? '' : ` and removed in v${item.until}`;
  return `\`${label}\` is deprecated since Alloy v${item.deprecatedSince}${removed}; ${targetClause(target)}`;
}

/**
 * The schema's answers, kept: its history is loaded once and never changes, and `availability`
 * rebuilds its answer (release lists, version comparisons) on every call, once per component of
 * every check otherwise. By kind, then name (and path); `null` for no answer. Names come from the
 * checked text (misspelled ones too), so the maps are emptied when they grow large.
 */
const availabilities = new Map<AvailabilityKind, Map<string, Availability | null>>();
let availabilityCount = 0;

function availabilityOf(kind: AvailabilityKind, name: string, path: readonly string[]): Availability | undefined {
  let byName = availabilities.get(kind);
  if (!byName) {
    byName = new Map();
    availabilities.set(kind, byName);
  }
  const key = path.length === 0 ? name : `${name}\0${path.join('\0')}`;
  let item = byName.get(key);
  if (item === undefined) {
    try {
      item = availability(kind, name, path) ?? null;
    } catch {
      // The history file may be missing from a bundle: then only the newest release is known.
      item = null;
    }
    if (availabilityCount >= 10_000) {
      for (const map of availabilities.values()) map.clear();
      availabilityCount = 0;
    }
    byName.set(key, item);
    availabilityCount++;
  }
  return item ?? undefined;
}
