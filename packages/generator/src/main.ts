/**
 * The `alloy-gen` command line: argument parsing, commands and exit codes
 * (0 success, 1 unexpected failure, 2 bad input or usage).
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { readRegularTextFile } from '@alloy-toolkit/files';
import { join, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { AL2_END_OF_LIFE_WARNING, installScript, isTargetSystem, TARGET_SYSTEMS } from './install.js';
import { environmentVariablesOf, nodeConfig, type NodeConfigOptions } from './node-config.js';
import { parseBasicAuthEnv, parseLabelAssignment, parseNameList } from './options.js';
import { writeFileAtomic, writeFilesAtomic } from './atomic-write.js';
import { goQuote } from '@alloy-toolkit/syntax';
import { GeneratorInputError, validateDuration, validateHttpUrl, validateLabelNames } from './validate.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const VERSION = '0.1.0';

const MAIN_HELP = `Usage: alloy-gen <command> [options]

Generates Grafana Alloy configurations from presets.

Commands:
  node-exporter   A node exporter config pushing with remote_write (optionally journal logs),
                  or an install script / EC2 user data that installs Alloy with it
  fleet           One node exporter config per host of a JSON or CSV inventory

Run 'alloy-gen <command> --help' for the options of a command.
Options: -h, --help   -v, --version
`;

const NODE_EXPORTER_HELP = `Usage: alloy-gen node-exporter --remote-write-url URL [options]

Prints a config with prometheus.exporter.unix, prometheus.scrape and prometheus.remote_write.

Options:
  --remote-write-url URL         Remote write endpoint (http or https), required
  --env ENV                      'environment' external label
  --label NAME=VALUE             Extra external label, repeatable, in order
  --collectors A,B               enable_collectors (default: all default collectors)
  --set-collectors A,B           set_collectors: replace the default set
  --scrape-interval DURATION     Scrape interval (default 15s)
  --basic-auth-env USER:PASS     Basic auth read from these environment variables
  --bearer-token-env VAR         Bearer token read from this environment variable
  --logs                         Also ship the systemd journal to Loki
  --loki-url URL                 Loki push URL for --logs
                                 (default http://localhost:3100/loki/api/v1/push, with a reminder comment)
  --install-script SYSTEM        Print a bash install script instead: ${TARGET_SYSTEMS.join(', ')}
  --cloud-init SYSTEM            Print EC2 user data instead (a #!/bin/bash script run as root at first boot)
  -o, --output FILE              Write to FILE atomically instead of printing
  -h, --help                     Show this help
`;

const FLEET_HELP = `Usage: alloy-gen fleet INVENTORY.json|INVENTORY.csv --out-dir DIR [--remote-write-url URL]

Writes DIR/<host>.alloy for every host. All hosts are checked before any file is written;
a bad host stops the run with exit code 2 and names the host.

JSON: { "defaults": { "remoteWriteUrl", "env", "labels": {...}, "collectors": [...],
        "scrapeInterval", "basicAuthEnv", "lokiUrl" },
        "hosts": [ { "name", "env", "labels": {...}, "collectors"?, ... } ] }
CSV:  header row, then one host per row. Columns: name (required), env, collectors
      (separated by ';' or spaces), scrape_interval, remote_write_url, basic_auth_env,
      loki_url, label.<name> (one per label; an empty cell omits it).

Options:
  --out-dir DIR                  Output directory (created if missing), required
  --remote-write-url URL         Remote write URL for hosts whose inventory entry has none
  -h, --help                     Show this help
`;

/** An inventory of 100,000 hosts is a few MiB; anything past this is not an inventory. */
const MAX_INVENTORY_BYTES = 16 * 1024 * 1024;
const DEFAULT_LOKI_URL = 'http://localhost:3100/loki/api/v1/push';
const REMOTE_WRITE_URL_COMMENT = 'Replace with your Prometheus server URL';
const LOKI_URL_COMMENT = 'Replace with your Loki push URL';

