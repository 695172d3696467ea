// Collector names of the two host exporters: the "Collectors list" table of each
// reference page, corrected by facts from the Go sources that Alloy vendors.
//
// How upstream treats a name decides where it goes in the schema:
// - prometheus.exporter.unix never rejects a name. Alloy's node_exporter integration
//   (internal/static/integrations/node_exporter/config.go, mapConfigToNodeConfig) sets
//   the state of every name given in enable_collectors / disable_collectors /
//   set_collectors, then deletes each name that the vendored node_exporter does not
//   register (collector.GetAvailableCollectors()). An unknown name is a silent no-op,
//   as the page says. The names are `knownValues`: never an error.
// - prometheus.exporter.windows rejects an unknown name: on Windows the component
//   fails to build. Alloy drops `cs` and `logon` (internal/component/prometheus/
//   exporter/windows/config.go, Convert); windows_exporter's Collection.Enable then
//   returns "unknown collector <name>", which the handler turns into "failed to create
//   handler with collectors: unknown collector <name>" (windows_exporter
//   pkg/collector collection.go and handler.go). The names are `allowedValues`.
import fs from 'node:fs';
import path from 'node:path';
import { indexDocument, resolveIncludes, sectionRange, stripFrontMatter, tablesIn } from './markdown.mjs';

/**
 * Per component: the list arguments that take collector names, whether upstream
 * rejects other names, and the corrections to the docs table with their source.
 */
export const COLLECTOR_ARGUMENTS = new Map([
  [
    'prometheus.exporter.unix',
    {
      arguments: ['enable_collectors', 'disable_collectors', 'set_collectors'],
      enforced: false,
      // Names of the `Collectors` map of grafana/alloy
      // internal/static/integrations/node_exporter (the base state map that
      // mapConfigToNodeConfig starts from) that the docs table leaves out.
      additions: ['cgroups', 'selinux', 'slabinfo'],
      removals: [],
    },
  ],
  [
    'prometheus.exporter.windows',
    {
      arguments: ['enabled_collectors'],
      enforced: true,
      additions: [
        // Accepted and dropped with a warning by Alloy's Convert (removed from windows_exporter).
        'cs',
        'logon',
        // Registered by windows_exporter's NewWithConfig (pkg/collector/collection.go,
        // in the 0.30 line Alloy pins and in later releases) but missing from the docs table.
        'diskdrive',
        'license',
        'nps',
        // The smb client collector's name (pkg/collector/smbclient: Name = "smbclient").
        'smbclient',
      ],
      // The docs table writes the smb client collector as the block name `smb_client`,
      // which windows_exporter does not register.
      removals: ['smb_client'],
    },
  ],
]);

/** The names in the first column of the page's "Collectors list" table. */
export function documentedCollectorNames(file, componentDocsRoot) {
  const text = resolveIncludes(stripFrontMatter(fs.readFileSync(file, 'utf8')), path.join(componentDocsRoot, 'shared'), []);
  const document = indexDocument(text);
  const heading = document.headings.find((candidate) => candidate.level === 2 && /^collectors list$/i.test(candidate.text.trim()));
  if (!heading) return [];
  const names = [];
  for (const table of tablesIn(document, sectionRange(document, heading))) {
    if (table.header[0] !== 'name') continue;
    for (const row of table.rows) {
      const match = /`([a-z0-9_]+)`/.exec(row[0] ?? '');
      if (match) names.push(match[1]);
    }
  }
  return names;
}

/**
 * Sets the collector names on the component's collector arguments:
 * `allowedValues` where upstream rejects other names, else `knownValues`.
 */
export function applyCollectorNames(component, file, componentDocsRoot, problems) {
  const spec = COLLECTOR_ARGUMENTS.get(component.name);
  if (!spec) return;
  const documented = documentedCollectorNames(file, componentDocsRoot);
  if (documented.length === 0) {
    problems.push(`${component.name}: no collectors list table`);
    return;
  }
  const names = new Set(documented);
  for (const name of spec.removals) names.delete(name);
  for (const name of spec.additions) names.add(name);
  const values = [...names].sort((left, right) => (left < right ? -1 : left > right ? 1 : 0));
  for (const argumentName of spec.arguments) {
    const argument = component.arguments.find((candidate) => candidate.name === argumentName);
    if (!argument) {
      problems.push(`${component.name}: no argument ${argumentName} for the collector names`);
      continue;
    }
    if (spec.enforced) argument.allowedValues = [...values];
    else argument.knownValues = [...values];
  }
}
