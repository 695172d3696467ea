// A reader of the Go declarations that Alloy decodes a component's arguments into: the struct
// types of every file under alloy-reference/component-go (grafana/alloy v1.18.1, the files that
// define arguments), with their `alloy:"…"` tags, the imports of each file, and the component
// registrations (`component.Register(component.Registration{ Name: "…", Args: X{} })`).
// It reads the declarations only (types, fields, tags), never function bodies.
import fs from 'node:fs';
import path from 'node:path';

const ALLOY_MODULE = 'github.com/grafana/alloy/';

// ---------------------------------------------------------------------------
// Tokens

const PUNCTUATION = ['...', '<-', ':=', '==', '!=', '&&', '||', '<=', '>=', '++', '--', '+=', '-=', '*=', '/='];

/** Go tokens: `{ kind: 'ident' | 'string' | 'raw' | 'number' | 'punct' | 'newline', value, line }`. Comments dropped. */
export function tokenizeGo(text) {
  const tokens = [];
  let line = 1;
  let index = 0;
  const push = (kind, value) => tokens.push({ kind, value, line });
  while (index < text.length) {
    const char = text[index];
    if (char === '\n') {
      push('newline', '\n');
      line += 1;
      index += 1;
    } else if (char === ' ' || char === '\t' || char === '\r') {
      index += 1;
    } else if (text.startsWith('//', index)) {
      const end = text.indexOf('\n', index);
      index = end < 0 ? text.length : end;
    } else if (text.startsWith('/*', index)) {
      const end = text.indexOf('*/', index + 2);
      const comment = text.slice(index, end < 0 ? text.length : end + 2);
      const newlines = comment.split('\n').length - 1;
      if (newlines > 0) push('newline', '\n');
      line += newlines;
      index += comment.length;
    } else if (char === '`') {
      const end = text.indexOf('`', index + 1);
      const value = text.slice(index + 1, end < 0 ? text.length : end);
      push('raw', value);
      line += value.split('\n').length - 1;
      index = end < 0 ? text.length : end + 1;
    } else if (char === '"' || char === "'") {
      let end = index + 1;
      while (end < text.length && text[end] !== char && text[end] !== '\n') end += text[end] === '\\' ? 2 : 1;
      push('string', text.slice(index + 1, end));
      index = end + 1;
    } else if (/[A-Za-z_]/.test(char)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(index, index + 200));
      push('ident', match[0]);
      index += match[0].length;
    } else if (/[0-9]/.test(char)) {
      const match = /^[0-9][0-9A-Za-z_.]*/.exec(text.slice(index, index + 100));
      push('number', match[0]);
      index += match[0].length;
    } else {
      const multi = PUNCTUATION.find((candidate) => text.startsWith(candidate, index));
      push('punct', multi ?? char);
      index += (multi ?? char).length;
    }
  }
  return tokens;
}

// ---------------------------------------------------------------------------
// Declarations

const OPENERS = { '{': '}', '(': ')', '[': ']' };

/** Index just after the bracket that closes the one at `start`. */
function skipBalanced(tokens, start) {
  const stack = [];
  for (let index = start; index < tokens.length; index += 1) {
    const token = tokens[index];
    if (token.kind !== 'punct') continue;
    if (OPENERS[token.value]) stack.push(OPENERS[token.value]);
    else if (token.value === stack.at(-1)) {
      stack.pop();
      if (stack.length === 0) return index + 1;
    }
  }
  return tokens.length;
}

const isPunct = (token, value) => token?.kind === 'punct' && token.value === value;
const isIdent = (token, value) => token?.kind === 'ident' && (value === undefined || token.value === value);

/**
 * A type expression at `start`: `{ type, end }`. Types are
 * `{ kind: 'named', pkg?, name }`, `{ kind: 'pointer' | 'slice', element }`,
 * `{ kind: 'array', length, element }`, `{ kind: 'map', key, value }`,
 * `{ kind: 'struct', fields }`, `{ kind: 'other', text }` (func, chan, interface).
 */
