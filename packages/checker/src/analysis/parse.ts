/**
 * Phase 1, parsed: one file taking part in an analysis, parsed by `@alloy-toolkit/syntax`, with
 * the model and the diagnostics the next phases add to it.
 */
import { parse } from '@alloy-toolkit/syntax';
import type { Diagnostic, ParseResult } from '@alloy-toolkit/syntax';
import type { ComponentInstance, ConfigBlockInstance, DeclareInfo, ImportInfo, Reference } from '../model.js';

/** One parsed file taking part in an analysis. */
export interface SourceFile {
  fileName?: string;
  text: string;
  parse: ParseResult;
  diagnostics: Diagnostic[];
  components: ComponentInstance[];
  configBlocks: ConfigBlockInstance[];
  declares: DeclareInfo[];
  imports: ImportInfo[];
  references: Reference[];
}

export function createSource(text: string, fileName: string | undefined, parseResult?: ParseResult): SourceFile {
  return {
    fileName,
    text,
    parse: parseResult ?? parse(text, fileName === undefined ? {} : { fileName }),
    diagnostics: [],
    components: [],
    configBlocks: [],
    declares: [],
    imports: [],
    references: [],
  };
}
