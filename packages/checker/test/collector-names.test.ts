// Collector names of the host exporters, as upstream treats them:
// prometheus.exporter.windows fails to build on an unknown name (windows_exporter:
// "unknown collector <name>"), so the checker reports an error; prometheus.exporter.unix
// silently drops a name node_exporter does not register, so the checker warns
// (alloy/unknown-value) and the config still loads.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkText, type CheckOptions } from '../src/index.js';
import { hasShared, sharedMissingNote, sharedRoot } from './helpers.js';

function diagnosticsOf(text: string, options: CheckOptions = {}) {
  return checkText(text, { siblings: false, ...options }).diagnostics;
}

const unix = (body: string) => `prometheus.exporter.unix "node" {\n${body}}\n`;

function textOf(text: string, diagnostic: { range: { start: { offset: number }; end: { offset: number } } } | undefined): string | undefined {
  return diagnostic === undefined ? undefined : text.slice(diagnostic.range.start.offset, diagnostic.range.end.offset);
}

describe('prometheus.exporter.windows enabled_collectors', () => {
  it('reports an unknown collector name at the element, as alloy/invalid-enum', () => {
    const text = 'prometheus.exporter.windows "default" {\n  enabled_collectors = ["cpu", "cpuu", "service"]\n}\n';
    const diagnostics = diagnosticsOf(text);
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['alloy/invalid-enum']);
    const [unknown] = diagnostics;
    expect(unknown?.severity).toBe('error');
    expect(unknown?.message).toMatch(/^unknown enabled_collectors cpuu; expected one of "ad", /);
    expect(text.slice(unknown?.range.start.offset, unknown?.range.end.offset)).toBe('"cpuu"');
  });

  it('reports a unix collector name used for windows', () => {
    const text = 'prometheus.exporter.windows "default" {\n  enabled_collectors = ["cpu", "meminfo"]\n}\n';
    expect(diagnosticsOf(text).map((diagnostic) => diagnostic.message)).toEqual([expect.stringMatching(/^unknown enabled_collectors meminfo;/)]);
  });

  it('reports the block name smb_client, which is not the collector name smbclient', () => {
    const bad = 'prometheus.exporter.windows "default" {\n  enabled_collectors = ["smb_client"]\n}\n';
    expect(diagnosticsOf(bad).map((diagnostic) => diagnostic.code)).toEqual(['alloy/invalid-enum']);
  });

  it('accepts the names real configs use, including those the docs table omits', () => {
    const text =
      'prometheus.exporter.windows "default" {\n' +
      '  enabled_collectors = ["cpu", "cs", "logon", "diskdrive", "logical_disk", "net", "os", "service", "system", "smbclient", "memory", "pagefile", "time"]\n' +
      '}\n';
    expect(diagnosticsOf(text)).toEqual([]);
  });
});

