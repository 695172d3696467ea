import { afterEach, describe, expect, it } from 'vitest';
import { globMatches, ignoredByPatterns, sanitizeSettings, effectiveSettings } from '../src/workspace/settings.js';
import { Fixture, messageOf, serverBuilt, TestClient } from './helpers/client.js';

const withUnknownArgument = 'prometheus.exporter.unix "node" {\n  no_such_argument = true\n}\n';

describe('settings parsing', () => {
  it('keeps only well-formed settings, from the alloy section or the object itself', () => {
    expect(sanitizeSettings({ alloy: { stabilityLevel: 'experimental', rules: { 'alloy/unknown-attribute': 'off', bad: 'loud' } } })).toEqual({
      stabilityLevel: 'experimental',
      rules: { 'alloy/unknown-attribute': 'off' },
    });
    expect(sanitizeSettings({ stabilityLevel: 'sometimes', lintConfigPath: 'x.json' })).toEqual({ lintConfigPath: 'x.json' });
    expect(sanitizeSettings(null)).toEqual({});
  });

  it('matches ignore patterns like .gitignore', () => {
    expect(globMatches('vendor/', 'vendor/a.alloy')).toBe(true);
    expect(globMatches('*.generated.alloy', 'deep/dir/x.generated.alloy')).toBe(true);
    expect(globMatches('/top.alloy', 'sub/top.alloy')).toBe(false);
    expect(globMatches('examples/**/*.alloy', 'examples/a/b/c.alloy')).toBe(true);
    expect(globMatches('examples/**/*.alloy', 'other/c.alloy')).toBe(false);
  });

  it('merges editor settings over the nearest .alloy-lint.json', () => {
    const fixture = new Fixture({
      '.alloy-lint.json': JSON.stringify({ rules: { 'alloy/unknown-attribute': 'warn', 'alloy/stability': 'off' }, stabilityLevel: 'public-preview', ignorePatterns: ['ignored/'] }),
      'sub/a.alloy': '',
    });
    try {
      const settings = effectiveSettings({ rules: { 'alloy/unknown-attribute': 'off' } }, fixture.path('sub/a.alloy'), undefined);
      expect(settings.rules).toEqual({ 'alloy/unknown-attribute': 'off', 'alloy/stability': 'off' });
      expect(settings.stabilityLevel).toBe('public-preview');
      expect(settings.ignored).toBe(false);
      expect(effectiveSettings({}, fixture.path('ignored/b.alloy'), undefined).ignored).toBe(true);
    } finally {
      fixture.dispose();
    }
  });

  it('handles negation, character classes and ignored parent directories like .gitignore', () => {
    expect(ignoredByPatterns(['keep/*', '!keep/d.alloy'], 'keep/d.alloy')).toBe(false);
    expect(ignoredByPatterns(['keep/*', '!keep/d.alloy'], 'keep/e.alloy')).toBe(true);
    // A file inside an ignored directory cannot be re-included.
    expect(ignoredByPatterns(['build', '!build/x.alloy'], 'build/x.alloy')).toBe(true);
    expect(ignoredByPatterns(['[bc]*.alloy'], 'sub/b1.alloy')).toBe(true);
    expect(ignoredByPatterns(['[!bc]*.alloy'], 'b1.alloy')).toBe(false);
    expect(ignoredByPatterns(['# a comment', '', 'a?.alloy'], 'ab.alloy')).toBe(true);
    expect(ignoredByPatterns(['*.alloy'], '../outside.alloy')).toBe(false);
  });

  it('reads the alloy-lint key of the nearest package.json, as alloy-lint does', () => {
    const fixture = new Fixture({
      'package.json': JSON.stringify({ name: 'x', 'alloy-lint': { rules: { 'alloy/unknown-attribute': 'warn' } } }),
      'plain/package.json': JSON.stringify({ name: 'no-config-here' }),
      'plain/a.alloy': '',
      'nearer/.alloy-lint.json': `\uFEFF${JSON.stringify({ rules: { 'alloy/stability': 'off' } })}`,
      'nearer/b.alloy': '',
    });
    try {
      const plain = effectiveSettings({}, fixture.path('plain/a.alloy'), undefined);
      expect(plain.configFile).toBe(fixture.path('package.json'));
      expect(plain.rules).toEqual({ 'alloy/unknown-attribute': 'warn' });
      const nearer = effectiveSettings({}, fixture.path('nearer/b.alloy'), undefined);
      expect(nearer.rules).toEqual({ 'alloy/stability': 'off' });
      expect(nearer.configProblem).toBeUndefined();
      const explicit = effectiveSettings({ lintConfigPath: 'package.json' }, fixture.path('nearer/b.alloy'), fixture.root);
      expect(explicit.rules).toEqual({ 'alloy/unknown-attribute': 'warn' });
      expect(effectiveSettings({ lintConfigPath: 'plain/package.json' }, fixture.path('nearer/b.alloy'), fixture.root).configProblem).toMatch(/has no "alloy-lint" key/);
    } finally {
      fixture.dispose();
    }
  });

  it('reports what alloy-lint would refuse in a lint config, and applies the rest', () => {
    const fixture = new Fixture({
      '.alloy-lint.json': JSON.stringify({ rules: { 'alloy/stability': 'off' }, ignorePattern: ['x'], stabilityLevel: 'beta', ignorePatterns: 'vendor/' }),
      'a.alloy': '',
    });
    try {
      const settings = effectiveSettings({}, fixture.path('a.alloy'), undefined);
      expect(settings.rules).toEqual({ 'alloy/stability': 'off' });
      expect(settings.configProblem).toContain('unknown option "ignorePattern"');
      expect(settings.configProblem).toContain('"stabilityLevel" must be');
      expect(settings.configProblem).toContain('"ignorePatterns" must be an array of strings');
    } finally {
      fixture.dispose();
    }
  });

  it('reports a broken lint config instead of failing', () => {
    const fixture = new Fixture({ '.alloy-lint.json': '{ "rules": ', 'a.alloy': '' });
    try {
      expect(effectiveSettings({}, fixture.path('a.alloy'), undefined).configProblem).toMatch(/invalid JSON/);
    } finally {
      fixture.dispose();
    }
  });
});

