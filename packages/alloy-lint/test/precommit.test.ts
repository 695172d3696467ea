import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { checkerBuilt, cliBuilt, cliPath, fixturesDir, formatterBuilt, makeTempDir, noteSkip, repoRoot, syntaxBuilt } from './helpers.js';

const preCommitAvailable = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;
const gitAvailable = spawnSync('git', ['--version']).status === 0;
const pythonAvailable = spawnSync('python3', ['--version']).status === 0;
const ready = cliBuilt && syntaxBuilt && checkerBuilt && formatterBuilt;

interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  files: string;
  require_serial?: boolean;
}

/** The hooks of .pre-commit-hooks.yaml, in their order. */
function publishedHooks(): Map<string, Hook> {
  const document: unknown = parse(readFileSync(join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8'));
  if (!Array.isArray(document)) throw new Error('.pre-commit-hooks.yaml is not a list');
  const hooks = new Map<string, Hook>();
  for (const hook of document as Hook[]) hooks.set(hook.id, hook);
  return hooks;
}

/** The alloy-fmt, alloy-fmt-yaml and alloy-lint hooks of .pre-commit-hooks.yaml, as local system hooks running the built CLI (no network). */
function localHooksConfig(): string {
  const published = publishedHooks();
  const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(cliPath)}`;
  const hooks = ['alloy-fmt', 'alloy-fmt-yaml', 'alloy-lint'].map((id) => {
    const hook = published.get(id)!;
    return { id, name: hook.name, entry: hook.entry.replace(/^alloy-lint/, command), language: 'system', files: hook.files };
  });
  return stringify({ repos: [{ repo: 'local', hooks }] });
}

// File names each hook must take or leave, matched as pre-commit matches `files` (Python's
// re.search on the path relative to the repository root).
const hookFileCases: Record<string, { accepts: string[]; refuses: string[] }> = (() => {
  const alloy = ['config.alloy', 'deploy/alloy/config.alloy', 'modules/shared/writers.alloy', 'agent/flow.river'];
  const templates = [
    'roles/alloy/templates/config.alloy.j2',
    'templates/config.alloy.jinja',
    'templates/config.alloy.jinja2',
    'helm/files/config.alloy.tmpl',
    'config.alloy.gotmpl',
    'terraform/templates/config.alloy.tftpl',
  ];
  const yaml = ['values.yaml', 'charts/alloy/values.yml', 'k8s/configmap.yaml', 'deploy/manifests.yaml', '.github/workflows/ci.yml'];
  const neither = [
    'config.alloy.bak',
    'config.alloyx',
    'alloy',
    'config.j2',
    'config.alloy.jinja3',
    'config.alloy.j2.orig',
    'config.alloy.md',
    'README.md',
    'values.yaml.bak',
    'values.yaml.j2',
    'Chart.lock',
    'config.yamlx',
  ];
  return {
    'alloy-lint': { accepts: [...alloy, ...templates], refuses: [...yaml, ...neither] },
    'alloy-lint-yaml': { accepts: yaml, refuses: [...alloy, ...templates, ...neither] },
    'alloy-fmt': { accepts: alloy, refuses: [...templates, ...yaml, ...neither] },
    'alloy-fmt-yaml': { accepts: yaml, refuses: [...alloy, ...templates, ...neither] },
  };
})();
const sampleNames = [...new Set(Object.values(hookFileCases).flatMap((cases) => [...cases.accepts, ...cases.refuses]))];

describe('.pre-commit-hooks.yaml', () => {
  it('declares alloy-lint and alloy-fmt, and their YAML variants', () => {
    const hooks = publishedHooks();
    expect([...hooks.keys()]).toEqual(['alloy-lint', 'alloy-lint-yaml', 'alloy-fmt', 'alloy-fmt-yaml']);
    const summary = Object.fromEntries(
      [...hooks].map(([id, hook]) => [id, { entry: hook.entry, language: hook.language, files: hook.files, serial: hook.require_serial ?? false }]),
    );
    expect(summary).toEqual({
      // Serial: the files of one directory are one configuration, so alloy-lint sees them in one run.
      'alloy-lint': { entry: 'alloy-lint', language: 'node', files: '\\.(alloy|river)$|\\.alloy\\.(j2|jinja2?|tmpl|gotmpl|tftpl)$', serial: true },
      'alloy-lint-yaml': { entry: 'alloy-lint', language: 'node', files: '\\.ya?ml$', serial: true },
      'alloy-fmt': { entry: 'alloy-lint fmt -w', language: 'node', files: '\\.(alloy|river)$', serial: false },
      'alloy-fmt-yaml': { entry: 'alloy-lint fmt -w', language: 'node', files: '\\.ya?ml$', serial: false },
    });
  });

  it.each(Object.keys(hookFileCases))('the files pattern of %s takes its file kinds and nothing else', (id) => {
    const pattern = new RegExp(publishedHooks().get(id)!.files);
    const cases = hookFileCases[id]!;
    expect(cases.accepts.filter((name) => !pattern.test(name))).toEqual([]);
    expect(cases.refuses.filter((name) => pattern.test(name))).toEqual([]);
  });

  it.skipIf(noteSkip(!pythonAvailable, 'python3 is not installed'))('Python re.search, as pre-commit matches files, takes the same names', () => {
    const patterns = Object.fromEntries([...publishedHooks()].map(([id, hook]) => [id, hook.files]));
    const script = 'import json, re, sys\nd = json.load(sys.stdin)\nprint(json.dumps({i: [n for n in d["names"] if re.search(p, n)] for i, p in d["patterns"].items()}))';
    const result = spawnSync('python3', ['-c', script], { input: JSON.stringify({ names: sampleNames, patterns }), encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    const matched = JSON.parse(result.stdout) as Record<string, string[]>;
    expect(Object.fromEntries(Object.entries(matched).map(([id, names]) => [id, names.sort()]))).toEqual(
      Object.fromEntries(Object.entries(hookFileCases).map(([id, cases]) => [id, [...cases.accepts].sort()])),
    );
  });

  it('takes no name in both lint hooks or both fmt hooks, so that nothing is checked twice', () => {
    const hooks = publishedHooks();
    for (const [first, second] of [['alloy-lint', 'alloy-lint-yaml'], ['alloy-fmt', 'alloy-fmt-yaml']] as const) {
      const a = new RegExp(hooks.get(first)!.files);
      const b = new RegExp(hooks.get(second)!.files);
      expect(sampleNames.filter((name) => a.test(name) && b.test(name)), `${first} and ${second}`).toEqual([]);
    }
  });

  it.skipIf(noteSkip(!preCommitAvailable, 'pre-commit is not installed (scripts/install-test-tools.sh installs it)'))(
    'is accepted by pre-commit itself',
    () => {
      const result = spawnSync('pre-commit', ['validate-manifest', join(repoRoot, '.pre-commit-hooks.yaml')], { encoding: 'utf8' });
      expect(result.stderr + result.stdout).toBe('');
      expect(result.status).toBe(0);
    },
  );
});

/**
 * A git repository holding this repository's files as they are in the working tree (tracked files
 * and new ones that are not ignored), committed: what a clone at some revision holds.
 */
type Git = (cwd: string, ...args: string[]) => { status: number | null; stdout: string; stderr: string };

function snapshotOfThisRepository(target: string, git: Git): string {
  const listed = git(repoRoot, 'ls-files', '-z', '--cached', '--others', '--exclude-standard');
  expect(listed.status, listed.stderr).toBe(0);
  mkdirSync(target, { recursive: true });
  for (const file of listed.stdout.split('\0')) {
    const source = join(repoRoot, file);
    if (file === '' || !existsSync(source) || !lstatSync(source).isFile()) continue; // deleted in the working tree
    mkdirSync(dirname(join(target, file)), { recursive: true });
    copyFileSync(source, join(target, file));
  }
  for (const args of [['init', '-q', '-b', 'main'], ['add', '-A'], ['commit', '-q', '--no-verify', '-m', 'snapshot']]) {
    const result = git(target, ...args);
    expect(result.status, result.stderr).toBe(0);
  }
  return git(target, 'rev-parse', 'HEAD').stdout.trim();
}

/** The three commits of the end-to-end scenario, in a repository set up by `setUp` (its .pre-commit-config.yaml). */
function endToEnd(title: string, skip: boolean, setUp: (temp: string, git: Git) => string): void {
  describe.skipIf(skip)(title, () => {
    let temp: ReturnType<typeof makeTempDir>;
    const env = (): NodeJS.ProcessEnv => {
      // As from a user's shell: no npm or pnpm settings of the process running the tests.
      const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(npm|pnpm)_/i.test(name)));
      return {
        ...clean,
        PRE_COMMIT_HOME: join(temp.path, 'pre-commit-cache'),
        GIT_AUTHOR_NAME: 'Test',
        GIT_AUTHOR_EMAIL: 'test@example.org',
        GIT_COMMITTER_NAME: 'Test',
        GIT_COMMITTER_EMAIL: 'test@example.org',
        NO_COLOR: '1',
      };
    };
    const gitIn: Git = (cwd, ...args) => spawnSync('git', args, { cwd, env: env(), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const repo = (): string => join(temp.path, 'repo');
    const git = (...args: string[]) => gitIn(repo(), ...args);

    beforeAll(() => {
      temp = makeTempDir();
      mkdirSync(repo());
      expect(git('init', '-q', '-b', 'main').status).toBe(0);
      writeFileSync(join(repo(), '.pre-commit-config.yaml'), setUp(temp.path, gitIn));
      expect(git('add', '.pre-commit-config.yaml').status).toBe(0);
      expect(git('commit', '-q', '--no-verify', '-m', 'hooks').status).toBe(0);
      const install = spawnSync('pre-commit', ['install'], { cwd: repo(), env: env(), encoding: 'utf8' });
      expect(install.status, install.stderr).toBe(0);
      // Sets up the hooks' environments now (for a remote repository: npm install, pack, install -g).
      const environments = spawnSync('pre-commit', ['install-hooks'], { cwd: repo(), env: env(), encoding: 'utf8' });
      expect(environments.status, environments.stdout + environments.stderr).toBe(0);
    }, 600_000);
    afterAll(() => temp.remove());

    it('refuses a commit with a broken configuration', () => {
      writeFileSync(join(repo(), 'broken.alloy'), readFileSync(join(fixturesDir, 'project/errors/config.alloy')));
      git('add', 'broken.alloy');
      const commit = git('commit', '-m', 'broken');
      expect(commit.status).not.toBe(0);
      expect(commit.stdout + commit.stderr).toMatch(/alloy-lint\.+Failed/);
      expect(commit.stdout + commit.stderr).toContain("illegal character U+0023 '#'");
      expect(git('log', '--format=%s').stdout.trim().split('\n')).toEqual(['hooks']);
      git('rm', '-q', '--cached', 'broken.alloy');
    });

    it('accepts a commit with a good configuration', () => {
      writeFileSync(join(repo(), 'good.alloy'), readFileSync(join(fixturesDir, 'project/valid/config.alloy')));
      git('add', 'good.alloy');
      const commit = git('commit', '-m', 'good');
      expect(commit.stdout + commit.stderr).toMatch(/alloy-lint\.+Passed/);
      expect(commit.status, commit.stdout + commit.stderr).toBe(0);
      expect(git('log', '-1', '--format=%s').stdout.trim()).toBe('good');
    });

    it('alloy-fmt formats the staged file; the commit goes through once the change is staged', () => {
      const messy = readFileSync(join(fixturesDir, 'project/unformatted/config.alloy'), 'utf8');
      writeFileSync(join(repo(), 'messy.alloy'), messy);
      git('add', 'messy.alloy');
      const first = git('commit', '-m', 'messy');
      expect(first.status).not.toBe(0);
      expect(first.stdout + first.stderr).toMatch(/alloy fmt\.+Failed/);
      expect(first.stdout + first.stderr).toContain('files were modified by this hook');
      expect(readFileSync(join(repo(), 'messy.alloy'), 'utf8')).not.toBe(messy);
      const check = spawnSync(process.execPath, [cliPath, 'fmt', '-t', 'messy.alloy'], { cwd: repo(), encoding: 'utf8' });
      expect(check.status).toBe(0);
      git('add', 'messy.alloy');
      const second = git('commit', '-m', 'messy, formatted');
      expect(second.status, second.stdout + second.stderr).toBe(0);
    });

    it('alloy-fmt-yaml formats the Alloy of Helm values around their {{ }} tags, then passes them', () => {
      const values = [
        'alloy:',
        '  configMap:',
        '    content: |',
        '      logging {',
        '      level = {{ .Values.logLevel | quote }}',
        '      }',
        '      {{- if .Values.remoteWrite }}',
        '      prometheus.remote_write "default" {',
        '        endpoint {',
        '            url = "{{ .Values.remoteWrite.url }}"',
        '        }',
        '      }',
        '      {{- end }}',
        '',
      ].join('\n');
      writeFileSync(join(repo(), 'values.yaml'), values);
      git('add', 'values.yaml');
      const first = git('commit', '-m', 'values');
      expect(first.status).not.toBe(0);
      expect(first.stdout + first.stderr).toMatch(/alloy fmt \(YAML\)\.+Failed/);
      expect(first.stdout + first.stderr).toContain('files were modified by this hook');
      const formatted = readFileSync(join(repo(), 'values.yaml'), 'utf8');
      expect(formatted).toBe(values.replace('      level = {{', '        level = {{').replace('            url = "{{', '          url = "{{'));
      git('add', 'values.yaml');
      const second = git('commit', '-m', 'values, formatted');
      expect(second.stdout + second.stderr).toMatch(/alloy fmt \(YAML\)\.+Passed/);
      expect(second.status, second.stdout + second.stderr).toBe(0);
    });
  });
}

// As users set it up: this repository as `repo:` at a revision. pre-commit installs it with npm
// (`npm install` in the clone, whose postinstall bundles the CLI from the sources, `npm pack`,
// `npm install -g`), so this needs the npm registry.
endToEnd(
  'pre-commit end to end, hooks from a clone of this repository (needs the npm registry)',
  noteSkip(!preCommitAvailable || !gitAvailable, 'needs pre-commit and git') ||
    noteSkip(!existsSync(join(repoRoot, '.git')), 'the repository is not a git checkout'),
  (temp, git) => {
    const hooksRepository = join(temp, 'alloy-toolkit');
    const revision = snapshotOfThisRepository(hooksRepository, git);
    return ['repos:', `  - repo: ${JSON.stringify(hooksRepository)}`, `    rev: ${revision}`, '    hooks:', '      - id: alloy-fmt', '      - id: alloy-fmt-yaml', '      - id: alloy-lint', ''].join('\n');
  },
);

// The same hooks as `repo: local` system hooks running the built CLI (no network).
endToEnd(
  'pre-commit end to end, local hooks',
  noteSkip(!preCommitAvailable || !gitAvailable || !ready, 'needs pre-commit, git and the built packages (CLI, syntax, checker, formatter)'),
  () => localHooksConfig(),
);
