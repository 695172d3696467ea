/**
 * alloy-oracle: upstream Alloy's own parser and printer, built from ../shared/oracle (Go sources
 * and build.sh) into .tools/alloy-oracle/, once per version of those sources. Tests that use it
 * skip with a message where Go or ../shared is absent.
 */
import { spawnSync, execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, sharedDir } from './helpers.js';

export type OracleAvailability = { available: true; binary: string } | { available: false; reason: string };

/** One line of `alloy-oracle check`: upstream's verdict, diagnostics and formatted bytes of a file. */
export interface OracleCheck {
  file: string;
  ok: boolean;
  /** Upstream's order; `column` is 1-based and counted in UTF-8 bytes. */
  diags: { line: number; column: number; end_line: number; end_column: number; message: string }[];
  /** sha256 of what `alloy fmt` prints, "" when the file does not parse. */
  fmt_sha256: string;
}

const oracleSources = path.join(sharedDir, 'oracle');

/** Debian's Go (golang-1.19-go, or another /usr/lib/go-1.x), else `go` on PATH. */
function findGo(): string | null {
  const candidates = ['/usr/lib/go-1.19/bin/go'];
  if (existsSync('/usr/lib')) {
    for (const name of readdirSync('/usr/lib').sort().reverse()) {
      if (/^go-1\.\d+$/.test(name)) candidates.push(path.join('/usr/lib', name, 'bin', 'go'));
    }
  }
  for (const candidate of candidates) if (existsSync(candidate)) return candidate;
  const onPath = spawnSync('go', ['version'], { encoding: 'utf8' });
  return onPath.status === 0 ? 'go' : null;
}

/** A hash of every file of ../shared/oracle, so that new sources build a new binary. */
function sourcesHash(): string {
  const hash = createHash('sha256');
  const visit = (directory: string): void => {
    for (const name of readdirSync(directory).sort()) {
      const full = path.join(directory, name);
      if (statSync(full).isDirectory()) visit(full);
      else hash.update(path.relative(oracleSources, full)).update('\0').update(readFileSync(full)).update('\0');
    }
  };
  visit(oracleSources);
  return hash.digest('hex').slice(0, 16);
}

let memo: OracleAvailability | undefined;

/**
 * The oracle binary, built when this version of its sources has not been built yet. Several test
 * workers may build at once: each builds under its own temporary name and renames the result
 * into place (an atomic replace of an identical file). A failing build throws: with Go present,
 * that is a failure, not a reason to skip.
 */
export function alloyOracle(): OracleAvailability {
  if (memo) return memo;
  const buildScript = path.join(oracleSources, 'build.sh');
  if (!existsSync(buildScript)) return (memo = { available: false, reason: `${oracleSources} is absent` });
  const go = findGo();
  if (go === null) {
    return (memo = {
      available: false,
      reason: 'no Go toolchain (/usr/lib/go-1.19/bin/go or go on PATH); scripts/install-test-tools.sh installs golang-1.19-go',
    });
  }
  const cacheDir = path.join(repoRoot, '.tools', 'alloy-oracle');
  const binary = path.join(cacheDir, `alloy-oracle-${sourcesHash()}`);
  if (!existsSync(binary)) {
    mkdirSync(cacheDir, { recursive: true });
    const temporary = `${binary}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
    const goDir = path.dirname(go);
    const build = spawnSync('bash', [buildScript, temporary], {
      encoding: 'utf8',
      env: { ...process.env, PATH: go === 'go' ? process.env.PATH : `${goDir}:${process.env.PATH ?? ''}` },
      timeout: 600_000,
    });
    if (build.status !== 0 || !existsSync(temporary)) {
      rmSync(temporary, { force: true });
      throw new Error(`building alloy-oracle failed (status ${build.status}):\n${build.stderr}${build.stdout}`);
    }
    renameSync(temporary, binary);
  }
  return (memo = { available: true, binary });
}

/** `alloy-oracle check` over many files, a few hundred per process. */
export function oracleCheck(binary: string, files: readonly string[]): OracleCheck[] {
  const results: OracleCheck[] = [];
  const batch = 400;
  for (let index = 0; index < files.length; index += batch) {
    const output = execFileSync(binary, ['check', ...files.slice(index, index + batch)], { encoding: 'utf8', maxBuffer: 1 << 30 });
    for (const line of output.split('\n')) if (line.length > 0) results.push(JSON.parse(line) as OracleCheck);
  }
  if (results.length !== files.length) throw new Error(`alloy-oracle check answered ${results.length} of ${files.length} files`);
  return results;
}

/** What `alloy fmt FILE` prints, or null when upstream does not format it. */
export function oracleFormat(binary: string, file: string): string | null {
  const result = spawnSync(binary, ['fmt', file], { encoding: 'utf8', maxBuffer: 1 << 30 });
  return result.status === 0 ? result.stdout : null;
}