const oracle = 'prometheus.exporter.oracledb "db" {\n  connection_string = "x"\n  custom_metrics    = ["/m.toml"]\n}\n';

describe('the Alloy version', () => {
  it('takes alloy.alloyVersion, then the lint config, then what the repository pins; default the newest', () => {
    const fixture = new Fixture({
      'docker-compose.yml': 'services:\n  alloy:\n    image: grafana/alloy:v1.5.1\n',
      'a.alloy': oracle,
      'configured/.alloy-lint.json': '{\n  "alloyVersion": "1.9"\n}\n',
      'configured/b.alloy': oracle,
      'plain/c.alloy': oracle,
    });
    try {
      expect(sanitizeSettings({ alloy: { alloyVersion: 'v1.7.0' } })).toEqual({ alloyVersion: 'v1.7.0' });
      expect(sanitizeSettings({ alloyVersion: '9.9' })).toEqual({});
      expect(effectiveSettings({ alloyVersion: 'v1.7.0' }, fixture.path('a.alloy'), undefined)).toMatchObject({ alloyVersion: '1.7', alloyVersionSource: 'alloy.alloyVersion' });
      expect(effectiveSettings({}, fixture.path('a.alloy'), undefined)).toMatchObject({ alloyVersion: '1.5', alloyVersionSource: 'docker-compose.yml:3' });
      expect(effectiveSettings({}, fixture.path('configured/b.alloy'), undefined)).toMatchObject({ alloyVersion: '1.9', alloyVersionSource: '.alloy-lint.json:2' });
      expect(effectiveSettings({}, fixture.path('plain/c.alloy'), undefined).alloyVersion).toBeUndefined();
    } finally {
      fixture.dispose();
    }
  });
});

