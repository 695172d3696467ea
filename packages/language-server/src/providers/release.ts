import {
  ALLOY_VERSION,
  availability,
  compareAlloyVersions,
  formatReleaseRanges,
  getComponent,
  getConfigBlock,
  listAlloyVersions,
  resolveAlloyVersion,
  type Availability,
  type AvailabilityKind,
  type ComponentSchema,
  type ConfigBlockSchema,
} from '../toolkit.js';
import type { EffectiveSettings } from '../workspace/settings.js';

/**
 * The Alloy release a document targets (`alloy.alloyVersion`, the lint config's `alloyVersion`, what
 * the repository pins, else the newest) and where that came from, for completion and hover.
 */
export interface TargetRelease {
  /** A minor release of the schema: `'1.5'`. */
  version: string;
  /** `alloy.alloyVersion`, `.alloy-lint.json:3`, `docker-compose.yml:12`; undefined for the default (the newest). */
  source?: string;
}

export type TargetSettings = Pick<EffectiveSettings, 'alloyVersion' | 'alloyVersionSource'>;

export function targetRelease(settings: TargetSettings): TargetRelease {
  const version = settings.alloyVersion === undefined ? undefined : resolveAlloyVersion(settings.alloyVersion);
  if (version === undefined) return { version: ALLOY_VERSION };
  return settings.alloyVersionSource ? { version, source: settings.alloyVersionSource } : { version };
}

/** The schema lookup options of a target. */
export function atTarget(target: TargetRelease): { version: string } {
  return { version: target.version };
}

/** `availability`, or undefined when the history is not installed (a bundle with the newest release only). */
export function availabilityOf(kind: AvailabilityKind, name: string, path: readonly string[] = []): Availability | undefined {
  try {
    return availability(kind, name, path);
  } catch {
    return undefined;
  }
}

function firstRelease(): string {
  return listAlloyVersions()[0] ?? ALLOY_VERSION;
}

function isDeprecatedAt(item: Availability, version: string): boolean {
  return item.deprecatedSince !== undefined && compareAlloyVersions(item.deprecatedSince, version) <= 0;
}

/** What a completion item says about the releases of an item the target has. */
export interface CompletionReleaseNotes {
  /** "Since Alloy v1.9." and, where they apply, the deprecation and the release that removes it; empty when none. */
  text: string;
  /** Deprecated in the target release: the item gets the LSP `deprecated` tag. */
  deprecated: boolean;
}

/**
 * The release notes of an item offered by completion (which offers only what the target has):
 * "Since Alloy v1.9." when newer than the first release, "Deprecated since Alloy v1.11." when the
 * target has it deprecated, "Removed in Alloy v1.13." when a later release no longer has it.
 */
export function completionNotes(target: TargetRelease, kind: AvailabilityKind, name: string, path: readonly string[] = []): CompletionReleaseNotes {
  // The schema never changes while the server runs: each item's notes are worked out once per release
  // (a component list asks about every component; `availability` takes tens of microseconds each).
  const key = `${target.version}\0${kind}\0${name}\0${path.join('\0')}`;
  let notes = completionNotesCache.get(key);
  if (!notes) {
    notes = computeCompletionNotes(target, kind, name, path);
    completionNotesCache.set(key, notes);
  }
  return notes;
}

const completionNotesCache = new Map<string, CompletionReleaseNotes>();

function computeCompletionNotes(target: TargetRelease, kind: AvailabilityKind, name: string, path: readonly string[]): CompletionReleaseNotes {
  const item = availabilityOf(kind, name, path);
  if (!item) return { text: '', deprecated: false };
  const notes: string[] = [];
  if (item.since !== firstRelease()) notes.push(`Since Alloy v${item.since}.`);
  const deprecated = isDeprecatedAt(item, target.version);
  if (deprecated) notes.push(`Deprecated since Alloy v${item.deprecatedSince}.`);
  if (item.until !== undefined) notes.push(`Removed in Alloy v${item.until}.`);
  return { text: notes.join(' '), deprecated };
}

/** "this configuration's target, from docker-compose.yml:12" / "…, the newest release". */
function targetClause(target: TargetRelease): string {
  return `this configuration's target, ${target.source === undefined ? 'the newest release' : `from ${target.source}`}`;
}

/** What a hover says about the releases of an item, relative to the target. */
export interface HoverReleaseNotes {
  /** The target release has the item. */
  available: boolean;
  /** Markdown; empty when there is nothing to say (an item of every release). */
  text: string;
}

/**
 * The releases of an item as a hover states them, relative to the target: "Not available in Alloy
 * v1.5 (this configuration's target, from docker-compose.yml:3); available from v1.9." when the
 * target does not have it; otherwise "Since Alloy v1.9.", "Deprecated since Alloy v1.11." (or
 * "Deprecated in Alloy v1.11, after this configuration's target v1.5."), "Removed in Alloy v1.13,
 * after this configuration's target v1.5.".
 */
export function hoverNotes(target: TargetRelease, kind: AvailabilityKind, name: string, path: readonly string[] = []): HoverReleaseNotes {
  const item = availabilityOf(kind, name, path);
  if (!item) return { available: true, text: '' };
  if (!item.releases.includes(target.version)) {
    let where: string;
    if (compareAlloyVersions(item.since, target.version) > 0) where = `available from v${item.since}`;
    else if (item.until !== undefined && compareAlloyVersions(item.until, target.version) <= 0) {
      where = `removed in v${item.until} (available in ${formatReleaseRanges(item.releases)})`;
    } else where = `available in ${formatReleaseRanges(item.releases)}`;
    const notes = [`Not available in Alloy v${target.version} (${targetClause(target)}); ${where}.`];
    if (item.deprecatedSince !== undefined) notes.push(`Deprecated since Alloy v${item.deprecatedSince}.`);
    return { available: false, text: notes.join(' ') };
  }
  const notes: string[] = [];
  if (item.since !== firstRelease()) notes.push(`Since Alloy v${item.since}.`);
  if (item.deprecatedSince !== undefined) {
    notes.push(
      isDeprecatedAt(item, target.version)
        ? `Deprecated since Alloy v${item.deprecatedSince}.`
        : `Deprecated in Alloy v${item.deprecatedSince}, after this configuration's target v${target.version}.`,
    );
  }
  if (item.until !== undefined) notes.push(`Removed in Alloy v${item.until}, after this configuration's target v${target.version}.`);
  if (item.absentIn?.length) notes.push(`Not in Alloy ${formatReleaseRanges(item.absentIn)}.`);
  return { available: true, text: notes.join(' ') };
}

/**
 * A component's schema in the target release; with `fallback`, for a component the target lacks,
 * its schema in the last release that has it (hover describes it and says where it exists).
 */
export function componentAt(name: string, target: TargetRelease, fallback = false): ComponentSchema | undefined {
  const found = getComponent(name, atTarget(target));
  if (found || !fallback) return found;
  const last = availabilityOf('component', name)?.releases.at(-1);
  return last === undefined ? undefined : getComponent(name, { version: last });
}

/** A config block's schema in the target release (with `fallback`: in the last release that has it). */
export function configBlockAt(name: string, target: TargetRelease, fallback = false): ConfigBlockSchema | undefined {
  const found = getConfigBlock(name, atTarget(target));
  if (found || !fallback) return found;
  const last = availabilityOf('configBlock', name)?.releases.at(-1);
  return last === undefined ? undefined : getConfigBlock(name, { version: last });
}
