/** What kind of file holds the Alloy text. */
export type HostKind = 'alloy' | 'yaml' | 'template' | 'markdown';

/** The template language whose tags a template file (or Helm `tpl` content) holds. */
export type TemplateFlavor = 'go' | 'jinja' | 'terraform';

/** A half-open range of UTF-16 offsets: `start` included, `end` excluded. */
export interface OffsetRange {
  readonly start: number;
  readonly end: number;
}

/** A problem of the host file itself, at offsets in the host text. */
export interface HostProblem {
  /** `alloy-lint/invalid-yaml`, `alloy-lint/embedded-not-checked`, `alloy-lint/embedded-not-text`, … (see the README). */
  readonly code: string;
  readonly severity: 'error' | 'warning' | 'info';
  /** A sentence that says what is wrong and what to do. */
  readonly message: string;
  readonly range: OffsetRange;
}

/** One Alloy configuration found in a host file. */
export interface EmbeddedConfig {
  /** The Alloy text given to the parser: de-indented, template tags masked (same length). */
  readonly text: string;
  /** Where it is, for messages: `alloy.configMap.content`, `document 2: data["config.alloy"]`, `template`, `fence at line 12`. */
  readonly label: string;
  /** Host offsets from the start of the first content line to the end of the last (after its line break). */
  readonly hostRange: OffsetRange;
  /** The masked template tags, in embedded offsets, in order. */
  readonly placeholders: readonly OffsetRange[];
  /**
   * False when the host cannot be rewritten safely: a template tag never closed, another document of
   * the YAML stream invalid. A configuration with placeholders is rewritable: its new text must keep
   * its tags (`restorePlaceholders` puts them back into the formatted masked text).
   */
  readonly rewritable: boolean;
  /** The host offset of an embedded offset; exact for every offset from 0 to `text.length`. */
  toHostOffset(embeddedOffset: number): number;
  /** The embedded offset of a host offset, or undefined outside the content (indentation included). */
  toEmbeddedOffset(hostOffset: number): number | undefined;
  /** Whether `[embeddedStart, embeddedEnd]` overlaps or touches a placeholder. */
  overlapsPlaceholder(embeddedStart: number, embeddedEnd: number): boolean;
}

/** Everything found in one host file. */
export interface Extraction {
  readonly kind: HostKind;
  /** In the order of their position in the host. */
  readonly configs: readonly EmbeddedConfig[];
  readonly problems: readonly HostProblem[];
  /** False for invalid YAML and the like: such a host must never be rewritten. */
  readonly hostIsValid: boolean;
}

export interface ExtractOptions {
  /** Key patterns of YAML values that hold Alloy. Default `DEFAULT_YAML_KEYS`. */
  readonly yamlKeys?: readonly string[];
  /** Mask Go template tags (`{{ … }}`, Helm `tpl`) inside Alloy taken from YAML. Default true. */
  readonly templatePlaceholders?: boolean;
}

/** The new text of one configuration, for `replaceEmbedded`. */
export type Replacement = { readonly config: EmbeddedConfig; readonly newText: string };
