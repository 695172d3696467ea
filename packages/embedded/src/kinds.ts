import type { HostKind, TemplateFlavor } from './types.js';

const templateSuffixes: ReadonlyArray<readonly [string, TemplateFlavor]> = [
  ['.alloy.j2', 'jinja'],
  ['.alloy.jinja', 'jinja'],
  ['.alloy.jinja2', 'jinja'],
  ['.alloy.tmpl', 'go'],
  ['.alloy.gotmpl', 'go'],
  ['.alloy.tftpl', 'terraform'],
];

/** The base name, lower-cased: extensions are matched without regard to case. */
function baseNameOf(fileName: string): string {
  return fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1).toLowerCase();
}

/** The template language of a template file name (`config.alloy.j2` → `jinja`), or undefined. */
export function templateFlavorOf(fileName: string): TemplateFlavor | undefined {
  const name = baseNameOf(fileName);
  return templateSuffixes.find(([suffix]) => name.endsWith(suffix))?.[1];
}

/**
 * What a file holds, by its name: `.yaml`/`.yml` → yaml, `*.alloy.j2` and the other template
 * suffixes → template, `.md`/`.markdown` → markdown; everything else (`.alloy`, `.river`, a name
 * given explicitly) is Alloy.
 */
export function hostKindOf(fileName: string): HostKind {
  const name = baseNameOf(fileName);
  if (templateFlavorOf(name) !== undefined) return 'template';
  if (name.endsWith('.yaml') || name.endsWith('.yml')) return 'yaml';
  if (name.endsWith('.md') || name.endsWith('.markdown')) return 'markdown';
  return 'alloy';
}
