#!/usr/bin/env node
// Writes docs/load-time-rules.md: every error text of Alloy's component Validate() methods (and of
// the decoders of their argument types, UnmarshalText/UnmarshalAlloy) in
// ../shared/alloy-reference/component-go, and whether the checker implements it. "Implemented"
// comes from the rule data (each rule names its upstream message), never from this file; the
// other statuses are explained by the classification below.
// Run after `pnpm build`: `node scripts/load-time-coverage.mjs` (`--check` fails when the page is stale).
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const defaultReferenceRoot = resolve(here, '../../../../shared/alloy-reference/component-go');
export const pagePath = join(here, '..', 'docs', 'load-time-rules.md');

/** Go functions whose errors Alloy reports when it loads a configuration. */
const checkedFunctions = /^func\s*\([^)]*\)\s*(Validate|UnmarshalText|UnmarshalAlloy)\s*\(/;
/** Functions run when a component starts: listed only where a rule implements one of their texts. */
const startFunctions = /^func\s*(\([^)]*\)\s*)?(Update|New|Build)\s*\(/;

function goFiles(directory) {
  const files = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) files.push(...goFiles(path));
    else if (entry.name.endsWith('.go') && !entry.name.endsWith('_test.go')) files.push(path);
  }
  return files.sort();
}

/** The value of a Go string literal starting at `text[start]` ("..." or `...`), and where it ends. */
function goString(text, start) {
  const quote = text[start];
  if (quote === '`') {
    const end = text.indexOf('`', start + 1);
    return end < 0 ? undefined : { value: text.slice(start + 1, end), end: end + 1 };
  }
  if (quote !== '"') return undefined;
  let value = '';
  for (let index = start + 1; index < text.length; index++) {
    const character = text[index];
    if (character === '"') return { value, end: index + 1 };
    if (character === '\n') return undefined;
    if (character === '\\') {
      const next = text[++index];
      value += { n: '\n', t: '\t', '\\': '\\', '"': '"' }[next] ?? `\\${next}`;
      continue;
    }
    value += character;
  }
  return undefined;
}

/** The body of the function whose header ends at `open` (the `{`), strings and comments skipped. */
function functionBody(text, open) {
  let depth = 0;
  for (let index = open; index < text.length; index++) {
    const character = text[index];
    if (character === '"' || character === '`') {
      index = (goString(text, index)?.end ?? index + 1) - 1;
    } else if (character === '/' && text[index + 1] === '/') {
      index = text.indexOf('\n', index);
      if (index < 0) return text.slice(open);
    } else if (character === '{') depth++;
    else if (character === '}' && --depth === 0) return text.slice(open, index + 1);
  }
  return text.slice(open);
}

