/**
 * Fleet generation: one node config per host of an inventory (JSON or CSV).
 *
 * JSON: `{ "defaults": {...}, "hosts": [{ "name", "env", "labels": {...}, "collectors"? }] }`
 * CSV: header `name,env,label.app,...` (see README). Every host is generated in
 * memory first; files are written only when all hosts are valid.
 */
import { GeneratorInputError } from './validate.js';
import { nodeConfig, type NodeConfigOptions } from './node-config.js';
import { renderConfig } from './render.js';
import { parseBasicAuthEnv } from './options.js';

/** Settings a host may set and the `defaults` section may supply. */
export interface HostSettings {
  env?: string;
  labels?: Record<string, string>;
  /** `enable_collectors` for this host. */
  collectors?: string[];
  scrapeInterval?: string;
  remoteWriteUrl?: string;
  /** `USER_VAR:PASS_VAR` */
  basicAuthEnv?: string;
  /** Loki push URL: adds journal logs. */
  lokiUrl?: string;
}

export interface InventoryHost extends HostSettings {
  /** The output file is `<name>.alloy`. Letters, digits, `.`, `_`, `-`. */
  name: string;
}

export interface Inventory {
  defaults: HostSettings;
  hosts: Array<{ host: InventoryHost; where: string }>;
}

const HOST_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

function describe(value: unknown): string {
  return Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value;
}

function readString(record: Record<string, unknown>, key: string, where: string): string | undefined {
  const value = record[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new GeneratorInputError(`${where}: "${key}" must be a string, got ${describe(value)}`);
  return value;
}

const SETTING_KEYS = new Set(['env', 'labels', 'collectors', 'scrapeInterval', 'remoteWriteUrl', 'basicAuthEnv', 'lokiUrl']);

function readSettings(record: Record<string, unknown>, where: string, extraKeys: readonly string[]): HostSettings {
  for (const key of Object.keys(record)) {
    if (!SETTING_KEYS.has(key) && !extraKeys.includes(key)) {
      throw new GeneratorInputError(`${where}: unknown key "${key}"`);
    }
  }
  const settings: HostSettings = {};
  const env = readString(record, 'env', where);
  if (env !== undefined) settings.env = env;
  for (const key of ['scrapeInterval', 'remoteWriteUrl', 'basicAuthEnv', 'lokiUrl'] as const) {
    const value = readString(record, key, where);
    if (value !== undefined) settings[key] = value;
  }
  const labels = record['labels'];
  if (labels !== undefined) {
    if (typeof labels !== 'object' || labels === null || Array.isArray(labels)) {
      throw new GeneratorInputError(`${where}: "labels" must be an object of strings, got ${describe(labels)}`);
    }
    const result: Record<string, string> = {};
    for (const [name, value] of Object.entries(labels)) {
      if (typeof value !== 'string') throw new GeneratorInputError(`${where}: label "${name}" must be a string, got ${describe(value)}`);
      result[name] = value;
    }
    settings.labels = result;
  }
  const collectors = record['collectors'];
  if (collectors !== undefined) {
    if (!Array.isArray(collectors) || !collectors.every((item): item is string => typeof item === 'string')) {
      throw new GeneratorInputError(`${where}: "collectors" must be an array of strings`);
    }
    settings.collectors = collectors;
  }
  return settings;
}

function asRecord(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new GeneratorInputError(`${where}: expected an object, got ${describe(value)}`);
  }
  return value as Record<string, unknown>;
}

