#!/usr/bin/env node
// Writes docs/rules/<code>.md for every rule of dist/rules.js from the explanations below, and
// docs/rules/families/<family>.md for every rule family of dist/rules/families.js.
// Run after `pnpm build`: `node scripts/write-rule-docs.mjs`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rules, rulePageName } from '../dist/rules.js';
import { ruleFamilies } from '../dist/rules/families.js';
import { familyPageName } from '../dist/rules/family.js';

const here = dirname(fileURLToPath(import.meta.url));
const outDirectory = join(here, '..', 'docs', 'rules');

/**
 * finds: what it finds, when more than the rule's description; why: why it matters; sections:
 * further `{ title, text }` sections after it; bad: an example that triggers the rule; good: the
 * corrected example; fix: how to fix.
 */
const pages = {
  'syntax/illegal-character': {
    why: 'Alloy refuses to load a file with a character outside its grammar, so the whole configuration fails.',
    bad: 'prometheus.scrape "default" {\n  targets = [] ;\n}',
    good: 'prometheus.scrape "default" {\n  targets = []\n}',
    fix: 'Delete the character, or put it inside a string.',
  },
  'syntax/hash-comment': {
    why: "Many configuration formats use '#' for comments; Alloy does not, and rejects the file.",
    bad: '# scrape the node exporter\nprometheus.exporter.unix "node" {}',
    good: '// scrape the node exporter\nprometheus.exporter.unix "node" {}',
    fix: "Replace '#' with '//'. The fix does it for you.",
  },
  'syntax/unexpected-token': {
    why: 'The parser cannot make sense of the file from this token on; Alloy refuses to load it.',
    bad: 'logging {\n  level = = "info"\n}',
    good: 'logging {\n  level = "info"\n}',
    fix: 'Correct the statement so it matches the grammar: `name = value` or `name "label" { ... }`.',
  },
  'syntax/missing-comma': {
    why: 'Entries of an object or list written on separate lines still need a comma between them; without it Alloy rejects the file. This is the classic `external_labels` mistake.',
    bad: 'prometheus.remote_write "default" {\n  external_labels = {\n    environment = "prd"\n    app         = "my-app",\n  }\n}',
    good: 'prometheus.remote_write "default" {\n  external_labels = {\n    environment = "prd",\n    app         = "my-app",\n  }\n}',
    fix: "Insert ',' after the previous entry. The fix does it for you.",
  },
  'syntax/unterminated-string': {
    why: 'Everything after the opening quote becomes part of the string, so the rest of the file is misread.',
    bad: 'local.file "token" {\n  filename = "/etc/token\n}',
    good: 'local.file "token" {\n  filename = "/etc/token"\n}',
    fix: 'Close the string with a double quote on the same line, or use a backtick string for several lines.',
  },
  'syntax/unterminated-comment': {
    why: 'The rest of the file is inside the comment and is ignored, then the file fails to parse.',
    bad: '/* disabled for now\nlogging {}',
    good: '/* disabled for now */\nlogging {}',
    fix: 'Close the comment with `*/`.',
  },
  'syntax/invalid-escape': {
    why: 'Alloy strings support only the escapes of its grammar; others such as `\\d` are rejected.',
    bad: 'discovery.relabel "x" {\n  targets = []\n  rule {\n    regex = "\\d+"\n  }\n}',
    good: 'discovery.relabel "x" {\n  targets = []\n  rule {\n    regex = "\\\\d+"\n  }\n}',
    fix: 'Double the backslash, or write the value as a backtick raw string: `` `\\d+` ``.',
  },
  'syntax/invalid-number': {
    why: 'A malformed number cannot be read, so the file is rejected.',
    bad: 'prometheus.remote_write "x" {\n  endpoint {\n    url = "http://prometheus:9090/api/v1/write"\n    queue_config {\n      capacity = 1e\n    }\n  }\n}',
    good: 'prometheus.remote_write "x" {\n  endpoint {\n    url = "http://prometheus:9090/api/v1/write"\n    queue_config {\n      capacity = 10000\n    }\n  }\n}',
    fix: 'Write the number in decimal, with digits after any exponent.',
  },
  'syntax/invalid-label': {
    why: 'A block label names the component instance and is used in references, so it must be a valid identifier.',
    bad: 'prometheus.scrape "my-scrape" {\n  targets    = []\n  forward_to = []\n}',
    good: 'prometheus.scrape "my_scrape" {\n  targets    = []\n  forward_to = []\n}',
    fix: 'Use letters, digits and underscores only, not starting with a digit.',
  },
  'syntax/single-quoted-string': {
    why: 'Alloy strings use double quotes; a single quote is not part of the grammar.',
    bad: "logging {\n  level = 'info'\n}",
    good: 'logging {\n  level = "info"\n}',
    fix: 'Use double quotes. The fix does it when the text holds no `"` or `\\`.',
  },
  'syntax/block-as-expression': {
    why: 'A value cannot be a block; objects are written with `{ key = value, }` after an `=`.',
    bad: 'prometheus.remote_write "x" {\n  external_labels {\n    env = "prd",\n  }\n}',
    good: 'prometheus.remote_write "x" {\n  external_labels = {\n    env = "prd",\n  }\n}',
    fix: 'Write the value as an attribute with `=`, or use the block the component expects.',
  },
  'syntax/nesting-too-deep': {
    why: 'Expressions nested thousands of levels deep are almost certainly generated by mistake and would exhaust the parser.',
    bad: 'x = [[[[[[ ... thousands of levels ... ]]]]]]',
    good: 'x = [1, 2, 3]',
    fix: 'Flatten the expression.',
  },
  'syntax/invalid-attribute-name': {
    why: 'Attribute names are identifiers; a quoted or otherwise invalid name is rejected.',
    bad: 'logging {\n  "level" = "info"\n}',
    good: 'logging {\n  level = "info"\n}',
    fix: 'Write the name without quotes, using letters, digits and underscores.',
  },
  'syntax/expected-expression': {
    why: 'An attribute needs a value after `=`; a missing value is rejected.',
    bad: 'logging {\n  level =\n}',
    good: 'logging {\n  level = "info"\n}',
    fix: 'Write the value.',
  },
  'syntax/invalid-object-key': {
    why: 'Object keys are identifiers or strings; anything else is rejected.',
    bad: 'prometheus.remote_write "x" {\n  external_labels = {\n    1 = "a",\n  }\n}',
    good: 'prometheus.remote_write "x" {\n  external_labels = {\n    "1" = "a",\n  }\n}',
    fix: 'Quote the key.',
  },
  'syntax/internal-error': {
    why: 'The parser itself failed on this input. The configuration may be fine.',
    bad: '',
    good: '',
    fix: 'Please report the input that caused it.',
  },
  'syntax/error': {
    why: 'Any syntax error stops Alloy from loading the configuration.',
    bad: 'logging {',
    good: 'logging {}',
    fix: 'Read the message: it names what the parser expected.',
  },
  'alloy/unresolved-reference': {
    why: 'Alloy refuses to start when an expression names a component that does not exist in the scope (a typo, a missing block, or a block inside another module).',
    bad: 'prometheus.scrape "node" {\n  targets    = prometheus.exporter.unix.nodes.targets\n  forward_to = []\n}\n\nprometheus.exporter.unix "node" {}',
    good: 'prometheus.scrape "node" {\n  targets    = prometheus.exporter.unix.node.targets\n  forward_to = []\n}\n\nprometheus.exporter.unix "node" {}',
    fix: 'Correct the name (the message suggests the closest one), or add the missing component. Inside a `declare`, pass outside values in through an `argument`.',
  },
  'alloy/unknown-export': {
    why: 'Upstream finds a misspelled export only when the configuration runs; the component then fails to evaluate.',
    bad: 'prometheus.exporter.unix "node" {}\n\nprometheus.scrape "node" {\n  targets    = prometheus.exporter.unix.node.target\n  forward_to = []\n}',
    good: 'prometheus.exporter.unix "node" {}\n\nprometheus.scrape "node" {\n  targets    = prometheus.exporter.unix.node.targets\n  forward_to = []\n}',
    fix: "Use one of the component's exports (listed on its documentation page).",
  },
  'alloy/unknown-stdlib-name': {
    why: 'A misspelled standard-library function fails when the configuration is evaluated.',
    bad: 'local.file "token" {\n  filename = sys.envv("TOKEN_FILE")\n}',
    good: 'local.file "token" {\n  filename = sys.env("TOKEN_FILE")\n}',
    fix: 'Use the function name from the standard-library reference.',
  },
  'alloy/stdlib-shadowing': {
    why: 'A component or custom component named like a standard-library namespace hides it, so `sys.env(...)` and friends stop working in the same scope.',
    bad: 'declare "sys" {\n  export "env" {\n    value = "test"\n  }\n}\n\nsys "sys" {}',
    good: 'declare "system" {\n  export "env" {\n    value = "test"\n  }\n}\n\nsystem "sys" {}',
    fix: 'Rename the custom component.',
  },
  'alloy/cycle': {
    why: 'Alloy evaluates components in dependency order; a cycle has no order, so the configuration is rejected.',
    bad: 'prometheus.relabel "a" {\n  forward_to = [prometheus.relabel.b.receiver]\n}\n\nprometheus.relabel "b" {\n  forward_to = [prometheus.relabel.a.receiver]\n}',
    good: 'prometheus.relabel "a" {\n  forward_to = [prometheus.relabel.b.receiver]\n}\n\nprometheus.relabel "b" {\n  forward_to = [prometheus.remote_write.default.receiver]\n}',
    fix: 'Break the cycle: one of the components must forward somewhere else.',
  },
  'alloy/self-reference': {
    why: 'A component cannot depend on its own exports; Alloy rejects the configuration.',
    bad: 'prometheus.relabel "a" {\n  forward_to = [prometheus.relabel.a.receiver]\n}',
    good: 'prometheus.relabel "a" {\n  forward_to = [prometheus.remote_write.default.receiver]\n}',
    fix: 'Reference another component.',
  },
  'alloy/top-level-attribute': {
    why: 'A configuration file holds blocks only; an attribute outside any block is rejected.',
    bad: 'level = "debug"',
    good: 'logging {\n  level = "debug"\n}',
    fix: 'Move the attribute into the block it belongs to.',
  },
  'alloy/unknown-component': {
    why: 'Alloy cannot create a component it does not know; usually a typo in the name, or a custom component that is not declared or imported in this scope.',
    bad: 'prometheus.scrap "node" {\n  targets    = []\n  forward_to = []\n}',
    good: 'prometheus.scrape "node" {\n  targets    = []\n  forward_to = []\n}',
    fix: 'Correct the name (the message suggests the closest one) or add the `declare`/`import` that defines it. `module.file`, `module.git`, `module.http` and `module.string` were Grafana Agent Flow\'s classic module loaders: Alloy loads modules with `import.file`, `import.git`, `import.http` and `import.string`, whose modules define custom components in `declare` blocks (the hint says so).',
  },
  'alloy/community-component': {
    why: 'Community components are disabled unless Alloy runs with `--feature.community-components.enabled`.',
    bad: 'otelcol.exporter.datadog "x" { ... }',
    good: '// run alloy with --feature.community-components.enabled',
    fix: 'Enable the flag where Alloy runs, or use a core component.',
  },
  'alloy/missing-label': {
    why: 'Components and labeled config blocks are identified by their label; without it Alloy rejects the block and nothing can reference it.',
    bad: 'prometheus.exporter.unix {\n}',
    good: 'prometheus.exporter.unix "node" {\n}',
    fix: 'Add a label: a double-quoted identifier after the block name.',
  },
  'alloy/unexpected-label': {
    why: 'The block takes no label; Alloy rejects it.',
    bad: 'logging "main" {\n  level = "info"\n}',
    good: 'logging {\n  level = "info"\n}',
    fix: 'Remove the label. The fix does it for you.',
  },
  'alloy/duplicate-block': {
    why: 'Two blocks with the same name and label would have the same id; Alloy rejects the configuration. Files of one directory share one namespace.',
    bad: 'local.file_match "logs" {\n  path_targets = []\n}\nlocal.file_match "logs" {\n  path_targets = []\n}',
    good: 'local.file_match "app_logs" {\n  path_targets = []\n}\nlocal.file_match "system_logs" {\n  path_targets = []\n}',
    fix: 'Rename one of the labels, or merge the blocks.',
  },
  'alloy/unknown-attribute': {
    why: 'Alloy rejects attributes a component does not define; a typo would otherwise silently drop a setting.',
    bad: 'prometheus.scrape "node" {\n  targets        = []\n  forward_to     = []\n  scrape_intrval = "15s"\n}',
    good: 'prometheus.scrape "node" {\n  targets         = []\n  forward_to      = []\n  scrape_interval = "15s"\n}',
    fix: 'Correct the name (the message suggests the closest one) or remove the attribute.',
  },
  'alloy/unknown-block': {
    why: 'Alloy rejects nested blocks a component does not define.',
    bad: 'prometheus.remote_write "x" {\n  endpoints {\n    url = "http://prometheus:9090/api/v1/write"\n  }\n}',
    good: 'prometheus.remote_write "x" {\n  endpoint {\n    url = "http://prometheus:9090/api/v1/write"\n  }\n}',
    fix: 'Correct the block name or remove the block.',
  },
  'alloy/missing-attribute': {
    why: 'A required argument has no default; the component cannot be built without it.',
    bad: 'prometheus.scrape "node" {\n  targets = []\n}',
    good: 'prometheus.scrape "node" {\n  targets    = []\n  forward_to = [prometheus.remote_write.default.receiver]\n}',
    fix: 'Set the attribute.',
  },
  'alloy/missing-block': {
    why: 'A required nested block is missing; the component or config block cannot be built without it.',
    bad: 'foreach "each_target" {\n  collection = []\n  var        = "each"\n}',
    good: 'foreach "each_target" {\n  collection = []\n  var        = "each"\n\n  template {\n  }\n}',
    fix: 'Add the block.',
  },
  'alloy/block-as-attribute': {
    why: 'The name is a block of the component; written with `=` it is rejected.',
    bad: 'prometheus.remote_write "x" {\n  endpoint = { url = "http://prometheus:9090/api/v1/write" }\n}',
    good: 'prometheus.remote_write "x" {\n  endpoint {\n    url = "http://prometheus:9090/api/v1/write"\n  }\n}',
    fix: 'Write it as a block.',
  },
  'alloy/attribute-as-block': {
    why: 'The name is an attribute of the component; written as a block it is rejected.',
    bad: 'prometheus.remote_write "x" {\n  external_labels {\n    env = "prd"\n  }\n}',
    good: 'prometheus.remote_write "x" {\n  external_labels = {\n    env = "prd",\n  }\n}',
    fix: 'Write it as an attribute: `name = value`.',
  },
  'alloy/duplicate-attribute': {
    why: 'An attribute may be set once per block; Alloy rejects a second assignment.',
    bad: 'logging {\n  level = "info"\n  level = "debug"\n}',
    good: 'logging {\n  level = "debug"\n}',
    fix: 'Keep one of the assignments.',
  },
  'alloy/repeated-block': {
    why: 'The block may appear at most once; Alloy rejects the configuration.',
    bad: 'prometheus.scrape "x" {\n  targets    = []\n  forward_to = []\n  basic_auth {\n    username = "a"\n  }\n  basic_auth {\n    username = "b"\n  }\n}',
    good: 'prometheus.scrape "x" {\n  targets    = []\n  forward_to = []\n  basic_auth {\n    username = "a"\n  }\n}',
    fix: 'Keep one block.',
  },
  'alloy/service-not-configurable': {
    why: 'Some services (cluster, otel, ui) are configured through command-line flags only.',
    bad: 'cluster {\n}',
    good: '// run alloy with --cluster.enabled=true',
    fix: 'Remove the block and use the command-line flags.',
  },
  'alloy/type-mismatch': {
    why: 'Alloy converts values to the argument type when it loads the configuration; a value of the wrong kind (a string for a list, a receiver of logs where metrics are expected) is rejected.',
    bad: 'loki.write "logs" {\n  endpoint {\n    url = "http://loki:3100/loki/api/v1/push"\n  }\n}\n\nprometheus.scrape "x" {\n  targets    = []\n  forward_to = [loki.write.logs.receiver]\n}',
    good: 'prometheus.remote_write "metrics" {\n  endpoint {\n    url = "http://prometheus:9090/api/v1/write"\n  }\n}\n\nprometheus.scrape "x" {\n  targets    = []\n  forward_to = [prometheus.remote_write.metrics.receiver]\n}',
    fix: 'Give a value of the type the argument documents.',
  },
  'alloy/invalid-duration': {
    why: 'Durations are parsed like Go `time.ParseDuration`: a number followed by a unit (`ns`, `us`, `ms`, `s`, `m`, `h`). Anything else is rejected.',
    bad: 'prometheus.scrape "x" {\n  targets         = []\n  forward_to      = []\n  scrape_interval = "15 sec"\n}',
    good: 'prometheus.scrape "x" {\n  targets         = []\n  forward_to      = []\n  scrape_interval = "15s"\n}',
    fix: 'Write the duration as `<number><unit>`, for example `"90s"` or `"1h30m"`. When only the spelling is wrong (spaces, `sec`, `mins`, `hours`, a capital `S` or `H`, whole days or weeks as hours), the fix writes it for you. A number without a unit (`15`, `"15"`) and `M` (minutes or months?) get no fix: pick the unit yourself.',
  },
  'alloy/invalid-enum': {
    why: 'The argument accepts a fixed set of values; anything else is rejected when the component is built.',
    bad: 'logging {\n  level = "verbose"\n}',
    good: 'logging {\n  level = "debug"\n}',
    fix: 'Use one of the values the message lists.',
  },
  'alloy/unknown-value': {
    why: 'Alloy loads the configuration but silently drops a name it does not recognise: a typo in `enable_collectors` quietly collects nothing, and is only noticed when the metrics are missing in production. Unlike `alloy/invalid-enum`, the value is not rejected, hence a warning.',
    bad: 'prometheus.exporter.unix "node" {\n  enable_collectors = ["systemd", "proceses"]\n}',
    good: 'prometheus.exporter.unix "node" {\n  enable_collectors = ["systemd", "processes"]\n}',
    fix: 'Use the name the message suggests, or one of the names the editor completes; a name that differs from a known one only in case gets a fix to it (a closer typo does not: the suggestion is a guess). If the name is right for a newer Alloy than the schema knows, set the rule to `off`.',
  },
  'alloy/module-only-block': {
    why: '`argument` and `export` blocks define the interface of a module; at the top level of a configuration they mean nothing and are rejected.',
    bad: 'argument "targets" {}',
    good: 'declare "scraper" {\n  argument "targets" {}\n}',
    fix: 'Move the block into the `declare` block of the custom component whose argument or export it is. A module that `import.file`, `import.git`, `import.http` or `import.string` loads holds only `declare` and `import` blocks, so an imported file is no place for it either. A Grafana Agent Flow classic module (a file with top-level `argument` blocks, loaded with `module.file` or `module.git`) is rewritten the same way: its content goes into a `declare` block, and the configuration loads it with `import.file` or `import.git`; the hint says so.',
  },
  'alloy/not-allowed-in-module': {
    why: '`logging`, `tracing` and service blocks configure the whole process; inside a module or a foreach template they are rejected.',
    bad: 'declare "m" {\n  logging {}\n}',
    good: 'logging {}\n\ndeclare "m" {\n}',
    fix: 'Move the block to the top level of the main configuration.',
  },
  'alloy/invalid-declare-label': {
    why: "A custom component named 'declare' would clash with the keyword; Alloy rejects it.",
    bad: 'declare "declare" {}',
    good: 'declare "pipeline" {}',
    fix: 'Choose another label.',
  },
  'alloy/import-not-fetched': {
    why: 'The checker works offline: modules from git, HTTP or a string are not fetched, so the components of their namespace cannot be checked.',
    bad: 'import.git "mods" {\n  repository = "https://github.com/example/modules.git"\n  path       = "modules"\n}',
    good: 'import.file "mods" {\n  filename = "modules/"\n}',
    fix: 'Nothing to fix: this is information. Vendor the module and use `import.file` to have it checked.',
  },
  'alloy/import-not-found': {
    why: 'Alloy fails to start when an `import.file` names a file or directory it cannot read.',
    bad: 'import.file "math" {\n  filename = "modules/mathh.alloy"\n}',
    good: 'import.file "math" {\n  filename = "modules/math.alloy"\n}',
    fix: 'Correct the path. Relative paths are resolved against the importing file; `file.path_join(module_path, ...)` is understood.',
  },
  'alloy/import-outside-root': {
    why: 'A configuration from a repository or another person can name any file in `import.file`, such as `/proc/self/environ` or a link to a key. When the tool confines imports (the language server to the workspace, alloy-lint to the tree it lints), a file outside those directories is not read, so its content can never reach a message, and the namespace is not checked.',
    bad: '// linting /srv/repo\nimport.file "secrets" {\n  filename = "/proc/self/environ"\n}',
    good: '// linting /srv/repo\nimport.file "mods" {\n  filename = "modules/math.alloy"\n}',
    fix: 'Keep imported modules inside the workspace or the linted tree (symbolic links are followed before deciding). If the import is intended, widen the allowed directories (the importRoots option of the checker, the setting of the tool that passes it).',
  },
  'alloy/invalid-module-content': {
    why: 'An imported module may contain only `declare` and `import` blocks, and must parse; Alloy rejects anything else. The message gives the position of the first offending statement or syntax error, never the text of the imported file.',
    bad: '// module.alloy\nlogging {}\ndeclare "add" {}',
    good: '// module.alloy\ndeclare "add" {}',
    fix: 'Move the other blocks into a `declare` body or into the main configuration.',
  },
  'alloy/unknown-custom-component': {
    why: 'The import namespace exists, but the module does not declare a component of that name: Alloy fails to build it.',
    bad: 'import.file "math" {\n  filename = "math.alloy"\n}\n\nmath.ad "x" {}',
    good: 'import.file "math" {\n  filename = "math.alloy"\n}\n\nmath.add "x" {}',
    fix: 'Use a name the module declares (the message suggests the closest one).',
  },
  'alloy/stability': {
    why: 'Alloy refuses components, blocks and functions below the `--stability.level` it runs with (generally-available by default).',
    bad: 'foreach "each" {\n  collection = []\n  var        = "each"\n  template {}\n}',
    good: '// run alloy with --stability.level=experimental, or avoid the experimental feature',
    fix: 'Run Alloy with the `--stability.level` the message names, or use a generally-available alternative. Set the checker\'s `stabilityLevel` option to match your deployment.',
  },
  'alloy/deprecated': {
    finds:
      'A deprecated standard-library name, or a component deprecated in the targeted Alloy release\n(`alloyVersion`), such as `otelcol.receiver.opencensus` in v1.11 and v1.12: "`otelcol.receiver.opencensus`\nis deprecated since Alloy v1.11 and removed in v1.13; this configuration targets v1.12".',
    why: 'Deprecated names still work but will be removed; the namespaced name replaces a deprecated\nstandard-library name. A deprecated component has no fix: replace it before upgrading.',
    bad: 'local.file "token" {\n  filename = env("TOKEN_FILE")\n}',
    good: 'local.file "token" {\n  filename = sys.env("TOKEN_FILE")\n}',
    fix: 'Use the replacement name. The fix does it for you.',
  },
  'best-practice/literal-secret': {
    why: 'A password or token written into the configuration ends up in version control and in logs of the file.',
    bad: 'prometheus.remote_write "x" {\n  endpoint {\n    url = "https://prometheus.example.com/api/v1/write"\n    basic_auth {\n      username = "admin"\n      password = "hunter2"\n    }\n  }\n}',
    good: 'prometheus.remote_write "x" {\n  endpoint {\n    url = "https://prometheus.example.com/api/v1/write"\n    basic_auth {\n      username = "admin"\n      password = sys.env("REMOTE_WRITE_PASSWORD")\n    }\n  }\n}',
    fix: 'Read the secret with `sys.env("...")`, `local.file`, or a secret store component. Off by default.',
  },
  'best-practice/unused-component': {
    why: 'A component whose exports nothing uses (an exporter nobody scrapes, a remote_write nothing forwards to) does work for nothing and usually points at a missing wire.',
    bad: 'prometheus.exporter.unix "node" {}',
    good: 'prometheus.exporter.unix "node" {}\n\nprometheus.scrape "node" {\n  targets    = prometheus.exporter.unix.node.targets\n  forward_to = [prometheus.remote_write.default.receiver]\n}',
    fix: 'Reference the component, or remove it. Off by default.',
  },
  'alloy/invalid-argument-combination': {
    why: "Alloy runs each component's `Validate()` when it loads the configuration; arguments it refuses together (two authentication methods, a CA given inline and as a file, a client certificate without its key) make the whole configuration fail to load. The message is upstream's. Values read from the environment, files or other components are not known offline and never reported.",
    bad: 'prometheus.remote_write "x" {\n  endpoint {\n    url          = "https://prometheus.example.com/api/v1/write"\n    bearer_token = sys.env("TOKEN")\n\n    basic_auth {\n      username = "admin"\n      password = sys.env("PASSWORD")\n    }\n  }\n}',
    good: 'prometheus.remote_write "x" {\n  endpoint {\n    url = "https://prometheus.example.com/api/v1/write"\n\n    basic_auth {\n      username = "admin"\n      password = sys.env("PASSWORD")\n    }\n  }\n}',
    fix: 'Keep one of the alternatives the message names, or add the argument it requires. The rules and their upstream texts are listed in `docs/load-time-rules.md`.',
  },
  'alloy/out-of-range': {
    why: "A component refuses a number or duration outside its range, or two arguments in the wrong order, when Alloy loads it. An unset argument counts with its default: `scrape_interval = \"5s\"` alone fails because the default `scrape_timeout` is 10s.",
    bad: 'prometheus.scrape "x" {\n  targets         = []\n  forward_to      = []\n  scrape_interval = "5s"\n}',
    good: 'prometheus.scrape "x" {\n  targets         = []\n  forward_to      = []\n  scrape_interval = "5s"\n  scrape_timeout  = "5s"\n}',
    fix: 'Change the value, or set the other argument of the comparison explicitly.',
  },
  'alloy/invalid-regex': {
    why: "Alloy compiles regular expressions with Go's regexp package (RE2 syntax: no lookaround, no backreferences). A pattern it refuses stops the configuration from loading. Relabel rules compile `^(?s:<regex>)$`, so the message shows the anchored pattern, as Alloy's does.",
    bad: 'discovery.relabel "x" {\n  targets = []\n\n  rule {\n    source_labels = ["__name__"]\n    regex         = "(up|scrape_.*"\n    action        = "keep"\n  }\n}',
    good: 'discovery.relabel "x" {\n  targets = []\n\n  rule {\n    source_labels = ["__name__"]\n    regex         = "(up|scrape_.*)"\n    action        = "keep"\n  }\n}',
    fix: 'Correct the pattern; RE2 has no lookahead `(?=...)` or backreference `\\1`.',
  },
  'alloy/invalid-argument-value': {
    why: "Some values are refused by a component's `Validate()` rather than by the type: a relabel `replace` rule without `target_label`, a `labeldrop` rule with fields other than `regex`, an `authorization` type of \"basic\", an unknown TLS version. Alloy refuses to load the configuration with upstream's message.",
    bad: 'discovery.relabel "x" {\n  targets = []\n\n  rule {\n    source_labels = ["__meta_kubernetes_pod_name"]\n    action        = "replace"\n  }\n}',
    good: 'discovery.relabel "x" {\n  targets = []\n\n  rule {\n    source_labels = ["__meta_kubernetes_pod_name"]\n    target_label  = "pod"\n    action        = "replace"\n  }\n}',
    fix: 'Follow the message: add the argument the action needs, or remove the ones it does not take. A value that differs from exactly one accepted value only in letter case (`action = "Replace"`, `min_version = "tls12"`) gets a fix to that value; the other cases have none, because the repair is a choice.',
  },
  'alloy/invalid-url': {
    why: "Alloy parses some arguments with Go's `url.Parse` when it loads the configuration, and a URL Go refuses stops it from starting: a `{` or a space in the host (often a `${VAR}` that Alloy does not expand), a `%` not followed by two hex digits, a port that is not a number, a control character, a bracketed host that is not an IPv6 address. The message is Go's (`parse \"…\": …`), wrapped as the component wraps it. Go is otherwise lenient (`prometheus:9090/api` parses, with the scheme `prometheus`), so some components also require an http(s) scheme or a host.",
    sections: [
      {
        title: 'Arguments checked',
        text: [
          'Only values folded to constants (literals, operators, pure standard-library calls); a value read from the environment, a file, a module argument or another component is never reported.',
          '',
          '| argument | parsed | message |',
          '| --- | --- | --- |',
          '| `proxy_url` of the HTTP client settings and their `oauth2` block (not `otelcol.*`, `prometheus.write.queue`) | decoding (`config.URL`) | Go\'s |',
          '| `api_server` of `discovery.kubernetes` and of the Kubernetes `client` blocks | decoding (`config.URL`) | Go\'s |',
          '| `url` of `discovery.kubelet` and `discovery.http` | decoding (`config.URL`) | Go\'s |',
          '| `endpoint` › `url` of `loki.write` | `Validate()` | `failed to parse remote url %q: …` |',
          '| `endpoint` › `url` of `prometheus.remote_write` | when the component starts | `cannot parse remote_write url %q: …` |',
          '| `host` of `loki.source.docker` | `Validate()` | `failed to parse Docker host %q: …` |',
          '| `host` of `discovery.docker` | `Validate()` | `parsing host attribute: …` |',
          '| `host` of `discovery.dockerswarm`, `url` of `remote.http` | `Validate()` | Go\'s |',
          '| `server` of `discovery.uyuni` | `Validate()` | `invalid server URL: …` |',
          '| `server` of `discovery.eureka` | `Validate()` | Go\'s; `invalid eureka server URL` without a scheme or a host |',
          '| `url` of `discovery.puppetdb` | `Validate()` | Go\'s; `URL scheme must be \'http\' or \'https\'`; `host is missing in URL` |',
          '| `endpoint` of `otelcol.receiver.vcenter` | `Validate()` | `unable to parse url %s: …`; `url scheme must be http or https` |',
          '| `http` › `traces_url_path`, `logs_url_path`, `metrics_url_path` of `otelcol.receiver.otlp` | `Validate()` | `invalid traces_url_path: …` |',
          '',
          "Other `otelcol.*` endpoints and `client` › `proxy_url` are plain strings for Alloy: the OpenTelemetry Collector reads them when the component starts, with rules the checker does not have.",
        ].join('\n'),
      },
    ],
    bad: 'loki.write "default" {\n  endpoint {\n    url = "http://${LOKI_HOST}:3100/loki/api/v1/push"\n  }\n}',
    good: 'loki.write "default" {\n  endpoint {\n    url = "http://" + sys.env("LOKI_HOST") + ":3100/loki/api/v1/push"\n  }\n}',
    fix: 'Alloy does not expand `${VAR}` in strings: build the URL with `sys.env("VAR")`. Otherwise correct the URL as Go\'s message says: percent-encode special characters (`%20` for a space, `%40` for an `@` in a password), put an IPv6 address in brackets, write the port in digits, and start with `http://` or `https://` where the component requires it.',
  },
  'best-practice/scrape-timeout': {
    why: 'A scrape cannot take longer than the interval between scrapes. Alloy refuses such a `prometheus.scrape` when it loads the configuration, so this is now reported as the error `alloy/out-of-range` with upstream\'s message; this code is no longer emitted and is kept so that configurations that set its severity stay valid.',
    bad: 'prometheus.scrape "x" {\n  targets         = []\n  forward_to      = []\n  scrape_interval = "10s"\n  scrape_timeout  = "30s"\n}',
    good: 'prometheus.scrape "x" {\n  targets         = []\n  forward_to      = []\n  scrape_interval = "30s"\n  scrape_timeout  = "10s"\n}',
    fix: 'Make `scrape_timeout` shorter than or equal to `scrape_interval`.',
  },
  'best-practice/remote-write-url': {
    why: 'The Prometheus remote-write receiver listens on `/api/v1/write` over HTTP(S); a URL without the path, or without the scheme, usually fails with 404 or a connection error at run time. Other receivers (Mimir, Grafana Cloud) use other paths, so this is informational.',
    bad: 'prometheus.remote_write "x" {\n  endpoint {\n    url = "prometheus.example.com:9090"\n  }\n}',
    good: 'prometheus.remote_write "x" {\n  endpoint {\n    url = "https://prometheus.example.com/api/v1/write"\n  }\n}',
    fix: 'Write the full URL with scheme and path.',
  },
  'best-practice/label-name': {
    why: 'Prometheus label names are letters, digits and underscores, not starting with a digit; other names are rejected by many receivers.',
    bad: 'prometheus.remote_write "x" {\n  endpoint {\n    url = "https://prometheus.example.com/api/v1/write"\n  }\n  external_labels = {\n    "instance-name" = "web-1",\n  }\n}',
    good: 'prometheus.remote_write "x" {\n  endpoint {\n    url = "https://prometheus.example.com/api/v1/write"\n  }\n  external_labels = {\n    instance_name = "web-1",\n  }\n}',
    fix: "Use '_' instead of '-', '.' or spaces.",
  },
  'alloy/internal-error': {
    why: 'The checker itself failed on this input. The configuration may be fine.',
    bad: '',
    good: '',
    fix: 'Please report the input that caused it.',
  },
};

