/** The YAML keys whose values hold Alloy by default. */
export const DEFAULT_YAML_KEYS: readonly string[] = Object.freeze([
  'config.alloy',
  '*.alloy',
  'alloy.configMap.content',
  'extraConfig',
  '*ExtraConfig',
]);

/**
 * Whether `pattern` matches the mapping key at the end of `keyPath` (the keys from the document
 * root, sequence items left out): the pattern matches the key itself, or the keys of a suffix of
 * the path joined by `.`. A `*` stands for any characters inside one key; across several keys it
 * never stands for a whole key, so `*.alloy` matches the key `config.alloy` but not the path
 * `alloy-logs` → `alloy` of an umbrella chart. Case-sensitive.
 */
export function keyPathMatches(pattern: string, keyPath: readonly string[]): boolean {
  if (pattern === '' || keyPath.length === 0) return false;
  const lastKey = keyPath[keyPath.length - 1]!;
  // The pattern's end must match the end of the last key: a cheap test before the full match.
  const tail = pattern.slice(pattern.lastIndexOf('*') + 1);
  const tailInLastKey = tail.slice(tail.lastIndexOf('.') + 1);
  if (!lastKey.endsWith(tailInLastKey)) return false;
  for (let first = keyPath.length - 1; first >= 0; first--) {
    if (matchesKeys(pattern, keyPath.slice(first))) return true;
  }
  return false;
}

/** Matches `pattern` against whole `keys`, a pattern `.` matching a `.` inside a key or the step from one key to the next. */
function matchesKeys(pattern: string, keys: readonly string[]): boolean {
  const severalKeys = keys.length > 1;
  // Positions are (key index, character index); the end of key k and the start of key k + 1 differ.
  const match = (patternAt: number, key: number, at: number): boolean => {
    if (patternAt === pattern.length) return key === keys.length - 1 && at === keys[key]!.length;
    const character = pattern[patternAt]!;
    const keyText = keys[key]!;
    if (character === '*') {
      for (let end = keyText.length; end >= at; end--) {
        if (severalKeys && at === 0 && end === keyText.length && end > 0) continue;
        if (match(patternAt + 1, key, end)) return true;
      }
      return false;
    }
    if (at < keyText.length) return keyText[at] === character && match(patternAt + 1, key, at + 1);
    return character === '.' && key + 1 < keys.length && match(patternAt + 1, key + 1, 0);
  };
  return match(0, 0, 0);
}
