// Collector names of the host exporters, as upstream treats them:
// prometheus.exporter.windows fails to build on an unknown name (windows_exporter:
// "unknown collector <name>"), so the checker reports it; prometheus.exporter.unix
// silently drops a name node_exporter does not register, so the checker does not.
import { describe, expect, it } from 'vitest';
import { checkText } from '../src/index.js';

function diagnosticsOf(text: string) {
  return checkText(text, { siblings: false }).diagnostics;
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

describe('prometheus.exporter.unix collector lists', () => {
  it('reports nothing for names outside the known list: Alloy ignores them', () => {
    const text =
      'prometheus.exporter.unix "node" {\n' +
      '  set_collectors     = ["cpu", "meminfo"]\n' +
      '  enable_collectors  = ["selinux", "not_a_collector"]\n' +
      '  disable_collectors = ["mdadm", "cpuu"]\n' +
      '}\n';
    expect(diagnosticsOf(text)).toEqual([]);
  });

  it('still checks the element type of the lists', () => {
    const literal = 'prometheus.exporter.unix "node" {\n  enable_collectors = ["cpu", true]\n}\n';
    expect(diagnosticsOf(literal).map((diagnostic) => diagnostic.code)).toEqual(['alloy/type-mismatch']);
  });
});
