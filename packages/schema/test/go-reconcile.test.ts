// The Go struct tags (alloy-reference/component-go) override the docs in the 1.18 data, and every
// override is listed: data/alloy-1.18-go-overrides.txt is what scripts/go-reconcile.mjs prints, and
// the committed data differs from what the docs alone give exactly at the listed places.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- plain JavaScript module of the data generator, typed loosely here
import { generateDocsSchema, serializeSchema } from '../scripts/generate-schema.mjs';
// @ts-expect-error -- plain JavaScript module of the data generator, typed loosely here
import { parseGoFile } from '../scripts/go-structs.mjs';
import { findBlock, getComponent } from '../src/index.js';
import { hasSharedReference, packageRoot, referenceRoot, sharedRoot } from './shared-reference.js';

const overridesFile = path.join(packageRoot, 'data', 'alloy-1.18-go-overrides.txt');
const hasGo = hasSharedReference && fs.existsSync(path.join(referenceRoot, 'component-go'));

interface Node {
  name: string;
  required?: boolean;
  repeatable?: boolean;
  labelRequired?: boolean;
  arguments: Array<{ name: string; required: boolean } & Record<string, unknown>>;
  blocks: Node[];
}

interface GoFile {
  types: Map<string, { type: { kind: string; fields?: Array<{ names: string[]; tag?: string }> } }>;
  registrations: Array<{ name?: string; nameConstant?: string }>;
  constants: Map<string, string>;
}

/** Where `after` differs from `before`, as `path: change` (required, repeatable, labelRequired, added, kind, other:…). */
function differences(before: Node, after: Node, where: string[], out: string[]): void {
  const key = (name: string, change: string) => `${[...where, name].join(' > ')}: ${change}`;
  for (const argument of after.arguments) {
    const old = before.arguments.find((candidate) => candidate.name === argument.name);
    if (!old) {
      out.push(key(argument.name, before.blocks.some((block) => block.name === argument.name) ? 'kind' : 'added'));
      continue;
    }
    const { required, ...rest } = argument;
    const { required: oldRequired, ...oldRest } = old;
    if (required !== oldRequired) out.push(key(argument.name, 'required'));
    if (JSON.stringify(rest) !== JSON.stringify(oldRest)) out.push(key(argument.name, 'other'));
  }
  for (const argument of before.arguments) {
    if (!after.arguments.some((candidate) => candidate.name === argument.name) && !after.blocks.some((block) => block.name === argument.name)) {
      out.push(key(argument.name, 'removed'));
    }
  }
  for (const block of after.blocks) {
    const old = before.blocks.find((candidate) => candidate.name === block.name);
    if (!old) {
      out.push(key(block.name, before.arguments.some((argument) => argument.name === block.name) ? 'kind' : 'added'));
      continue;
    }
    if (block.required !== old.required) out.push(key(block.name, 'required'));
    if (block.repeatable !== old.repeatable) out.push(key(block.name, 'repeatable'));
    if (Boolean(block.labelRequired) !== Boolean(old.labelRequired)) out.push(`${[...where, block.name].join(' > ')}: labelRequired`);
    const { arguments: _arguments, blocks: _blocks, required: _required, repeatable: _repeatable, labelRequired: _label, ...rest } = block;
    const { arguments: _oldArguments, blocks: _oldBlocks, required: _oldRequired, repeatable: _oldRepeatable, labelRequired: _oldLabel, ...oldRest } = old;
    if (JSON.stringify(rest) !== JSON.stringify(oldRest)) out.push(key(block.name, 'other'));
    differences(old, block, [...where, block.name], out);
  }
  for (const block of before.blocks) {
    if (!after.blocks.some((candidate) => candidate.name === block.name) && !after.arguments.some((argument) => argument.name === block.name)) {
      out.push(key(block.name, 'removed'));
    }
  }
}

/** `path: change` of each line of the list ("x > y: argument required → optional [...]"). */
function listedChanges(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = /^(.*?): (argument|block) (required|optional|repeatable|once|added|→)|^(.*?): label required/.exec(line);
      if (!match) throw new Error(`unexpected line ${line}`);
      if (match[4] !== undefined) return `${match[4]}: labelRequired`;
      const change = { required: 'required', optional: 'required', repeatable: 'repeatable', once: 'repeatable', added: 'added', '→': 'kind' }[match[3]!];
      return `${match[1]}: ${change}`;
    });
}

