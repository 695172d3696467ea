import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AL2_END_OF_LIFE_WARNING, installScript, main, TARGET_SYSTEMS, type TargetSystem } from '../src/index.js';
import { cliBuilt, runCli, SEED_ARGS } from './helpers.js';

const hasShellcheck = spawnSync('shellcheck', ['--version']).status === 0;
if (!hasShellcheck) console.warn('generator tests: shellcheck is not installed (scripts/install-test-tools.sh installs it); shellcheck checks are skipped');

const workDir = mkdtempSync(join(tmpdir(), 'alloy-gen-install-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

async function generate(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

function checkShell(script: string, name: string): void {
  const path = join(workDir, `${name}.sh`);
  writeFileSync(path, script);
  const syntax = spawnSync('bash', ['-n', path], { encoding: 'utf8' });
  expect(syntax.stderr).toBe('');
  expect(syntax.status).toBe(0);
  if (hasShellcheck) {
    const lint = spawnSync('shellcheck', ['--shell=bash', path], { encoding: 'utf8' });
    expect(lint.stdout).toBe('');
    expect(lint.status).toBe(0);
  }
}

function configInside(script: string): string {
  const start = script.indexOf("<<'ALLOY_CONFIG_EOF'");
  const bodyStart = script.indexOf('\n', start) + 1;
  return script.slice(bodyStart, script.indexOf('\nALLOY_CONFIG_EOF\n', bodyStart) + 1);
}

describe('install scripts', () => {
  for (const system of TARGET_SYSTEMS) {
    for (const flag of ['--install-script', '--cloud-init'] as const) {
      it(`${flag} ${system}: valid bash, shellcheck-clean, installs, writes the config, validates and starts`, async () => {
        const config = await generate(SEED_ARGS);
        const result = await generate([...SEED_ARGS, flag, system]);
        expect(result.code).toBe(0);
        const script = result.stdout;
        checkShell(script, `${system}${flag}`);
        expect(script.startsWith('#!/bin/bash\n')).toBe(true);
        expect(configInside(script)).toBe(config.stdout);
        const sudo = flag === '--cloud-init' ? '' : 'sudo ';
        if (system === 'al2023' || system === 'al2') {
          expect(script).toContain('baseurl=https://rpm.grafana.com');
          expect(script).toContain('gpgkey=https://rpm.grafana.com/gpg.key');
          expect(script).toContain(`${sudo}${system === 'al2' ? 'yum' : 'dnf'} install -y alloy`);
        } else {
          expect(script).toContain('https://apt.grafana.com/gpg.key | gpg --dearmor');
          expect(script).toContain('[signed-by=/etc/apt/keyrings/grafana.gpg] https://apt.grafana.com stable main');
          expect(script).toContain(`${sudo}apt-get install -y alloy`);
        }
        expect(script).toContain('alloy validate /etc/alloy/config.alloy');
        const reload = script.indexOf(`${sudo}systemctl daemon-reload`);
        const enable = script.indexOf(`${sudo}systemctl enable alloy`);
        const start = script.indexOf(`${sudo}systemctl start alloy`);
        expect(script.indexOf('alloy validate')).toBeLessThan(reload);
        expect(reload).toBeGreaterThan(0);
        expect(enable).toBeGreaterThan(reload);
        expect(start).toBeGreaterThan(enable);
        if (flag === '--cloud-init') {
          expect(script).not.toMatch(/\bsudo\b/);
          expect(script).toContain('EC2 user data');
          expect(script).toContain('/var/log/alloy-user-data.log');
        }
        if (system === 'al2') {
          expect(result.stderr).toBe(`alloy-gen: warning: ${AL2_END_OF_LIFE_WARNING}\n`);
          expect(script).toContain(`# WARNING: ${AL2_END_OF_LIFE_WARNING}`);
          expect(AL2_END_OF_LIFE_WARNING).toContain('2026-06-30');
        } else {
          expect(result.stderr).toBe('');
          expect(script).not.toContain('end of life');
        }
      });
    }
  }

  it('reminds where to set the environment variables the config reads', async () => {
    const result = await generate([...SEED_ARGS, '--basic-auth-env', 'PROM_USER:PROM_PASS', '--install-script', 'debian']);
    expect(result.code).toBe(0);
    checkShell(result.stdout, 'env-debian');
    expect(result.stdout).toContain('set them in /etc/default/alloy');
    expect(result.stdout).toContain("sudo grep -q '^PROM_USER=' /etc/default/alloy 2>/dev/null || echo \"WARNING: set PROM_USER in /etc/default/alloy\" >&2");
    expect(result.stdout).toContain("grep -q '^PROM_PASS=' /etc/default/alloy");
    const rpm = await generate([...SEED_ARGS, '--bearer-token-env', 'PROM_TOKEN', '--install-script', 'al2023']);
    checkShell(rpm.stdout, 'env-al2023');
    expect(rpm.stdout).toContain('set them in /etc/sysconfig/alloy');
  });

  it('scripts with journal logs are valid too', async () => {
    const result = await generate([...SEED_ARGS, '--logs', '--install-script', 'ubuntu']);
    checkShell(result.stdout, 'logs-ubuntu');
    expect(result.stdout).toContain('loki.source.journal "journal"');
  });

  it('rejects unknown systems, both flags together, unsafe config paths and heredoc collisions', async () => {
    const unknown = await generate([...SEED_ARGS, '--install-script', 'centos']);
    expect(unknown).toEqual({ code: 2, stdout: '', stderr: 'alloy-gen: unknown system "centos" (expected one of al2023, al2, debian, ubuntu)\n' });
    const both = await generate([...SEED_ARGS, '--install-script', 'al2023', '--cloud-init', 'al2023']);
    expect(both.code).toBe(2);
    expect(both.stderr).toBe('alloy-gen: --install-script and --cloud-init cannot be used together\n');
    const system: TargetSystem = 'al2023';
    expect(() => installScript({ system, configText: 'a = 1\n', configPath: 'relative/config.alloy' })).toThrow(/absolute path/);
    expect(() => installScript({ system, configText: 'a = 1\nALLOY_CONFIG_EOF\n' })).toThrow(/heredoc/);
  });

  it('a custom config path is created and used', () => {
    const script = installScript({ system: 'debian', configText: 'a = 1\n', configPath: '/opt/alloy/main.alloy' });
    checkShell(script, 'custom-path');
    expect(script).toContain('sudo mkdir -p /opt/alloy');
    expect(script).toContain('alloy validate /opt/alloy/main.alloy');
  });

  it.skipIf(!cliBuilt)('-o writes an executable script; the al2 warning goes to stderr of the binary', () => {
    const target = join(workDir, 'install-al2.sh');
    const result = runCli([...SEED_ARGS, '--install-script', 'al2', '-o', target]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Amazon Linux 2 reached end of life on 2026-06-30');
    expect(statSync(target).mode & 0o111).not.toBe(0);
    expect(readFileSync(target, 'utf8')).toContain('yum install -y alloy');
  });
});
