// For each pair of consecutive releases, a sample of what the data says changed
// (components added or removed, top-level arguments added or removed, stability
// changes), checked on both sides against that release's own reference pages.
// The pages are read here with plain text searches, independent of the generator.
// The newest release is the committed data: v1.18.1's pages together with the later ones of
// component-docs (which the data also follows), so its side is read from both.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComponentSchema, StabilityLevel } from '../src/index.js';
import { ALLOY_VERSION, getComponent, listAlloyVersions, listComponents } from '../src/index.js';
import { hasSharedReference, packageRoot, referenceRoot } from './shared-reference.js';

const docsByVersion = path.join(referenceRoot, 'docs-by-version');
const hasArchives = hasSharedReference && fs.existsSync(docsByVersion);
if (hasSharedReference && !hasArchives) console.warn(`[schema tests] ${docsByVersion} not found: the per-release checks are skipped.`);

/**
 * Top-level arguments the 1.18 data has from upstream's Go struct tags, not from any page
 * (data/alloy-1.18-go-overrides.txt: `component > name: argument added`): no release documents them.
 */
const goAddedArguments = new Set(
  fs
    .readFileSync(path.join(packageRoot, 'data', `alloy-${ALLOY_VERSION}-go-overrides.txt`), 'utf8')
    .split('\n')
    .map((line) => /^([a-z][a-z0-9_.]*) > ([a-z0-9_]+): (?:argument added|block → argument)/.exec(line))
    .filter((match) => match !== null)
    .map((match) => `${match![1]}.${match![2]}`),
);

/** Minor -> directories holding `reference/components/...` (the first with a page wins). */
const docsRoots = new Map<string, string[]>();
let extracted: string | undefined;

/** The component pages below one docs root, by component name. */
function componentPages(root: string): Map<string, string> {
  const pages = new Map<string, string>();
  const visit = (directory: string): void => {
    for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.name.endsWith('.md') && entry.name !== '_index.md') pages.set(entry.name.slice(0, -3), full);
    }
  };
  visit(path.join(root, 'reference', 'components'));
  return pages;
}

const pageCache = new Map<string, Map<string, string>[]>();
/** The texts of a component's pages in a release: its own first, then the later docs' (newest release). */
function pageTexts(minor: string, component: string): string[] {
  let pages = pageCache.get(minor);
  if (!pages) {
    pages = docsRoots.get(minor)!.map((root) => componentPages(root));
    pageCache.set(minor, pages);
  }
  return pages.flatMap((byName) => {
    const file = byName.get(component);
    return file ? [fs.readFileSync(file, 'utf8')] : [];
  });
}

function pageText(minor: string, component: string): string | undefined {
  return pageTexts(minor, component)[0];
}

