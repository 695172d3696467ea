import type { Definition, Scope } from './fileModel.js';
import { visibleScopes } from './fileModel.js';

/** A traversal resolved to the node it names; segments after `matchedSegments` are export fields. */
export interface Resolution {
  definition: Definition;
  matchedSegments: number;
}

/**
 * Resolves a traversal the way upstream does: the shortest prefix equal to a
 * node ID wins. `siblingRoots` are the root scopes of the other files of the
 * same directory, which share the root namespace.
 */
export function resolveSegments(segments: readonly string[], scope: Scope, siblingRoots: readonly Scope[]): Resolution | undefined {
  const scopes = candidateScopes(scope, siblingRoots);
  let id = '';
  for (let length = 1; length <= segments.length; length++) {
    id = length === 1 ? segments[0]! : `${id}.${segments[length - 1]}`;
    for (const candidate of scopes) {
      const definition = candidate.definitions.get(id);
      if (definition) return { definition, matchedSegments: length };
    }
  }
  return undefined;
}

/** The scopes searched from `scope`: visible scopes, plus sibling roots when the root is visible. */
export function candidateScopes(scope: Scope, siblingRoots: readonly Scope[]): Scope[] {
  const scopes = visibleScopes(scope);
  const reachesRoot = scopes[scopes.length - 1]?.parent === null;
  return reachesRoot ? [...scopes, ...siblingRoots] : scopes;
}

/** Every definition visible from `scope`. */
export function visibleDefinitions(scope: Scope, siblingRoots: readonly Scope[]): Definition[] {
  const seen = new Set<string>();
  const definitions: Definition[] = [];
  for (const candidate of candidateScopes(scope, siblingRoots)) {
    for (const definition of candidate.definitions.values()) {
      if (seen.has(definition.id)) continue;
      seen.add(definition.id);
      definitions.push(definition);
    }
  }
  return definitions;
}