describe('the Go struct tags in the 1.18 data', () => {
  it('the multiline block of otelcol.receiver.filelog: either pattern alone is enough (yes* in the docs, optional in Go)', () => {
    const multiline = findBlock(getComponent('otelcol.receiver.filelog')!, ['multiline'])!;
    expect(multiline.arguments.filter((argument) => argument.required)).toEqual([]);
    for (const parent of [['file.name'], ['file.path']]) {
      for (const filter of ['metrics_include', 'metrics_exclude']) {
        const block = findBlock(getComponent('otelcol.receiver.file_stats')!, ['resource_attributes', ...parent, filter])!;
        expect(block.repeatable).toBe(true);
        expect(block.arguments.filter((argument) => argument.required).map((argument) => argument.name)).toEqual([]);
      }
    }
  });

  it('applies what the list says: required, repeatable, names the docs lack', () => {
    expect(getComponent('prometheus.exporter.kafka')!.arguments.find((argument) => argument.name === 'kafka_uris')!.required).toBe(false);
    expect(findBlock(getComponent('prometheus.exporter.oracledb')!, ['database'])!.repeatable).toBe(true);
    expect(findBlock(getComponent('otelcol.exporter.loadbalancing')!, ['protocol'])!.required).toBe(true);
    expect(findBlock(getComponent('otelcol.receiver.filelog')!, ['ordering_criteria', 'sort_by'])!.repeatable).toBe(true);
    expect(findBlock(getComponent('otelcol.exporter.loadbalancing')!, ['retry_on_failure'])).toBeDefined();
    expect(findBlock(getComponent('prometheus.write.queue')!, ['endpoint'])!.labelRequired).toBe(true);
    // Stricter in Go and v1.18.1's pages, relaxed by the later pages: the later pages' value.
    expect(findBlock(getComponent('otelcol.connector.spanmetrics')!, ['dimension'])!.arguments.find((argument) => argument.name === 'name')!.required).toBe(false);
  });

  it.skipIf(!hasGo)(
    'the committed list is what go-reconcile.mjs prints, and the data differs from the docs exactly there (no silent changes)',
    () => {
      const printed = execFileSync(process.execPath, [path.join(packageRoot, 'scripts', 'go-reconcile.mjs'), '--shared', sharedRoot, '--all'], {
        stdio: 'pipe',
        maxBuffer: 64 * 1024 * 1024,
      }).toString();
      const committed = fs.readFileSync(overridesFile, 'utf8');
      expect(printed === committed, 'regenerate: pnpm --filter @alloy-toolkit/schema generate').toBe(true);
      const docs = JSON.parse((serializeSchema as (schema: unknown) => string)((generateDocsSchema as (shared: string, problems: string[]) => unknown)(sharedRoot, []))) as {
        components: Node[];
      };
      const data = JSON.parse(fs.readFileSync(path.join(packageRoot, 'data', 'alloy-1.18.json'), 'utf8')) as { components: Node[] };
      const found: string[] = [];
      for (const component of data.components) {
        const before = docs.components.find((candidate) => candidate.name === component.name)!;
        differences(before, component, [component.name], found);
      }
      expect(found.sort()).toEqual(listedChanges(committed).sort());
      expect(found.length).toBeGreaterThan(200);
    },
    120_000,
  );
});

describe.skipIf(!hasGo)('reading the Go declarations', () => {
  it('reads fields, tags, named slices, constants and registrations', () => {
    const file = (parseGoFile as (text: string) => GoFile)(
      [
        'package x',
        'import (',
        '\t"time"',
        '\tcfg "github.com/grafana/alloy/internal/component/common/config"',
        ')',
        'const name = "x.y"',
        'func init() { component.Register(component.Registration{ Name: name, Args: Arguments{} }) }',
        'type Arguments struct {',
        '\tA, B string `alloy:"a,attr"` // comment',
        '\tClient cfg.HTTPClientConfig `alloy:",squash"`',
        '\tTargets TargetBlock `alloy:"target,block,optional"`',
        '\tInline struct { X int `alloy:"x,attr"` } `alloy:"inline,block"`',
        '\tF func(string) error',
        '}',
        'type TargetBlock []Target',
        'type Target struct {',
        '\tName string `alloy:",label"`',
        '\tEvery time.Duration `alloy:"every,attr,optional"`',
        '}',
      ].join('\n'),
    );
    expect(file.constants.get('name')).toBe('x.y');
    expect(file.registrations[0]!.nameConstant).toBe('name');
    const fields = file.types.get('Arguments')!.type.fields!;
    expect(fields.map((field) => [field.names.join(','), field.tag ?? ''])).toEqual([
      ['A,B', 'alloy:"a,attr"'],
      ['Client', 'alloy:",squash"'],
      ['Targets', 'alloy:"target,block,optional"'],
      ['Inline', 'alloy:"inline,block"'],
      ['F', ''],
    ]);
    expect(file.types.get('TargetBlock')!.type.kind).toBe('slice');
  });
});
