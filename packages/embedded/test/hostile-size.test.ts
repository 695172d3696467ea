import { describe, expect, it } from 'vitest';
import { extractEmbedded, extractFromTemplate, maskTemplatePlaceholders } from '../src/index.js';

// Inputs whose naive handling is quadratic: each must finish (vitest's timeout is the guard).
describe('large hostile inputs', () => {
  it('many openers without a closer', () => {
    for (const [text, flavor] of [
      ['{{ "'.repeat(50_000), 'go'],
      ['{{ `'.repeat(50_000), 'go'],
      ['{{ {'.repeat(50_000), 'jinja'],
      ["{% '".repeat(50_000), 'jinja'],
      ['${ {'.repeat(50_000), 'terraform'],
      ['{{/*'.repeat(50_000), 'go'],
    ] as const) {
      const extraction = extractFromTemplate(text, flavor);
      expect(extraction.configs[0]!.text).toHaveLength(text.length);
    }
  });

  it('a line of many tags', () => {
    const text = `x = 1 ${'{{ a }}'.repeat(50_000)}\n${'{{ a }}'.repeat(50_000)}\n`;
    const masked = maskTemplatePlaceholders(text, 'go');
    expect(masked.placeholders).toHaveLength(100_000);
    const [first, second] = masked.text.split('\n');
    expect(first!.slice(0, 13)).toBe('x = 1 _______');
    expect(second!.slice(0, 14)).toBe('/*xxx*//*xxx*/');
  });

  it('a one-line flow mapping of many keys', () => {
    const keys = Array.from({ length: 20_000 }, (_, index) => `k${index}: ${index}`).join(', ');
    const extraction = extractEmbedded('values.yaml', `# language=alloy\n{${keys}}\n`);
    expect(extraction.hostIsValid).toBe(true);
    expect(extraction.configs).toEqual([]);
  });
});
