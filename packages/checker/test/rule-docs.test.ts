import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { familyPageName, ruleFamilies, rulePageName, rules } from '../src/index.js';
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

describe('rule families', () => {
  it('put every rule in exactly one family', () => {
    const families = new Map<string, string[]>();
    for (const family of ruleFamilies) for (const code of family.codes) families.set(code, [...(families.get(code) ?? []), family.name]);
    for (const rule of rules) expect(families.get(rule.code), rule.code).toHaveLength(1);
    expect([...families.keys()].sort()).toEqual(rules.map((rule) => rule.code).sort());
  });

  it('have a module of checks each, and a page listing and linking their rules', () => {
    for (const family of ruleFamilies) {
      if (family.name !== 'syntax') expect(existsSync(path.join(packageRoot, 'src/rules', `${family.name}.ts`)), family.name).toBe(true);
      const page = path.join(packageRoot, 'docs/rules/families', familyPageName(family.name));
      expect(existsSync(page), page).toBe(true);
      const text = readFileSync(page, 'utf8');
      expect(text.startsWith(`# ${family.title}\n`)).toBe(true);
      expect(text).toContain(family.description);
      for (const code of family.codes) expect(text, `${family.name}: ${code}`).toContain(`[\`${code}\`](../${rulePageName(code)})`);
    }
  });
});
