#!/usr/bin/env node
// Reconciles the docs-derived 1.18 schema with upstream's Go struct tags
// (alloy-reference/component-go, grafana/alloy v1.18.1): "when the docs and the
// code disagree, the code wins". For each component it resolves the arguments
// struct (registration -> Args type -> fields, following `squash`ed and named
// block types across the component-go files) and, where the Go tags say otherwise,
// overrides the docs:
//   - required / optional of an argument or block (`attr` vs `attr,optional`, ...);
//   - attribute vs block (`attr` vs `block`);
//   - repeatable (a Go slice of blocks) and labelRequired (a `label` field);
//   - names the docs lack: added with a type read from the Go type (`any` where the
//     Go type has no plain Alloy spelling), blocks with what their struct resolves to.
// Where a type cannot be resolved (a file not in component-go, a type from outside
// Alloy) it says so and keeps the docs' value. Names only the docs have are kept
// (the later docs may describe a newer release) and listed.
//
// Every override is listed; `generate-schema.mjs` writes the list to
// data/alloy-1.18-go-overrides.txt and the tests compare it with the data.
//
// Usage: node scripts/go-reconcile.mjs [--shared <dir>] [--all]
//   prints the overrides the generator applies, one a line; with --all the whole
//   data/alloy-1.18-go-overrides.txt (also what could not be resolved, and the names only
//   the docs have).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { alloyTag, loadGoIndex, lookupNamed } from './go-structs.mjs';
import { parseTypeText } from './alloy-type.mjs';

// ---------------------------------------------------------------------------
// Resolving a Go struct into Alloy names

/**
 * The element of a block field: pointers stripped; a slice or array (also through a named type,
 * `type TargetBlock []BlackboxTarget`) is repeatable. `{ type, dir, file, repeatable }`.
 */
function blockElement(index, dir, file, type) {
  let current = type;
  let context = { dir, file };
  let repeatable = false;
  for (let step = 0; step < 10; step += 1) {
    while (current.kind === 'pointer') current = current.element;
    if ((current.kind === 'slice' || current.kind === 'array') && !repeatable) {
      repeatable = true;
      current = current.element;
      continue;
    }
    if (current.kind !== 'named' || (!current.pkg && /^[a-z]/.test(current.name))) break;
    const found = lookupNamed(index, context.dir, context.file, current);
    if (!found.declaration || found.declaration.type.kind === 'struct') break;
    // A named slice, pointer or another named type: follow it.
    if (!['slice', 'array', 'pointer', 'named'].includes(found.declaration.type.kind)) break;
    if (repeatable && found.declaration.type.kind !== 'named' && found.declaration.type.kind !== 'pointer') break;
    context = { dir: found.dir, file: found.declaration.file };
    current = found.declaration.type;
  }
  return { type: current, ...context, repeatable };
}

/**
 * Follows named types (aliases and defined types) to a struct:
 * `{ fields, dir, file, typeName }`, `{ nonStruct: type }` or `{ missing: reason }`.
 */
function resolveStructType(index, dir, file, type, depth = 0) {
  let current = type;
  while (current.kind === 'pointer') current = current.element;
  if (current.kind === 'struct') return { fields: current.fields, dir, file };
  if (current.kind !== 'named') return { nonStruct: current };
  if (depth > 10) return { missing: `${current.name}: too many indirections` };
  if (!current.pkg && /^(?:string|bool|u?int(?:8|16|32|64)?|float(?:32|64)|any|byte|rune)$/.test(current.name)) return { nonStruct: current };
  const found = lookupNamed(index, dir, file, current);
  if (found.missing) return found;
  const declaration = found.declaration;
  const resolved = resolveStructType(index, found.dir, declaration.file, declaration.type, depth + 1);
  if (resolved.fields && !resolved.typeName) resolved.typeName = `${found.dir}.${declaration.name}`;
  return resolved;
}

