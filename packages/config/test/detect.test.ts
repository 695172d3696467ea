import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chooseAlloyVersion, clearDetectedVersions, detectAlloyVersion } from '../src/index.js';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
  clearDetectedVersions();
});

/** A repository (with a .git directory) holding `files`; returns its root. */
function repository(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'alloy-detect-test-'));
  roots.push(root);
  mkdirSync(join(root, '.git'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

const config = 'logging {}\n';

describe('detectAlloyVersion', () => {
  it('reads a compose file, walking up from the linted file to the repository root', () => {
    const root = repository({
      'docker-compose.yml': 'services:\n  grafana:\n    image: grafana/grafana:11.0.0\n  alloy:\n    image: grafana/alloy:v1.5.1\n    volumes:\n      - ./alloy:/etc/alloy\n',
      'alloy/config.alloy': config,
    });
    const detected = detectAlloyVersion(join(root, 'alloy/config.alloy'));
    expect(detected).toMatchObject({ version: '1.5', source: 'docker-compose.yml:5', warnings: [] });
    expect(detected.pins.map((pin) => pin.kind)).toEqual(['compose']);
  });

  it('reads Dockerfiles, Kubernetes manifests, Helm values and charts, Ansible and Terraform variables', () => {
    const cases: [Record<string, string>, string, string][] = [
      [{ 'Dockerfile': 'FROM docker.io/grafana/alloy:v1.9.2 AS base\nCOPY config.alloy /etc/alloy/\n' }, '1.9', 'Dockerfile:1'],
      [{ 'k8s/daemonset.yaml': 'apiVersion: apps/v1\nkind: DaemonSet\nspec:\n  template:\n    spec:\n      containers:\n        - name: alloy\n          image: "grafana/alloy:v1.12.0"\n' }, '1.12', 'k8s/daemonset.yaml:8'],
      [{ 'helm/values.yaml': 'alloy:\n  image:\n    repository: grafana/alloy\n    tag: v1.7.3\n' }, '1.7', 'helm/values.yaml:4'],
      [{ 'chart/Chart.yaml': 'apiVersion: v2\nname: alloy\nversion: 0.9.0\nappVersion: v1.3.1\n' }, '1.3', 'chart/Chart.yaml:4'],
      [{ 'chart/Chart.yaml': 'apiVersion: v2\nname: alloy\nversion: 0.9.0\n', 'chart/values.yaml': 'image:\n  registry: docker.io\n  tag: v1.4.0\n' }, '1.4', 'chart/values.yaml:3'],
      [{ 'ansible/group_vars/all.yml': '---\nalloy_version: "1.6.1"\nalloy_config_dir: /etc/alloy\n' }, '1.6', 'ansible/group_vars/all.yml:2'],
      [{ 'infra/variables.tf': 'variable "alloy_version" {\n  type    = string\n  default = "1.10.0"\n}\n' }, '1.10', 'infra/variables.tf:3'],
      [{ 'infra/prod.tfvars': 'region        = "eu"\nalloy_version = "v1.11.1"\n' }, '1.11', 'infra/prod.tfvars:2'],
    ];
    for (const [files, version, source] of cases) {
      const root = repository({ ...files, 'main.alloy': config });
      expect({ files: Object.keys(files), ...detectAlloyVersion(join(root, 'main.alloy')) }).toMatchObject({ version, source });
    }
  });

  it('ignores what does not pin the Alloy release: other images, templated values, other charts, comments', () => {
    const root = repository({
      'compose.yaml': 'services:\n  op:\n    image: grafana/alloy-operator:v0.3.0\n  # image: grafana/alloy:v1.2.0\n',
      'roles/alloy/defaults/main.yml': 'alloy_version: "{{ lookup(\'env\', \'ALLOY\') }}"\n',
      'other/values.yaml': 'image:\n  repository: grafana/loki\n  tag: 3.0.0\n',
      'main.alloy': config,
    });
    expect(detectAlloyVersion(join(root, 'main.alloy'))).toEqual({ pins: [], warnings: [] });
  });

  it('takes latest as the newest release, and leaves out unknown tags with a note', () => {
    const root = repository({ 'compose.yml': 'services:\n  a:\n    image: grafana/alloy:latest\n  b:\n    image: grafana/alloy:main\n' });
    const detected = detectAlloyVersion(join(root, 'x.alloy'));
    expect(detected.version).toBe('1.18');
    expect(detected.warnings).toEqual(['compose.yml:5: the Alloy image tag "main" names no known release; ignored']);
  });

  it('warns about conflicting pins, naming both places, and uses none', () => {
    const root = repository({
      'docker-compose.yml': 'services:\n  alloy:\n    image: grafana/alloy:v1.5.1\n',
      'k8s/alloy.yaml': 'image: grafana/alloy:v1.9.0\n',
      'Dockerfile': 'FROM grafana/alloy:v1.5.0\n',
    });
    const detected = detectAlloyVersion(join(root, 'config.alloy'));
    expect(detected.version).toBeUndefined();
    expect(detected.warnings).toEqual([
      'conflicting Alloy versions: Dockerfile:1 pins v1.5.0, k8s/alloy.yaml:1 pins v1.9.0; checking against the newest release (set "alloyVersion" in .alloy-lint.json to choose)',
    ]);
  });
});

describe('chooseAlloyVersion', () => {
  it('prefers an explicit version, then the configuration, then the repository, then the newest', () => {
    const root = repository({ 'docker-compose.yml': 'services:\n  alloy:\n    image: grafana/alloy:v1.5.1\n' });
    const file = join(root, 'config.alloy');
    const configured = { alloyVersion: '1.7', alloyVersionLine: 3, file: join(root, '.alloy-lint.json') };
    expect(chooseAlloyVersion(file, { explicit: { version: 'v1.2.0', source: '--alloy-version' }, config: configured })).toMatchObject({
      version: '1.2',
      source: '--alloy-version',
      origin: 'option',
    });
    expect(chooseAlloyVersion(file, { config: configured })).toMatchObject({ version: '1.7', source: '.alloy-lint.json:3', origin: 'config' });
    expect(chooseAlloyVersion(file, {})).toMatchObject({ version: '1.5', source: 'docker-compose.yml:3', origin: 'detected' });
    expect(chooseAlloyVersion(file, { detect: false })).toEqual({ version: '1.18', source: 'default', origin: 'default', warnings: [] });
  });
});
