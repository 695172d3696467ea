/**
 * Expands a VS Code snippet body the way accepting every default would:
 * `${1:default}` → `default` (recursively), `${1|a,b|}` → `a`, `$1`/`${1}`/`$0` → ``,
 * variables → their default or ``, `\$` `\}` `\\` → the literal character.
 * Also records the default of every tabstop so mirrors can be compared.
 */
export interface ExpandedSnippet {
  text: string;
  /** Tabstop number → every default written for it (mirrors repeat it). */
  defaults: Map<number, string[]>;
}

export function expandSnippet(body: string): ExpandedSnippet {
  const defaults = new Map<number, string[]>();
  let position = 0;

  const record = (tabstop: number, value: string): void => {
    defaults.set(tabstop, [...(defaults.get(tabstop) ?? []), value]);
  };

  // Reads until `stop` (a `}` or the end) and returns the expanded text.
  const readSequence = (insidePlaceholder: boolean): string => {
    let output = '';
    while (position < body.length) {
      const character = body[position] ?? '';
      if (character === '\\' && position + 1 < body.length && '$}\\'.includes(body[position + 1] ?? '')) {
        output += body[position + 1];
        position += 2;
      } else if (character === '}' && insidePlaceholder) {
        return output;
      } else if (character === '$') {
        output += readDollar();
      } else {
        output += character;
        position += 1;
      }
    }
    if (insidePlaceholder) throw new Error(`unterminated placeholder in snippet body: ${body}`);
    return output;
  };

  const readDollar = (): string => {
    position += 1; // `$`
    const simple = /^(\d+|[A-Z_][A-Z_0-9]*)/.exec(body.slice(position));
    if (simple) {
      position += simple[0].length;
      if (/^\d/.test(simple[0])) record(Number(simple[0]), '');
      return '';
    }
    if (body[position] !== '{') return '$';
    position += 1; // `{`
    const head = /^(\d+|[A-Z_][A-Z_0-9]*)/.exec(body.slice(position));
    if (!head) throw new Error(`malformed placeholder at ${position} in snippet body: ${body}`);
    position += head[0].length;
    const tabstop = /^\d/.test(head[0]) ? Number(head[0]) : null;
    let value = '';
    const next = body[position];
    if (next === ':') {
      position += 1;
      value = readSequence(true);
    } else if (next === '|') {
      const end = body.indexOf('|}', position);
      if (end === -1) throw new Error(`unterminated choice in snippet body: ${body}`);
      value = body.slice(position + 1, end).split(',')[0] ?? '';
      position = end + 1;
    } else if (next !== '}') {
      throw new Error(`unexpected ${JSON.stringify(next)} in placeholder of snippet body: ${body}`);
    }
    if (body[position] !== '}') throw new Error(`missing } in snippet body: ${body}`);
    position += 1;
    if (tabstop !== null) record(tabstop, value);
    return value;
  };

  return { text: readSequence(false), defaults };
}