/**
 * The Alloy names of a struct: `{ entries, unresolved }`. Entries are
 * `{ name, kind: 'attr' | 'block' | 'label', optional, type, repeatable, dir, file, line, tag }`;
 * `squash` fields are inlined, `enum` fields give one block per inner block (`prefix.name`).
 * `unresolved` lists the squashed parts that could not be read (the names are then incomplete).
 */
function structEntries(index, resolved, where) {
  const entries = [];
  const unresolved = [];
  for (const field of resolved.fields) {
    const tag = alloyTag(field.tag);
    if (!tag) continue;
    const source = { dir: resolved.dir, file: resolved.file, line: field.line, tag: tag.text };
    const options = tag.options.split(',');
    if (options[0] === 'squash') {
      const inner = resolveStructType(index, resolved.dir, resolved.file, field.type);
      if (!inner.fields) {
        unresolved.push(`${where}: squashed ${describeType(field.type)}: ${inner.missing ?? 'not a struct'}`);
        continue;
      }
      const nested = structEntries(index, inner, where);
      entries.push(...nested.entries);
      unresolved.push(...nested.unresolved);
    } else if (options[0] === 'label') {
      entries.push({ name: '', kind: 'label', ...source });
    } else if (options[0] === 'enum') {
      // A slice of structs whose fields are all blocks: `prefix.block`, each occurrence one element.
      const element = blockElement(index, resolved.dir, resolved.file, field.type);
      const inner = resolveStructType(index, element.dir, element.file, element.type);
      if (!inner.fields) {
        unresolved.push(`${where}: enum ${tag.name} of ${describeType(field.type)}: ${inner.missing ?? 'not a struct'}`);
        continue;
      }
      for (const innerField of inner.fields) {
        const innerTag = alloyTag(innerField.tag);
        if (!innerTag) continue;
        const innerElement = blockElement(index, inner.dir, inner.file, innerField.type);
        entries.push({
          name: `${tag.name}.${innerTag.name}`,
          kind: 'block',
          optional: true,
          repeatable: true,
          type: innerElement.type,
          dir: inner.dir,
          file: inner.file,
          typeDir: innerElement.dir,
          typeFile: innerElement.file,
          line: innerField.line,
          tag: innerTag.text,
        });
      }
    } else if (options[0] === 'attr' || options[0] === 'block') {
      const optional = options.includes('optional');
      if (options[0] === 'attr') entries.push({ name: tag.name, kind: 'attr', optional, type: field.type, ...source });
      else {
        const element = blockElement(index, resolved.dir, resolved.file, field.type);
        entries.push({ name: tag.name, kind: 'block', optional, repeatable: element.repeatable, type: element.type, ...source, typeDir: element.dir, typeFile: element.file });
      }
    }
  }
  return { entries, unresolved };
}

function describeType(type) {
  switch (type.kind) {
    case 'named':
      return type.pkg ? `${type.pkg}.${type.name}` : type.name;
    case 'pointer':
      return `*${describeType(type.element)}`;
    case 'slice':
      return `[]${describeType(type.element)}`;
    case 'array':
      return `[${type.length}]${describeType(type.element)}`;
    case 'map':
      return `map[${describeType(type.key)}]${describeType(type.value)}`;
    case 'struct':
      return 'struct{…}';
    default:
      return type.text ?? type.kind;
  }
}