describe('prometheus.exporter.unix collector lists (alloy/unknown-value)', () => {
  it('warns on an unknown name, at the string literal, with a suggestion', () => {
    const text = unix('  enable_collectors = ["systemd", "cpuu", "meminfo"]\n');
    const diagnostics = diagnosticsOf(text);
    expect(diagnostics).toHaveLength(1);
    const [unknown] = diagnostics;
    expect(unknown?.code).toBe('alloy/unknown-value');
    expect(unknown?.severity).toBe('warning');
    expect(unknown?.message).toBe('unknown enable_collectors name "cpuu": Alloy ignores names it does not know; did you mean "cpu"?');
    expect(textOf(text, unknown)).toBe('"cpuu"');
    expect(unknown?.range.start).toEqual({ offset: 68, line: 2, column: 35 });
  });

  it('checks set_collectors and disable_collectors too, naming the argument', () => {
    const text = unix('  set_collectors     = ["cpu", "proceses"]\n  disable_collectors = ["mdam"]\n');
    expect(diagnosticsOf(text).map((diagnostic) => [diagnostic.message, textOf(text, diagnostic)])).toEqual([
      ['unknown set_collectors name "proceses": Alloy ignores names it does not know; did you mean "processes"?', '"proceses"'],
      ['unknown disable_collectors name "mdam": Alloy ignores names it does not know; did you mean "mdadm"?', '"mdam"'],
    ]);
  });

  it('gives no suggestion when no known name is close', () => {
    const text = unix('  enable_collectors = ["not_a_collector"]\n');
    expect(diagnosticsOf(text).map((diagnostic) => diagnostic.message)).toEqual([
      'unknown enable_collectors name "not_a_collector": Alloy ignores names it does not know',
    ]);
  });

  it('suggests the known name for a name in another case (Alloy matches names exactly)', () => {
    const text = unix('  enable_collectors = ["CPU"]\n');
    expect(diagnosticsOf(text).map((diagnostic) => diagnostic.message)).toEqual([
      'unknown enable_collectors name "CPU": Alloy ignores names it does not know; did you mean "cpu"?',
    ]);
  });

  it('accepts known names, including those added to the docs table (cgroups, selinux, slabinfo)', () => {
    const text = unix(
      '  set_collectors     = ["cpu", "meminfo", "diskstats", "netdev", "filesystem", "loadavg", "stat", "textfile"]\n' +
        '  enable_collectors  = ["systemd", "processes", "cgroups", "selinux", "slabinfo"]\n' +
        '  disable_collectors = ["ipvs", "btrfs", "infiniband", "xfs", "zfs", "mdadm"]\n',
    );
    expect(diagnosticsOf(text)).toEqual([]);
  });

  it('does not evaluate expressions: concatenations, function calls and references are not checked', () => {
    const text =
      'local.file "names" {\n  filename = "/etc/names"\n}\n' +
      unix('  enable_collectors  = ["cp" + "uu", sys.env("COLLECTOR"), local.file.names.content]\n  disable_collectors = coalesce(sys.env("X"), "cpuu")\n');
    expect(diagnosticsOf(text).filter((diagnostic) => diagnostic.code === 'alloy/unknown-value')).toEqual([]);
  });

  it('follows the rule settings: off removes it, error raises it', () => {
    const text = unix('  enable_collectors = ["cpuu"]\n');
    expect(diagnosticsOf(text, { rules: { 'alloy/unknown-value': 'off' } })).toEqual([]);
    expect(diagnosticsOf(text, { rules: { 'alloy/unknown-value': 'error' } }).map((diagnostic) => [diagnostic.code, diagnostic.severity])).toEqual([
      ['alloy/unknown-value', 'error'],
    ]);
  });

  it('still checks the element type of the lists', () => {
    const literal = unix('  enable_collectors = ["cpu", true]\n');
    expect(diagnosticsOf(literal).map((diagnostic) => diagnostic.code)).toEqual(['alloy/type-mismatch']);
  });

  it('is not reported for windows names, which are errors (alloy/invalid-enum) instead', () => {
    const text = 'prometheus.exporter.windows "default" {\n  enabled_collectors = ["cpuu"]\n}\n';
    expect(diagnosticsOf(text).map((diagnostic) => diagnostic.code)).toEqual(['alloy/invalid-enum']);
  });
});

sharedMissingNote('the corpus check of prometheus.exporter.unix collector names');

describe.skipIf(!hasShared)('collector names in the valid corpus', () => {
  it('every prometheus.exporter.unix collector name of the valid corpus is known', () => {
    const corpus = path.join(sharedRoot, 'corpus');
    const directories = ['alloy-repo', 'doc-snippets', 'real-world/valid'];
    const warnings: string[] = [];
    let filesWithCollectorLists = 0;
    for (const directory of directories) {
      for (const name of readdirSync(path.join(corpus, directory)).sort()) {
        if (!/\.(alloy|river)$/.test(name)) continue;
        const fileName = path.join(corpus, directory, name);
        const text = readFileSync(fileName, 'utf8');
        if (!/prometheus\.exporter\.unix/.test(text) || !/\b(enable|disable|set)_collectors\b/.test(text)) continue;
        filesWithCollectorLists += 1;
        for (const diagnostic of checkText(text, { fileName, siblings: false, stabilityLevel: 'experimental' }).diagnostics) {
          if (diagnostic.code === 'alloy/unknown-value') warnings.push(`${directory}/${name}:${diagnostic.range.start.line}: ${diagnostic.message}`);
        }
      }
    }
    // The corpus holds real lists (textfile, meminfo, mdadm, ...); a drop here means the scan no longer finds them.
    expect(filesWithCollectorLists).toBeGreaterThan(20);
    expect(warnings).toEqual([]);
  });
});