describe.skipIf(!serverBuilt)('settings over the protocol', () => {
  let client: TestClient | undefined;
  let fixture: Fixture | undefined;
  afterEach(async () => {
    await client?.shutdown();
    fixture?.dispose();
  });

  it("applies the initializationOptions the VS Code extension sends (its alloy.* settings)", async () => {
    const text = 'otelcol.auth.google "creds" {}\n\nprometheus.exporter.unix "node" {\n  no_such_argument = true\n}\n';
    fixture = new Fixture({ 'a.alloy': text });
    client = new TestClient();
    // The shape of readSettings() in packages/vscode/src/extension.ts.
    await client.initialize({
      rootPath: fixture.root,
      initializationOptions: {
        stabilityLevel: 'public-preview',
        rules: { 'alloy/unknown-attribute': 'info' },
        lintConfigPath: '',
        server: { path: '' },
        trace: { server: 'off' },
      },
    });
    const uri = fixture.uri('a.alloy');
    await client.open(uri, text);
    const diagnostics = await client.waitForDiagnostics(uri, (params) => params.diagnostics.length > 0);
    expect(diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.severity])).toEqual([['alloy/unknown-attribute', 3]]);
  });

  it('turns a rule off through initializationOptions', async () => {
    fixture = new Fixture({ 'a.alloy': withUnknownArgument });
    client = new TestClient();
    await client.initialize({ initializationOptions: { rules: { 'alloy/unknown-attribute': 'off' } } });
    await client.open(fixture.uri('a.alloy'), withUnknownArgument);
    expect(await client.waitForDiagnostics(fixture.uri('a.alloy'))).toEqual([]);
  });

  it('changes a rule severity through workspace/configuration and re-checks on didChangeConfiguration', async () => {
    fixture = new Fixture({ 'a.alloy': withUnknownArgument });
    client = new TestClient({ configuration: { rules: { 'alloy/unknown-attribute': 'warn' } } });
    await client.initialize();
    const uri = fixture.uri('a.alloy');
    await client.open(uri, withUnknownArgument);
    const first = await client.waitForDiagnostics(uri, (params) => params.diagnostics.length > 0);
    expect(first.map((diagnostic) => [diagnostic.code, diagnostic.severity])).toEqual([['alloy/unknown-attribute', 2]]);
    expect(client.configurationRequests).toBeGreaterThan(0);
    client.configuration = { rules: { 'alloy/unknown-attribute': 'off' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    expect(await client.waitForDiagnostics(uri, (params) => params.diagnostics.length === 0)).toEqual([]);
  });

  it('reports components below alloy.stabilityLevel, and no longer once the level allows them', async () => {
    const text = 'otelcol.auth.google "creds" {}\n';
    fixture = new Fixture({ 'a.alloy': text });
    client = new TestClient({ configuration: {} });
    await client.initialize({ rootPath: fixture.root });
    const uri = fixture.uri('a.alloy');
    await client.open(uri, text);
    const defaultLevel = await client.waitForDiagnostics(uri, (params) => params.diagnostics.length > 0);
    expect(defaultLevel.map((diagnostic) => diagnostic.code)).toEqual(['alloy/stability']);
    expect(messageOf(defaultLevel[0]!)).toContain('public-preview');
    client.configuration = { stabilityLevel: 'public-preview' };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    expect(await client.waitForDiagnostics(uri, (params) => params.diagnostics.length === 0)).toEqual([]);
    client.configuration = { stabilityLevel: 'generally-available' };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    expect((await client.waitForDiagnostics(uri, (params) => params.diagnostics.length > 0)).map((diagnostic) => diagnostic.code)).toEqual(['alloy/stability']);
  });

  it('reads .alloy-lint.json upwards from the document, and alloy.lintConfigPath', async () => {
    fixture = new Fixture({
      '.alloy-lint.json': JSON.stringify({ rules: { 'alloy/unknown-attribute': 'info' } }),
      'custom-lint.json': JSON.stringify({ rules: { 'alloy/unknown-attribute': 'off' } }),
      'deep/dir/a.alloy': withUnknownArgument,
      'vendor/.alloy-lint.json': JSON.stringify({ ignorePatterns: ['*.alloy'] }),
      'vendor/b.alloy': `${withUnknownArgument}\nlogging {\n`,
    });
    client = new TestClient();
    await client.initialize({ rootPath: fixture.root });
    const uri = fixture.uri('deep/dir/a.alloy');
    await client.open(uri, withUnknownArgument);
    const diagnostics = await client.waitForDiagnostics(uri, (params) => params.diagnostics.length > 0);
    expect(diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.severity])).toEqual([['alloy/unknown-attribute', 3]]);

    const ignoredUri = fixture.uri('vendor/b.alloy');
    await client.open(ignoredUri, `${withUnknownArgument}\nlogging {\n`);
    const ignored = await client.waitForDiagnostics(ignoredUri, (params) => params.diagnostics.length > 0);
    expect(ignored.every((diagnostic) => String(diagnostic.code).startsWith('syntax/'))).toBe(true);
    await client.shutdown();

    client = new TestClient();
    await client.initialize({ rootPath: fixture.root, initializationOptions: { lintConfigPath: 'custom-lint.json' } });
    await client.open(uri, withUnknownArgument);
    expect(await client.waitForDiagnostics(uri)).toEqual([]);
  });

  it('checks against the release the repository pins, and names it in the message', async () => {
    fixture = new Fixture({ 'docker-compose.yml': 'services:\n  alloy:\n    image: grafana/alloy:v1.5.1\n', 'a.alloy': oracle });
    client = new TestClient();
    await client.initialize({ rootPath: fixture.root });
    const uri = fixture.uri('a.alloy');
    await client.open(uri, oracle);
    const diagnostics = await client.waitForDiagnostics(uri, (params) => params.diagnostics.length > 0);
    expect(diagnostics.map((diagnostic) => messageOf(diagnostic))).toEqual([
      'unrecognized attribute name "custom_metrics": `custom_metrics` is available from Alloy v1.9; this configuration targets v1.5 (docker-compose.yml:3)',
    ]);
    // A changed pin is read again once the client reports a changed file.
    fixture.write('docker-compose.yml', 'services:\n  alloy:\n    image: grafana/alloy:v1.9.0\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fixture.uri('docker-compose.yml'), type: 2 }] });
    expect(await client.waitForDiagnostics(uri, (params) => params.diagnostics.length === 0)).toEqual([]);
    await client.shutdown();
    client = new TestClient();
    await client.initialize({ rootPath: fixture.root, initializationOptions: { alloyVersion: 'latest' } });
    await client.open(uri, oracle);
    expect(await client.waitForDiagnostics(uri)).toEqual([]);
  });

  it('gives an unresolved reference defined in another directory relatedInformation, and resolves it in a declared assembly', async () => {
    const logs = 'loki.source.journal "journal" {\n  forward_to = [loki.write.default.receiver]\n}\n';
    fixture = new Fixture({
      'modules/shared/writers.alloy': 'loki.write "default" {\n  endpoint {\n    url = "http://loki:3100/loki/api/v1/push"\n  }\n}\n',
      'modules/base/linux/logs.alloy': logs,
    });
    client = new TestClient();
    await client.initialize({ rootPath: fixture.root });
    const uri = fixture.uri('modules/base/linux/logs.alloy');
    await client.open(uri, logs);
    const [diagnostic] = await client.waitForDiagnostics(uri, (params) => params.diagnostics.length > 0);
    expect(diagnostic?.code).toBe('alloy/unresolved-reference');
    expect(diagnostic?.relatedInformation).toEqual([
      {
        message: '"loki.write.default" is defined here',
        location: { uri: fixture.uri('modules/shared/writers.alloy'), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 10 } } },
      },
    ]);
    await client.shutdown();
    fixture.write('.alloy-lint.json', JSON.stringify({ assemblies: [['modules/shared', 'modules/base/linux']] }));
    client = new TestClient();
    await client.initialize({ rootPath: fixture.root });
    await client.open(uri, logs);
    expect(await client.waitForDiagnostics(uri)).toEqual([]);
  });
});