/** The Alloy type text of a Go type, for a name the docs lack; `any` where there is no plain spelling. */
function alloyTypeTextOf(index, dir, file, type, depth = 0) {
  if (depth > 8) return 'any';
  switch (type.kind) {
    case 'pointer':
      return alloyTypeTextOf(index, dir, file, type.element, depth + 1);
    case 'slice':
    case 'array': {
      if (type.element.kind === 'named' && type.element.name === 'byte' && !type.element.pkg) return 'string';
      return `list(${alloyTypeTextOf(index, dir, file, type.element, depth + 1)})`;
    }
    case 'map':
      return `map(${alloyTypeTextOf(index, dir, file, type.value, depth + 1)})`;
    case 'named': {
      const qualified = type.pkg ? `${type.pkg}.${type.name}` : type.name;
      if (!type.pkg) {
        if (type.name === 'string') return 'string';
        if (type.name === 'bool') return 'bool';
        if (/^(?:u?int(?:8|16|32|64)?|float(?:32|64)|byte|rune)$/.test(type.name)) return 'number';
        if (type.name === 'any') return 'any';
      }
      const importPath = type.pkg ? file?.imports.get(type.pkg) : undefined;
      if (importPath === 'time' && type.name === 'Duration') return 'duration';
      if (importPath?.endsWith('/syntax/alloytypes') && (type.name === 'Secret' || type.name === 'OptionalSecret')) return 'secret';
      if (importPath === 'github.com/alecthomas/units' && type.name === 'Base2Bytes') return 'string';
      // A type defined in Alloy as a string, number or bool (`type Action string`) is spelled as that.
      const found = lookupNamed(index, dir, file, type);
      if (found.declaration && !found.declaration.alias && found.declaration.type.kind === 'named' && !found.declaration.type.pkg) {
        const underlying = alloyTypeTextOf(index, found.dir, found.declaration.file, found.declaration.type, depth + 1);
        if (underlying === 'string' || underlying === 'number' || underlying === 'bool') return underlying;
      }
      void qualified;
      return 'any';
    }
    default:
      return 'any';
  }
}

// ---------------------------------------------------------------------------
// Finding a component's arguments type

function readComponentsTsv(referenceRoot) {
  const file = path.join(referenceRoot, 'COMPONENTS.tsv');
  if (!fs.existsSync(file)) return new Map();
  const [headerLine, ...rows] = fs.readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '');
  const header = headerLine.split('\t');
  return new Map(
    rows.map((row) => row.split('\t')).map((cells) => [
      cells[0],
      { args: cells[header.indexOf('go_args_type')] ?? '', files: (cells[header.indexOf('go_registration_files')] ?? '').split(';').filter(Boolean) },
    ]),
  );
}

function commonPrefixLength(left, right) {
  const a = left.split('/');
  const b = right.split('/');
  let length = 0;
  while (length < a.length && length < b.length && a[length] === b[length]) length += 1;
  return length;
}

/**
 * The arguments struct of a component: `{ resolved, how }` or `{ missing }`. From its registration
 * in component-go; else from COMPONENTS.tsv's registration file and Args type (a qualified type's
 * package is the package of that name nearest to the registration's directory); else from the
 * component's name (`prometheus.write.queue` -> internal/component/prometheus/write/queue).
 */