const errorCall = /\b(?:fmt\.Errorf|errors\.New)\(\s*/g;

/** Error texts created in `text`, in order. */
function errorTexts(text) {
  const texts = [];
  for (const match of text.matchAll(errorCall)) {
    const literal = goString(text, match.index + match[0].length);
    if (literal) texts.push(literal.value);
  }
  return texts;
}

/** Package-level `errX = errors.New("...")` definitions of a file. */
function errorVariables(text) {
  const variables = new Map();
  for (const match of text.matchAll(/\b(err\w*|Err\w*)\s*=\s*(?:fmt\.Errorf|errors\.New)\(\s*/g)) {
    const literal = goString(text, match.index + match[0].length);
    if (literal) variables.set(match[1], literal.value);
  }
  return variables;
}

/** Every (file, function, text) of the reference, in file order, each text once per file. */
export function upstreamErrors(root) {
  const rows = [];
  for (const file of goFiles(join(root, 'internal/component'))) {
    const text = readFileSync(file, 'utf8');
    const variables = errorVariables(text);
    const seen = new Set();
    const lines = text.split('\n');
    let offset = 0;
    for (const line of lines) {
      const checked = checkedFunctions.exec(line);
      const start = startFunctions.exec(line);
      if (checked || start) {
        const brace = line.lastIndexOf('{');
        const body = brace < 0 ? '' : functionBody(text, offset + brace);
        const found = errorTexts(body);
        for (const match of body.matchAll(/\breturn\s+(err\w*|Err\w*)\b/g)) if (variables.has(match[1])) found.push(variables.get(match[1]));
        for (const message of found) {
          if (seen.has(message)) continue;
          seen.add(message);
          rows.push({ file: relative(join(root, 'internal/component'), file), function: checked ? checked[1] : start[2], message, atStart: !checked });
        }
      }
      offset += line.length + 1;
    }
  }
  return rows;
}

/**
 * Why a text is not implemented, where that is known: [file pattern, message pattern, status].
 * The first match wins; anything else is `not yet`.
 */
const classification = [
  [/^common\/relabel\//, /^relabel action cannot be empty$/, 'not applicable: the decoder refuses an empty action first (unrecognized action type "")'],
  [/^prometheus\/remotewrite\//, /^the provided Azure OAuth tenant_id is invalid$/, 'not applicable: reported only when a constant pattern fails to compile, which it never does'],
  [/^prometheus\/remotewrite\//, /^invalid protobuf_message/, 'implemented by alloy/invalid-enum (the schema lists the two values)'],
  [/^loki\/source\/gcplog\/internal\/gcplogtarget\//, /^push message has no /, 'not applicable: validates a received Pub/Sub message, not the configuration'],
  [/^otelcol\/exporter\/file\//, /^failed to validate configuration: not a fileexporter config$/, 'not applicable: an internal type assertion, never reached from a configuration'],
  [/^discovery\/dockerswarm\//, /^invalid role %s/, 'implemented by alloy/invalid-enum (the schema lists the roles)'],
  [/^loki\/source\/syslog\//, /^syslog listener protocol should be either/, 'implemented by alloy/invalid-enum (the schema lists tcp and udp)'],
  [/^otelcol\/receiver\/syslog\//, /^invalid protocol, must be one of/, 'not applicable: the decoder of config.SysLogFormat refuses other values first (unknown syslog format: %s)'],
  [/^otelcol\/receiver\/syslog\//, /^invalid non_transparent_framing_trailer/, 'not applicable: the decoder of the framing trailer refuses other values first (unknown syslog format: %s)'],
  [/^otelcol\/auth\/headers\//, /^action is set to an invalid value of %q$/, 'not applicable: the decoder refuses other actions first (unknown action %v)'],
  [/^otelcol\/connector\/host_info\/config\.go$/, /^at least one host identifier is required$/, "not applicable: Arguments.Validate refuses an empty host_identifiers first (host_identifiers must not be empty)"],
  [/^discovery\/aws\/aws\.go$/, /^unsupported role %q/, 'implemented by alloy/invalid-enum (the schema lists the roles)'],
  [/^discovery\/aws\/(ec2|lightsail)\.go$/, /SD configuration requires a region$/, 'not decidable offline: without region, Alloy asks the EC2 instance metadata service'],
  [/^loki\/process\/metric\/(counters|gauges)\.go$/, /^the 'action' (counter|gauge) field must be/, 'implemented by alloy/invalid-enum (the schema lists the actions)'],
  [/^prometheus\/exporter\/snmp\//, /^config_merge_strategy must be/, 'implemented by alloy/invalid-enum (the schema lists replace and merge)'],
  [/^(mimir|loki)\/rules\/kubernetes\//, /^invalid match type: %q$/, 'implemented by alloy/invalid-enum (the schema lists the match types)'],
  [/^loki\/source\/syslog\/config\//, /^unknown syslog format: %q$/, 'not applicable: the decoder of SyslogFormat refuses other values first (unknown syslog format: %s)'],
  [/^beyla\/ebpf\//, /^invalid (global )?sampler configuration/, 'not applicable: the decoder runs SamplerConfig.Validate on the sampler block first (its own text, implemented)'],
  [/^beyla\/ebpf\//, /^ebpf\.(instrument_cuda|traffic_control_backend|buffer_sizes|payload_extraction)/, "schema gap: the 1.18 schema lacks this setting of beyla.ebpf's `ebpf` block (the docs do not describe it and beyla's Arguments struct is not in component-go)"],
  [/^beyla\/ebpf\//, /^(metrics\.network\.(deduper|guess_ports|listen_interfaces|reverse_dns)|stats\.reverse_dns)/, "schema gap: the 1.18 schema lacks this setting of beyla.ebpf (the docs do not describe it and beyla's Arguments struct is not in component-go)"],
  [/^beyla\/ebpf\//, /^invalid (discovery|exclude_services) configuration/, 'schema gap: `discovery.services` and `exclude_services`, the names before `instrument` and `exclude_instrument`, are not in the 1.18 schema'],
  [/^beyla\/ebpf\//, /^traces block is defined but output section is missing/, "schema gap: the schema requires the `output` block (the docs: \"You must specify the `output` block\"), so its absence is reported as a missing block first; beyla's Arguments struct is not in component-go to say whether Go requires it"],
  [/^loki\/source\/file\//, /^unsupported compression format/, 'not decidable offline: lists the supported formats in Go map order, which differs from run to run'],
  [/^otelcol\/config_k8s\.go$/, /^invalid auth_type %q$/, "not applicable: KubernetesAPIConfig is squashed into the kubeadm and kubernetes_node detector blocks, whose types do not call its Validate (the decoder validates a block's own type only)"],
  [/^otelcol\/connector\/host_info\/config\.go$/, /is not a valid flush interval$/, "not applicable: Validate of the collector config the component builds, which neither Alloy's connector shim nor this connector's factory calls (Arguments.Validate decides)"],
  [/^otelcol\/extension\/jaeger_remote_sampling\/internal\//, /./, "not applicable: Validate of the collector config, which Alloy's extension shim does not call; Arguments.Validate and ArgumentsSource.Validate decide (implemented)"],
  [/^otelcol\/receiver\/splunkhec\//, /^unknown splitting strategy/, 'implemented by alloy/invalid-enum (the schema lists line and none)'],
  [/^prometheus\/exporter\/(blackbox|mssql|snmp)\//, /^invalid (blackbox_exporter config|query_config|snmp_exporter config): %s$/, "not decidable offline: wraps the error of yaml.UnmarshalStrict on the exporter's own configuration format, whose texts the checker does not reproduce"],
  [/./, /%w/, 'not decidable offline: wraps an error of another library whose text the checker does not have'],
  [/./, /(failed|unable|could not|cannot|can't) (to )?(read|open|load|stat|create|connect|find|get|parse) /i, 'not decidable offline: depends on the files or services present when Alloy runs'],
  [/./, /\b(file|directory|path)s?\b.*\b(not exist|does not exist|not found|missing)\b/i, 'not decidable offline: depends on the files present when Alloy runs'],
];

function statusOf(row, implemented) {
  const rule = implemented.get(`${row.file}\t${row.message}`);
  if (rule) return { kind: 'implemented', text: `implemented (${rule})` };
  for (const [file, message, status] of classification) {
    if (file.test(row.file) && message.test(row.message)) {
      if (status.startsWith('schema gap')) return { kind: 'schema gap', text: status };
      return { kind: status.startsWith('not applicable') || status.startsWith('implemented by') ? 'not applicable' : 'not decidable offline', text: status };
    }
  }
  return { kind: 'not yet', text: 'not yet' };
}

const escapeCell = (text) => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, '\\n').replace(/`/g, '\\`');

/**
 * The page text: `ruleMessages` are `{ message, code, upstream }` of every load-time rule, where
 * `upstream` is the Go file of the rule set; a text is implemented for that file only.
 */
export function coverageTable(ruleMessages, root = defaultReferenceRoot) {
  const implemented = new Map();
  for (const { message, code, upstream } of ruleMessages) {
    const key = `${upstream ?? ''}\t${message}`;
    if (!implemented.has(key)) implemented.set(key, code);
  }
  const rows = upstreamErrors(root).filter((row) => !row.atStart || implemented.has(`${row.file}\t${row.message}`));
  const statuses = rows.map((row) => ({ ...row, status: statusOf(row, implemented) }));
  const count = (kind) => statuses.filter((row) => row.status.kind === kind).length;
  const files = new Set(statuses.map((row) => row.file));
  const found = new Set(rows.map((row) => `${row.file}\t${row.message}`));
  // Each text once, though rule sets of several files name it (Go's `parse %q: %s`).
  const outside = [...new Set([...implemented].filter(([key]) => !found.has(key)).map(([key, code]) => `${key.slice(key.indexOf('\t') + 1)}\t${code}`))].map((row) => row.split('\t'));
  const lines = [
    '# Load-time rules: coverage',
    '',
    'Generated by `scripts/load-time-coverage.mjs` from `../shared/alloy-reference/component-go` (Alloy v1.18.1): every',
    "error text of the components' `Validate()` methods and of their argument types' decoders (`UnmarshalText`,",
    '`UnmarshalAlloy`), plus the texts of start-up checks (`Update`, `New`) that a rule implements. A text is',
    '*implemented* when a load-time rule of the checker names it as its upstream message; the other statuses come',
    'from the classification in the script. Do not edit by hand: `node scripts/load-time-coverage.mjs` after a build.',
    '',
    '| status | texts |',
    '| --- | ---: |',
    `| implemented | ${count('implemented')} |`,
    `| not decidable offline | ${count('not decidable offline')} |`,
    `| not applicable | ${count('not applicable')} |`,
    `| schema gap (arguments the schema lacks) | ${count('schema gap')} |`,
    `| not yet | ${count('not yet')} |`,
    `| **total** (${files.size} files) | ${statuses.length} |`,
    '',
    '| file | function | upstream text | status |',
    '| --- | --- | --- | --- |',
    ...statuses.map((row) => `| ${row.file} | ${row.function} | ${escapeCell(row.message)} | ${row.status.text} |`),
    '',
    '## Implemented texts that come from outside these files',
    '',
    "Go's `regexp`, `time` and `net/url` packages, reached through the components' argument types, and texts of functions that build a",
    'component or stage (`validateMultilineConfig`), which the table above does not scan:',
    '',
    '| upstream text | code |',
    '| --- | --- |',
    ...outside.map(([message, code]) => `| ${escapeCell(message)} | ${code} |`),
    '',
  ];
  return { text: lines.join('\n'), counts: { implemented: count('implemented'), notDecidable: count('not decidable offline'), notApplicable: count('not applicable'), schemaGap: count('schema gap'), notYet: count('not yet'), total: statuses.length, files: files.size } };
}

async function main() {
  if (!existsSync(defaultReferenceRoot)) {
    console.error(`reference material not found: ${defaultReferenceRoot}`);
    process.exit(1);
  }
  const { loadTimeMessages } = await import('../dist/index.js');
  const { text, counts } = coverageTable(loadTimeMessages());
  if (process.argv.includes('--check')) {
    const current = existsSync(pagePath) ? readFileSync(pagePath, 'utf8') : '';
    if (current !== text) {
      console.error('docs/load-time-rules.md is stale: run node scripts/load-time-coverage.mjs');
      process.exit(1);
    }
  } else writeFileSync(pagePath, text);
  console.log(JSON.stringify(counts));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
