import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, noteSkip, repoRoot } from './helpers.js';

// The composite action of action.yml, run step by step the way the GitHub runner runs it: the
// `${{ … }}` expressions of each step evaluated (inputs with their defaults, github.*, steps.*.outputs,
// env), each `run` written to a file and started as `bash --noprofile --norc -eo pipefail {0}` in the
// step's working directory, GITHUB_OUTPUT / GITHUB_ENV / GITHUB_PATH as fresh files per step (both
// `name=value` and `name<<DELIMITER` forms read back), the first failing step ending the action, and
// the action's outputs evaluated at the end. As on the runner, no INPUT_* variables are set for a
// composite action (actions/runner#665): the action has to map its inputs itself.

const actionFile = join(repoRoot, 'action.yml');
const bundleEntry = join(repoRoot, 'packages/alloy-lint/dist/bundle/bin/alloy-lint.mjs');
const bashPath = spawnSync('sh', ['-c', 'command -v bash'], { encoding: 'utf8' }).stdout.trim();
const shellcheckAvailable = spawnSync('shellcheck', ['--version']).status === 0;

interface ActionInput {
  description: string;
  required: boolean;
  default: string | undefined;
}

interface ActionStep {
  name: string;
  id: string | undefined;
  shell: string | undefined;
  run: string | undefined;
  uses: string | undefined;
  if: string | undefined;
  env: Record<string, string>;
  workingDirectory: string | undefined;
}

interface ActionManifest {
  name: string;
  description: string;
  using: string;
  inputs: Map<string, ActionInput>;
  outputs: Map<string, { description: string; value: string }>;
  steps: ActionStep[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringField(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  if (value === undefined) return undefined;
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (typeof value !== 'string') throw new Error(`action.yml: ${key} is not a string`);
  return value;
}

function loadAction(): ActionManifest {
  const document: unknown = parse(readFileSync(actionFile, 'utf8'));
  if (!isRecord(document) || !isRecord(document.runs) || !Array.isArray(document.runs.steps)) throw new Error('action.yml: no runs.steps');
  const inputs = new Map<string, ActionInput>();
  for (const [name, input] of Object.entries(isRecord(document.inputs) ? document.inputs : {})) {
    if (!isRecord(input)) throw new Error(`action.yml: input ${name} is not a mapping`);
    inputs.set(name, { description: stringField(input, 'description') ?? '', required: input.required === true, default: stringField(input, 'default') });
  }
  const outputs = new Map<string, { description: string; value: string }>();
  for (const [name, output] of Object.entries(isRecord(document.outputs) ? document.outputs : {})) {
    if (!isRecord(output)) throw new Error(`action.yml: output ${name} is not a mapping`);
    outputs.set(name, { description: stringField(output, 'description') ?? '', value: stringField(output, 'value') ?? '' });
  }
  const steps = document.runs.steps.map((step: unknown, index: number): ActionStep => {
    if (!isRecord(step)) throw new Error(`action.yml: step ${index} is not a mapping`);
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(isRecord(step.env) ? step.env : {})) env[key] = String(value);
    return {
      name: stringField(step, 'name') ?? `step ${index}`,
      id: stringField(step, 'id'),
      shell: stringField(step, 'shell'),
      run: stringField(step, 'run'),
      uses: stringField(step, 'uses'),
      if: stringField(step, 'if'),
      env,
      workingDirectory: stringField(step, 'working-directory'),
    };
  });
  return {
    name: stringField(document, 'name') ?? '',
    description: stringField(document, 'description') ?? '',
    using: stringField(document.runs, 'using') ?? '',
    inputs,
    outputs,
    steps,
  };
}

/** Reads a GITHUB_OUTPUT / GITHUB_ENV file as the runner does: `name=value`, or `name<<DELIMITER`, lines, `DELIMITER`. */
function readEnvFile(file: string): Map<string, string> {
  const values = new Map<string, string>();
  if (!existsSync(file)) return values;
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!;
    if (line === '') continue;
    const equals = line.indexOf('=');
    const heredoc = line.indexOf('<<');
    if (equals >= 0 && (heredoc < 0 || equals < heredoc)) {
      values.set(line.slice(0, equals), line.slice(equals + 1));
    } else if (heredoc >= 0) {
      const name = line.slice(0, heredoc);
      const delimiter = line.slice(heredoc + 2);
      const body: string[] = [];
      for (index += 1; ; index += 1) {
        if (index >= lines.length) throw new Error(`${file}: no closing delimiter ${delimiter} for ${name}`);
        if (lines[index] === delimiter) break;
        body.push(lines[index]!);
      }
      values.set(name, body.join('\n'));
    } else {
      throw new Error(`${file}: invalid line ${JSON.stringify(line)}`);
    }
  }
  return values;
}

interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  message: string;
}

function unescapeCommandValue(text: string, property: boolean): string {
  let result = text.replace(/%0D/g, '\r').replace(/%0A/g, '\n');
  if (property) result = result.replace(/%3A/g, ':').replace(/%2C/g, ',');
  return result.replace(/%25/g, '%');
}

/** The workflow commands (`::error file=…::message`) the runner reads from a step's standard output. */
function workflowCommands(stdout: string): WorkflowCommand[] {
  const commands: WorkflowCommand[] = [];
  for (const line of stdout.split('\n')) {
    const match = /^::([A-Za-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!match) continue;
    const properties: Record<string, string> = {};
    for (const property of (match[2] ?? '').split(',').filter((text) => text !== '')) {
      const equals = property.indexOf('=');
      properties[property.slice(0, equals)] = unescapeCommandValue(property.slice(equals + 1), true);
    }
    commands.push({ command: match[1]!, properties, message: unescapeCommandValue(match[3]!, false) });
  }
  return commands;
}

interface StepResult {
  name: string;
  id: string | undefined;
  status: number;
  stdout: string;
  stderr: string;
  outputs: Map<string, string>;
  script: string;
}

interface ActionRun {
  /** The steps that ran, up to the first failure. */
  steps: StepResult[];
  failed: boolean;
  outputs: Record<string, string>;
  stdout: string;
  stderr: string;
  commands: WorkflowCommand[];
}

interface RunOptions {
  workspace: string;
  with?: Record<string, string>;
  /** The action's checkout (GITHUB_ACTION_PATH); this repository by default. */
  actionPath?: string;
  /** The job's environment on top of this process's (without its GITHUB_*, RUNNER_* and INPUT_* variables). */
  env?: Record<string, string>;
}

function runAction(action: ActionManifest, options: RunOptions): ActionRun {
  const actionPath = options.actionPath ?? repoRoot;
  for (const name of Object.keys(options.with ?? {})) {
    if (!action.inputs.has(name)) throw new Error(`unexpected input ${name}`);
  }
  const inputs = new Map<string, string>();
  for (const [name, input] of action.inputs) inputs.set(name, options.with?.[name] ?? input.default ?? '');
  const runnerTemp = mkdtempSync(join(options.workspace, '..', 'runner-temp-'));
  const stepOutputs = new Map<string, Map<string, string>>();
  const jobEnv: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(GITHUB_|RUNNER_|INPUT_)/.test(key)) jobEnv[key] = value;
  }
  Object.assign(jobEnv, options.env ?? {});
  const addedEnv: Record<string, string> = {};
  const addedPath: string[] = [];

  const evaluate = (text: string, env: Record<string, string>): string =>
    text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_whole, expression: string) => {
      let match: RegExpExecArray | null;
      if ((match = /^inputs\.([A-Za-z0-9_-]+)$/.exec(expression))) return inputs.get(match[1]!) ?? '';
      if (expression === 'github.action_path') return actionPath;
      if (expression === 'github.workspace') return options.workspace;
      if (expression === 'runner.temp') return runnerTemp;
      if ((match = /^steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)$/.exec(expression))) return stepOutputs.get(match[1]!)?.get(match[2]!) ?? '';
      if ((match = /^env\.([A-Za-z0-9_]+)$/.exec(expression))) return env[match[1]!] ?? '';
      throw new Error(`expression not supported by this test's runner: ${expression}`);
    });

  const steps: StepResult[] = [];
  let failed = false;
  action.steps.forEach((step, index) => {
    if (failed) return;
    if (step.uses !== undefined || step.if !== undefined) throw new Error(`${step.name}: only unconditional run steps are supported here`);
    if (step.shell !== 'bash' || step.run === undefined) throw new Error(`${step.name}: not a bash run step`);
    const commandFiles = mkdtempSync(join(runnerTemp, `_runner_file_commands-${index}-`));
    const files = { GITHUB_OUTPUT: join(commandFiles, 'output'), GITHUB_ENV: join(commandFiles, 'env'), GITHUB_PATH: join(commandFiles, 'path') };
    for (const file of Object.values(files)) writeFileSync(file, '');
    const contextEnv = { ...jobEnv, ...addedEnv };
    const env: Record<string, string> = {
      ...contextEnv,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: options.workspace,
      GITHUB_ACTION_PATH: actionPath,
      RUNNER_TEMP: runnerTemp,
      ...files,
    };
    for (const [key, value] of Object.entries(step.env)) env[key] = evaluate(value, contextEnv);
    if (addedPath.length > 0) env.PATH = [...addedPath, env.PATH ?? ''].join(':');
    const script = evaluate(step.run, contextEnv);
    const scriptFile = join(runnerTemp, `step-${index}.sh`);
    writeFileSync(scriptFile, script);
    const cwd = resolve(options.workspace, evaluate(step.workingDirectory ?? '.', contextEnv));
    const result = spawnSync(bashPath, ['--noprofile', '--norc', '-eo', 'pipefail', scriptFile], {
      cwd,
      env,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (result.error) throw result.error;
    const outputs = readEnvFile(files.GITHUB_OUTPUT);
    if (step.id !== undefined) stepOutputs.set(step.id, outputs);
    for (const [key, value] of readEnvFile(files.GITHUB_ENV)) addedEnv[key] = value;
    for (const line of readFileSync(files.GITHUB_PATH, 'utf8').split('\n').filter((text) => text !== '')) addedPath.unshift(line);
    const status = result.status ?? -1;
    steps.push({ name: step.name, id: step.id, status, stdout: result.stdout, stderr: result.stderr, outputs, script });
    if (status !== 0) failed = true;
  });
  const outputs: Record<string, string> = {};
  for (const [name, output] of action.outputs) outputs[name] = evaluate(output.value, { ...jobEnv, ...addedEnv });
  const stdout = steps.map((step) => step.stdout).join('');
  return { steps, failed, outputs, stdout, stderr: steps.map((step) => step.stderr).join(''), commands: workflowCommands(stdout) };
}

// A broken configuration: a `#` comment on line 1 and a missing comma in external_labels (line 15).
const brokenConfig = `# Node metrics for the edge hosts
prometheus.exporter.unix "host" { }

prometheus.scrape "host" {
	targets    = prometheus.exporter.unix.host.targets
	forward_to = [prometheus.remote_write.central.receiver]
}

prometheus.remote_write "central" {
	endpoint {
		url = "https://metrics.example.org/api/v1/write"
	}

	external_labels = {
		cluster = "edge"
		team    = "platform",
	}
}
`;

const validConfig = `prometheus.exporter.unix "host" { }

prometheus.scrape "host" {
	targets    = prometheus.exporter.unix.host.targets
	forward_to = [prometheus.remote_write.central.receiver]
}

prometheus.remote_write "central" {
	endpoint {
		url = "https://metrics.example.org/api/v1/write"
	}

	external_labels = {
		cluster = "edge",
		team    = "platform",
	}
}
`;

// No errors, one warning (alloy-lint/unused-suppression, line 2).
const warnedConfig = `prometheus.exporter.unix "host" {
	// alloy-lint-disable-next-line alloy/unknown-attribute
	set_collectors = ["cpu"]
}
`;

const errors = (run: ActionRun) => run.commands.filter((command) => command.command === 'error');

/**
 * The problems of the broken configuration, as `file:line:column code`: the two this test is about,
 * and nothing outside their lines (the parser may add a follow-up error at the `#`).
 */
function expectBrokenFileProblems(found: string[], file = 'broken/config.alloy'): void {
  expect(found).toContain(`${file}:1:1 syntax/hash-comment`);
  expect(found).toContain(`${file}:15:19 syntax/missing-comma`);
  for (const problem of found) expect(problem).toMatch(new RegExp(`^${file.replace(/\./g, '\\.')}:(1:1|15:\\d+) syntax/`));
}
const where = (command: WorkflowCommand) => `${command.properties.file}:${command.properties.line}:${command.properties.col} ${command.properties.title}`;
const lintStep = (run: ActionRun) => run.steps.find((step) => step.id === 'lint');

describe('action.yml', () => {
  const action = loadAction();

  it('is a composite action with the documented inputs and outputs', () => {
    expect(action.name).toBe('alloy-lint');
    expect(action.using).toBe('composite');
    expect(Object.fromEntries([...action.inputs].map(([name, input]) => [name, input.default]))).toEqual({
      paths: '.',
      format: 'github',
      'sarif-file': '',
      args: '',
      'working-directory': '.',
      'fail-on-error': 'true',
    });
    for (const [name, input] of action.inputs) {
      expect(input.required, name).toBe(false);
      expect(input.description.length, name).toBeGreaterThan(20);
    }
    expect(Object.fromEntries([...action.outputs].map(([name, output]) => [name, output.value]))).toEqual({
      'exit-code': '${{ steps.lint.outputs.exit-code }}',
      'sarif-file': '${{ steps.lint.outputs.sarif-file }}',
    });
  });

  it('never puts an expression into shell text: inputs reach the steps through env only', () => {
    expect(action.steps.length).toBe(3);
    for (const step of action.steps) {
      expect(step.shell, step.name).toBe('bash');
      expect(step.run, step.name).toBeDefined();
      expect(step.run, step.name).not.toContain('${{');
      for (const [key, value] of Object.entries(step.env)) expect(value, `${step.name}: env ${key}`).toMatch(/^\$\{\{ inputs\.[a-z-]+ \}\}$/);
    }
    const mapped = action.steps.flatMap((step) => Object.values(step.env).map((value) => /inputs\.([a-z-]+)/.exec(value)![1]));
    const viaWorkingDirectory = action.steps.map((step) => step.workingDirectory).filter((value) => value !== undefined);
    expect(viaWorkingDirectory).toEqual(['${{ inputs.working-directory }}']);
    expect([...mapped, 'working-directory'].sort()).toEqual([...action.inputs.keys()].sort());
  });
});

describe.skipIf(noteSkip(!shellcheckAvailable, 'shellcheck is not installed (scripts/install-test-tools.sh installs it)'))('the steps\' scripts', () => {
  it.each(loadAction().steps.map((step) => [step.name, step.run ?? ''] as const))('pass shellcheck: %s', (_name, script) => {
    const result = spawnSync('shellcheck', ['--shell=bash', '--severity=style', '-'], { input: script, encoding: 'utf8' });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});

describe('the action, run as the runner runs it', () => {
  const action = loadAction();
  let temp: ReturnType<typeof makeTempDir>;
  let base: string;
  let workspace: string;

  beforeAll(() => {
    if (!existsSync(bundleEntry)) {
      // What the action's install step builds (npm's postinstall), made here without npm.
      const built = spawnSync(process.execPath, [join(repoRoot, 'packages/alloy-lint/scripts/bundle.mjs'), '--from-sources'], { encoding: 'utf8' });
      expect(built.status, built.stderr).toBe(0);
    }
    temp = makeTempDir('alloy-lint-action-');
    base = realpathSync(temp.path);
    workspace = join(base, 'workspace');
    for (const [directory, text] of [['broken', brokenConfig], ['valid', validConfig], ['warned', warnedConfig]] as const) {
      mkdirSync(join(workspace, directory), { recursive: true });
      writeFileSync(join(workspace, directory, 'config.alloy'), text);
    }
  });
  afterAll(() => temp.remove());

  it('with the defaults: annotations for the broken file, exit code 1, a failed step', () => {
    const run = runAction(action, { workspace });
    expect(run.steps.map((step) => [step.name, step.status])).toEqual([
      ['Check Node.js', 0],
      ['Install alloy-lint', 0],
      ['Run alloy-lint', 1],
    ]);
    expect(run.failed).toBe(true);
    expect(run.steps[1]!.stdout).toContain('already installed');
    expectBrokenFileProblems(errors(run).map(where));
    expect(errors(run).find((command) => command.properties.title === 'syntax/hash-comment')?.message).toBe("illegal character U+0023 '#'");
    expect(errors(run).find((command) => command.properties.title === 'syntax/missing-comma')?.message).toBe("missing ',' in field list");
    const warnings = run.commands.filter((command) => command.command === 'warning');
    expect(warnings.map(where)).toEqual(['warned/config.alloy:2:2 alloy-lint/unused-suppression']);
    expect(run.commands.some((command) => command.properties.file?.startsWith('valid/'))).toBe(false);
    expect(run.outputs).toEqual({ 'exit-code': '1', 'sarif-file': '' });
  });

  it('with sarif-file and fail-on-error false: annotations, a SARIF report at the same lines, a passing step', () => {
    const run = runAction(action, { workspace, with: { 'sarif-file': 'reports/alloy-lint.sarif', 'fail-on-error': 'false' } });
    expect(run.failed).toBe(false);
    expect(lintStep(run)?.status).toBe(0);
    expect(lintStep(run)?.stdout).toContain('fail-on-error is false');
    expect(errors(run).map(where)).toContain('broken/config.alloy:15:19 syntax/missing-comma');
    const sarifPath = join(workspace, 'reports/alloy-lint.sarif');
    expect(run.outputs).toEqual({ 'exit-code': '1', 'sarif-file': sarifPath });
    const log = JSON.parse(readFileSync(sarifPath, 'utf8')) as {
      version: string;
      runs: { tool: { driver: { name: string } }; results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn: number } } }[] }[] }[];
    };
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]!.tool.driver.name).toBe('alloy-lint');
    const results = log.runs[0]!.results.map((result) => {
      const location = result.locations[0]!.physicalLocation;
      return `${location.artifactLocation.uri}:${location.region.startLine}:${location.region.startColumn} ${result.ruleId} ${result.level}`;
    });
    expect(results).toContain('warned/config.alloy:2:2 alloy-lint/unused-suppression warning');
    const sarifErrors = results.filter((result) => result.endsWith(' error'));
    expect(sarifErrors.length).toBe(results.length - 1);
    expectBrokenFileProblems(sarifErrors.map((result) => result.replace(/ error$/, '')));
    // The same problems as the annotations of the same run.
    expect(sarifErrors.map((result) => result.replace(/ error$/, ''))).toEqual(errors(run).map(where));
  });

  it('paths and args reach alloy-lint as words, quotes kept, nothing expanded', () => {
    const clean = runAction(action, { workspace, with: { paths: 'valid' } });
    expect(clean.failed).toBe(false);
    expect(clean.commands).toEqual([]);
    expect(clean.outputs['exit-code']).toBe('0');

    const strict = runAction(action, { workspace, with: { paths: 'valid\nwarned', args: '--max-warnings 0' } });
    expect(strict.failed).toBe(true);
    expect(strict.outputs['exit-code']).toBe('1');
    expect(strict.commands.map(where)).toEqual(['warned/config.alloy:2:2 alloy-lint/unused-suppression']);

    const quoted = runAction(action, {
      workspace,
      with: { paths: "'valid' \"warned/*.alloy\"", args: `--max-warnings 0 --rule "alloy-lint/unused-suppression=off"` },
    });
    expect(quoted.stderr).toBe('');
    expect(quoted.commands).toEqual([]);
    expect(quoted.failed).toBe(false);
    expect(quoted.outputs['exit-code']).toBe('0');
  });

  it('a usage error (exit code 2) fails the step even with fail-on-error false, and writes no SARIF', () => {
    const run = runAction(action, { workspace, with: { args: '--alloy-version 0.1', 'fail-on-error': 'false', 'sarif-file': 'usage.sarif' } });
    expect(run.failed).toBe(true);
    expect(lintStep(run)?.status).toBe(2);
    expect(run.stderr).toContain('alloy-lint: ');
    expect(run.outputs).toEqual({ 'exit-code': '2', 'sarif-file': '' });
    expect(existsSync(join(workspace, 'usage.sarif'))).toBe(false);
  });

  it('refuses a paths or args input with an unbalanced quote, before running alloy-lint', () => {
    for (const [input, value] of [['paths', '"valid'], ['args', "--rule 'a=off"]] as const) {
      const run = runAction(action, { workspace, with: { [input]: value } });
      expect(run.failed).toBe(true);
      expect(errors(run).map((command) => command.message)).toEqual([`the ${input} input has an unbalanced quote`]);
      expect(run.outputs['exit-code']).toBe('2');
    }
  });

  it('refuses a fail-on-error that is not true or false', () => {
    const run = runAction(action, { workspace, with: { 'fail-on-error': 'no' } });
    expect(run.failed).toBe(true);
    expect(errors(run).map((command) => command.message)).toEqual(['the fail-on-error input must be true or false']);
    expect(run.outputs['exit-code']).toBe('2');
  });

  it('working-directory: paths below it, annotation and SARIF paths from the repository root', () => {
    const run = runAction(action, { workspace, with: { 'working-directory': 'broken', 'sarif-file': 'out.sarif' } });
    expect(run.failed).toBe(true);
    expectBrokenFileProblems(errors(run).map(where));
    const sarifPath = join(workspace, 'broken/out.sarif');
    expect(run.outputs).toEqual({ 'exit-code': '1', 'sarif-file': sarifPath });
    const log = JSON.parse(readFileSync(sarifPath, 'utf8')) as {
      runs: { originalUriBaseIds: Record<string, { uri: string }>; results: { locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }[] }[] }[];
    };
    const uris = log.runs[0]!.results.map((result) => result.locations[0]!.physicalLocation.artifactLocation);
    expect(uris.length).toBe(errors(run).length);
    expect(uris).toEqual(Array(uris.length).fill({ uri: 'broken/config.alloy', uriBaseId: '%SRCROOT%' }));
    expect(log.runs[0]!.originalUriBaseIds['%SRCROOT%']!.uri).toBe(`file://${workspace}/`);
  });

  it('inputs with shell metacharacters are data, never commands', () => {
    const before = readdirSync(workspace).sort();
    const run = runAction(action, {
      workspace,
      with: {
        paths: 'valid $(touch pwned-paths) `touch pwned-backticks`; touch pwned-semicolon',
        args: '--quiet "$(touch pwned-args)"',
        'sarif-file': '$(touch pwned-sarif).sarif',
        format: 'github; touch pwned-format',
      },
    });
    expect(readdirSync(workspace).sort()).toEqual(before);
    expect(readdirSync(process.cwd()).filter((name) => name.startsWith('pwned'))).toEqual([]);
    // alloy-lint got the words literally: an unknown format is its usage error.
    expect(run.stderr).toContain('github; touch pwned-format');
    expect(run.outputs['exit-code']).toBe('2');

    const paths = runAction(action, { workspace, with: { paths: 'valid $(touch pwned-paths)' } });
    expect(readdirSync(workspace).sort()).toEqual(before);
    expect(paths.stderr).toContain('$(touch');
    expect(paths.outputs['exit-code']).toBe('2');
  });

  it('a sarif-file with a newline cannot set other outputs', () => {
    const name = 'report.sarif\nexit-code=0';
    const run = runAction(action, { workspace, with: { paths: 'broken', 'sarif-file': name, 'fail-on-error': 'false' } });
    expect(run.outputs).toEqual({ 'exit-code': '1', 'sarif-file': join(workspace, name) });
    expect(JSON.parse(readFileSync(join(workspace, name), 'utf8'))).toMatchObject({ version: '2.1.0' });
  });

  describe('without a usable Node.js', () => {
    it('fails at the first step with an error naming actions/setup-node', () => {
      const emptyBin = mkdtempSync(join(base, 'bin-'));
      const run = runAction(action, { workspace, env: { PATH: emptyBin } });
      expect(run.steps.map((step) => [step.name, step.status])).toEqual([['Check Node.js', 1]]);
      expect(errors(run)).toHaveLength(1);
      expect(errors(run)[0]!.message).toContain('Node.js is not on PATH');
      expect(errors(run)[0]!.message).toContain('actions/setup-node');
      expect(run.outputs).toEqual({ 'exit-code': '', 'sarif-file': '' });
    });

    it('refuses Node.js 18', () => {
      const oldBin = mkdtempSync(join(base, 'bin-'));
      writeFileSync(join(oldBin, 'node'), '#!/bin/sh\necho 18.20.4\n');
      chmodSync(join(oldBin, 'node'), 0o755);
      const run = runAction(action, { workspace, env: { PATH: `${oldBin}:${process.env.PATH ?? ''}` } });
      expect(run.steps.map((step) => [step.name, step.status])).toEqual([['Check Node.js', 1]]);
      expect(errors(run)[0]!.message).toContain('node on PATH is 18.20.4');
    });
  });

  describe('the install step, with npm replaced by a recorder (no network)', () => {
    let actionPath: string;
    let npmLog: string;
    let fakeBin: string;

    beforeAll(() => {
      // A checkout of the action without the bundle, and an `npm` that records how it was called
      // and, unless FAKE_NPM_BUILDS=0, makes a bundle that prints its arguments as a notice.
      actionPath = mkdtempSync(join(base, 'action-'));
      writeFileSync(join(actionPath, 'action.yml'), readFileSync(actionFile));
      fakeBin = mkdtempSync(join(base, 'bin-'));
      npmLog = join(base, 'npm.log');
      const bundle = 'packages/alloy-lint/dist/bundle/bin/alloy-lint.mjs';
      writeFileSync(
        join(fakeBin, 'npm'),
        [
          '#!/bin/sh',
          `printf '%s|%s\\n' "$PWD" "$*" >> ${JSON.stringify(npmLog)}`,
          'if [ "$FAKE_NPM_BUILDS" = 0 ]; then exit 0; fi',
          `mkdir -p "$(dirname ${bundle})"`,
          `echo 'console.log("::notice title=fake::" + JSON.stringify(process.argv.slice(2)));' > ${bundle}`,
          '',
        ].join('\n'),
      );
      chmodSync(join(fakeBin, 'npm'), 0o755);
    });

    it('runs npm install in the action checkout once, then the bundle it built', () => {
      const env = { PATH: `${fakeBin}:${process.env.PATH ?? ''}` };
      const first = runAction(action, { workspace, actionPath, env });
      expect(first.failed).toBe(false);
      expect(readFileSync(npmLog, 'utf8')).toBe(`${actionPath}|install --no-audit --no-fund\n`);
      expect(first.commands.filter((command) => command.command === 'notice').map((command) => command.message)).toEqual([
        JSON.stringify(['--format', 'github', '--', '.']),
      ]);
      expect(first.outputs['exit-code']).toBe('0');

      const second = runAction(action, { workspace, actionPath, env, with: { args: '--quiet' } });
      expect(second.steps[1]!.stdout).toContain('already installed');
      expect(readFileSync(npmLog, 'utf8').split('\n').filter((line) => line !== '')).toHaveLength(1);
      expect(second.commands.find((command) => command.command === 'notice')?.message).toBe(JSON.stringify(['--format', 'github', '--quiet', '--', '.']));
    });

    it('fails with an error when npm install did not build the bundle', () => {
      const emptyAction = mkdtempSync(join(base, 'action-'));
      const run = runAction(action, { workspace, actionPath: emptyAction, env: { PATH: `${fakeBin}:${process.env.PATH ?? ''}`, FAKE_NPM_BUILDS: '0' } });
      expect(run.steps.map((step) => [step.name, step.status])).toEqual([
        ['Check Node.js', 0],
        ['Install alloy-lint', 1],
      ]);
      expect(errors(run)[0]!.message).toContain('npm install did not build alloy-lint');
    });
  });
});
