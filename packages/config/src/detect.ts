import { existsSync, readdirSync, type Dirent } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { readRegularTextFile } from '@alloy-toolkit/files';
import { compareAlloyVersions, resolveAlloyVersion } from '@alloy-toolkit/schema';
import { positionAt } from './json.js';

/** Where a repository pins an Alloy release. */
export type PinKind = 'compose' | 'dockerfile' | 'kubernetes' | 'helm-values' | 'chart' | 'ansible' | 'terraform';

export interface VersionPin {
  /** The minor release (`'1.5'`; `latest` is the newest). */
  version: string;
  /** As written: `v1.5.1`, `latest`. */
  tag: string;
  kind: PinKind;
  file: string;
  line: number;
  /** `docker-compose.yml:12`: the file relative to the searched root, and the line. */
  place: string;
}

export interface DetectedVersion {
  /** The release the repository pins; undefined when it pins none, or pins conflict. */
  version?: string;
  /** Where: the first pin's place. */
  source?: string;
  pins: VersionPin[];
  /** Conflicting pins (naming both places) and tags that name no known release. */
  warnings: string[];
}

export interface DetectOptions {
  /** The directory the search covers (default: the repository root above the file, else the file's directory). */
  root?: string;
  /** Directory levels searched below the root (default 4). */
  maxDepth?: number;
  /** The most directory entries looked at (default 5,000): a huge repository is searched partly. */
  maxEntries?: number;
  /** The most bytes read from one candidate file (default 1 MiB). */
  maxFileSize?: number;
}

const skippedDirectories = new Set(['node_modules', 'vendor', 'dist', 'build', 'target', '__pycache__']);
const IMAGE = /(?:^|[\s"'=:[,(/])(?:[\w.-]+(?::\d+)?\/)?grafana\/alloy:([A-Za-z0-9_][A-Za-z0-9._-]{0,127})/g;
const ANSIBLE_VERSION = /^\s*-?\s*["']?alloy_version["']?\s*:\s*["']?([^\s"'#]+)["']?\s*(?:#.*)?$/;
const TERRAFORM_VERSION = /^\s*alloy_version\s*=\s*"([^"$]+)"\s*(?:#.*)?$/;
const TERRAFORM_VARIABLE = /variable\s+"alloy_version"\s*\{[^}]*?default\s*=\s*"([^"$]+)"/g;

/** The kind of file a name is, for version pins; undefined when it cannot pin one. */
function candidateKind(name: string): 'dockerfile' | 'yaml' | 'terraform' | undefined {
  if (/^(?:Dockerfile|Containerfile)(?:\..+)?$/.test(name) || name.endsWith('.dockerfile')) return 'dockerfile';
  if (/\.ya?ml$/i.test(name)) return 'yaml';
  if (/\.(?:tf|tfvars)$/.test(name)) return 'terraform';
  return undefined;
}

/** The repository root above `path`: the nearest directory with a `.git`; undefined outside a repository. */
export function repositoryRoot(path: string): string | undefined {
  for (let directory = resolve(path); ; directory = dirname(directory)) {
    if (existsSync(join(directory, '.git'))) return directory;
    if (dirname(directory) === directory) return undefined;
  }
}

/** The candidate files below `root`, breadth first, bounded. */
function candidateFiles(root: string, maxDepth: number, maxEntries: number): string[] {
  const files: string[] = [];
  let level = [root];
  let seen = 0;
  for (let depth = 0; depth <= maxDepth && level.length > 0; depth++) {
    const next: string[] = [];
    for (const directory of level) {
      let entries: Dirent[];
      try {
        entries = readdirSync(directory, { withFileTypes: true });
      } catch {
        continue;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const entry of entries) {
        if (++seen > maxEntries) return files;
        if (entry.isDirectory()) {
          if (!entry.name.startsWith('.') && !skippedDirectories.has(entry.name)) next.push(join(directory, entry.name));
        } else if (entry.isFile() && candidateKind(entry.name)) {
          files.push(join(directory, entry.name));
        }
      }
    }
    level = next;
  }
  return files;
}

interface RawPin {
  tag: string;
  kind: PinKind;
  line: number;
}

function isComposeFile(name: string): boolean {
  return /^(?:docker-)?compose(?:[.-].*)?\.ya?ml$/i.test(name);
}

/** `grafana/alloy:TAG` anywhere in the text (compose, manifests, Dockerfiles, Ansible, Terraform). */
function imagePins(text: string, kind: PinKind): RawPin[] {
  const pins: RawPin[] = [];
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (/^\s*#/.test(line)) return;
    if (kind === 'dockerfile' && !/^\s*FROM\s/i.test(line)) return;
    for (const match of line.matchAll(IMAGE)) pins.push({ tag: match[1]!, kind, line: index + 1 });
  });
  return pins;
}

