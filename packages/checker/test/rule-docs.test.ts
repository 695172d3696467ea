import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rulePageName, rules } from '../src/index.js';
import { packageRoot } from './helpers.js';

describe('rule metadata', () => {
  it('has unique codes, and every docsUrl points at its page in the repository', () => {
    expect(new Set(rules.map((rule) => rule.code)).size).toBe(rules.length);
    for (const rule of rules) {
      expect(rule.docsUrl).toBe(
        `https://github.com/alloy-toolkit/alloy-toolkit/blob/main/packages/checker/docs/rules/${rule.code.replace(/\//g, '-')}.md`,
      );
    }
  });
  it('has a page for every rule, with what it finds, why, an example and the fix', () => {
    for (const rule of rules) {
      const page = path.join(packageRoot, 'docs/rules', rulePageName(rule.code));
      expect(existsSync(page), page).toBe(true);
      const text = readFileSync(page, 'utf8');
      expect(text.startsWith(`# ${rule.code}\n`)).toBe(true);
      for (const heading of ['## What it finds', '## Why it matters', '## How to fix']) expect(text, `${rule.code}: ${heading}`).toContain(heading);
    }
  });
});
