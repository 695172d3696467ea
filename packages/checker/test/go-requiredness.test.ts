// Which arguments and blocks are required comes from upstream's Go struct tags where they and the
// docs disagree (packages/schema/data/alloy-1.18-go-overrides.txt): configurations Alloy loads check
// clean, and what Alloy refuses is still reported.
import { describe, expect, it } from 'vitest';
import { checkText } from '../src/index.js';

function errors(text: string): string[] {
  return checkText(text, { stabilityLevel: 'experimental' })
    .diagnostics.filter((diagnostic) => diagnostic.severity === 'error')
    .map((diagnostic) => diagnostic.message);
}

const output = `
  output {
    logs = []
  }
`;

describe('required arguments and blocks as Go decodes them', () => {
  it('otelcol.receiver.filelog: a multiline block with one of the two patterns checks clean (docs: yes*, Go: optional)', () => {
    for (const pattern of ['line_start_pattern', 'line_end_pattern']) {
      const text = `otelcol.receiver.filelog "default" {
  include = ["/var/log/*.log"]
  multiline {
    ${pattern} = "^\\\\d{4}-"
  }
${output}}
`;
      expect(errors(text), pattern).toEqual([]);
    }
  });

  it('otelcol.receiver.filelog: an empty multiline block is refused with the Validate text, not "missing required attribute"', () => {
    const text = `otelcol.receiver.filelog "default" {
  include = ["/var/log/*.log"]
  multiline { }
${output}}
`;
    expect(errors(text)).toEqual(['either line_start_pattern or line_end_pattern must be set']);
  });

  it('otelcol.receiver.syslog and tcplog: the multiline block of a tcp listener with one pattern checks clean', () => {
    const syslog = `otelcol.receiver.syslog "default" {
  tcp {
    listen_address = "0.0.0.0:5140"
    multiline {
      line_end_pattern = "\\\\n$"
    }
  }
${output}}
`;
    expect(errors(syslog)).toEqual([]);
  });

  it('otelcol.receiver.file_stats: metrics_include / metrics_exclude filters with strict or regexp alone check clean', () => {
    const text = `otelcol.receiver.file_stats "default" {
  include = "/var/log/*.log"
  resource_attributes {
    file.name {
      enabled = true
      metrics_include {
        strict = "file.size"
      }
      metrics_include {
        regexp = "file\\\\..*time"
      }
      metrics_exclude {
        regexp = "file.count"
      }
    }
  }
  output {
    metrics = []
  }
}
`;
    expect(errors(text)).toEqual([]);
  });

  it('Go-required blocks the docs mark optional are reported, Go-optional arguments the docs mark required are not', () => {
    // loadbalancing: `protocol,block` (required in Go, "no" in the docs).
    const loadbalancing = `otelcol.exporter.loadbalancing "default" {
  resolver {
    static {
      hostnames = ["a:4317"]
    }
  }
}
`;
    expect(errors(loadbalancing)).toContain('missing required block "protocol"');
    // prometheus.exporter.kafka: `kafka_uris,attr,optional`.
    expect(errors('prometheus.exporter.kafka "default" { }\n')).toEqual([]);
    // prometheus.exporter.oracledb: `database` is a slice of blocks.
    const oracle = `prometheus.exporter.oracledb "default" {
  database {
    connection_string = "oracle://user:pass@host:1521/a"
  }
  database {
    connection_string = "oracle://user:pass@host:1521/b"
  }
}
`;
    expect(errors(oracle).filter((message) => message.includes('may only be specified once'))).toEqual([]);
  });
});
