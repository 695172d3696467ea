import { hostKindOf, templateFlavorOf } from './kinds.js';
import { DEFAULT_YAML_KEYS } from './key-patterns.js';
import { identityConfig } from './line-map.js';
import { readMarkdown } from './markdown.js';
import { readTemplate } from './template.js';
import type { Extraction, ExtractOptions, HostKind, TemplateFlavor } from './types.js';
import { readYaml } from './yaml.js';

/** Extraction never throws: an unexpected failure becomes a problem, and the host is not rewritten. */
function guarded(kind: HostKind, text: string, extract: () => Extraction): Extraction {
  try {
    return extract();
  } catch (error) {
    const reason = error instanceof RangeError ? 'it is nested too deeply' : error instanceof Error ? error.message : String(error);
    return {
      kind,
      configs: [],
      problems: [
        {
          code: 'alloy-lint/embedded-internal-error',
          severity: 'error',
          message: `the embedded Alloy of this file could not be read: ${reason}`,
          range: { start: 0, end: Math.min(text.length, 1) },
        },
      ],
      hostIsValid: false,
    };
  }
}

/**
 * The Alloy configurations of a YAML file: literal block scalars under the configured keys
 * (`options.yamlKeys`) or after a `# language=alloy` comment, in every document of the stream,
 * with Helm `tpl` tags masked. Documents with YAML errors are reported and skipped; the others
 * are still extracted, but the host is then invalid and never rewritten.
 */
export function extractFromYaml(text: string, options: ExtractOptions = {}): Extraction {
  return guarded('yaml', text, () => readYaml(text, options));
}

/** A template file: the whole file is one Alloy configuration with its tags masked. */
export function extractFromTemplate(text: string, flavor: TemplateFlavor): Extraction {
  return guarded('template', text, () => readTemplate(text, flavor));
}

/**
 * The ```` ```alloy ```` and ```` ```river ```` fences of a Markdown file (also `~~~`), indented up to
 * three spaces; as in CommonMark, up to that many spaces are removed from each content line. An
 * unclosed fence runs to the end of the file (a warning).
 */
export function extractFromMarkdown(text: string): Extraction {
  return guarded('markdown', text, () => readMarkdown(text));
}

/** The Alloy configurations of a file of any kind; an Alloy file is one configuration, the text itself. */
export function extractEmbedded(fileName: string, text: string, options: ExtractOptions = {}): Extraction {
  const kind = hostKindOf(fileName);
  return guarded(kind, text, () => {
    switch (kind) {
      case 'yaml':
        return readYaml(text, options);
      case 'markdown':
        return readMarkdown(text);
      case 'template':
        return readTemplate(text, templateFlavorOf(fileName) ?? 'go');
      case 'alloy':
        return {
          kind,
          configs: [identityConfig({ label: 'file', text, placeholders: [], rewritable: true })],
          problems: [],
          hostIsValid: true,
        };
    }
  });
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const sniffCache = new Map<string, RegExp>();

/** A regular expression that finds the last key of any pattern followed by `:`, or a `# language=alloy` comment. */
function sniffFor(patterns: readonly string[]): RegExp {
  const cacheKey = patterns.join('\u0000');
  let sniff = sniffCache.get(cacheKey);
  if (sniff === undefined) {
    const lastKeys = patterns
      .map((pattern) => pattern.slice(pattern.lastIndexOf('.') + 1))
      // A leading `*` adds nothing to a search that is not anchored, and would make it quadratic.
      .map((lastKey) => lastKey.replace(/^\*+/, ''))
      .map((lastKey) => lastKey.split('*').map(escapeRegExp).join('[^\\s:"\']*'));
    const alternatives = [...lastKeys.map((key) => `${key}["']?[ \\t]*:(?:[ \\t\\r\\n]|$)`), '#[ \\t]*language[ \\t]*[=:][ \\t]*alloy'];
    sniff = new RegExp(alternatives.join('|'), 'i');
    if (sniffCache.size > 16) sniffCache.clear();
    sniffCache.set(cacheKey, sniff);
  }
  return sniff;
}

/**
 * A cheap look at a file's text, for file discovery: could it hold Alloy? True for Alloy files and
 * templates; for YAML, when the last key of a configured pattern appears as a key or a
 * `# language=alloy` comment appears; for Markdown, when an `alloy` or `river` fence appears.
 */
export function mayContainEmbeddedAlloy(fileName: string, text: string, options: ExtractOptions = {}): boolean {
  switch (hostKindOf(fileName)) {
    case 'alloy':
    case 'template':
      return true;
    case 'markdown':
      return /^ {0,3}(?:`{3,}|~{3,})[ \t]*(?:alloy|river)\b/im.test(text);
    case 'yaml':
      return sniffFor(options.yamlKeys ?? DEFAULT_YAML_KEYS).test(text);
  }
}
