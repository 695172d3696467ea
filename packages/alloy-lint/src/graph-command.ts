/**
 * `alloy-lint graph`: the component graph of a file, of a directory's `.alloy` files (one
 * configuration), or of the Alloy inside a YAML, template or Markdown file (one section per
 * configuration). A graph of text that does not parse would be silently incomplete, so its errors
 * are printed instead, at the positions of the file given.
 */
import { statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { readRegularFile } from '@alloy-toolkit/files';
import { UsageError, parseArguments, singleValue } from './args.js';
import { ConfigResolver } from './config.js';
import { fileKindOf, listDirectoryFiles } from './discovery.js';
import { overlapsPlaceholder, yamlKeysFor } from './embedded.js';
import { loadEmbedded, loadSyntax } from './engine.js';
import { buildGraph, renderGraph, renderGraphs, type GraphFormat, type GraphSection, type GraphSource } from './graph.js';
import type { CliIo } from './io.js';
import { decodeSource } from './source.js';

export const GRAPH_HELP = `Usage: alloy-lint graph FILE|DIRECTORY [--format mermaid|dot] [--yaml-key PATTERN]

Prints the component graph: components as nodes, references as edges labelled with the export.
A directory is one configuration (its .alloy and .river files). In a YAML file (Helm values,
ConfigMaps), a template or a Markdown file, each Alloy configuration it holds is a section of the
graph, titled by its place (alloy.configMap.content, fence at line 12).

Flags:
  -f, --format mermaid|dot   Mermaid flowchart (default) or Graphviz
      --yaml-key PATTERN     also read the literal block scalars under this YAML key (repeatable)
  -h, --help                 this help
`;

const NO_GRAPH_SYNTAX = 'alloy-lint: no graph: the configuration has syntax errors\n';

export async function runGraph(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArguments(argv, [
    { name: 'format', short: 'f', value: true },
    { name: 'yaml-key', value: true, repeatable: true },
    { name: 'help', short: 'h' },
  ]);
  if (parsed.flags.has('help')) {
    io.stdout.write(GRAPH_HELP);
    return 0;
  }
  const format = singleValue(parsed, 'format') ?? 'mermaid';
  if (format !== 'mermaid' && format !== 'dot') throw new UsageError(`unknown graph format "${format}" (expected mermaid or dot)`);
  if (parsed.positionals.length !== 1) throw new UsageError('graph needs exactly one FILE or DIRECTORY');
  const yamlKeys = parsed.values.get('yaml-key');
  for (const key of yamlKeys ?? []) if (key.trim() === '') throw new UsageError('--yaml-key needs a key pattern, such as config.alloy or "*ExtraConfig"');
  const target = resolve(io.cwd, parsed.positionals[0]!);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(target).isDirectory();
  } catch {
    throw new UsageError(`no such file or directory: ${parsed.positionals[0]}`);
  }
  const shownPath = (fileName: string): string => {
    const relativePath = relative(io.cwd, fileName);
    return relativePath !== '' && !relativePath.startsWith('..') && !isAbsolute(relativePath) ? relativePath : fileName;
  };
  if (!isDirectory && fileKindOf(target) !== 'alloy') {
    return graphOfHost(target, shownPath(target), format, yamlKeys, io);
  }
  const files = isDirectory ? listDirectoryFiles(target) : [target];
  const sources = files.map((fileName) => {
    const read = readRegularFile(fileName);
    if (!read.ok) throw new UsageError(`cannot read ${shownPath(fileName)}: ${read.message}`);
    return { fileName, decoded: decodeSource(read.bytes) };
  });
  const syntax = await loadSyntax();
  const problems: string[] = [];
  const texts: GraphSource[] = [];
  for (const { fileName, decoded } of sources) {
    if (!decoded.ok) {
      problems.push(`${shownPath(fileName)}:${decoded.problem.line}:${decoded.problem.column}: ${decoded.problem.message}`);
      continue;
    }
    const parse = syntax.parse(decoded.text, { fileName });
    for (const diagnostic of parse.diagnostics) {
      if (diagnostic.severity !== 'error') continue;
      const { line, column } = diagnostic.range.start;
      problems.push(`${shownPath(fileName)}:${line}:${column}: ${diagnostic.message}`);
    }
    texts.push({ fileName, text: decoded.text, parse });
  }
  if (problems.length > 0) {
    io.stderr.write(`${problems.join('\n')}\n${NO_GRAPH_SYNTAX}`);
    return 1;
  }
  io.stdout.write(renderGraph(await buildGraph(texts), format));
  return 0;
}

/** The graph of every configuration in a YAML, template or Markdown file. */
async function graphOfHost(
  filePath: string,
  shown: string,
  format: GraphFormat,
  extraYamlKeys: readonly string[] | undefined,
  io: CliIo,
): Promise<number> {
  const read = readRegularFile(filePath);
  if (!read.ok) throw new UsageError(`cannot read ${shown}: ${read.message}`);
  const decoded = decodeSource(read.bytes);
  if (!decoded.ok) {
    io.stderr.write(`${shown}:${decoded.problem.line}:${decoded.problem.column}: ${decoded.problem.message}\n${NO_GRAPH_SYNTAX}`);
    return 1;
  }
  const text = decoded.text;
  const [embedded, syntax] = await Promise.all([loadEmbedded(), loadSyntax()]);
  const config = new ConfigResolver().forFile(filePath);
  const extractOptions = { yamlKeys: yamlKeysFor(config, { yamlKeys: extraYamlKeys }, embedded.DEFAULT_YAML_KEYS) };
  const extraction = embedded.extractEmbedded(filePath, text, extractOptions);
  const lines = new syntax.LineIndex(text);
  const at = (hostOffset: number): string => {
    const { line, column } = lines.positionAt(hostOffset);
    return `${shown}:${line}:${column}`;
  };
  const hostErrors = extraction.problems.filter((problem) => problem.severity === 'error');
  const problems = hostErrors.map((problem) => `${at(problem.range.start)}: ${problem.message}`);
  const parses = extraction.configs.map((configuration) => syntax.parse(configuration.text));
  extraction.configs.forEach((configuration, index) => {
    for (const diagnostic of parses[index]!.diagnostics) {
      // Nothing inside a masked template tag is reported: the tag is not really there.
      if (diagnostic.severity !== 'error' || overlapsPlaceholder(configuration, diagnostic.range)) continue;
      problems.push(`${at(configuration.toHostOffset(diagnostic.range.start.offset))}: ${diagnostic.message}`);
    }
  });
  if (problems.length > 0) {
    const reason = problems.length > hostErrors.length ? NO_GRAPH_SYNTAX : `alloy-lint: no graph: ${shown} is not valid\n`;
    io.stderr.write(`${problems.join('\n')}\n${reason}`);
    return 1;
  }
  if (extraction.configs.length === 0) {
    const where = extraction.kind === 'yaml' ? ` (keys searched: ${extractOptions.yamlKeys.join(', ')}; --yaml-key adds one)` : '';
    io.stderr.write(`alloy-lint: no graph: ${shown} holds no Alloy configuration${where}\n`);
    return 1;
  }
  const sections: GraphSection[] = [];
  for (const [index, configuration] of extraction.configs.entries()) {
    const graph = await buildGraph([{ fileName: filePath, text: configuration.text, parse: parses[index]! }]);
    sections.push({ title: configuration.label, graph });
  }
  io.stdout.write(renderGraphs(sections, format));
  return 0;
}
