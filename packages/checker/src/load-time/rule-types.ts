/**
 * The declarative format of load-time rules: what a component's `Validate()` (or the decoding of
 * an argument) refuses when Alloy loads a configuration. Each rule carries upstream's message as
 * the Go format string of its source (`%s`, `%q`, `%d` are filled from the configuration), so the
 * coverage table can match it against the Go sources.
 */
import type { RegexpAnchoring } from '../regexp.js';
import type { BodyContext } from './body.js';

/** A participant of a combination rule: an attribute, a nested block, or any of several. */
export type Member =
  /** Configured when its value is not Go's zero value ("", 0, false, empty list or map, null). */
  | { attribute: string; whenPresent?: false }
  /** Configured as soon as it is written (`url.Parse("")` still gives a non-nil URL). */
  | { attribute: string; whenPresent: true }
  /** Configured when the block is written (a non-nil pointer in Go). */
  | { block: string }
  /** Configured when any of its members is. */
  | { anyOf: Member[] };

/** A value a rule reads: an argument (its default when absent) or a constant. */
export type Operand = { argument: string } | { constant: number };

export type ComparisonOperator = '<' | '<=' | '>' | '>=' | '==' | '!=';

/** How a message argument is printed: Go's `%s` of the value's Go type, `%q`, `%d`; or a fixed text of upstream's. */
export type MessageArgument = { argument: string; verb: 's' | 'q' | 'd' } | { text: string };

export type LoadTimeRule =
  /** More than one member configured. */
  | { kind: 'at-most-one'; members: Member[]; message: string }
  /** None of the members configured. */
  | { kind: 'required'; anyOf: Member[]; message: string }
  /** One of `when` configured and none of `then`. */
  | { kind: 'requires'; when: Member[]; then: Member[]; message: string }
  /** `left operator right` does not hold (while every `when` comparison holds). */
  | {
      kind: 'compare';
      left: Operand;
      operator: ComparisonOperator;
      right: Operand;
      when?: { left: Operand; operator: ComparisonOperator; right: Operand }[];
      message: string;
      messageArguments?: MessageArgument[];
    }
  /** A string argument that is not one of `values` (compared after trimming and lower-casing when `caseInsensitive`). */
  | { kind: 'enum'; argument: string; values: string[]; message: string; messageArguments?: MessageArgument[] }
  /** A string argument equal to one of `values` (after trimming, ignoring case). */
  | { kind: 'forbidden-value'; argument: string; values: string[]; message: string }
  /** A string argument that Go's regexp package refuses, compiled as the component wraps it. */
  | {
      kind: 'regex';
      argument: string;
      anchoring: RegexpAnchoring;
      /** The component's wrapping of Go's error (`%s`), when it wraps it. */
      message?: string;
    }
  /**
   * A string argument that Go's `url.Parse` refuses (`parse "…": …`), where Alloy parses it when it
   * loads the component: decoding the shared `config.URL` type, or in `Validate()`, which may wrap
   * Go's error and then require parts of the parsed URL.
   */
  | {
      kind: 'url';
      argument: string;
      /** The component's wrapping of Go's error (`failed to parse remote url %q: %w`): `messageArguments` fill its verbs, Go's error its `%w`. */
      message?: string;
      messageArguments?: MessageArgument[];
      /** What the component requires of the parsed URL, in its order: the first one unmet is reported. */
      requires?: { parts: UrlPart[]; message: string }[];
    }
  /** Rules written as code: `messages` are the upstream texts it can report, with their codes. */
  | {
      kind: 'code';
      name: string;
      /** The arguments and blocks it reads; unless `evenWhenUnwritten`, it runs only when one of them is written. */
      arguments: string[];
      /** It can report a body where none of `arguments` is written (a default that Validate refuses). */
      evenWhenUnwritten?: boolean;
      messages: UpstreamMessage[];
      check: (body: BodyContext) => void;
    };

/** A part of a parsed URL a component requires: a scheme, a host, or the scheme http or https. */
export type UrlPart = 'scheme' | 'host' | 'http-scheme';

/** An upstream error text (a Go format string) and the code it is reported with. */
export interface UpstreamMessage {
  message: string;
  code: string;
  /** The Go file that holds the text, under `internal/component/` (rule sets' `upstream`). */
  upstream?: string;
}

/** Where a rule set applies. */
export type Attachment =
  /** A component's body (`path` empty) or one of its nested blocks, by block names. */
  | { component: string; path: string[] }
  /**
   * Any body of any component whose schema has these arguments and blocks, named `block` (or any
   * name when absent): the shared Go types (HTTP client, TLS, relabel rules) are found by shape.
   */
  | { block?: string; arguments: string[]; blocks?: string[]; exceptComponents?: string[]; onlyComponents?: string[] };

export interface RuleSet {
  /** A stable name: `http-client`, `prometheus.scrape`. */
  name: string;
  /** The Go file of Alloy v1.18 that holds the rules, under `internal/component/`. */
  upstream: string;
  attach: Attachment;
  rules: LoadTimeRule[];
}

/** Diagnostic codes of the load-time families. */
export const LOAD_TIME_CODES = {
  combination: 'alloy/invalid-argument-combination',
  range: 'alloy/out-of-range',
  regex: 'alloy/invalid-regex',
  value: 'alloy/invalid-argument-value',
  url: 'alloy/invalid-url',
} as const;

export function codeOfRule(rule: LoadTimeRule): string {
  switch (rule.kind) {
    case 'at-most-one':
    case 'required':
    case 'requires':
      return LOAD_TIME_CODES.combination;
    case 'compare':
      return LOAD_TIME_CODES.range;
    case 'regex':
      return LOAD_TIME_CODES.regex;
    case 'url':
      return LOAD_TIME_CODES.url;
    default:
      return LOAD_TIME_CODES.value;
  }
}

/** The upstream messages a rule can report (Go format strings), with their codes. */
export function messagesOfRule(rule: LoadTimeRule): UpstreamMessage[] {
  switch (rule.kind) {
    case 'code':
      return rule.messages;
    case 'regex':
      return [{ message: rule.message ?? 'error parsing regexp: %s: `%s`', code: LOAD_TIME_CODES.regex }];
    case 'url':
      // Without a wrapping, Go's own `url.Error` text.
      return [rule.message ?? 'parse %q: %s', ...(rule.requires ?? []).map((requirement) => requirement.message)].map((message) => ({ message, code: LOAD_TIME_CODES.url }));
    default:
      return [{ message: rule.message, code: codeOfRule(rule) }];
  }
}
