// Facts the docs state only in prose or not at all, from the Go sources
// (grafana/alloy struct tags, see SCHEMA-NOTES.md §3): which blocks are
// slices (repeatable) and which blocks nest recursively.

/**
 * Block names that are slices in Go wherever they occur (`name`), or only in one
 * component (`component:path>to>block`).
 */
export const KNOWN_REPEATABLE_BLOCKS = new Set([
  'rule',
  'write_relabel_config',
  'endpoint',
  'selectors',
  'match_expression',
  'match_expressions',
  'matcher',
  'discovery.docker:filter',
  'discovery.dockerswarm:filter',
  'discovery.ec2:filter',
  'discovery.aws:filter',
  'attribute',
  'resource',
  'library',
  'policy',
  'and_sub_policy',
  'composite_sub_policy',
  'rate_allocation',
  'route',
  'table',
  'dimension',
  'calls_dimension',
  'annotation',
  'profile.custom',
  'target',
  'walk_param',
  'static',
  'custom_namespace',
  'header',
  'pod_association',
  'source',
  'trace_statements',
  'metric_statements',
  'log_statements',
  'drop_sub_policy',
  'listener',
  'instrument',
  'exclude_instrument',
  'default_exclude_instrument',
  'survey',
  'database_instance',
  'prometheus.exporter.cloudwatch:discovery>role',
  'prometheus.exporter.cloudwatch:static>role',
  'prometheus.exporter.cloudwatch:custom_namespace>role',
  'otelcol.processor.k8sattributes:filter>field',
  'otelcol.processor.k8sattributes:filter>label',
  'otelcol.processor.attributes:action',
  'otelcol.processor.k8sattributes:extract>label',
  'otelcol.processor.k8sattributes:extract>annotation',
]);

/**
 * Blocks whose Go struct has a `label` field: written `name "label" { ... }`
 * (SCHEMA-NOTES.md §3.1 lists all six).
 */
const LABELED_BLOCKS = new Map([
  ['prometheus.exporter.snmp', ['target', 'walk_param']],
  ['prometheus.exporter.cloudwatch', ['static', 'custom_namespace']],
  ['pyroscope.scrape', ['profile.custom']],
  ['database_observability.mysql', ['database_instance']],
]);

/** Dotted block families decoded through Go `enum` fields: every occurrence appends one element. */
const ENUM_PREFIXES = ['stage.', 'metric.'];

function markEnumBlocks(blocks) {
  for (const block of blocks) {
    if (ENUM_PREFIXES.some((prefix) => block.name.startsWith(prefix))) block.repeatable = true;
    markEnumBlocks(block.blocks);
  }
}

function withoutMatchRecursion(block, depth) {
  const copy = { ...block, arguments: block.arguments.map((argument) => ({ ...argument })), blocks: block.blocks.map((child) => withoutMatchRecursion(child, depth)) };
  if (copy.name === 'stage.match') {
    copy.blocks = depth > 0 ? stageBlocksForMatch : [];
    if (depth === 0) copy.open = true;
  }
  return copy;
}

let stageBlocksForMatch = [];

/** Arguments the docs name in prose but leave out of the table. */
const PROSE_ONLY_ARGUMENTS = new Map([
  ['loki.source.windowsevent', [{ name: 'legacy_bookmark_path', typeText: 'string', type: { kind: 'string' }, required: false }]],
]);

/**
 * Blocks the docs name differently from the Go struct tags (checked against
 * grafana/alloy internal/component/otelcol/receiver/solace/solace.go:
 * `auth,block` and `flow_control,block,optional`).
 */
const RENAMED_BLOCKS = new Map([
  ['otelcol.receiver.solace', [['authentication', 'auth'], ['flow', 'flow_control']]],
]);

export function applyComponentOverrides(component) {
  for (const [docsName, goName] of RENAMED_BLOCKS.get(component.name) ?? []) {
    const block = component.blocks.find((candidate) => candidate.name === docsName);
    if (block) block.name = goName;
  }
  for (const argument of PROSE_ONLY_ARGUMENTS.get(component.name) ?? []) {
    if (!component.arguments.some((existing) => existing.name === argument.name)) component.arguments.push({ ...argument });
  }
  markEnumBlocks(component.blocks);
  const labeled = LABELED_BLOCKS.get(component.name) ?? [];
  const markLabeled = (blocks) => {
    for (const block of blocks) {
      if (labeled.includes(block.name)) block.labelRequired = true;
      markLabeled(block.blocks);
    }
  };
  markLabeled(component.blocks);
  if (component.name === 'loki.process') {
    // `stage.match` holds a nested pipeline of any stage, recursively. JSON cannot be
    // recursive: two levels are spelled out, the innermost `stage.match` is open.
    const stages = component.blocks.filter((block) => block.name.startsWith('stage.'));
    stageBlocksForMatch = stages.map((block) => withoutMatchRecursion(block, 0));
    const levelTwo = stages.map((block) => withoutMatchRecursion(block, 1));
    const match = component.blocks.find((block) => block.name === 'stage.match');
    if (match) match.blocks = levelTwo;
    stageBlocksForMatch = [];
  }
}
