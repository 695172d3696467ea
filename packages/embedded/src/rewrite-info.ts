import type { ContentLine } from './line-map.js';
import type { EmbeddedConfig } from './types.js';

/** What `replaceEmbedded` needs to know about a configuration beyond its public shape. */
export interface RewriteInfo {
  /** The host lines of the embedded text. */
  readonly lines: readonly ContentLine[];
  /** Spaces put in front of each non-empty new line. */
  readonly indentation: number;
  /** Whether a YAML header states the indentation (`|2`); without one, a first line starting with a space would change it. */
  readonly explicitIndentation: boolean;
}

const rewriteInfo = new WeakMap<EmbeddedConfig, RewriteInfo>();

export function recordRewriteInfo(config: EmbeddedConfig, info: RewriteInfo): void {
  rewriteInfo.set(config, info);
}

export function rewriteInfoOf(config: EmbeddedConfig): RewriteInfo | undefined {
  return rewriteInfo.get(config);
}
