// Types of alloy-oracle.mjs, for the TypeScript tests that use it.
export declare const repoRoot: string;
export declare const sharedDir: string;
export declare function goVersion(): string | null;
export type OracleLookup =
  | { available: true; binary: string; built: boolean }
  | { available: false; failure: 'absent' | 'no-go' | 'build-failed'; reason: string };
export declare function findOracle(): OracleLookup;
export declare function writeInputs(
  prefix: string,
  texts: readonly (string | Uint8Array)[],
): { files: string[]; bytes: number; remove: () => void };
export declare function oracleVerdict(
  binary: string,
  files: readonly string[],
): { ok: true; hashes: string[] } | { ok: false; error: string };
export declare function oracleBench(
  binary: string,
  runs: number,
  files: readonly string[],
  expectedBytes: number,
): { ok: true; parse: number; parseAndFormat: number } | { ok: false; error: string };
