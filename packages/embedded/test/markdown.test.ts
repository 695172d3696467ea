import { describe, expect, it } from 'vitest';
import { extractFromMarkdown } from '../src/index.js';
import { hostPositionOf } from './helpers.js';

const texts = (markdown: string): string[] => extractFromMarkdown(markdown).configs.map((config) => config.text);

describe('Markdown fences', () => {
  it('are opened by three or more backticks or tildes and closed by at least as many of the same', () => {
    expect(texts('````alloy\na = 1\n```\nb = 2\n`````\n')).toEqual(['a = 1\n```\nb = 2\n']);
    expect(texts('~~~alloy\na = 1\n```\n~~~\n')).toEqual(['a = 1\n```\n']);
  });

  it('take the first word of the info string, in any case', () => {
    expect(texts('``` Alloy title="config.alloy"\na = 1\n```\n~~~river{.numberLines}\nb = 2\n~~~\n')).toEqual(['a = 1\n', 'b = 2\n']);
    expect(texts('```alloyx\na = 1\n```\n```hcl\nb = 2\n```\n```\nc = 3\n```\n')).toEqual([]);
  });

  it('ignore an info string with a backtick and fences indented four spaces (indented code)', () => {
    expect(texts('```alloy `x`\na = 1\n```\n')).toEqual([]);
    expect(texts('    ```alloy\n    a = 1\n    ```\n')).toEqual([]);
  });

  it("remove up to the fence's indentation from each content line", () => {
    const markdown = '  ```alloy\n  a = 1\n b = 2\n    c = 3\n  ```\n';
    const [config] = extractFromMarkdown(markdown).configs;
    expect(config!.text).toBe('a = 1\nb = 2\n  c = 3\n');
    expect(hostPositionOf(markdown, config!, 'b = 2')).toEqual({ line: 3, column: 2 });
    expect(hostPositionOf(markdown, config!, 'c = 3')).toEqual({ line: 4, column: 5 });
  });

  it('leave trailing blank lines out and skip empty fences', () => {
    expect(texts('```alloy\n\na = 1\n\n\n```\n```alloy\n\n```\n')).toEqual(['\na = 1\n']);
  });

  it('read CRLF files with exact offsets', () => {
    const markdown = '# Title\r\n\r\n```alloy\r\nlogging { level = "warn" }\r\n```\r\n';
    const [config] = extractFromMarkdown(markdown).configs;
    expect(config!.text).toBe('logging { level = "warn" }\n');
    expect(hostPositionOf(markdown, config!, '"warn"')).toEqual({ line: 4, column: 19 });
    expect(config!.label).toBe('fence at line 3');
  });

  it('are valid hosts without problems when closed', () => {
    expect(extractFromMarkdown('```alloy\na = 1\n```\n')).toMatchObject({ kind: 'markdown', problems: [], hostIsValid: true });
  });
});