class UsageError extends GeneratorInputError {}

/** Writing the result failed (exit 1): the input was fine. */
class OutputError extends Error {}

function describeFileError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'the directory does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EISDIR':
      return 'it is a directory';
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}

function parse<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const unknown = /Unknown option '([^']+)'/.exec(message);
    if (unknown) throw new UsageError(`unknown option ${unknown[1]}`);
    const missing = /Option '(?:-\w, )?(--[\w-]+)[^']*' argument missing/.exec(message);
    if (missing) throw new UsageError(`option ${missing[1]} needs a value`);
    const ambiguous = /Option '(?:-\w, )?(--[\w-]+)[^']*' argument is ambiguous/.exec(message);
    if (ambiguous) throw new UsageError(`option ${ambiguous[1]} has a value starting with "-": write it as ${ambiguous[1]}=VALUE`);
    const positional = /Unexpected argument '([^']+)'/.exec(message);
    if (positional) throw new UsageError(`unexpected argument ${positional[1]}`);
    throw new UsageError(message.split('\n')[0] ?? message);
  }
}

function requireValue(value: string | undefined, option: string): string {
  if (value === undefined) throw new UsageError(`${option} is required`);
  return value;
}

async function nodeExporterCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parse({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      'remote-write-url': { type: 'string' },
      env: { type: 'string' },
      label: { type: 'string', multiple: true },
      collectors: { type: 'string' },
      'set-collectors': { type: 'string' },
      'scrape-interval': { type: 'string' },
      'basic-auth-env': { type: 'string' },
      'bearer-token-env': { type: 'string' },
      logs: { type: 'boolean' },
      'loki-url': { type: 'string' },
      'install-script': { type: 'string' },
      'cloud-init': { type: 'string' },
      output: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(NODE_EXPORTER_HELP);
    return 0;
  }
  const labels: Record<string, string> = {};
  const labelNames: string[] = ['instance'];
  if (values.env !== undefined) labelNames.push('environment');
  for (const assignment of values.label ?? []) {
    const [name, value] = parseLabelAssignment(assignment);
    labelNames.push(name);
    labels[name] = value;
  }
  validateLabelNames(labelNames);
  if (values['loki-url'] !== undefined && !values.logs) throw new UsageError('--loki-url needs --logs');
  // Checked here too so that the message names the flag, not the preset's option.
  if (values['remote-write-url'] !== undefined) validateHttpUrl(values['remote-write-url'], '--remote-write-url');
  if (values['loki-url'] !== undefined) validateHttpUrl(values['loki-url'], '--loki-url');
  if (values['scrape-interval'] !== undefined) validateDuration(values['scrape-interval'], '--scrape-interval');
  if (values['install-script'] !== undefined && values['cloud-init'] !== undefined) {
    throw new UsageError('--install-script and --cloud-init cannot be used together');
  }
  const system = values['install-script'] ?? values['cloud-init'];
  if (system !== undefined && !isTargetSystem(system)) {
    throw new UsageError(`unknown system ${JSON.stringify(system)} (expected one of ${TARGET_SYSTEMS.join(', ')})`);
  }
  const options: NodeConfigOptions = {
    remoteWriteUrl: requireValue(values['remote-write-url'], '--remote-write-url'),
    remoteWriteUrlComment: REMOTE_WRITE_URL_COMMENT,
    environment: values.env,
    labels,
    enableCollectors: values.collectors === undefined ? undefined : parseNameList(values.collectors, '--collectors'),
    setCollectors: values['set-collectors'] === undefined ? undefined : parseNameList(values['set-collectors'], '--set-collectors'),
    scrapeInterval: values['scrape-interval'],
    basicAuth: values['basic-auth-env'] === undefined ? undefined : parseBasicAuthEnv(values['basic-auth-env']),
    bearerTokenEnv: values['bearer-token-env'],
    logs: values.logs
      ? {
          lokiUrl: values['loki-url'] ?? DEFAULT_LOKI_URL,
          lokiUrlComment: values['loki-url'] === undefined ? LOKI_URL_COMMENT : undefined,
        }
      : undefined,
  };
  const tree = nodeConfig(options);
  // The formatter pulls in the parser (the bulk of start-up time): load it only once the input is valid.
  const { renderConfig } = await import('./render.js');
  const configText = renderConfig(tree);
  let output = configText;
  let mode = 0o644;
  if (system !== undefined && isTargetSystem(system)) {
    if (system === 'al2') io.stderr(`alloy-gen: warning: ${AL2_END_OF_LIFE_WARNING}\n`);
    output = installScript({
      system,
      configText,
      flavor: values['cloud-init'] !== undefined ? 'user-data' : 'script',
      environmentVariables: environmentVariablesOf(options),
    });
    mode = 0o755;
  }
  if (values.output !== undefined) {
    const target = resolve(values.output);
    try {
      writeFileAtomic(target, output, mode);
    } catch (error) {
      throw new OutputError(`cannot write ${target}: ${describeFileError(error)}`);
    }
  } else {
    io.stdout(output);
  }
  return 0;
}