function argumentsStructOf(index, name, tsv) {
  const registration = index.registrations.get(name);
  if (registration) {
    const resolved = resolveStructType(index, registration.dir, registration.file, registration.args);
    if (resolved.fields) return { resolved, how: `registration in ${registration.file.path}` };
    return { missing: `${name}: Args ${describeType(registration.args)} of ${registration.file.path}: ${resolved.missing ?? 'not a struct'}` };
  }
  const entry = tsv.get(name);
  let dirs = (entry?.files ?? []).map((file) => path.posix.dirname(file)).filter((dir) => index.packages.has(dir));
  let argsText = entry?.args?.replace(/\{\}$/, '') ?? '';
  let how = `COMPONENTS.tsv (registration file ${entry?.files.join(', ') ?? '?'} not in component-go)`;
  if (!entry) {
    const guessed = `internal/component/${name.split('.').join('/')}`;
    dirs = index.packages.has(guessed) ? [guessed] : [];
    argsText = 'Arguments';
    how = `the component's name (no registration in component-go, not in COMPONENTS.tsv): ${guessed}`;
  }
  if (argsText === '') return { missing: `${name}: no Args type known` };
  const [qualifier, typeName] = argsText.includes('.') ? argsText.split('.') : [undefined, argsText];
  const registrationDir = entry?.files[0] ? path.posix.dirname(entry.files[0]) : dirs[0];
  if (qualifier) {
    const candidates = [...index.packages.values()].filter((pkg) => pkg.name === qualifier && pkg.types.has(typeName));
    if (candidates.length === 0) return { missing: `${name}: Args ${argsText}: no package ${qualifier} declaring ${typeName} in component-go` };
    const best = Math.max(...candidates.map((pkg) => commonPrefixLength(pkg.dir, registrationDir ?? '')));
    const nearest = candidates.filter((pkg) => commonPrefixLength(pkg.dir, registrationDir ?? '') === best);
    if (nearest.length !== 1) return { missing: `${name}: Args ${argsText}: package ${qualifier} ambiguous (${nearest.map((pkg) => pkg.dir).join(', ')})` };
    const declaration = nearest[0].types.get(typeName);
    const resolved = resolveStructType(index, nearest[0].dir, declaration.file, { kind: 'named', name: typeName });
    if (!resolved.fields) return { missing: `${name}: Args ${argsText}: ${resolved.missing ?? 'not a struct'}` };
    return { resolved, how: `${how}; ${qualifier} = ${nearest[0].dir}` };
  }
  for (const dir of dirs) {
    const declaration = index.packages.get(dir).types.get(typeName);
    if (!declaration) continue;
    const resolved = resolveStructType(index, dir, declaration.file, { kind: 'named', name: typeName });
    if (!resolved.fields) return { missing: `${name}: Args ${argsText} in ${dir}: ${resolved.missing ?? 'not a struct'}` };
    return { resolved, how };
  }
  return { missing: `${name}: Args ${argsText}: not declared in the files of ${dirs.join(', ') || (entry?.files.map((file) => path.posix.dirname(file)).join(', ') ?? '?')} present in component-go` };
}

// ---------------------------------------------------------------------------
// Reconciling

function sourceOf(entry) {
  return `${entry.tag}, ${entry.file.path}:${entry.line}`;
}

function makeArgument(index, entry) {
  const typeText = alloyTypeTextOf(index, entry.dir, entry.file, entry.type);
  return { name: entry.name, typeText, type: parseTypeText(typeText), required: !entry.optional };
}

/** A block built from the Go struct alone (a name the docs lack). */
function makeBlock(index, entry, where, context, depth = 0) {
  const block = { name: entry.name, required: !entry.optional, repeatable: entry.repeatable, arguments: [], blocks: [] };
  const resolved = depth > 4 ? { missing: 'nested too deep' } : resolveStructType(index, entry.typeDir, entry.typeFile, entry.type);
  if (!resolved.fields) {
    block.open = true;
    if (!resolved.nonStruct) context.unresolved.push(`${where}: block type ${describeType(entry.type)}: ${resolved.missing}`);
    return block;
  }
  const { entries, unresolved } = structEntries(index, resolved, where);
  context.unresolved.push(...unresolved);
  if (unresolved.length > 0) block.open = true;
  for (const child of entries) {
    if (child.kind === 'label') block.labelRequired = true;
    else if (child.kind === 'attr') block.arguments.push(makeArgument(index, child));
    else block.blocks.push(makeBlock(index, child, `${where} > ${child.name}`, context, depth + 1));
  }
  return block;
}

/**
 * Reconciles one schema node (a component or a block) with the Go struct's names.
 * `isBlock`: the node is a block (labels apply).
 */
