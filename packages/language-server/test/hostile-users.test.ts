/**
 * The server run as an unprivileged user (the test creates one when it runs as root), as on a
 * developer's machine: files it may not read, beside or imported by an open document, and a lint
 * configuration it may not read, are reported with their reason; nothing blocks or crashes.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Fixture, messageOf, serverBuilt, TestClient } from './helpers/client.js';

const userName = 'alloy-ls-test';

function idOf(flag: '-u' | '-g'): number | undefined {
  const result = spawnSync('id', [flag, userName], { encoding: 'utf8' });
  return result.status === 0 ? Number(result.stdout.trim()) : undefined;
}

/** The unprivileged user, created with useradd when missing; undefined when not root or when it cannot be made. */
function unprivilegedUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  if (spawnSync('setpriv', ['--version'], { stdio: 'ignore' }).status !== 0) return undefined;
  if (idOf('-u') === undefined) spawnSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', userName], { stdio: 'ignore' });
  const uid = idOf('-u');
  const gid = idOf('-g');
  return uid === undefined || gid === undefined ? undefined : { uid, gid };
}

const user = unprivilegedUser();
if (!user) console.warn('hostile-users test skipped: it must run as root with setpriv and useradd to start the server as an unprivileged user');

const mainText = 'prometheus.scrape "s" {\n  targets    = prometheus.exporter.unix.node.targets\n  forward_to = []\n}\n';

describe.skipIf(!serverBuilt || !user)('the server as an unprivileged user', () => {
  let fixture: Fixture;
  let client: TestClient;

  beforeAll(async () => {
    fixture = new Fixture({
      'ws/main.alloy': mainText,
      // Defines what main.alloy refers to, but the server may not read it.
      'ws/exporter.alloy': 'prometheus.exporter.unix "node" { }\n',
      'ws/private/module.alloy': 'declare "m" { }\n',
      'ws/sub/main.alloy': 'logging { }\n',
      'ws/sub/.alloy-lint.json': '{ "rules": {} }\n',
    });
    execFileSync('mkfifo', [fixture.path('ws/fifo.alloy')]);
    chmodSync(fixture.root, 0o755);
    for (const path of ['ws', 'ws/main.alloy', 'ws/sub', 'ws/sub/main.alloy', 'ws/fifo.alloy']) chownSync(fixture.path(path), user!.uid, user!.gid);
    chmodSync(fixture.path('ws/exporter.alloy'), 0o600);
    chmodSync(fixture.path('ws/private'), 0o700);
    chmodSync(fixture.path('ws/sub/.alloy-lint.json'), 0o600);
    client = new TestClient({ user: user! });
    await client.initialize({ rootPath: fixture.path('ws') });
  });

  afterAll(async () => {
    await client?.shutdown();
    fixture?.dispose();
  });

  it('checks a document whose siblings are unreadable or a fifo: the reference they would define is unresolved', async () => {
    const uri = fixture.uri('ws/main.alloy');
    await client.open(uri, mainText);
    const diagnostics = await client.diagnosticsForCurrentVersion(uri);
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['alloy/unresolved-reference']);
  });

  it('reports an import it may not read, with the reason', async () => {
    const uri = fixture.uri('ws/main.alloy');
    await client.change(uri, [{ text: `import.file "private" {\n  filename = "private/module.alloy"\n}\n` }]);
    const diagnostics = await client.diagnosticsForCurrentVersion(uri);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]?.code).toBe('alloy/import-not-found');
    expect(messageOf(diagnostics[0]!)).toContain('permission denied');
  });

  it('reports a lint configuration it may not read on the document', async () => {
    const uri = fixture.uri('ws/sub/main.alloy');
    await client.open(uri, 'logging { }\n');
    const diagnostics = await client.diagnosticsForCurrentVersion(uri);
    const config = diagnostics.find((diagnostic) => diagnostic.code === 'alloy-lint/config');
    expect(config && messageOf(config)).toMatch(/\.alloy-lint\.json: permission denied/);
  });

  it('runs as that user', () => {
    expect(client.exited).toBe(false);
    // setpriv executes the server in its own process: the pid is the server's.
    const status = readFileSync(`/proc/${client.pid}/status`, 'utf8');
    expect(Number(/^Uid:\s+(\d+)/m.exec(status)?.[1])).toBe(user!.uid);
  });
});
