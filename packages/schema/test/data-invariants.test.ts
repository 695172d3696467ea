import { describe, expect, it } from 'vitest';
import type { ArgumentSchema, BlockSchema } from '../src/index.js';
import { formatAlloyType, listComponents, listConfigBlocks, parseAlloyType } from '../src/index.js';

interface Body {
  owner: string;
  arguments: ArgumentSchema[];
  blocks: BlockSchema[];
}

function allBodies(): Body[] {
  const bodies: Body[] = [];
  const visit = (owner: string, body: { arguments: ArgumentSchema[]; blocks: BlockSchema[] }): void => {
    bodies.push({ owner, arguments: body.arguments, blocks: body.blocks });
    for (const block of body.blocks) visit(`${owner} > ${block.name}`, block);
  };
  for (const component of listComponents()) visit(component.name, component);
  for (const block of listConfigBlocks()) visit(block.name, block);
  return bodies;
}

const ALLOY_LITERAL = /^(?:"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null|\[.*\]|\{.*\})$/s;

describe('invariants of the committed data', () => {
  const bodies = allBodies();

  it('covers thousands of arguments', () => {
    const argumentCount = bodies.reduce((sum, body) => sum + body.arguments.length, 0);
    expect(argumentCount).toBeGreaterThan(3000);
  });

  it('stores each type both as text and parsed, consistently', () => {
    for (const body of bodies) {
      for (const argument of body.arguments) {
        expect(parseAlloyType(argument.typeText), `${body.owner}.${argument.name}`).toEqual(argument.type);
        expect(formatAlloyType(argument.type)).toBe(argument.typeText);
      }
    }
    for (const component of listComponents()) {
      for (const field of component.exports) expect(parseAlloyType(field.typeText), `${component.name}.${field.name}`).toEqual(field.type);
    }
  });

  it('has unique names within each body', () => {
    for (const body of bodies) {
      const argumentNames = body.arguments.map((argument) => argument.name);
      const blockNames = body.blocks.map((block) => block.name);
      expect(new Set(argumentNames).size, body.owner).toBe(argumentNames.length);
      expect(new Set(blockNames).size, body.owner).toBe(blockNames.length);
    }
  });

  it('uses identifier names (dotted only for blocks)', () => {
    for (const body of bodies) {
      for (const argument of body.arguments) expect(argument.name, body.owner).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
      for (const block of body.blocks) expect(block.name, body.owner).toMatch(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/);
    }
  });

  it('writes defaults as Alloy literals', () => {
    for (const body of bodies) {
      for (const argument of body.arguments) {
        if (argument.default !== undefined) expect(argument.default, `${body.owner}.${argument.name}`).toMatch(ALLOY_LITERAL);
      }
    }
  });

  it('gives enumerated values only to string arguments', () => {
    for (const body of bodies) {
      for (const argument of body.arguments) {
        if (argument.allowedValues === undefined) continue;
        expect(['string', 'list(string)'], `${body.owner}.${argument.name}`).toContain(argument.typeText);
        expect(argument.allowedValues.length).toBeGreaterThan(1);
      }
    }
  });

  it('gives known values only to string arguments without allowed values', () => {
    let withKnownValues = 0;
    for (const body of bodies) {
      for (const argument of body.arguments) {
        if (argument.knownValues === undefined) continue;
        withKnownValues += 1;
        expect(['string', 'list(string)'], `${body.owner}.${argument.name}`).toContain(argument.typeText);
        expect(argument.allowedValues, `${body.owner}.${argument.name}`).toBeUndefined();
        expect(argument.knownValues.length).toBeGreaterThan(1);
      }
    }
    expect(withKnownValues).toBeGreaterThan(0);
  });
});