function parseType(tokens, start) {
  const token = tokens[start];
  if (isPunct(token, '*')) {
    const inner = parseType(tokens, start + 1);
    return { type: { kind: 'pointer', element: inner.type }, end: inner.end };
  }
  if (isPunct(token, '[')) {
    if (isPunct(tokens[start + 1], ']')) {
      const inner = parseType(tokens, start + 2);
      return { type: { kind: 'slice', element: inner.type }, end: inner.end };
    }
    const close = skipBalanced(tokens, start);
    const length = tokens.slice(start + 1, close - 1).map((part) => part.value).join('');
    const inner = parseType(tokens, close);
    return { type: { kind: 'array', length, element: inner.type }, end: inner.end };
  }
  if (isIdent(token, 'map') && isPunct(tokens[start + 1], '[')) {
    const close = skipBalanced(tokens, start + 1);
    const key = parseType(tokens, start + 2);
    const value = parseType(tokens, close);
    return { type: { kind: 'map', key: key.type, value: value.type }, end: value.end };
  }
  if (isIdent(token, 'struct') && isPunct(tokens[start + 1], '{')) {
    const close = skipBalanced(tokens, start + 1);
    return { type: { kind: 'struct', fields: parseFields(tokens, start + 2, close - 1) }, end: close };
  }
  if (isIdent(token, 'interface') && isPunct(tokens[start + 1], '{')) {
    return { type: { kind: 'other', text: 'interface' }, end: skipBalanced(tokens, start + 1) };
  }
  if (isIdent(token, 'func') || isIdent(token, 'chan')) {
    let end = start + 1;
    while (end < tokens.length && tokens[end].kind !== 'newline' && tokens[end].kind !== 'raw' && !isPunct(tokens[end], ';')) {
      end = OPENERS[tokens[end].value] && tokens[end].kind === 'punct' ? skipBalanced(tokens, end) : end + 1;
    }
    return { type: { kind: 'other', text: token.value }, end };
  }
  if (isIdent(token)) {
    let end = start + 1;
    let type = { kind: 'named', name: token.value };
    if (isPunct(tokens[end], '.') && isIdent(tokens[end + 1])) {
      type = { kind: 'named', pkg: token.value, name: tokens[end + 1].value };
      end += 2;
    }
    // Type arguments of a generic type: kept as text only.
    if (isPunct(tokens[end], '[') && !isPunct(tokens[end + 1], ']')) end = skipBalanced(tokens, end);
    return { type, end };
  }
  return { type: { kind: 'other', text: token?.value ?? '' }, end: start + 1 };
}

/** The `alloy:"…"` part of a struct tag: `{ name, options }`, or undefined. */
export function alloyTag(raw) {
  const match = /(?:^|\s)alloy:"([^"]*)"/.exec(raw ?? '');
  if (!match) return undefined;
  const [name, ...options] = match[1].split(',');
  return { name, options: options.join(','), text: `alloy:"${match[1]}"` };
}

/** Fields of a struct body between `start` and `end` (exclusive): `{ names, embedded, type, tag, line }`. */
function parseFields(tokens, start, end) {
  const fields = [];
  let index = start;
  while (index < end) {
    const token = tokens[index];
    if (token.kind === 'newline' || isPunct(token, ';')) {
      index += 1;
      continue;
    }
    const lineStart = index;
    // Names: ident {, ident} followed by a type; otherwise an embedded type.
    const names = [];
    let cursor = index;
    while (isIdent(tokens[cursor])) {
      names.push(tokens[cursor].value);
      if (isPunct(tokens[cursor + 1], ',')) cursor += 2;
      else break;
    }
    const afterNames = tokens[cursor + 1];
    const embedded =
      names.length === 0 ||
      (names.length === 1 && (afterNames === undefined || afterNames.kind === 'newline' || afterNames.kind === 'raw' || isPunct(afterNames, '.') || isPunct(afterNames, ';') || isPunct(afterNames, '}')));
    let parsed;
    if (embedded) {
      parsed = parseType(tokens, lineStart);
    } else {
      parsed = parseType(tokens, cursor + 1);
    }
    let next = parsed.end;
    let tag;
    if (tokens[next]?.kind === 'raw' || tokens[next]?.kind === 'string') {
      tag = tokens[next].value;
      next += 1;
    }
    fields.push({ names: embedded ? [] : names, embedded, type: parsed.type, tag, line: token.line });
    // Skip to the end of the line.
    while (next < end && tokens[next].kind !== 'newline' && !isPunct(tokens[next], ';')) next += 1;
    index = Math.max(next, lineStart + 1);
  }
  return fields;
}

