import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileKindOf } from '../src/discovery.js';
import { embeddedKindsFor, yamlKeysFor } from '../src/embedded.js';
import { noteSkip, repoRoot } from './helpers.js';

const config = { rules: {}, ignorePatterns: [], assemblies: [], baseDirectory: '/' };

describe('embedded settings', () => {
  it('--no-embedded turns every kind off; the configuration turns kinds off one by one', () => {
    expect(embeddedKindsFor(config, {})).toEqual({ yaml: true, templates: true, markdown: true });
    expect(embeddedKindsFor({ ...config, embedded: { templates: false } }, {})).toEqual({ yaml: true, templates: false, markdown: true });
    expect(embeddedKindsFor({ ...config, embedded: { templates: true } }, { embedded: false })).toEqual({ yaml: false, templates: false, markdown: false });
  });

  it('yamlKeys replace the defaults, --yaml-key adds to them without duplicates', () => {
    expect(yamlKeysFor(config, {}, ['config.alloy', 'extraConfig'])).toEqual(['config.alloy', 'extraConfig']);
    expect(yamlKeysFor({ ...config, yamlKeys: ['pipeline'] }, { yamlKeys: ['pipeline', 'x.alloy'] }, ['config.alloy'])).toEqual(['pipeline', 'x.alloy']);
  });
});

const embeddedBuilt = existsSync(join(repoRoot, 'packages/embedded/dist/index.js'));
describe.skipIf(noteSkip(!embeddedBuilt, '@alloy-toolkit/embedded is not built'))('file kinds', () => {
  it('discovery tells the kind by name exactly as @alloy-toolkit/embedded does', async () => {
    const { hostKindOf } = (await import('@alloy-toolkit/embedded')) as { hostKindOf(name: string): string };
    const names = ['a.alloy', 'b.river', 'c.yaml', 'D.YML', 'e.alloy.j2', 'f.alloy.JINJA', 'g.alloy.jinja2', 'h.alloy.tmpl', 'i.alloy.gotmpl', 'j.alloy.tftpl', 'k.j2', 'l.md', 'm.markdown', 'n.txt', 'dir/o.yaml'];
    expect(names.map(fileKindOf)).toEqual(names.map((name) => hostKindOf(name)));
  });
});

describe.skipIf(noteSkip(!embeddedBuilt, '@alloy-toolkit/embedded is not built'))('checkHost: every position of a diagnostic moved to the host', () => {
  it('range, fix edits (added lines indented like the scalar), related places in the same file; other files untouched', async () => {
    const { checkHost } = await import('../src/embedded.js');
    const { loadEmbedded } = await import('../src/engine.js');
    const embedded = await loadEmbedded();
    const host = 'top: 1\ndata:\n  config.alloy: |\n    logging {}\n    foo {\n      a = 1\n    }\n';
    const at = (offset: number, line: number, column: number) => ({ offset, line, column });
    // In the embedded text 'logging {}\nfoo {\n  a = 1\n}\n', "foo" is at offset 11 (line 2, column 1).
    const diagnostic = {
      code: 'test/rule',
      severity: 'error' as const,
      message: 'foo is odd (see values.yaml:1:1)',
      range: { start: at(11, 2, 1), end: at(14, 2, 4) },
      fix: { title: 'add a block', edits: [{ range: { start: at(10, 1, 11), end: at(10, 1, 11) }, newText: '\nbar {\n  b = 2\n}' }] },
      related: [
        { message: 'logging is here', fileName: '/repo/values.yaml', range: { start: at(0, 1, 1), end: at(7, 1, 8) } },
        { message: 'elsewhere', fileName: '/repo/other.alloy', range: { start: at(0, 1, 1), end: at(3, 1, 4) } },
      ],
    };
    const outcome = await checkHost({
      filePath: '/repo/values.yaml',
      displayPath: 'values.yaml',
      text: host,
      embedded,
      extractOptions: {},
      check: () => [diagnostic],
      applyFixes: (text) => ({ text, applied: 0 }),
    });
    expect(outcome.diagnostics).toHaveLength(1);
    const mapped = outcome.diagnostics[0]!;
    expect(mapped.range).toEqual({ start: { offset: 50, line: 5, column: 5 }, end: { offset: 53, line: 5, column: 8 } });
    expect(host.slice(mapped.range.start.offset, mapped.range.end.offset)).toBe('foo');
    expect(mapped.message).toBe('foo is odd (see values.yaml:4:5)');
    const edit = mapped.fix!.edits[0]!;
    expect(edit.range.start).toEqual({ offset: 45, line: 4, column: 15 });
    expect(edit.newText).toBe('\n    bar {\n      b = 2\n    }');
    expect(mapped.related).toEqual([
      { message: 'logging is here', fileName: '/repo/values.yaml', range: { start: { offset: 35, line: 4, column: 5 }, end: { offset: 42, line: 4, column: 12 } } },
      diagnostic.related[1],
    ]);
  });
});

describe.skipIf(noteSkip(!embeddedBuilt, '@alloy-toolkit/embedded is not built'))('checkHost: fixes and template placeholders', () => {
  it('never applies (nor offers) a fix whose edit touches a template tag; the other fixes go in, the tag kept', async () => {
    const { checkHost } = await import('../src/embedded.js');
    const { loadEmbedded } = await import('../src/engine.js');
    const embedded = await loadEmbedded();
    const host = 'extraConfig: |\n  a = {{ .x }}\n  b = 1\n';
    // The configuration is 'a = ________\nb = 1\n': the tag is [4, 12), `b` at 13, `1` at 17.
    const at = (offset: number) => ({ offset, line: offset < 13 ? 1 : 2, column: offset < 13 ? offset + 1 : offset - 12 });
    const range = (start: number, end: number) => ({ start: at(start), end: at(end) });
    const check = (text: string) =>
      text.includes('b = 1')
        ? [
            { code: 'test/elsewhere', severity: 'error' as const, message: 'b should be 2', range: range(13, 14), fix: { title: 'two', edits: [{ range: range(17, 18), newText: '2' }] } },
            { code: 'test/touching', severity: 'error' as const, message: 'a comma after a', range: range(13, 14), fix: { title: 'comma', edits: [{ range: range(12, 12), newText: ',' }] } },
          ]
        : [];
    const applyFixes = (text: string, diagnostics: { fix?: { edits: { range: { start: { offset: number }; end: { offset: number } }; newText: string }[] } }[]) => {
      const edits = diagnostics.flatMap((diagnostic) => diagnostic.fix?.edits ?? []).sort((x, y) => y.range.start.offset - x.range.start.offset);
      let fixed = text;
      for (const edit of edits) fixed = fixed.slice(0, edit.range.start.offset) + edit.newText + fixed.slice(edit.range.end.offset);
      return { text: fixed, applied: edits.length };
    };
    const base = { filePath: '/repo/values.yaml', displayPath: 'values.yaml', text: host, embedded, extractOptions: {}, check, applyFixes };
    const reported = await checkHost(base);
    expect(reported.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.fix?.edits.map((edit) => edit.newText)])).toEqual([
      ['test/elsewhere', ['2']],
      ['test/touching', undefined],
    ]);
    const fixed = await checkHost({ ...base, fix: true });
    expect(fixed.output).toBe('extraConfig: |\n  a = {{ .x }}\n  b = 2\n');
  });
});
