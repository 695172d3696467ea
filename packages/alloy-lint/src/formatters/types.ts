import type { RuleInfo } from '../engine.js';
import type { FileReport } from '../lint.js';

export interface FormatContext {
  cwd: string;
  /** Emit ANSI colours (stylish only). */
  color: boolean;
  /** Show a code frame under each problem (stylish only). */
  verbose: boolean;
  /** Rule metadata by code (checker rules and alloy-lint's own), for rule help links. */
  rules: ReadonlyMap<string, RuleInfo>;
  /** alloy-lint's version, for tool metadata. */
  version: string;
}

export type ReportFormatter = (reports: readonly FileReport[], context: FormatContext) => string;

export const FORMAT_NAMES = ['stylish', 'json', 'sarif', 'github', 'checkstyle', 'junit'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];