/** Package clause, imports and type declarations of one file. */
export function parseGoFile(text) {
  const tokens = tokenizeGo(text);
  const file = { package: undefined, imports: new Map(), types: new Map(), constants: new Map(), registrations: [] };
  let index = 0;
  const readImport = (at) => {
    let alias;
    let cursor = at;
    if (isIdent(tokens[cursor]) || isPunct(tokens[cursor], '.') || isPunct(tokens[cursor], '_')) {
      alias = tokens[cursor].value;
      cursor += 1;
    }
    if (tokens[cursor]?.kind === 'string' || tokens[cursor]?.kind === 'raw') {
      const importPath = tokens[cursor].value;
      file.imports.set(alias ?? importPath.split('/').pop(), importPath);
      return cursor + 1;
    }
    return at + 1;
  };
  const readTypeSpec = (at) => {
    const nameToken = tokens[at];
    if (!isIdent(nameToken)) return at + 1;
    let cursor = at + 1;
    // Type parameters: `type X[T any] struct` (not `type X []T`).
    if (isPunct(tokens[cursor], '[') && isIdent(tokens[cursor + 1]) && !isPunct(tokens[cursor + 2], ']')) cursor = skipBalanced(tokens, cursor);
    const alias = isPunct(tokens[cursor], '=');
    if (alias) cursor += 1;
    const parsed = parseType(tokens, cursor);
    if (!file.types.has(nameToken.value)) file.types.set(nameToken.value, { name: nameToken.value, alias, type: parsed.type, line: nameToken.line });
    return parsed.end;
  };
  while (index < tokens.length) {
    const token = tokens[index];
    const atLineStart = index === 0 || tokens[index - 1].kind === 'newline';
    if (atLineStart && isIdent(token, 'package')) {
      file.package = tokens[index + 1]?.value;
      index += 2;
    } else if (atLineStart && isIdent(token, 'import')) {
      if (isPunct(tokens[index + 1], '(')) {
        const close = skipBalanced(tokens, index + 1);
        let cursor = index + 2;
        while (cursor < close - 1) {
          if (tokens[cursor].kind === 'newline' || isPunct(tokens[cursor], ';')) cursor += 1;
          else cursor = readImport(cursor);
        }
        index = close;
      } else {
        index = readImport(index + 1);
      }
    } else if (atLineStart && isIdent(token, 'const')) {
      // String constants (a registration's `Name: name`).
      const grouped = isPunct(tokens[index + 1], '(');
      const close = grouped ? skipBalanced(tokens, index + 1) : index + 5;
      for (let cursor = index + 1; cursor < close - 2; cursor += 1) {
        if (isIdent(tokens[cursor]) && isPunct(tokens[cursor + 1], '=') && tokens[cursor + 2]?.kind === 'string') {
          file.constants.set(tokens[cursor].value, tokens[cursor + 2].value);
        }
      }
      index = grouped ? close : index + 1;
    } else if (isIdent(token, 'type') && (atLineStart || isPunct(tokens[index - 1], '{') || tokens[index - 1].kind === 'newline')) {
      if (isPunct(tokens[index + 1], '(')) {
        const close = skipBalanced(tokens, index + 1);
        let cursor = index + 2;
        while (cursor < close - 1) {
          if (tokens[cursor].kind === 'newline' || isPunct(tokens[cursor], ';')) cursor += 1;
          else cursor = readTypeSpec(cursor);
        }
        index = close;
      } else {
        index = readTypeSpec(index + 1);
      }
    } else if (isIdent(token, 'component') && isPunct(tokens[index + 1], '.') && isIdent(tokens[index + 2], 'Registration') && isPunct(tokens[index + 3], '{')) {
      const close = skipBalanced(tokens, index + 3);
      const registration = { line: token.line };
      let depth = 0;
      for (let cursor = index + 4; cursor < close - 1; cursor += 1) {
        const part = tokens[cursor];
        if (part.kind === 'punct' && OPENERS[part.value]) depth += 1;
        else if (part.kind === 'punct' && Object.values(OPENERS).includes(part.value)) depth -= 1;
        if (depth !== 0 || !isPunct(tokens[cursor + 1], ':')) continue;
        if (isIdent(part, 'Name') && tokens[cursor + 2]?.kind === 'string') registration.name = tokens[cursor + 2].value;
        if (isIdent(part, 'Name') && isIdent(tokens[cursor + 2]) && !isPunct(tokens[cursor + 3], '.')) registration.nameConstant = tokens[cursor + 2].value;
        if (isIdent(part, 'Args')) {
          let typeStart = cursor + 2;
          if (isPunct(tokens[typeStart], '&')) typeStart += 1;
          registration.args = parseType(tokens, typeStart).type;
        }
      }
      if ((registration.name || registration.nameConstant) && registration.args) file.registrations.push(registration);
      index = close;
    } else {
      index += 1;
    }
  }
  return file;
}

