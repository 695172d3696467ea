/** Severity setting of a rule: `off` removes its diagnostics. */
export type RuleSetting = 'off' | 'warn' | 'error' | 'info';

export type RuleCategory = 'syntax' | 'reference' | 'component' | 'type' | 'load-time' | 'module' | 'stability' | 'best-practice';

export interface RuleInfo {
  code: string;
  defaultSeverity: RuleSetting;
  description: string;
  docsUrl: string;
  fixable: boolean;
  category: RuleCategory;
}

const docsBase = 'https://github.com/alloy-toolkit/alloy-toolkit/blob/main/packages/checker/docs/rules/';

/** The file name of a rule's page: `alloy/unknown-component` -> `alloy-unknown-component.md`. */
export function rulePageName(code: string): string {
  return `${code.replace(/\//g, '-')}.md`;
}

function rule(
  code: string,
  category: RuleCategory,
  defaultSeverity: RuleSetting,
  description: string,
  fixable = false,
): RuleInfo {
  return { code, category, defaultSeverity, description, fixable, docsUrl: docsBase + rulePageName(code) };
}

/** Every code the parser and the checker can emit. */
export const rules: RuleInfo[] = [
  // Parser codes (emitted by @alloy-toolkit/syntax, passed through by checkText).
  rule('syntax/illegal-character', 'syntax', 'error', 'A character that is not part of the Alloy language.'),
  rule('syntax/hash-comment', 'syntax', 'error', "'#' used to start a comment; Alloy comments start with '//'.", true),
  rule('syntax/unexpected-token', 'syntax', 'error', 'A token the grammar does not allow at this place.'),
  rule('syntax/missing-comma', 'syntax', 'error', "Two list elements or object fields without a ',' between them.", true),
  rule('syntax/unterminated-string', 'syntax', 'error', 'A string literal without its closing quote.'),
  rule('syntax/unterminated-comment', 'syntax', 'error', 'A block comment without its closing */.'),
  rule('syntax/invalid-escape', 'syntax', 'error', 'An escape sequence that Alloy strings do not support.'),
  rule('syntax/invalid-number', 'syntax', 'error', 'A malformed number literal.'),
  rule('syntax/invalid-label', 'syntax', 'error', 'A block label that is not a valid identifier.'),
  rule('syntax/single-quoted-string', 'syntax', 'error', "A string written with single quotes; Alloy strings use double quotes.", true),
  rule('syntax/block-as-expression', 'syntax', 'error', 'A block written where an expression is expected.'),
  rule('syntax/nesting-too-deep', 'syntax', 'error', 'Expressions nested deeper than the parser accepts.'),
  rule('syntax/invalid-attribute-name', 'syntax', 'error', 'An attribute name that is not a valid identifier.'),
  rule('syntax/expected-expression', 'syntax', 'error', 'A value is missing where an expression is required.'),
  rule('syntax/invalid-object-key', 'syntax', 'error', 'An object key that is neither an identifier nor a string.'),
  rule('syntax/internal-error', 'syntax', 'error', 'The parser failed on this input (a bug in the parser, not in the configuration).'),
  rule('syntax/error', 'syntax', 'error', 'Any other syntax error reported by the parser.'),

  // References.
  rule('alloy/unresolved-reference', 'reference', 'error', 'A reference to a component, argument or identifier that does not exist or is out of scope.'),
  rule('alloy/unknown-export', 'reference', 'error', 'A reference to an export field that the component does not have.'),
  rule('alloy/unknown-stdlib-name', 'reference', 'error', 'A name in a standard-library namespace that does not exist.'),
  rule('alloy/stdlib-shadowing', 'reference', 'warn', 'A component whose name starts with a standard-library name shadows it.'),
  rule('alloy/cycle', 'reference', 'error', 'Components that depend on each other in a cycle.'),
  rule('alloy/self-reference', 'reference', 'error', 'A component that references its own exports.'),

  // Components and blocks.
  rule('alloy/top-level-attribute', 'component', 'error', 'An attribute at the top level of a file, outside any block.'),
  rule('alloy/unknown-component', 'component', 'error', 'A block whose name is not a known component, config block or custom component.'),
  rule('alloy/community-component', 'component', 'warn', 'A community component, which needs --feature.community-components.enabled.'),
  rule('alloy/missing-label', 'component', 'error', 'A component or labeled config block without a label.'),
  rule('alloy/unexpected-label', 'component', 'error', 'A label on a block that takes none.', true),
  rule('alloy/duplicate-block', 'component', 'error', 'Two blocks with the same name and label in one scope.'),
  rule('alloy/unknown-attribute', 'component', 'error', 'An attribute the block does not define.'),
  rule('alloy/unknown-block', 'component', 'error', 'A nested block the block does not define.'),
  rule('alloy/missing-attribute', 'component', 'error', 'A required attribute that is not set.'),
  rule('alloy/missing-block', 'component', 'error', 'A required nested block that is missing.'),
  rule('alloy/block-as-attribute', 'component', 'error', 'A block name used as an attribute.'),
  rule('alloy/attribute-as-block', 'component', 'error', 'An attribute name used as a block.'),
  rule('alloy/duplicate-attribute', 'component', 'error', 'An attribute set twice in the same block.'),
  rule('alloy/repeated-block', 'component', 'error', 'A nested block that may appear only once appears several times.'),
  rule('alloy/service-not-configurable', 'component', 'error', 'A block for a service that cannot be configured.'),

  // Types.
  rule('alloy/type-mismatch', 'type', 'error', "A value whose type does not match the attribute's type."),
  rule('alloy/invalid-duration', 'type', 'error', 'A duration string that Go time.ParseDuration rejects.', true),
  rule('alloy/invalid-enum', 'type', 'error', 'A string value outside the values the attribute allows.'),
  rule('alloy/unknown-value', 'type', 'warn', 'A string outside the values Alloy recognises for an argument that silently ignores other values (prometheus.exporter.unix collector names).', true),

  // Load-time constraints: what a component's Validate() refuses when Alloy loads the configuration.
  rule('alloy/invalid-argument-combination', 'load-time', 'error', 'Arguments or blocks that a component refuses together (at most one of, mutually exclusive) or misses together (requires).'),
  rule('alloy/out-of-range', 'load-time', 'error', 'A number or duration outside the range a component accepts, alone or compared with another argument (with its default when unset).'),
  rule('alloy/invalid-regex', 'load-time', 'error', "A regular expression that Go's regexp package (RE2 syntax) refuses, as the component compiles it."),
  rule('alloy/invalid-argument-value', 'load-time', 'error', "A value a component's Validate() refuses: relabel action requirements, forbidden or unknown values, invalid identifiers.", true),
  rule('alloy/invalid-url', 'load-time', 'error', "A URL that Go's url.Parse refuses (or that lacks the scheme or host a component requires), where Alloy parses it when it loads the component."),

  // Modules.
  rule('alloy/module-only-block', 'module', 'error', 'An argument or export block outside a module (a declare body).'),
  rule('alloy/not-allowed-in-module', 'module', 'error', 'A root-only block (logging, tracing, services) inside a declare, an imported module or a foreach template.'),
  rule('alloy/invalid-declare-label', 'module', 'error', "A declare block labelled 'declare'."),
  rule('alloy/import-not-fetched', 'module', 'info', 'import.git, import.http and import.string are not fetched: their components are not checked.'),
  rule('alloy/import-not-found', 'module', 'warn', 'An import.file whose file or directory cannot be read (missing, unreadable, not a regular file, too large).'),
  rule('alloy/import-outside-root', 'module', 'warn', 'An import.file whose file lies outside the directories imports may be read from (the importRoots option): it is not read.'),
  rule('alloy/invalid-module-content', 'module', 'error', 'An imported module that does not parse, or holds statements other than declare and import blocks.'),
  rule('alloy/unknown-custom-component', 'module', 'error', 'An instance of a custom component that its import namespace does not define.'),

  // Stability and deprecations.
  rule('alloy/stability', 'stability', 'warn', 'A component, block or function above the default stability level (generally-available).'),
  rule('alloy/deprecated', 'stability', 'warn', 'A deprecated standard-library name, or a component deprecated in the targeted Alloy release.', true),

  // Best practices (used by alloy-lint).
  rule('best-practice/literal-secret', 'best-practice', 'off', 'A secret-typed argument written as a literal string.'),
  rule('best-practice/unused-component', 'best-practice', 'off', 'A component with exports that nothing references.'),
  rule('best-practice/scrape-timeout', 'best-practice', 'warn', 'scrape_timeout longer than scrape_interval. Superseded by alloy/out-of-range, which reports it as the error Alloy gives; no longer emitted.'),
  rule('best-practice/remote-write-url', 'best-practice', 'off', "A remote_write endpoint URL that is not http(s) or does not end in /api/v1/write."),
  rule('alloy/internal-error', 'syntax', 'error', 'The checker failed on this input (a bug in the checker, not in the configuration).'),
  rule('best-practice/label-name', 'best-practice', 'warn', 'An external_labels key that is not a valid Prometheus label name.'),
];

const byCode = new Map(rules.map((info) => [info.code, info]));

export function ruleInfo(code: string): RuleInfo | undefined {
  return byCode.get(code);
}
