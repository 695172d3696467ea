import { createRequire } from 'node:module';
import type { Ignore, Options } from 'ignore';

type IgnoreFactory = (options?: Options) => Ignore;

let factory: IgnoreFactory | undefined;

/** Called by the single-file build's entry, which contains the `ignore` package. */
export function useBundledIgnore(bundled: IgnoreFactory | { default: IgnoreFactory }): void {
  factory = typeof bundled === 'function' ? bundled : bundled.default;
}

/**
 * A `.gitignore` matcher from the `ignore` package, loaded on first use and
 * through `require`: importing this CommonJS package as ESM costs several
 * times more start-up time, and most runs (one file from pre-commit) never
 * need it.
 */
export function createIgnoreMatcher(patterns: string | readonly string[]): Ignore {
  if (!factory) {
    const loaded = createRequire(import.meta.url)('ignore') as IgnoreFactory | { default: IgnoreFactory };
    factory = typeof loaded === 'function' ? loaded : loaded.default;
  }
  return factory().add(patterns as string | string[]);
}

export type { Ignore };