function reconcileNode(index, node, resolved, where, context, isBlock, depth = 0) {
  const { entries, unresolved } = structEntries(index, resolved, where.join(' > '));
  context.unresolved.push(...unresolved);
  const override = (path, change, entry, detail) => context.overrides.push({ path, change, detail, source: sourceOf(entry) });
  // A stricter Go fact (required, once) that v1.18.1's own pages share while the later pages relax
  // it describes a change after v1.18.1: the data keeps the later pages' (it accepts what either accepts).
  const relaxedLater = (path, kind, field, goValue) => {
    const released = releasedItem(context.released, path, kind);
    if (!released || released[field] !== goValue) return false;
    context.relaxedLater.push(`${path.join(' > ')}: ${field} ${goValue} in Go and v1.18.1's pages, not in the later pages: kept`);
    return true;
  };
  const goNames = new Set();
  for (const entry of entries) {
    if (entry.kind === 'label') {
      if (isBlock && !node.labelRequired) {
        node.labelRequired = true;
        override([...where], 'labelRequired', entry, 'label required');
      }
      continue;
    }
    goNames.add(entry.name);
    const path = [...where, entry.name];
    const argument = node.arguments.find((candidate) => candidate.name === entry.name);
    const block = node.blocks.find((candidate) => candidate.name === entry.name);
    if (entry.kind === 'attr') {
      if (argument) {
        if (argument.required !== !entry.optional && !(entry.optional === false && relaxedLater(path, 'arguments', 'required', true))) {
          override(path, 'required', entry, `argument ${argument.required ? 'required' : 'optional'} → ${entry.optional ? 'optional' : 'required'}`);
          argument.required = !entry.optional;
        }
      } else if (block) {
        const replacement = makeArgument(index, entry);
        node.blocks.splice(node.blocks.indexOf(block), 1);
        node.arguments.push(replacement);
        override(path, 'kind', entry, `block → argument (${replacement.typeText}, ${replacement.required ? 'required' : 'optional'})`);
      } else {
        const added = makeArgument(index, entry);
        node.arguments.push(added);
        override(path, 'added', entry, `argument added (${added.typeText}, ${added.required ? 'required' : 'optional'})`);
      }
      continue;
    }
    // A block.
    if (block) {
      if (block.required !== !entry.optional && !(entry.optional === false && relaxedLater(path, 'blocks', 'required', true))) {
        override(path, 'required', entry, `block ${block.required ? 'required' : 'optional'} → ${entry.optional ? 'optional' : 'required'}`);
        block.required = !entry.optional;
      }
      if (block.repeatable !== entry.repeatable && !(entry.repeatable === false && relaxedLater(path, 'blocks', 'repeatable', false))) {
        override(path, 'repeatable', entry, `block ${block.repeatable ? 'repeatable' : 'once'} → ${entry.repeatable ? 'repeatable' : 'once'}`);
        block.repeatable = entry.repeatable;
      }
      const inner = depth > 6 ? { missing: 'nested too deep' } : resolveStructType(index, entry.typeDir, entry.typeFile, entry.type);
      if (inner.fields) reconcileNode(index, block, inner, path, context, true, depth + 1);
      else if (!inner.nonStruct) context.unresolved.push(`${path.join(' > ')}: block type ${describeType(entry.type)}: ${inner.missing}`);
    } else if (argument) {
      const replacement = makeBlock(index, entry, path.join(' > '), context);
      node.arguments.splice(node.arguments.indexOf(argument), 1);
      node.blocks.push(replacement);
      override(path, 'kind', entry, `argument → block (${replacement.required ? 'required' : 'optional'}${replacement.repeatable ? ', repeatable' : ''})`);
    } else {
      const added = makeBlock(index, entry, path.join(' > '), context);
      node.blocks.push(added);
      override(path, 'added', entry, `block added (${added.required ? 'required' : 'optional'}${added.repeatable ? ', repeatable' : ''}${added.open ? ', open' : ''})`);
    }
  }
  // Names only the docs have: kept (a later release's, or Go decodes them elsewhere); listed.
  if (unresolved.length === 0) {
    for (const argument of node.arguments) if (!goNames.has(argument.name)) context.docsOnly.push(`${[...where, argument.name].join(' > ')} (argument)`);
    for (const block of node.blocks) if (!goNames.has(block.name)) context.docsOnly.push(`${[...where, block.name].join(' > ')} (block)`);
  }
}