function introOf(text: string): string {
  const section = text.search(/^## /m);
  return section < 0 ? text : text.slice(0, section);
}

function documentsComponent(minor: string, component: string): boolean {
  return pageTexts(minor, component).some((text) => !introOf(text).includes(`\`${component}\` is removed`));
}

function argumentsSection(text: string): string {
  const start = text.search(/^## Arguments\s*$/m);
  if (start < 0) return '';
  const rest = text.slice(start + 1);
  const end = rest.search(/^## /m);
  return end < 0 ? rest : rest.slice(0, end);
}

function documentsArgument(minor: string, component: string, argument: string): boolean {
  const row = new RegExp(`^\\|?\\s*\`${argument}\`\\s*\\|`, 'm');
  return pageTexts(minor, component).some((text) => row.test(argumentsSection(text)));
}

function pageStability(minor: string, component: string): StabilityLevel | 'community' {
  const text = pageText(minor, component) ?? '';
  const include = /lookup="stability\/([a-z_]+)\.md"/.exec(introOf(text))?.[1];
  if (include === 'experimental') return 'experimental';
  if (include === 'public_preview') return 'public-preview';
  if (include === 'community') return 'community';
  const stage = /^\s*stage:\s*([a-z_-]+)/m.exec(text.slice(0, text.indexOf('\n---', 3)))?.[1];
  if (stage === 'experimental') return 'experimental';
  if (stage === 'public-preview' || stage === 'public_preview') return 'public-preview';
  return 'generally-available';
}

function byName(version: string): Map<string, ComponentSchema> {
  return new Map(listComponents({ version }).map((component) => [component.name, component]));
}

/** The first `count` names, in order: a deterministic sample. */
function sample(names: string[], count = 3): string[] {
  return [...names].sort().slice(0, count);
}

describe.skipIf(!hasArchives)('changes between consecutive releases, checked against each release’s docs', () => {
  beforeAll(() => {
    extracted = fs.mkdtempSync(path.join(os.tmpdir(), 'alloy-release-docs-'));
    for (const name of fs.readdirSync(docsByVersion).filter((file) => /^v\d+\.\d+\.\d+\.tar\.xz$/.test(file))) {
      const tag = name.replace(/\.tar\.xz$/, '');
      const minor = tag.replace(/^v(\d+)\.(\d+)\.\d+$/, '$1.$2');
      execFileSync('tar', ['-xJf', path.join(docsByVersion, name), '-C', extracted], { stdio: 'pipe' });
      docsRoots.set(minor, [path.join(extracted, tag, 'docs', 'sources')]);
    }
    docsRoots.get(ALLOY_VERSION)?.push(path.join(referenceRoot, 'component-docs'));
  }, 120_000);

  afterAll(() => {
    if (extracted) fs.rmSync(extracted, { recursive: true, force: true });
  });

  it('has the docs of every release', () => {
    expect([...docsRoots.keys()].sort()).toEqual([...listAlloyVersions()].sort());
  });

  it(`every component of v${ALLOY_VERSION}'s own pages is in the ${ALLOY_VERSION} data (prometheus.write.queue: deprecated since v1.14, still shipped)`, () => {
    const ownPages = new Set([...componentPages(docsRoots.get(ALLOY_VERSION)![0]!).keys()].filter((name) => /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/.test(name)));
    expect(ownPages.has('prometheus.write.queue')).toBe(true);
    expect(introOf(pageText(ALLOY_VERSION, 'prometheus.write.queue')!)).toContain('`prometheus.write.queue` is deprecated');
    const data = byName(ALLOY_VERSION);
    expect([...ownPages].filter((name) => documentsComponent(ALLOY_VERSION, name) && !data.has(name))).toEqual([]);
    expect(data.get('prometheus.write.queue')?.stability).toBe(pageStability(ALLOY_VERSION, 'prometheus.write.queue'));
  });

  const versions = listAlloyVersions();
  for (let index = 1; index < versions.length; index += 1) {
    const before = versions[index - 1]!;
    const after = versions[index]!;
    it(`${before} -> ${after}`, () => {
      const old = byName(before);
      const next = byName(after);
      const added = sample([...next.keys()].filter((name) => !old.has(name)));
      const removed = sample([...old.keys()].filter((name) => !next.has(name)));
      for (const name of added) {
        expect(documentsComponent(before, name), `${name} in ${before}`).toBe(false);
        expect(documentsComponent(after, name), `${name} in ${after}`).toBe(true);
      }
      for (const name of removed) {
        expect(documentsComponent(before, name), `${name} in ${before}`).toBe(true);
        expect(documentsComponent(after, name), `${name} in ${after}`).toBe(false);
      }

      const argumentChanges: Array<{ component: string; argument: string; addedIn: boolean }> = [];
      const stabilityChanges: string[] = [];
      for (const [name, component] of next) {
        const previous = old.get(name);
        if (!previous) continue;
        const previousNames = new Set(previous.arguments.map((argument) => argument.name));
        const nextNames = new Set(component.arguments.map((argument) => argument.name));
        // Only arguments the docs type (a name added from the converter goldens is typed `any` and has no row).
        for (const argument of component.arguments) {
          if (goAddedArguments.has(`${name}.${argument.name}`)) continue;
          if (!previousNames.has(argument.name) && argument.typeText !== 'any') argumentChanges.push({ component: name, argument: argument.name, addedIn: true });
        }
        for (const argument of previous.arguments) {
          if (!nextNames.has(argument.name) && argument.typeText !== 'any') argumentChanges.push({ component: name, argument: argument.name, addedIn: false });
        }
        if (component.stability !== previous.stability && !component.community) stabilityChanges.push(name);
      }
      const sampledArguments = argumentChanges
        .filter((change) => !old.get(change.component)?.open && !next.get(change.component)?.open)
        .sort((left, right) => `${left.component}.${left.argument}`.localeCompare(`${right.component}.${right.argument}`))
        .slice(0, 4);
      for (const change of sampledArguments) {
        const label = `${change.component}.${change.argument}`;
        expect(documentsArgument(before, change.component, change.argument), `${label} in ${before}`).toBe(!change.addedIn);
        expect(documentsArgument(after, change.component, change.argument), `${label} in ${after}`).toBe(change.addedIn);
      }
      for (const name of sample(stabilityChanges)) {
        expect(pageStability(before, name), `${name} in ${before}`).not.toBe(pageStability(after, name));
        // A community component has no level: the data marks it `community` and generally available.
        const documented = pageStability(before, name);
        const component = getComponent(name, { version: before });
        expect(component?.stability, `${name} in ${before}`).toBe(documented === 'community' ? 'generally-available' : documented);
        expect(component?.community === true, `${name} community in ${before}`).toBe(documented === 'community');
      }
      expect(added.length + removed.length + sampledArguments.length + stabilityChanges.length, 'something changed').toBeGreaterThan(0);
    });
  }
});
