/**
 * alloy-oracle: upstream Alloy's own parser and printer, built from ../shared/oracle (Go sources
 * and build.sh) into .tools/alloy-oracle/alloy-oracle-<hash>, once per version of those sources,
 * for the benchmarks and the tests (packages/prettier-plugin-alloy/test/oracle.ts). Several
 * processes may build at once: each builds under its own temporary name and renames the result
 * into place. Nothing of ../shared is copied into the project.
 *
 * Nothing here throws: a missing, unbuildable or failing oracle is reported in the result, so the
 * benchmarks go on with our own figures; the tests' helper turns a failed build into a failure.
 */
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const sharedDir = path.resolve(repoRoot, '../shared');
const oracleSources = path.join(sharedDir, 'oracle');

/** Debian's Go (golang-1.19-go, or another /usr/lib/go-1.x), else `go` on PATH. */
function findGo() {
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

/** `go version` of the toolchain the oracle is built with, or null. */
export function goVersion() {
  const go = findGo();
  if (go === null) return null;
  const result = spawnSync(go, ['version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

/** A hash of every file of ../shared/oracle, so that new sources build a new binary (as the tests compute it). */
function sourcesHash() {
  const hash = createHash('sha256');
  const visit = (directory) => {
    for (const name of readdirSync(directory).sort()) {
      const full = path.join(directory, name);
      if (statSync(full).isDirectory()) visit(full);
      else hash.update(path.relative(oracleSources, full)).update('\0').update(readFileSync(full)).update('\0');
    }
  };
  visit(oracleSources);
  return hash.digest('hex').slice(0, 16);
}

/**
 * The oracle binary: `{ available: true, binary, built }`, building it when Go is present and this
 * version of the sources has not been built yet; or `{ available: false, failure, reason }` where
 * failure is 'absent' (no ../shared/oracle), 'no-go' or 'build-failed'.
 */
export function findOracle() {
  const buildScript = path.join(oracleSources, 'build.sh');
  if (!existsSync(buildScript)) return { available: false, failure: 'absent', reason: `${oracleSources} is absent, so upstream's parser and printer cannot be built` };
  const cacheDir = path.join(repoRoot, '.tools', 'alloy-oracle');
  const binary = path.join(cacheDir, `alloy-oracle-${sourcesHash()}`);
  if (existsSync(binary)) return { available: true, binary, built: false };
  const go = findGo();
  if (go === null) {
    return {
      available: false,
      failure: 'no-go',
      reason: 'no Go toolchain (/usr/lib/go-1.19/bin/go or go on PATH; scripts/install-test-tools.sh installs golang-1.19-go) and no oracle built before',
    };
  }
  mkdirSync(cacheDir, { recursive: true });
  const temporary = `${binary}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  const build = spawnSync('bash', [buildScript, temporary], {
    encoding: 'utf8',
    env: { ...process.env, PATH: go === 'go' ? process.env.PATH : `${path.dirname(go)}:${process.env.PATH ?? ''}` },
    timeout: 600_000,
  });
  if (build.status !== 0 || !existsSync(temporary)) {
    rmSync(temporary, { force: true });
    return { available: false, failure: 'build-failed', reason: `building alloy-oracle failed (status ${build.status}): ${`${build.stderr ?? ''}${build.stdout ?? ''}`.trim().slice(0, 2000)}` };
  }
  renameSync(temporary, binary);
  return { available: true, binary, built: true };
}

/**
 * Writes `texts` (strings or buffers) as files of a new temporary directory, in order; returns
 * the paths, their total size in bytes and a function that removes the directory.
 */
export function writeInputs(prefix, texts) {
  const directory = mkdtempSync(path.join(tmpdir(), `${prefix}-`));
  const width = String(texts.length).length;
  let bytes = 0;
  const files = texts.map((text, index) => {
    const file = path.join(directory, `${String(index).padStart(width, '0')}.alloy`);
    const buffer = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
    writeFileSync(file, buffer);
    bytes += buffer.length;
    return file;
  });
  return { files, bytes, remove: () => rmSync(directory, { recursive: true, force: true }) };
}

/**
 * Upstream's verdict on the inputs (`alloy-oracle check`): `{ ok: true, hashes }` (the sha256 of
 * what `alloy fmt` prints for each file, in order) when every file parses and formats, else
 * `{ ok: false, error }` naming the first file that does not. Its bench does not
 * check, and timing a parse that stops at the first error would flatter upstream.
 */
export function oracleVerdict(binary, files) {
  const batch = 400;
  const hashes = [];
  for (let index = 0; index < files.length; index += batch) {
    const result = spawnSync(binary, ['check', ...files.slice(index, index + batch)], { encoding: 'utf8', maxBuffer: 1 << 30 });
    if (result.error || result.status !== 0) {
      return { ok: false, error: `alloy-oracle check failed (${result.error?.message ?? `status ${result.status}`}): ${(result.stderr ?? '').trim().slice(0, 500)}` };
    }
    const lines = result.stdout.split('\n').filter((line) => line.trim().length > 0);
    if (lines.length !== Math.min(batch, files.length - index)) {
      return { ok: false, error: `alloy-oracle check answered ${lines.length} of ${Math.min(batch, files.length - index)} files` };
    }
    for (const line of lines) {
      let answer;
      try {
        answer = JSON.parse(line);
      } catch {
        return { ok: false, error: `alloy-oracle check printed a line that is not JSON: ${line.slice(0, 200)}` };
      }
      if (answer.ok !== true || !answer.fmt_sha256) {
        const first = answer.diags?.[0];
        return {
          ok: false,
          error: `upstream does not parse or format ${answer.file}${first ? `: ${first.line}:${first.column}: ${first.message}` : ''}`,
        };
      }
      hashes.push(answer.fmt_sha256);
    }
  }
  return { ok: true, hashes };
}

/**
 * One `alloy-oracle bench N FILE...` run: upstream parses all files N times, then parses and
 * formats them N times, and prints one JSON line with the best MB/s (MB = 10^6 bytes) of each:
 *   {"bytes":2756,"parse_mb_s":55.6,"parse_and_format_mb_s":9.2}
 * It exits 0 even when a file cannot be read (bytes 0) or N is not a number (rates 0), so the
 * line is checked: `bytes` must be the inputs' size and both rates positive. Returns
 * `{ ok: true, parse, parseAndFormat }` in bytes per second, or `{ ok: false, error }`.
 */
export function oracleBench(binary, runs, files, expectedBytes) {
  const result = spawnSync(binary, ['bench', String(runs), ...files], { encoding: 'utf8', maxBuffer: 1 << 24, timeout: 600_000 });
  if (result.error) return { ok: false, error: `alloy-oracle bench could not run: ${result.error.message}` };
  if (result.status !== 0) {
    return { ok: false, error: `alloy-oracle bench exited with ${result.status ?? result.signal}: ${(result.stderr ?? '').trim().slice(0, 500)}` };
  }
  const line = result.stdout
    .split('\n')
    .map((text) => text.trim())
    .find((text) => text.startsWith('{') && text.endsWith('}'));
  if (line === undefined) return { ok: false, error: `alloy-oracle bench printed no JSON line: ${JSON.stringify(result.stdout.slice(0, 200))}` };
  let answer;
  try {
    answer = JSON.parse(line);
  } catch (error) {
    return { ok: false, error: `alloy-oracle bench printed ${JSON.stringify(line)}: ${error.message}` };
  }
  const parse = Number(answer.parse_mb_s);
  const parseAndFormat = Number(answer.parse_and_format_mb_s);
  if (answer.bytes !== expectedBytes) {
    return { ok: false, error: `alloy-oracle bench read ${answer.bytes} bytes, not the ${expectedBytes} of its inputs` };
  }
  if (!(Number.isFinite(parse) && parse > 0 && Number.isFinite(parseAndFormat) && parseAndFormat > 0)) {
    return { ok: false, error: `alloy-oracle bench printed no usable rates: ${line}` };
  }
  return { ok: true, parse: parse * 1e6, parseAndFormat: parseAndFormat * 1e6 };
}