mkdirSync(outDirectory, { recursive: true });
const missing = [];
for (const info of rules) {
  const page = pages[info.code];
  if (!page) {
    missing.push(info.code);
    continue;
  }
  const lines = [
    `# ${info.code}`,
    '',
    `Category: ${info.category} · Default severity: ${info.defaultSeverity} · Fixable: ${info.fixable ? 'yes' : 'no'}`,
    '',
    '## What it finds',
    '',
    page.finds ?? info.description,
    '',
    '## Why it matters',
    '',
    page.why,
    '',
  ];
  for (const section of page.sections ?? []) lines.push(`## ${section.title}`, '', section.text, '');
  if (page.bad) lines.push('## Example', '', '```alloy', page.bad, '```', '');
  if (page.good) lines.push('## Fixed', '', '```alloy', page.good, '```', '');
  lines.push('## How to fix', '', page.fix, '');
  writeFileSync(join(outDirectory, rulePageName(info.code)), lines.join('\n'));
}
if (missing.length > 0) {
  console.error(`no page text for: ${missing.join(', ')}`);
  process.exit(1);
}
console.log(`wrote ${rules.length} rule pages`);

// One page per rule family: what it checks, where its checks are, and its rules.
const familyDirectory = join(outDirectory, 'families');
mkdirSync(familyDirectory, { recursive: true });
const byCode = new Map(rules.map((info) => [info.code, info]));
const phaseNames = { parse: 'parse', index: 'index', link: 'link', validate: 'validate' };
for (const family of ruleFamilies) {
  const source = family.name === 'syntax' ? '`@alloy-toolkit/syntax` (the parser) and `src/fixes.ts`' : `[\`src/rules/${family.name}.ts\`](../../../src/rules/${family.name}.ts)`;
  const lines = [
    `# ${family.title}`,
    '',
    `Rule family \`${family.name}\` · Phases: ${family.phases.map((phase) => phaseNames[phase]).join(', ')} · Checks: ${source}`,
    '',
    family.description,
    '',
    '| rule | default severity | fixable | what it finds |',
    '| --- | --- | --- | --- |',
    ...family.codes.map((code) => {
      const info = byCode.get(code);
      return `| [\`${code}\`](../${rulePageName(code)}) | ${info.defaultSeverity} | ${info.fixable ? 'yes' : 'no'} | ${info.description.replace(/\|/g, '\\|')} |`;
    }),
    '',
    `The other families: ${ruleFamilies
      .filter((other) => other !== family)
      .map((other) => `[${other.title}](${familyPageName(other.name)})`)
      .join(' · ')}. How the phases and the families fit together: the checker's README, "Layout".`,
    '',
  ];
  writeFileSync(join(familyDirectory, familyPageName(family.name)), lines.join('\n'));
}
console.log(`wrote ${ruleFamilies.length} rule family pages`);