async function fleetCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      'out-dir': { type: 'string' },
      'remote-write-url': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(FLEET_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('fleet needs exactly one inventory file (INVENTORY.json or INVENTORY.csv)');
  const inventoryPath = positionals[0] ?? '';
  if (values['remote-write-url'] !== undefined) validateHttpUrl(values['remote-write-url'], '--remote-write-url');
  const outDir = resolve(requireValue(values['out-dir'], '--out-dir'));
  // Only a regular file, and a bounded one: a fifo or /dev/zero named as the inventory must not hang or exhaust memory.
  const read = readRegularTextFile(inventoryPath, { maxBytes: MAX_INVENTORY_BYTES });
  if (!read.ok) throw new GeneratorInputError(`cannot read ${goQuote(inventoryPath)}: ${read.message}`);
  const text = read.text;
  const { generateFleet, parseInventory } = await import('./fleet.js');
  const inventory = parseInventory(text, inventoryPath);
  const configs = generateFleet(inventory, { remoteWriteUrl: values['remote-write-url'] });
  if (existsSync(outDir) && !statSync(outDir).isDirectory()) throw new GeneratorInputError(`--out-dir ${outDir} is not a directory`);
  try {
    mkdirSync(outDir, { recursive: true });
    writeFilesAtomic(configs.map((entry) => ({ path: join(outDir, entry.fileName), text: entry.text })));
  } catch (error) {
    throw new OutputError(`cannot write to ${outDir}: ${describeFileError(error)}`);
  }
  io.stderr(`alloy-gen: wrote ${configs.length} config${configs.length === 1 ? '' : 's'} to ${outDir}\n`);
  return 0;
}

/** Runs `alloy-gen` with `args` (without the node and script paths); resolves to the exit code. */
export async function main(args: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case undefined:
        io.stderr(MAIN_HELP);
        return 2;
      case '-h':
      case '--help':
      case 'help':
        io.stdout(MAIN_HELP);
        return 0;
      case '-v':
      case '--version':
        io.stdout(`${VERSION}\n`);
        return 0;
      case 'node-exporter':
        return await nodeExporterCommand(rest, io);
      case 'fleet':
        return await fleetCommand(rest, io);
      default:
        throw new UsageError(`unknown command ${JSON.stringify(command)} (expected node-exporter or fleet; see alloy-gen --help)`);
    }
  } catch (error) {
    if (error instanceof GeneratorInputError) {
      io.stderr(`alloy-gen: ${error.message}\n`);
      return 2;
    }
    if (error instanceof OutputError) {
      io.stderr(`alloy-gen: ${error.message}\n`);
      return 1;
    }
    io.stderr(`alloy-gen: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