/** The argument or block at `path` (component name first) in a schema, if it has one. */
function releasedItem(schema, path, kind) {
  let node = schema?.components.find((component) => component.name === path[0]);
  for (const name of path.slice(1, -1)) node = node?.blocks.find((block) => block.name === name);
  return node?.[kind].find((item) => item.name === path.at(-1));
}

/**
 * Applies the Go facts to `schema` (modified in place): `{ overrides, unresolved, docsOnly, resolvedComponents }`.
 * Without component-go (an absent directory) nothing changes.
 */
export function reconcileWithGo(schema, referenceRoot, { released } = {}) {
  const goRoot = path.join(referenceRoot, 'component-go');
  const context = { overrides: [], unresolved: [], docsOnly: [], relaxedLater: [], resolvedComponents: 0, released };
  if (!fs.existsSync(goRoot)) return context;
  const index = loadGoIndex(goRoot);
  const tsv = readComponentsTsv(referenceRoot);
  for (const component of schema.components) {
    const found = argumentsStructOf(index, component.name, tsv);
    if (!found.resolved) {
      context.unresolved.push(`${found.missing}: docs kept`);
      continue;
    }
    context.resolvedComponents += 1;
    reconcileNode(index, component, found.resolved, [component.name], context, false);
  }
  delete context.released;
  return context;
}

export function formatOverride(override) {
  return `${override.path.join(' > ')}: ${override.detail} [${override.source}]`;
}

/** What could not be resolved, one line per reason: `reason (n places: first, …)`. */
export function groupUnresolved(unresolved) {
  const byReason = new Map();
  for (const line of unresolved) {
    const separator = line.indexOf(': ');
    const where = line.slice(0, separator);
    const reason = line.slice(separator + 2);
    if (!byReason.has(reason)) byReason.set(reason, []);
    byReason.get(reason).push(where);
  }
  return [...byReason].map(([reason, places]) =>
    places.length === 1 ? `${places[0]}: ${reason}` : `${reason} (${places.length} places, first ${places[0]})`,
  );
}

/** The text of data/alloy-1.18-go-overrides.txt. */
export function formatOverrideList(result) {
  const unresolved = groupUnresolved(result.unresolved);
  const lines = [
    "# Where upstream's Go struct tags (alloy-reference/component-go, v1.18.1) overrode the docs in alloy-1.18.json.",
    '# Written by scripts/generate-schema.mjs (scripts/go-reconcile.mjs prints the same list); older releases are read from their docs only.',
    `# ${result.overrides.length} overrides; ${result.resolvedComponents} components resolved from Go.`,
    ...result.overrides.map(formatOverride),
    '',
    `# Stricter in Go and in v1.18.1's pages, relaxed by the later pages (the later pages' value kept): ${result.relaxedLater.length}`,
    ...result.relaxedLater.map((line) => `#   ${line}`),
    '',
    `# Not resolved (the docs' values kept): ${unresolved.length}`,
    ...unresolved.map((line) => `#   ${line}`),
    '',
    `# Names only the docs have (kept: the later docs may describe a newer release): ${result.docsOnly.length}`,
    ...result.docsOnly.map((line) => `#   ${line}`),
  ];
  return `${lines.join('\n')}\n`;
}

async function main() {
  const argv = process.argv.slice(2);
  const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  let shared = path.resolve(packageRoot, '../../../shared');
  const sharedAt = argv.indexOf('--shared');
  if (sharedAt >= 0) shared = path.resolve(argv[sharedAt + 1]);
  const { generateDocsSchema } = await import('./generate-schema.mjs');
  const docs = {};
  const schema = generateDocsSchema(shared, [], docs);
  const result = reconcileWithGo(schema, path.join(shared, 'alloy-reference'), { released: docs.released });
  if (argv.includes('--all')) process.stdout.write(formatOverrideList(result));
  else for (const override of result.overrides) process.stdout.write(`${formatOverride(override)}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // Not awaited at the top level: generate-schema.mjs imports this module back.
  main().catch((error) => {
    process.stderr.write(`go-reconcile: ${error.message}\n`);
    process.exit(1);
  });
}
