import type { CodeLens, CodeLensParams, Location } from 'vscode-languageserver/node';
import { offsetsToRange } from '../workspace/positions.js';
import { blockHeaderRange, buildPipeline } from './graph.js';
import type { LanguageContext } from './languageContext.js';

/** The client command a reference lens runs, with `[uri, position, locations]` (the VS Code extension shows them). */
export const showReferencesCommand = 'alloy.showReferences';

/** A lens above each component: how many references to it the configuration holds. */
export class CodeLensProvider {
  constructor(private readonly context: LanguageContext) {}

  provide(params: CodeLensParams): CodeLens[] {
    const workspace = this.context.workspace;
    const parsed = workspace.parsed(params.textDocument.uri);
    if (!parsed) return [];
    const pipeline = buildPipeline(parsed, workspace);
    const locations = new Map<string, Location[]>();
    for (const link of pipeline.links) {
      const list = locations.get(link.target.id) ?? [];
      list.push({ uri: link.user.parsed.uri, range: offsetsToRange(link.user.parsed.document, link.start, link.end) });
      locations.set(link.target.id, list);
    }
    return pipeline.components
      .filter((component) => component.parsed === parsed)
      .map((component) => {
        const range = blockHeaderRange(parsed, component.definition.block);
        const references = locations.get(component.id) ?? [];
        const title = references.length === 1 ? '1 reference' : `${references.length} references`;
        return { range, command: { title, command: showReferencesCommand, arguments: [parsed.uri, range.start, references] } };
      });
  }
}
