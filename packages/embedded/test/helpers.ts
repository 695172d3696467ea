import { readFileSync } from 'node:fs';
import { parse } from '@alloy-toolkit/syntax';
import { expect } from 'vitest';
import type { EmbeddedConfig } from '../src/index.js';

export function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

/** 1-based line and column of an offset (only LF ends a line). */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

/** The offset of the `occurrence`-th `needle` in `text`; fails the test when absent. */
export function offsetOf(text: string, needle: string, occurrence = 0): number {
  let at = -1;
  for (let count = 0; count <= occurrence; count++) {
    at = text.indexOf(needle, at + 1);
    if (at === -1) throw new Error(`${JSON.stringify(needle)} not found ${occurrence + 1} times`);
  }
  return at;
}

/**
 * Maps the token `needle` of the embedded text to the host, checks the host holds the same token
 * there and maps back, and returns the host line and column.
 */
export function hostPositionOf(host: string, config: EmbeddedConfig, needle: string, occurrence = 0): { line: number; column: number } {
  const embedded = offsetOf(config.text, needle, occurrence);
  const hostOffset = config.toHostOffset(embedded);
  expect(host.slice(hostOffset, hostOffset + needle.length)).toBe(needle);
  expect(config.toEmbeddedOffset(hostOffset)).toBe(embedded);
  expect(config.toHostOffset(embedded + needle.length)).toBe(hostOffset + needle.length);
  return lineColumn(host, hostOffset);
}

/** The host text of each placeholder. */
export function placeholderTexts(host: string, config: EmbeddedConfig): string[] {
  return config.placeholders.map((range) => host.slice(config.toHostOffset(range.start), config.toHostOffset(range.end)));
}

/** The parser's diagnostics, as `line:column message` of the embedded text. */
export function syntaxProblems(text: string): string[] {
  return parse(text).diagnostics.map(
    (diagnostic) => `${diagnostic.range.start.line}:${diagnostic.range.start.column} ${diagnostic.message}`,
  );
}
