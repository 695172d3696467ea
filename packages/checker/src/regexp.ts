/**
 * Regular expressions as Go's `regexp.Compile` checks them. re2js is a port of RE2/J, itself a
 * port of Go's `regexp/syntax` parser, so it rejects the same patterns with the same error codes
 * and offending fragments; only the text around them is Go's: `error parsing regexp: <code>:
 * `<fragment>`` (Go prints the backquoted fragment even when it is empty, re2js leaves it out).
 */
import { RE2Set, RE2JSSyntaxException } from 're2js';

/** Results by pattern: configurations repeat the same patterns, and compiling is the costly part. */
const results = new Map<string, string | null>();
const maximumCachedPatterns = 4096;

/** Go's error for `pattern`, or `undefined` when Go compiles it. */
export function goRegexpError(pattern: string): string | undefined {
  const cached = results.get(pattern);
  if (cached !== undefined) return cached ?? undefined;
  const found = compileError(pattern);
  const error = found && `error parsing regexp: ${found.code}: \`${found.fragment}\``;
  if (results.size >= maximumCachedPatterns) results.clear();
  results.set(pattern, error ?? null);
  return error;
}

const duplicateName = 'duplicate capture group name';

/**
 * The pattern with every valid `(?P<name>` and `(?<name>` turned into a plain `(`: Go accepts a
 * name used twice, RE2 (and re2js) do not.
 */
function withoutGroupNames(pattern: string): string {
  let result = '';
  let inClass = false;
  for (let index = 0; index < pattern.length; index++) {
    const character = pattern[index]!;
    if (character === '\\') {
      result += pattern.slice(index, index + 2);
      index++;
      continue;
    }
    if (inClass) {
      if (character === ']') inClass = false;
      result += character;
      continue;
    }
    if (character === '[') {
      inClass = true;
      result += character;
      // A ']' right after '[' or '[^' is a literal.
      if (pattern[index + 1] === '^') result += pattern[++index];
      if (pattern[index + 1] === ']') result += pattern[++index];
      continue;
    }
    const name = character === '(' ? /^\(\?P?<[A-Za-z0-9_]+>/.exec(pattern.slice(index)) : null;
    if (name) {
      result += '(';
      index += name[0].length - 1;
      continue;
    }
    result += character;
  }
  return result;
}

/** Go's error code and the fragment it names, or `undefined` when Go compiles the pattern. */
function compileError(pattern: string): { code: string; fragment: string } | undefined {
  try {
    // Go's regexp.Compile fails only in syntax.Parse; adding to a set parses (and simplifies)
    // without building the matching program, several times faster than RE2JS.compile.
    new RE2Set().add(pattern);
    return undefined;
  } catch (error) {
    if (!(error instanceof RE2JSSyntaxException)) return undefined; // a limit of the port, not a syntax error
    const code = error.getDescription();
    const fragment = error.getPattern() ?? '';
    if (code !== duplicateName) return { code, fragment };
    const unnamed = withoutGroupNames(pattern);
    if (unnamed === pattern) return undefined;
    const other = compileError(unnamed);
    // Errors that name the whole pattern name the one the user wrote.
    return other && { code: other.code, fragment: other.fragment === unnamed ? pattern : other.fragment };
  }
}

/** How a component wraps a user's pattern before compiling it. */
export type RegexpAnchoring = 'none' | 'relabel';

/** The pattern Go compiles: relabel rules compile `^(?s:<regex>)$`. */
export function anchoredPattern(pattern: string, anchoring: RegexpAnchoring): string {
  return anchoring === 'relabel' ? `^(?s:${pattern})$` : pattern;
}

/** `goRegexpError` of relabel-anchored patterns by the pattern as written: the anchored text is built once. */
const relabelResults = new Map<string, string | null>();

/** Go's error for `pattern` wrapped as `anchoring` says, or `undefined` when Go compiles it. */
export function anchoredRegexpError(pattern: string, anchoring: RegexpAnchoring): string | undefined {
  if (anchoring === 'none') return goRegexpError(pattern);
  const cached = relabelResults.get(pattern);
  if (cached !== undefined) return cached ?? undefined;
  const error = goRegexpError(anchoredPattern(pattern, anchoring));
  if (relabelResults.size >= maximumCachedPatterns) relabelResults.clear();
  relabelResults.set(pattern, error ?? null);
  return error;
}
