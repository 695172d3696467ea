// The reference docs of every minor release (alloy-reference/docs-by-version/vX.Y.Z.tar.xz):
// listing, extraction to a temporary directory, and the facts that COMPONENTS.tsv gives
// for the newest release only (which pages are components, their stability, whether a
// page marks its component deprecated or removed), read from each release's own pages.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { indexDocument, readFrontMatter } from './markdown.mjs';

/** `1.5` for `v1.5.1`. */
export function minorOf(tag) {
  const match = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(tag);
  if (!match) throw new Error(`not a release tag: ${tag}`);
  return `${Number(match[1])}.${Number(match[2])}`;
}

/** Orders `1.9` before `1.10`. */
export function compareMinors(left, right) {
  const [leftMajor, leftMinor] = left.split('.').map(Number);
  const [rightMajor, rightMinor] = right.split('.').map(Number);
  return leftMajor - rightMajor || leftMinor - rightMinor;
}

/** The archived releases, oldest first: `{ tag: 'v1.5.1', minor: '1.5', archive }`. */
export function listReleaseArchives(docsByVersionRoot) {
  if (!fs.existsSync(docsByVersionRoot)) return [];
  return fs
    .readdirSync(docsByVersionRoot)
    .filter((name) => /^v\d+\.\d+\.\d+\.tar\.xz$/.test(name))
    .map((name) => {
      const tag = name.replace(/\.tar\.xz$/, '');
      return { tag, minor: minorOf(tag), archive: path.join(docsByVersionRoot, name) };
    })
    .sort((left, right) => compareMinors(left.minor, right.minor));
}

/** SHA-256 over the names and bytes of the given files, in the given order. */
export function digestOfFiles(files) {
  const hash = crypto.createHash('sha256');
  for (const file of files) {
    hash.update(`${path.basename(file)}\0`);
    hash.update(fs.readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Every file below `root`, sorted (for the input digest). */
export function filesBelow(root) {
  const result = [];
  const visit = (directory) => {
    for (const entry of fs.readdirSync(directory, { withFileTypes: true }).sort((left, right) => (left.name < right.name ? -1 : 1))) {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.isFile()) result.push(full);
    }
  };
  if (fs.existsSync(root)) visit(root);
  return result;
}

/**
 * Unpacks every archive into one temporary directory and returns, per release, a
 * docs root shaped like `component-docs/` (`reference/` and `shared/`). The archives
 * hold `docs/sources/reference/` only, so `shared/` links to the newest release's
 * fragments (`component-docs/shared`): the facts of a shared fragment (the
 * `tls_config` block, ...) are the newest release's in every release.
 * Call `cleanup()` when done.
 */
export function extractReleases(archives, sharedFragmentsRoot) {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'alloy-docs-by-version-'));
  const releases = [];
  try {
    for (const release of archives) {
      execFileSync('tar', ['-xJf', release.archive, '-C', directory], { stdio: 'pipe' });
      const docsRoot = path.join(directory, release.tag, 'docs', 'sources');
      if (!fs.existsSync(path.join(docsRoot, 'reference'))) throw new Error(`${release.archive}: no docs/sources/reference inside`);
      fs.symlinkSync(sharedFragmentsRoot, path.join(docsRoot, 'shared'));
      releases.push({ ...release, docsRoot });
    }
  } catch (error) {
    fs.rmSync(directory, { recursive: true, force: true });
    throw error;
  }
  return { releases, cleanup: () => fs.rmSync(directory, { recursive: true, force: true }) };
}

const STABILITY_FROM_STAGE = new Map([
  ['general-availability', 'generally-available'],
  ['generally-available', 'generally-available'],
  ['public-preview', 'public-preview'],
  ['public_preview', 'public-preview'],
  ['experimental', 'experimental'],
]);

const STABILITY_FROM_INCLUDE = new Map([
  ['experimental', 'experimental'],
  ['public_preview', 'public-preview'],
  ['community', 'community'],
]);

/**
 * What a component page says about the component itself in one release: its
 * stability (front matter `stage`, else the stability admonition above the first
 * section; generally available when neither is there), whether it is community,
 * deprecated or removed (the warning above the first section).
 */
export function componentPageFacts(text) {
  const stage = readFrontMatter(text).stage;
  const document = indexDocument(text);
  const firstSection = document.headings.find((heading) => heading.level === 2);
  const intro = document.lines.slice(0, firstSection ? firstSection.line : document.lines.length).join('\n');
  const include = /docs\/shared\s+lookup="stability\/([a-z_]+)\.md"/.exec(intro)?.[1];
  const fromInclude = include ? STABILITY_FROM_INCLUDE.get(include) : undefined;
  const community = fromInclude === 'community';
  let stability = community ? 'generally-available' : (fromInclude ?? STABILITY_FROM_STAGE.get(stage ?? '') ?? 'generally-available');
  if (!fromInclude && stage && !STABILITY_FROM_STAGE.has(stage)) stability = 'generally-available';
  const name = /^#\s+`?([a-z0-9_.]+)`?\s*$/m.exec(intro)?.[1];
  const removed = name !== undefined && new RegExp(`\`${name.replace(/\./g, '\\.')}\` (?:is|has been) removed`).test(intro);
  const deprecated = !removed && /\b(?:has been|is) deprecated\b/.test(intro);
  return { stability, community, deprecated, removed };
}

/**
 * The component pages of one release: `reference/components/<name>.md` (v1.0 … v1.4)
 * or `reference/components/<namespace>/<name>.md`, without the index pages and
 * without the pages of removed components.
 */
export function componentEntriesOf(docsRoot, goExportsByName) {
  const componentsRoot = path.join(docsRoot, 'reference', 'components');
  const entries = [];
  for (const file of filesBelow(componentsRoot)) {
    const base = path.basename(file, '.md');
    if (!file.endsWith('.md') || base === '_index' || !/^[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+$/.test(base)) continue;
    const facts = componentPageFacts(fs.readFileSync(file, 'utf8'));
    if (facts.removed) continue;
    entries.push({
      name: base,
      namespace: base.split('.')[0],
      stability: facts.stability,
      community: facts.community,
      deprecated: facts.deprecated,
      docPath: `docs/sources/${path.relative(docsRoot, file).split(path.sep).join('/')}`,
      goExports: goExportsByName.get(base) ?? '',
    });
  }
  return entries.sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0));
}

/**
 * The stdlib names one release documents: page titles (`# coalesce`, v1.0 … v1.3)
 * and the functions of a namespace page (`# string` > `## string.format`; `# convert`
 * > `## nonsensitive` is `convert.nonsensitive`). v1.4's `strings.trim_space` is read
 * as `string.trim_space`.
 */
export function stdlibNamesOf(docsRoot) {
  const directory = path.join(docsRoot, 'reference', 'stdlib');
  const names = new Set();
  for (const file of filesBelow(directory)) {
    if (!file.endsWith('.md') || path.basename(file) === '_index.md') continue;
    const document = indexDocument(fs.readFileSync(file, 'utf8'));
    let namespace;
    for (const heading of document.headings) {
      const name = heading.text.replace(/`/g, '').trim();
      if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) || /^examples?$/i.test(name) || /^specification/i.test(name)) continue;
      if (heading.level === 1) {
        namespace = name;
        names.add(name);
      } else if (heading.level === 2 && namespace) {
        names.add((name.includes('.') ? name : `${namespace}.${name}`).replace(/^strings\./, 'string.'));
      }
    }
  }
  return names;
}