// ---------------------------------------------------------------------------
// Index of packages

function goFilesBelow(directory) {
  const result = [];
  const visit = (current) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true }).sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0))) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.name.endsWith('.go') && !entry.name.endsWith('_test.go')) result.push(full);
    }
  };
  visit(directory);
  return result;
}

/**
 * Every package of the component-go tree: `packages` maps a directory relative to the module
 * root (`internal/component/otelcol`) to `{ dir, name, files: [{ path, ...parseGoFile }], types }`;
 * `registrations` maps a component name to `{ dir, file, args }`.
 */
export function loadGoIndex(goRoot) {
  const packages = new Map();
  const registrations = new Map();
  if (!fs.existsSync(goRoot)) return { root: goRoot, packages, registrations };
  for (const full of goFilesBelow(goRoot)) {
    const relative = path.relative(goRoot, full).split(path.sep).join('/');
    const dir = path.posix.dirname(relative);
    const parsed = { path: relative, ...parseGoFile(fs.readFileSync(full, 'utf8')) };
    let pkg = packages.get(dir);
    if (!pkg) {
      pkg = { dir, name: parsed.package, files: [], types: new Map() };
      packages.set(dir, pkg);
    }
    pkg.files.push(parsed);
    for (const [name, declaration] of parsed.types) {
      // Platform variants (foo_linux.go, foo_stub.go) declare the same type: the first file wins.
      if (!pkg.types.has(name)) pkg.types.set(name, { ...declaration, file: parsed });
    }
    for (const registration of parsed.registrations) {
      registration.name ??= parsed.constants.get(registration.nameConstant);
      if (registration.name && !registrations.has(registration.name)) registrations.set(registration.name, { dir, file: parsed, args: registration.args });
    }
  }
  return { root: goRoot, packages, registrations };
}

/** The package directory an import path names, when it is part of Alloy and present. */
export function packageDirOf(index, importPath) {
  if (!importPath?.startsWith(ALLOY_MODULE)) return undefined;
  const dir = importPath.slice(ALLOY_MODULE.length);
  return index.packages.has(dir) ? dir : undefined;
}

/**
 * The declaration a named type refers to from `file` in package `dir`:
 * `{ declaration, dir }`, or `{ missing: reason }`.
 */
export function lookupNamed(index, dir, file, named) {
  if (named.pkg) {
    const importPath = file?.imports.get(named.pkg);
    if (!importPath) return { missing: `${named.pkg}.${named.name}: package ${named.pkg} not imported` };
    if (!importPath.startsWith(ALLOY_MODULE)) return { missing: `${named.pkg}.${named.name}: from ${importPath}, outside Alloy` };
    const target = packageDirOf(index, importPath);
    if (!target) return { missing: `${named.pkg}.${named.name}: package ${importPath.slice(ALLOY_MODULE.length)} not in component-go` };
    const declaration = index.packages.get(target).types.get(named.name);
    if (!declaration) return { missing: `${named.pkg}.${named.name}: not declared in the files of ${target} present in component-go` };
    return { declaration, dir: target };
  }
  const declaration = index.packages.get(dir)?.types.get(named.name);
  if (!declaration) return { missing: `${named.name}: not declared in the files of ${dir} present in component-go` };
  return { declaration, dir };
}
