import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkerBuilt, cliBuilt, formatterBuilt, makeTempDir, noteSkip, runCli, syntaxBuilt } from './helpers.js';

const ready = cliBuilt && syntaxBuilt && checkerBuilt && formatterBuilt;

// The checker's certain fixes (#14) reach --fix: a duration Go refuses only for its spelling and a
// value differing from one allowed value only in case are rewritten; a conflict between two
// arguments, which has no certain repair, is left and still reported.
// Formatted as alloy fmt writes it (tabs), so --fix changes only what the fixes change.
const text = `prometheus.scrape "s" {
\ttargets         = []
\tforward_to      = []
\tscrape_interval = "15 s"
}

prometheus.scrape "t" {
\ttargets         = []
\tforward_to      = []
\tscrape_interval = "10s"
\tscrape_timeout  = "20s"
}

discovery.relabel "r" {
\ttargets = []

\trule {
\t\tsource_labels = ["a"]
\t\ttarget_label  = "b"
\t\taction        = "Replace"
\t}
}
`;

describe.skipIf(noteSkip(!ready, 'needs the built packages'))('--fix applies the load-time fixes that are certain', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeAll(() => {
    temp = makeTempDir();
  });
  afterAll(() => temp.remove());

  it('rewrites "15 s" and "Replace", and leaves scrape_timeout > scrape_interval to the user', () => {
    const file = join(temp.path, 'config.alloy');
    writeFileSync(file, text);
    const result = runCli(['--fix', 'config.alloy'], { cwd: temp.path });
    expect(readFileSync(file, 'utf8')).toBe(text.replace('"15 s"', '"15s"').replace('"Replace"', '"replace"'));
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('scrape_timeout (20s) greater than scrape_interval (10s)');
    expect(result.stdout).not.toContain('15 s');
    expect(result.stdout).not.toContain('unrecognized action type');
  });

  it('--fix-dry-run shows the same rewrite as a diff', () => {
    const file = join(temp.path, 'dry.alloy');
    writeFileSync(file, text);
    const result = runCli(['--fix-dry-run', 'dry.alloy'], { cwd: temp.path });
    expect(result.stdout).toContain('-\tscrape_interval = "15 s"\n+\tscrape_interval = "15s"\n');
    expect(result.stdout).toContain('-\t\taction        = "Replace"\n+\t\taction        = "replace"\n');
    expect(readFileSync(file, 'utf8')).toBe(text);
  });
});