/** A scalar of a YAML block mapping: its value (quotes removed) and line. */
interface YamlScalar {
  value: string;
  line: number;
}

/**
 * The scalars of a YAML file's block mappings by dotted key path (`image.tag`), first document
 * only. Enough for Helm values and Chart.yaml: flow collections, anchors and multi-line scalars
 * are not followed (a value written so is not a pin).
 */
function yamlScalars(text: string): Map<string, YamlScalar> {
  const scalars = new Map<string, YamlScalar>();
  const stack: { indent: number; key: string }[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.replace(/\r$/, '');
    if (/^---\s*$/.test(line) && index > 0) break;
    const match = /^(\s*)([A-Za-z0-9_.-]+|"[^"]*"|'[^']*')\s*:(?:\s+(.*?))?\s*$/.exec(line);
    if (!match || /^\s*#/.test(line)) continue;
    const indent = match[1]!.length;
    const key = match[2]!.replace(/^["']|["']$/g, '');
    while (stack.length > 0 && stack[stack.length - 1]!.indent >= indent) stack.pop();
    const path = [...stack.map((entry) => entry.key), key].join('.');
    const raw = (match[3] ?? '').replace(/\s+#.*$/, '');
    if (raw === '' || raw === '|' || raw === '>') {
      stack.push({ indent, key });
      continue;
    }
    const value = raw.replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
    if (!scalars.has(path)) scalars.set(path, { value, line: index + 1 });
  }
  return scalars;
}

const ALLOY_REPOSITORY = /(?:^|\/)grafana\/alloy$/;

/**
 * Helm values: `image.tag` where `image.repository` is grafana/alloy (or the values of an alloy
 * chart), and `alloy.image.tag` (the k8s-monitoring chart and others that wrap the alloy chart).
 */
function helmValuePins(scalars: Map<string, YamlScalar>, isAlloyChart: boolean): RawPin[] {
  const pins: RawPin[] = [];
  for (const [prefix, alloyScoped] of [['image', isAlloyChart], ['alloy.image', true]] as const) {
    const tag = scalars.get(`${prefix}.tag`);
    if (!tag || tag.value === '' || tag.value.includes('{{')) continue;
    const repository = scalars.get(`${prefix}.repository`)?.value ?? '';
    if (ALLOY_REPOSITORY.test(repository) || (alloyScoped && repository === '')) pins.push({ tag: tag.value, kind: 'helm-values', line: tag.line });
  }
  return pins;
}

/** The pins of one file. */
function pinsOf(file: string, text: string): RawPin[] {
  const name = basename(file);
  const kind = candidateKind(name);
  if (kind === 'dockerfile') return imagePins(text, 'dockerfile');
  if (kind === 'terraform') {
    const pins = imagePins(text, 'terraform');
    text.split('\n').forEach((line, index) => {
      const match = TERRAFORM_VERSION.exec(line);
      if (match) pins.push({ tag: match[1]!, kind: 'terraform', line: index + 1 });
    });
    for (const match of text.matchAll(TERRAFORM_VARIABLE)) {
      pins.push({ tag: match[1]!, kind: 'terraform', line: positionAt(text, match.index + match[0].lastIndexOf(match[1]!)).line });
    }
    return pins;
  }
  // YAML: compose files, Kubernetes manifests, Helm values and charts, Ansible variables.
  if (name === 'Chart.yaml' || name === 'Chart.yml') {
    const chart = yamlScalars(text);
    const appVersion = chart.get('appVersion');
    return chart.get('name')?.value === 'alloy' && appVersion ? [{ tag: appVersion.value, kind: 'chart', line: appVersion.line }] : [];
  }
  const pins = imagePins(text, isComposeFile(name) ? 'compose' : 'kubernetes');
  if (/^values.*\.ya?ml$/i.test(name) || name.endsWith('-values.yaml') || name.endsWith('-values.yml')) {
    const chartFile = ['Chart.yaml', 'Chart.yml'].map((chartName) => join(dirname(file), chartName)).find((path) => existsSync(path));
    const chartText = chartFile ? readRegularTextFile(chartFile, { maxBytes: 1024 * 1024 }) : undefined;
    const isAlloyChart = chartText?.ok === true && /^name:\s*["']?alloy["']?\s*$/m.test(chartText.text);
    pins.push(...helmValuePins(yamlScalars(text), isAlloyChart));
  }
  if (text.includes('alloy_version')) {
    text.split('\n').forEach((line, index) => {
      const match = ANSIBLE_VERSION.exec(line);
      // A templated value ({{ ... }}) is not a pin.
      if (match && !match[1]!.includes('{{')) pins.push({ tag: match[1]!, kind: 'ansible', line: index + 1 });
    });
  }
  return pins;
}

const cache = new Map<string, DetectedVersion>();

/**
 * The Alloy release a repository deploys, read from what pins it: compose files and Kubernetes
 * manifests (`image: grafana/alloy:v1.5.1`), Dockerfiles (`FROM grafana/alloy:…`), Helm values
 * (`image.tag` of grafana/alloy, `alloy.image.tag`), an alloy `Chart.yaml`'s `appVersion`, and
 * Ansible or Terraform `alloy_version` variables. `latest` is the newest release; a tag that names
 * no release is left out with a warning. Pins of different releases are a conflict: a warning naming
 * both places, and no version. The search covers `root` (default: the repository around
 * `path`, else `path`'s own directory), bounded; its result is kept per root.
 */
export function detectAlloyVersion(path: string, options: DetectOptions = {}): DetectedVersion {
  const absolute = resolve(path);
  const root = resolve(options.root ?? repositoryRoot(absolute) ?? (existsSync(absolute) && !/\.[^/\\]+$/.test(absolute) ? absolute : dirname(absolute)));
  const key = `${root}\0${options.maxDepth ?? ''}\0${options.maxEntries ?? ''}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const pins: VersionPin[] = [];
  const warnings: string[] = [];
  for (const file of candidateFiles(root, options.maxDepth ?? 4, options.maxEntries ?? 5000)) {
    const outcome = readRegularTextFile(file, { maxBytes: options.maxFileSize ?? 1024 * 1024 });
    // Only an alloy chart's values can pin the release without naming alloy.
    if (!outcome.ok || (!/alloy/i.test(outcome.text) && !/^values/i.test(basename(file)))) continue;
    const shown = relative(root, file).split(sep).join('/') || basename(file);
    for (const raw of pinsOf(file, outcome.text)) {
      const place = `${shown}:${raw.line}`;
      const version = resolveAlloyVersion(raw.tag);
      if (version === undefined) {
        warnings.push(`${place}: the Alloy image tag ${JSON.stringify(raw.tag)} names no known release; ignored`);
        continue;
      }
      pins.push({ version, tag: raw.tag, kind: raw.kind, file, line: raw.line, place });
    }
  }
  const result: DetectedVersion = { pins, warnings };
  const versions = [...new Set(pins.map((pin) => pin.version))].sort(compareAlloyVersions);
  if (versions.length === 1) {
    result.version = versions[0]!;
    result.source = pins[0]!.place;
  } else if (versions.length > 1) {
    const oldest = pins.find((pin) => pin.version === versions[0])!;
    const newest = pins.find((pin) => pin.version === versions[versions.length - 1])!;
    warnings.push(
      `conflicting Alloy versions: ${oldest.place} pins ${oldest.tag}, ${newest.place} pins ${newest.tag}; checking against the newest release (set "alloyVersion" in .alloy-lint.json to choose)`,
    );
  }
  cache.set(key, result);
  return result;
}

/** Forgets the detections kept so far (a long-running server whose repository files changed). */
export function clearDetectedVersions(): void {
  cache.clear();
}

/** The release a check targets, and where that came from. */
export interface AlloyVersionChoice {
  /** A minor release: `'1.5'`. */
  version: string;
  /** `--alloy-version`, `.alloy-lint.json:3`, `docker-compose.yml:12`, or `default` (the newest release). */
  source: string;
  origin: 'option' | 'config' | 'detected' | 'default';
  /** Conflicting pins, unknown tags: shown to the user, never fatal. */
  warnings: string[];
}

/**
 * The release to check `filePath` against: an explicit choice (a command-line option, an editor
 * setting) first, then the configuration's `alloyVersion`, then what the repository pins
 * (`detectAlloyVersion`), else the newest release.
 */
export function chooseAlloyVersion(
  filePath: string,
  options: { explicit?: { version: string; source: string }; config?: { alloyVersion?: string; alloyVersionLine?: number; file?: string }; detect?: false | DetectOptions } = {},
): AlloyVersionChoice {
  const explicit = options.explicit;
  if (explicit) {
    const version = resolveAlloyVersion(explicit.version);
    if (version !== undefined) return { version, source: explicit.source, origin: 'option', warnings: [] };
  }
  const config = options.config;
  if (config?.alloyVersion !== undefined) {
    const where = config.file === undefined ? 'config' : basename(config.file);
    return { version: config.alloyVersion, source: config.alloyVersionLine === undefined ? where : `${where}:${config.alloyVersionLine}`, origin: 'config', warnings: [] };
  }
  const newest = resolveAlloyVersion('latest')!;
  if (options.detect === false) return { version: newest, source: 'default', origin: 'default', warnings: [] };
  const detected = detectAlloyVersion(filePath, options.detect ?? {});
  if (detected.version !== undefined) return { version: detected.version, source: detected.source!, origin: 'detected', warnings: detected.warnings };
  return { version: newest, source: 'default', origin: 'default', warnings: detected.warnings };
}
