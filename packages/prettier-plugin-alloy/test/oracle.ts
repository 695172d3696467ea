/**
 * alloy-oracle: upstream Alloy's own parser and printer, built from ../shared/oracle (Go sources
 * and build.sh) into .tools/alloy-oracle/, once per version of those sources. Tests that use it
 * skip with a message where Go or ../shared is absent.
 */
import { spawnSync, execFileSync } from 'node:child_process';
import { findOracle } from '../../../scripts/alloy-oracle.mjs';

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

let memo: OracleAvailability | undefined;

/**
 * The oracle binary, built by scripts/alloy-oracle.mjs (shared with the benchmarks) when this
 * version of its sources has not been built yet. A failing build throws: with Go present, that is
 * a failure, not a reason to skip.
 */
export function alloyOracle(): OracleAvailability {
  if (memo) return memo;
  const lookup = findOracle();
  if (lookup.available) return (memo = { available: true, binary: lookup.binary });
  if (lookup.failure === 'build-failed') throw new Error(lookup.reason);
  return (memo = { available: false, reason: lookup.reason });
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
