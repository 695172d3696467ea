// gitignore-style matching of alloy-lint's `ignorePatterns`, shared by alloy-lint and the language server.

/** gitignore-style matching of one pattern against a `/`-separated relative path. */
export function globMatches(pattern: string, relativePath: string): boolean {
  return ignoredByPatterns([pattern], relativePath);
}

interface IgnoreRule {
  negative: boolean;
  directoryOnly: boolean;
  /** Contains a slash before its end: matched against the whole path, not a name. */
  anchored: boolean;
  expression: RegExp;
}

function ignoreRule(pattern: string): IgnoreRule | undefined {
  let glob = pattern.replace(/(?<!\\)\s+$/, '');
  if (glob === '' || glob.startsWith('#')) return undefined;
  const negative = glob.startsWith('!');
  if (negative) glob = glob.slice(1);
  if (glob.startsWith('\\#') || glob.startsWith('\\!')) glob = glob.slice(1);
  const directoryOnly = glob.endsWith('/');
  if (directoryOnly) glob = glob.slice(0, -1);
  const anchored = glob.includes('/');
  if (glob.startsWith('/')) glob = glob.slice(1);
  if (glob === '') return undefined;
  return { negative, directoryOnly, anchored, expression: globToRegExp(glob) };
}

/**
 * Whether `.gitignore`-style `patterns` ignore a `/`-separated path relative to the
 * configuration's directory, as alloy-lint's `ignorePatterns` do: the last matching
 * pattern wins, `!` re-includes, and nothing inside an ignored directory comes back.
 */
export function ignoredByPatterns(patterns: readonly string[], relativePath: string): boolean {
  return ignoreMatcher(patterns)(relativePath);
}

/** `ignoredByPatterns` with the patterns compiled once, for many paths. */
export function ignoreMatcher(patterns: readonly string[]): (relativePath: string) => boolean {
  const rules = patterns.map(ignoreRule).filter((rule): rule is IgnoreRule => rule !== undefined);
  return (relativePath) => matches(rules, relativePath);
}

function matches(rules: readonly IgnoreRule[], relativePath: string): boolean {
  if (rules.length === 0) return false;
  const parts = relativePath.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.length === 0 || parts[0] === '..') return false;
  const decide = (path: string, name: string, isDirectory: boolean): boolean => {
    let ignored = false;
    for (const rule of rules) {
      if (rule.negative !== ignored) continue;
      if (rule.directoryOnly && !isDirectory) continue;
      if (rule.expression.test(rule.anchored ? path : name)) ignored = !rule.negative;
    }
    return ignored;
  };
  for (let length = 1; length < parts.length; length++) {
    if (decide(parts.slice(0, length).join('/'), parts[length - 1]!, true)) return true;
  }
  return decide(parts.join('/'), parts[parts.length - 1]!, false);
}

function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let index = 0; index < glob.length; index++) {
    const character = glob[index]!;
    if (character === '*') {
      if (glob[index + 1] === '*') {
        index++;
        if (glob[index + 1] === '/') {
          index++;
          source += '(?:.*/)?';
        } else {
          source += '.*';
        }
      } else {
        source += '[^/]*';
      }
    } else if (character === '?') {
      source += '[^/]';
    } else if (character === '\\' && index + 1 < glob.length) {
      index++;
      source += glob[index]!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else if (character === '[') {
      const close = glob.indexOf(']', index + 2);
      if (close === -1) {
        source += '\\[';
      } else {
        let set = glob.slice(index + 1, close);
        if (set.startsWith('!')) set = `^${set.slice(1)}`;
        source += `[${set.replace(/\\/g, '\\\\')}]`;
        index = close;
      }
    } else {
      source += character.replace(/[.+^${}()|\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}
