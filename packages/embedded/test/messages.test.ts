import { describe, expect, it } from 'vitest';
import { extractEmbedded, relocateMessage } from '../src/index.js';

describe('relocateMessage: places a message names in its own configuration, moved to the host', () => {
  const host = 'a:\n  x: 1\ndata:\n  config.alloy: |\n    logging {}\n    prometheus.exporter.unix "n" { }\n    prometheus.exporter.unix "n" { }\n';
  const config = extractEmbedded('values.yaml', host).configs[0]!;

  it('moves FILE:LINE:COLUMN of the configuration to the host line and byte column', () => {
    // Line 2, column 1 of the configuration is line 6, column 5 of the host.
    expect(relocateMessage('block prometheus.exporter.unix.n already declared at values.yaml:2:1', config, host, '/repo/deploy/values.yaml')).toBe(
      'block prometheus.exporter.unix.n already declared at values.yaml:6:5',
    );
    // Every place, and a column inside the line.
    expect(relocateMessage('values.yaml:1:9 and values.yaml:3:10', config, host, 'values.yaml')).toBe('values.yaml:5:13 and values.yaml:7:14');
  });

  it('leaves other files, lines the configuration lacks and names that only end like the host alone', () => {
    for (const message of ['declared at other.alloy:2:1', 'see values.yaml:99:1', 'see my-values.yaml:2:1', 'see values.yaml:0:1', 'no place here']) {
      expect(relocateMessage(message, config, host, 'values.yaml')).toBe(message);
    }
    // A Windows path names the same base name.
    expect(relocateMessage('at values.yaml:2:1', config, host, 'C:\\repo\\values.yaml')).toBe('at values.yaml:6:5');
  });

  it('counts UTF-8 bytes in columns on both sides, and CRLF lines', () => {
    const crlf = 'é: 1\r\ndata:\r\n  config.alloy: |\r\n    a = "é"  \r\n    b = "é" \r\n';
    const crlfConfig = extractEmbedded('values.yaml', crlf).configs[0]!;
    // `b` after `"é" ` would be byte column 11 of line 2 of the configuration: ` ` at offset 9.
    expect(relocateMessage('values.yaml:2:10', crlfConfig, crlf, 'values.yaml')).toBe('values.yaml:5:14');
    expect(relocateMessage('values.yaml:2:1', crlfConfig, crlf, 'values.yaml')).toBe('values.yaml:5:5');
  });

  it('is the identity for an Alloy file and a template, and maps Markdown fences', () => {
    const alloy = 'a {}\na {}\n';
    expect(relocateMessage('at config.alloy:2:1', extractEmbedded('config.alloy', alloy).configs[0]!, alloy, 'config.alloy')).toBe('at config.alloy:2:1');
    const markdown = '# Title\n\n```alloy\nlogging {}\nlogging {}\n```\n';
    expect(relocateMessage('at README.md:2:1', extractEmbedded('README.md', markdown).configs[0]!, markdown, 'README.md')).toBe('at README.md:5:1');
  });
});
