// Reconciles the docs-derived schema with upstream's converter goldens
// (corpus/alloy-repo/internal__converter__*testdata*.alloy). Those files are
// written by Alloy's own encoder from the Go argument structs, so every
// attribute and block name in them exists. Names the docs lack are added:
// attributes as optional `any`, blocks as optional and open.
import fs from 'node:fs';
import path from 'node:path';

const TOKEN_PATTERN =
  /\/\/[^\n]*|\/\*[\s\S]*?\*\/|"(?:[^"\\\n]|\\.)*"|`[^`]*`|[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*|\d[\d.eE+-]*|==|!=|<=|>=|&&|\|\||[{}()[\]=,.+\-*/%^<>!?:]/g;

const CONTINUATION_TOKENS = new Set(['+', '-', '*', '/', '%', '^', '==', '!=', '<', '>', '<=', '>=', '&&', '||', ',', '.', '(', '[', '{', '!', '=']);

function tokenize(text) {
  const tokens = [];
  let line = 1;
  let lastIndex = 0;
  for (const match of text.matchAll(TOKEN_PATTERN)) {
    for (let index = lastIndex; index < match.index; index += 1) if (text[index] === '\n') line += 1;
    lastIndex = match.index;
    const value = match[0];
    if (!value.startsWith('//') && !value.startsWith('/*')) tokens.push({ value, line });
  }
  return tokens;
}

/** Attribute and block names per block path: `{ path: ['component', 'block', ...], attributes, blocks }`. */
function bodiesOf(text) {
  const tokens = tokenize(text);
  const found = [];
  const stack = [];
  let index = 0;
  const isName = (token) => token !== undefined && /^[A-Za-z_]/.test(token.value);
  while (index < tokens.length) {
    const token = tokens[index];
    if (token.value === '}') {
      stack.pop();
      index += 1;
      continue;
    }
    if (isName(token) && tokens[index + 1]?.value === '=' && tokens[index + 2]?.value !== '=') {
      if (stack.length > 0) stack[stack.length - 1].attributes.add(token.value);
      index += 2;
      let depth = 0;
      let previous = tokens[index - 1];
      while (index < tokens.length) {
        const current = tokens[index];
        if (depth === 0 && (current.value === '}' || (current.line > previous.line && !CONTINUATION_TOKENS.has(previous.value)))) break;
        if ('([{'.includes(current.value)) depth += 1;
        if (')]}'.includes(current.value)) depth -= 1;
        previous = current;
        index += 1;
      }
      continue;
    }
    if (isName(token)) {
      let next = index + 1;
      if (tokens[next]?.value.startsWith('"')) next += 1;
      if (tokens[next]?.value === '{') {
        const body = { path: [...(stack.at(-1)?.path ?? []), token.value], attributes: new Set(), blocks: new Set() };
        if (stack.length > 0) stack[stack.length - 1].blocks.add(token.value);
        stack.push(body);
        found.push(body);
        index = next + 1;
        continue;
      }
    }
    index += 1;
  }
  return found;
}

export function converterGoldens(sharedRoot) {
  const directory = path.join(sharedRoot, 'corpus', 'alloy-repo');
  if (!fs.existsSync(directory)) return [];
  return fs
    .readdirSync(directory)
    .filter((name) => /^internal__converter__.*__testdata__.*\.alloy$/.test(name))
    .sort()
    .map((name) => ({ name, text: fs.readFileSync(path.join(directory, name), 'utf8') }));
}

/** Adds the names the converter goldens use but the docs do not list. */
export function reconcileWithGoldens(schema, goldens, problems) {
  const components = new Map(schema.components.map((component) => [component.name, component]));
  for (const golden of goldens) {
    for (const body of bodiesOf(golden.text)) {
      const component = components.get(body.path[0]);
      if (!component) continue;
      let owner = component;
      let ownerPath = component.name;
      for (const name of body.path.slice(1)) {
        owner = owner?.open ? undefined : owner?.blocks.find((block) => block.name === name);
        ownerPath += ` > ${name}`;
      }
      if (!owner || owner.open) continue;
      for (const attribute of [...body.attributes].sort()) {
        if (owner.arguments.some((argument) => argument.name === attribute)) continue;
        if (owner.blocks.some((block) => block.name === attribute)) continue;
        owner.arguments.push({ name: attribute, typeText: 'any', type: { kind: 'any' }, required: false });
        problems.push(`${ownerPath}: argument ${attribute} added from ${golden.name}`);
      }
      for (const blockName of [...body.blocks].sort()) {
        if (owner.blocks.some((block) => block.name === blockName)) continue;
        owner.blocks.push({ name: blockName, required: false, repeatable: false, arguments: [], blocks: [], open: true });
        problems.push(`${ownerPath}: block ${blockName} added from ${golden.name}`);
      }
    }
  }
}
