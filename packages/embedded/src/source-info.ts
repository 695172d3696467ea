import type { EmbeddedConfig, TemplateFlavor } from './types.js';

/** What a configuration's text was before its template tags were masked. */
export interface SourceInfo {
  /** The configuration's text with its template tags (`text` before masking; same length). */
  readonly source: string;
  /** The template language its tags were found by (Helm `tpl` in YAML: `go`). */
  readonly flavor: TemplateFlavor;
}

const sources = new WeakMap<EmbeddedConfig, SourceInfo>();

/** Called where a configuration with masked tags is made: `restorePlaceholders` and `replaceEmbedded` need its tags' own text. */
export function recordSource(config: EmbeddedConfig, info: SourceInfo): void {
  sources.set(config, info);
}

export function sourceInfoOf(config: EmbeddedConfig): SourceInfo | undefined {
  return sources.get(config);
}

/** The configuration's text with its template tags (its `text` when nothing was masked). */
export function sourceOf(config: EmbeddedConfig): string {
  return sources.get(config)?.source ?? config.text;
}
