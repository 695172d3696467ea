import { describe, expect, it } from 'vitest';
import { extractEmbedded, hostKindOf, mayContainEmbeddedAlloy, templateFlavorOf } from '../src/index.js';

describe('file kinds', () => {
  it('come from the file name, extensions in any case', () => {
    const kinds = Object.fromEntries(
      [
        'config.alloy',
        'legacy.river',
        'values.yaml',
        'deploy/Manifest.YML',
        'roles/alloy/templates/config.alloy.j2',
        'config.alloy.jinja',
        'config.alloy.jinja2',
        'config.alloy.tmpl',
        'config.alloy.gotmpl',
        'config.alloy.tftpl',
        'README.md',
        'docs/guide.markdown',
        'notes.txt.j2',
      ].map((name) => [name, hostKindOf(name)]),
    );
    expect(kinds).toEqual({
      'config.alloy': 'alloy',
      'legacy.river': 'alloy',
      'values.yaml': 'yaml',
      'deploy/Manifest.YML': 'yaml',
      'roles/alloy/templates/config.alloy.j2': 'template',
      'config.alloy.jinja': 'template',
      'config.alloy.jinja2': 'template',
      'config.alloy.tmpl': 'template',
      'config.alloy.gotmpl': 'template',
      'config.alloy.tftpl': 'template',
      'README.md': 'markdown',
      'docs/guide.markdown': 'markdown',
      'notes.txt.j2': 'alloy',
    });
  });

  it('give the template flavor', () => {
    expect(
      ['a.alloy.j2', 'a.alloy.jinja2', 'a.alloy.tmpl', 'a.alloy.gotmpl', 'a.alloy.tftpl', 'a.alloy', 'a.yaml', 'x.j2'].map(
        templateFlavorOf,
      ),
    ).toEqual(['jinja', 'jinja', 'go', 'go', 'terraform', undefined, undefined, undefined]);
  });
});

describe('extractEmbedded', () => {
  it('gives an Alloy file back as one configuration, offsets unchanged', () => {
    const text = 'logging {\r\n  level = "{{ not a template }}"\r\n}\r\n';
    const extraction = extractEmbedded('config.alloy', text);
    expect(extraction).toMatchObject({ kind: 'alloy', problems: [], hostIsValid: true });
    const [config] = extraction.configs;
    expect(config).toMatchObject({ text, label: 'file', placeholders: [], rewritable: true, hostRange: { start: 0, end: text.length } });
    expect(config!.toHostOffset(7)).toBe(7);
    expect(config!.toEmbeddedOffset(text.length)).toBe(text.length);
    expect(config!.toEmbeddedOffset(text.length + 1)).toBeUndefined();
  });

  it('dispatches by kind and template flavor', () => {
    const text = 'x = "{{ a }}${b}"\n';
    expect(extractEmbedded('c.alloy.j2', text).configs[0]!.text).toBe('x = "xxxxxxx${b}"\n');
    expect(extractEmbedded('c.alloy.tftpl', text).configs[0]!.text).toBe('x = "{{ a }}xxxx"\n');
    expect(extractEmbedded('values.yml', 'extraConfig: |\n  x = 1\n').configs[0]!.text).toBe('x = 1\n');
    expect(extractEmbedded('doc.md', '```river\nx = 1\n```\n').configs[0]!.text).toBe('x = 1\n');
  });
});

describe('mayContainEmbeddedAlloy', () => {
  it('is true for Alloy files and templates', () => {
    expect(mayContainEmbeddedAlloy('config.alloy', '')).toBe(true);
    expect(mayContainEmbeddedAlloy('config.alloy.tftpl', '')).toBe(true);
  });

  it('finds the last key of a configured pattern, or a language comment, in YAML', () => {
    expect(mayContainEmbeddedAlloy('values.yaml', 'alloy:\n  configMap:\n    content: |\n')).toBe(true);
    expect(mayContainEmbeddedAlloy('cm.yaml', 'data:\n  "config.alloy": |\n')).toBe(true);
    expect(mayContainEmbeddedAlloy('values.yaml', 'metrics:\n  podLogsExtraConfig: |\n')).toBe(true);
    expect(mayContainEmbeddedAlloy('x.yaml', 'steps:\n  # language = alloy\n  - |\n')).toBe(true);
    expect(mayContainEmbeddedAlloy('deployment.yaml', 'kind: Deployment\nspec:\n  args: ["/etc/alloy/config.alloy"]\n')).toBe(false);
    expect(mayContainEmbeddedAlloy('x.yaml', 'agent:\n  pipeline: |\n', { yamlKeys: ['agent.pipeline'] })).toBe(true);
    expect(mayContainEmbeddedAlloy('x.yaml', 'extraConfig: |\n', { yamlKeys: ['agent.pipeline'] })).toBe(false);
  });

  it('finds alloy and river fences in Markdown', () => {
    expect(mayContainEmbeddedAlloy('README.md', '# x\n\n```alloy\n```\n')).toBe(true);
    expect(mayContainEmbeddedAlloy('README.md', '   ~~~~ river\n')).toBe(true);
    expect(mayContainEmbeddedAlloy('README.md', 'Grafana Alloy is great.\n```yaml\nalloy: 1\n```\n')).toBe(false);
  });

  it('reads a one-megabyte line', () => {
    const long = `x: ${'a'.repeat(1_000_000)}\n`;
    expect(mayContainEmbeddedAlloy('values.yaml', long)).toBe(false);
  });
});
