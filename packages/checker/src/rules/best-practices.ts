/**
 * Best practices (for `alloy-lint`): configurations Alloy accepts that are likely mistakes or
 * risks. Several are off by default.
 */
import type { ArgumentSchema, ComponentSchema } from '@alloy-toolkit/schema';
import type { Attribute, Block } from '@alloy-toolkit/syntax';
import type { AnalysisContext } from '../analysis/context.js';
import type { SourceFile } from '../analysis/parse.js';
import { literalString } from '../expressions.js';
import { blockHeaderRange, isPrometheusLabelName } from '../util.js';
import { defineFamily } from './family.js';

export const family = defineFamily({
  name: 'best-practices',
  title: 'Best practices',
  description:
    'Configurations Alloy accepts that are likely mistakes: secrets written as literals, components whose exports nothing uses, remote-write URLs that are not http(s) or not the write path, external label names Prometheus refuses.',
  phases: ['validate'],
  categories: ['best-practice'],
});

/** A secret-typed argument written as a literal string. */
export function checkLiteralSecret(context: AnalysisContext, source: SourceFile, statement: Attribute, argument: ArgumentSchema): void {
  if (argument.type.kind === 'secret' && statement.value.type === 'Literal' && statement.value.kind === 'string' && statement.value.value !== '') {
    context.report(
      source,
      'best-practice/literal-secret',
      'warning',
      `"${statement.name}" is a secret written as a literal string; read it with sys.env("...") or from a file instead`,
      source.parse.lines.rangeOf(statement.value),
    );
  }
}

/** A built-in component's remote-write URLs and external label names. */
export function checkComponent(context: AnalysisContext, source: SourceFile, block: Block, schema: ComponentSchema): void {
  if (schema.name === 'prometheus.remote_write') {
    for (const statement of block.body) {
      if (statement.type !== 'Block' || statement.fullName !== 'endpoint') continue;
      for (const attribute of statement.body) {
        if (attribute.type !== 'Attribute' || attribute.name !== 'url') continue;
        const url = literalString(attribute.value);
        if (url === undefined) continue;
        if (!/^https?:\/\//i.test(url)) {
          context.report(source, 'best-practice/remote-write-url', 'info', `remote_write URL "${url}" does not start with http:// or https://`, source.parse.lines.rangeOf(attribute.value));
        } else if (!/\/api\/v1\/write\/?$/.test(url)) {
          context.report(source, 'best-practice/remote-write-url', 'info', `remote_write URL "${url}" does not end in /api/v1/write`, source.parse.lines.rangeOf(attribute.value));
        }
      }
    }
  }
  for (const statement of block.body) {
    if (statement.type !== 'Attribute' || statement.name !== 'external_labels' || statement.value.type !== 'Object') continue;
    for (const field of statement.value.fields) {
      if (!isPrometheusLabelName(field.key.name)) {
        context.report(
          source,
          'best-practice/label-name',
          'warning',
          `"${field.key.name}" is not a valid Prometheus label name (letters, digits and '_', not starting with a digit)`,
          source.parse.lines.rangeOf(field.key),
        );
      }
    }
  }
}

/** Built-in components with exports that nothing references (whole configuration). */
export function checkUnused(context: AnalysisContext): void {
  for (const entry of context.entries) {
    const component = entry.component;
    if (!component || entry.referenced || component.kind !== 'builtin') continue;
    if (!component.exports || component.exports.length === 0) continue;
    context.report(
      entry.source,
      'best-practice/unused-component',
      'warning',
      `nothing uses the exports of ${entry.id} (${component.exports.join(', ')})`,
      blockHeaderRange(entry.source.parse.lines, entry.block),
    );
  }
}