/** Parses a JSON inventory. `source` names the file in messages. */
export function parseJsonInventory(text: string, source: string): Inventory {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new GeneratorInputError(`${source}: invalid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const root = Array.isArray(data) ? { hosts: data } : asRecord(data, source);
  for (const key of Object.keys(root)) {
    if (key !== 'defaults' && key !== 'hosts') throw new GeneratorInputError(`${source}: unknown top-level key "${key}"`);
  }
  const defaults = root['defaults'] === undefined ? {} : readSettings(asRecord(root['defaults'], `${source}: defaults`), `${source}: defaults`, []);
  const hostList = root['hosts'];
  if (!Array.isArray(hostList)) throw new GeneratorInputError(`${source}: "hosts" must be an array`);
  const hosts = hostList.map((entry: unknown, index) => {
    let where = `${source}: hosts[${index}]`;
    const record = asRecord(entry, where);
    const name = readString(record, 'name', where);
    if (name === undefined) throw new GeneratorInputError(`${where}: missing "name"`);
    where = `${where} (${JSON.stringify(name)})`;
    return { host: { name, ...readSettings(record, where, ['name']) }, where };
  });
  return { defaults, hosts };
}

/** Splits CSV text (RFC 4180: quoted fields, doubled quotes, CRLF) into rows with their line numbers. */
export function parseCsvRows(text: string, source: string): Array<{ cells: string[]; line: number }> {
  const rows: Array<{ cells: string[]; line: number }> = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let cellStarted = false;
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  for (let index = 0; index < input.length; index++) {
    const char = input[index];
    if (quoted) {
      if (char === '"') {
        if (input[index + 1] === '"') {
          cell += '"';
          index++;
        } else {
          quoted = false;
        }
      } else {
        if (char === '\n') line++;
        cell += char;
      }
      continue;
    }
    if (char === '"' && !cellStarted) {
      quoted = true;
      cellStarted = true;
    } else if (char === ',') {
      cells.push(cell);
      cell = '';
      cellStarted = false;
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && input[index + 1] === '\n') index++;
      cells.push(cell);
      if (!(cells.length === 1 && cells[0] === '')) rows.push({ cells, line: rowLine });
      cells = [];
      cell = '';
      cellStarted = false;
      line++;
      rowLine = line;
    } else {
      if (char === '"') throw new GeneratorInputError(`${source}:${line}: unexpected '"' inside an unquoted field`);
      cell += char;
      cellStarted = true;
    }
  }
  if (quoted) throw new GeneratorInputError(`${source}:${rowLine}: unterminated quoted field`);
  cells.push(cell);
  if (!(cells.length === 1 && cells[0] === '')) rows.push({ cells, line: rowLine });
  return rows;
}

const CSV_COLUMNS: Record<string, keyof HostSettings | 'name'> = {
  name: 'name',
  env: 'env',
  collectors: 'collectors',
  scrape_interval: 'scrapeInterval',
  remote_write_url: 'remoteWriteUrl',
  basic_auth_env: 'basicAuthEnv',
  loki_url: 'lokiUrl',
};

/**
 * Parses a CSV inventory: a header row, then one host per row. Columns:
 * `name` (required), `env`, `collectors` (separated by `;` or spaces),
 * `scrape_interval`, `remote_write_url`, `basic_auth_env`, `loki_url`, and
 * `label.<name>` for each external label (an empty cell omits the label).
 */
export function parseCsvInventory(text: string, source: string): Inventory {
  const rows = parseCsvRows(text, source);
  const header = rows.shift();
  if (!header) throw new GeneratorInputError(`${source}: empty inventory (expected a header row such as name,env,label.app)`);
  const columns = header.cells.map((cell) => cell.trim());
  if (!columns.includes('name')) throw new GeneratorInputError(`${source}:${header.line}: the header has no "name" column`);
  const seenColumns = new Set<string>();
  for (const column of columns) {
    if (!(column in CSV_COLUMNS) && !column.startsWith('label.')) {
      throw new GeneratorInputError(`${source}:${header.line}: unknown column "${column}" (expected name, env, collectors, scrape_interval, remote_write_url, basic_auth_env, loki_url or label.<name>)`);
    }
    if (seenColumns.has(column)) throw new GeneratorInputError(`${source}:${header.line}: duplicate column "${column}"`);
    seenColumns.add(column);
  }
  const hosts = rows.map(({ cells, line }, index) => {
    let where = `${source}:${line} (row ${index + 1})`;
    if (cells.length !== columns.length) {
      throw new GeneratorInputError(`${where}: ${cells.length} fields, but the header has ${columns.length}`);
    }
    const host: InventoryHost = { name: '' };
    const labels: Record<string, string> = {};
    columns.forEach((column, columnIndex) => {
      const value = (cells[columnIndex] ?? '').trim();
      if (column.startsWith('label.')) {
        if (value !== '') labels[column.slice('label.'.length)] = value;
        return;
      }
      if (value === '') return;
      const key = CSV_COLUMNS[column];
      if (key === 'collectors') host.collectors = value.split(/[;\s]+/).filter((name) => name !== '');
      else if (key === 'labels' || key === undefined) return;
      else host[key] = value;
    });
    if (host.name === '') throw new GeneratorInputError(`${where}: empty "name"`);
    where = `${where} (${JSON.stringify(host.name)})`;
    if (Object.keys(labels).length > 0) host.labels = labels;
    return { host, where };
  });
  return { defaults: {}, hosts };
}

/** Parses an inventory by file extension (`.json` or `.csv`). */
export function parseInventory(text: string, source: string): Inventory {
  if (/\.json$/i.test(source)) return parseJsonInventory(text, source);
  if (/\.csv$/i.test(source)) return parseCsvInventory(text, source);
  throw new GeneratorInputError(`${source}: unknown inventory format (use a .json or .csv file)`);
}

export interface FleetOptions {
  /** Used when neither the host nor the defaults set `remoteWriteUrl`. */
  remoteWriteUrl?: string;
  /** Names accepted as collectors (default: the schema's collector names). */
  knownCollectors?: ReadonlySet<string>;
}

export interface GeneratedHostConfig {
  name: string;
  fileName: string;
  text: string;
}

/**
 * Generates every host's config in memory. Throws a `GeneratorInputError`
 * naming the first bad host; nothing is returned in that case.
 */
export function generateFleet(inventory: Inventory, options: FleetOptions = {}): GeneratedHostConfig[] {
  if (inventory.hosts.length === 0) throw new GeneratorInputError('the inventory has no hosts');
  const seenNames = new Map<string, string>();
  const { defaults } = inventory;
  return inventory.hosts.map(({ host, where }) => {
    try {
      if (!HOST_NAME.test(host.name)) {
        throw new GeneratorInputError(`host name ${JSON.stringify(host.name)} must be letters, digits, ".", "_", "-" (it names the output file)`);
      }
      const folded = host.name.toLowerCase();
      const previous = seenNames.get(folded);
      if (previous !== undefined) throw new GeneratorInputError(`duplicate host name (also at ${previous})`);
      seenNames.set(folded, where);
      const remoteWriteUrl = host.remoteWriteUrl ?? options.remoteWriteUrl ?? defaults.remoteWriteUrl;
      if (remoteWriteUrl === undefined) {
        throw new GeneratorInputError('no remote write URL (set remoteWriteUrl / remote_write_url, or pass --remote-write-url)');
      }
      const basicAuthEnv = host.basicAuthEnv ?? defaults.basicAuthEnv;
      const lokiUrl = host.lokiUrl ?? defaults.lokiUrl;
      const configOptions: NodeConfigOptions = {
        remoteWriteUrl,
        environment: host.env ?? defaults.env,
        labels: { ...defaults.labels, ...host.labels },
        enableCollectors: host.collectors ?? defaults.collectors,
        scrapeInterval: host.scrapeInterval ?? defaults.scrapeInterval,
        knownCollectors: options.knownCollectors,
        basicAuth: basicAuthEnv === undefined ? undefined : parseBasicAuthEnv(basicAuthEnv),
        logs: lokiUrl === undefined ? undefined : { lokiUrl },
      };
      return { name: host.name, fileName: `${host.name}.alloy`, text: renderConfig(nodeConfig(configOptions)) };
    } catch (error) {
      if (error instanceof GeneratorInputError) throw new GeneratorInputError(`${where}: ${error.message}`);
      throw error;
    }
  });
}
