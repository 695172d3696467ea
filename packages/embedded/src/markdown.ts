import { contentLineAt, isBlank, lineMappedConfig, linesText, type ContentLine } from './line-map.js';
import { recordRewriteInfo } from './rewrite-info.js';
import type { EmbeddedConfig, Extraction, HostProblem } from './types.js';

const fenceOpening = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const fenceClosing = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

interface OpenFence {
  readonly marker: string;
  readonly indentation: number;
  readonly isAlloy: boolean;
  readonly lineNumber: number;
  readonly openingStart: number;
  readonly openingEnd: number;
  readonly lines: ContentLine[];
}

function isAlloyInfo(info: string): boolean {
  const language = info.trim().split(/[\s{]/)[0]?.toLowerCase();
  return language === 'alloy' || language === 'river';
}

/** `extractFromMarkdown` without the guard against exceptions. */
export function readMarkdown(text: string): Extraction {
  const configs: EmbeddedConfig[] = [];
  const problems: HostProblem[] = [];
  let open: OpenFence | undefined;

  const close = (): void => {
    if (open === undefined || !open.isAlloy) return;
    const lines = open.lines;
    let last = lines.length - 1;
    while (last >= 0 && isBlank(text, lines[last]!)) last--;
    if (last < 0) return;
    const kept = lines.slice(0, last + 1);
    const config = lineMappedConfig({
      label: `fence at line ${open.lineNumber}`,
      lines: kept,
      text: linesText(text, kept),
      placeholders: [],
      rewritable: true,
    });
    recordRewriteInfo(config, { lines: kept, indentation: open.indentation, explicitIndentation: true });
    configs.push(config);
  };

  let lineNumber = 0;
  for (let lineStart = 0; lineStart < text.length;) {
    lineNumber++;
    const line = contentLineAt(text, lineStart, 0);
    const lineText = text.slice(line.lineStart, line.contentEnd);
    if (open === undefined) {
      const opening = fenceOpening.exec(lineText);
      if (opening !== null && !(opening[2]![0] === '`' && opening[3]!.includes('`'))) {
        open = {
          marker: opening[2]!,
          indentation: opening[1]!.length,
          isAlloy: isAlloyInfo(opening[3]!),
          lineNumber,
          openingStart: line.lineStart,
          openingEnd: line.contentEnd,
          lines: [],
        };
      }
    } else {
      const closing = fenceClosing.exec(lineText);
      if (closing !== null && closing[1]![0] === open.marker[0] && closing[1]!.length >= open.marker.length) {
        close();
        open = undefined;
      } else {
        open.lines.push(contentLineAt(text, line.lineStart, open.indentation));
      }
    }
    if (line.breakEnd === line.contentEnd) break;
    lineStart = line.breakEnd;
  }
  if (open !== undefined) {
    if (open.isAlloy) {
      problems.push({
        code: 'alloy-lint/unclosed-fence',
        severity: 'warning',
        message: `the Alloy fence opened at line ${open.lineNumber} is never closed; its content runs to the end of the file`,
        range: { start: open.openingStart, end: open.openingEnd },
      });
    }
    close();
  }
  return { kind: 'markdown', configs, problems, hostIsValid: true };
}
