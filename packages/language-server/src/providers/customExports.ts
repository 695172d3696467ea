import { formatAlloyType, getComponent, type AlloyType, type ComponentSchema, type Expression } from '../toolkit.js';
import type { Definition, Scope } from '../analysis/fileModel.js';
import { resolveSegments } from '../analysis/resolve.js';
import { traversalOf } from '../analysis/syntaxTree.js';
import type { AlloyWorkspace, ParsedDocument } from '../workspace/workspace.js';
import { resolveDeclare, type DeclareLocation } from './languageContext.js';

/** An export of a custom component (a `declare`'s `export` block), with the type of its value when it can be told. */
export interface ModuleExport {
  name: string;
  /** Undefined when the value's type is not known (`argument.x.value`, a call, an operator). */
  type?: AlloyType;
  typeText: string;
  /** For an otelcol consumer: the signals of the component whose `input` the export passes on. */
  signals?: readonly string[];
}

/** How deep exports are followed through instances of other custom components (a declare using a declare…). */
const maxDepth = 4;

/**
 * The exports of custom component instances: instances of a `declare` of the same file (or of a
 * sibling file), and of the declares of a module read by `import.file` within the workspace. The
 * modules of `import.string`, `import.git` and `import.http` cannot be read: their instances have no
 * known exports. One instance per completion request: nothing is cached across edits.
 */
export class CustomExports {
  private readonly documents: ParsedDocument[];
  private readonly byDeclare = new Map<unknown, ModuleExport[]>();

  constructor(
    private readonly workspace: AlloyWorkspace,
    parsed: ParsedDocument,
    siblings: readonly ParsedDocument[],
    private readonly component: (name: string) => ComponentSchema | undefined = (name) => getComponent(name),
    private readonly signalsOf: (component: ComponentSchema) => readonly string[] = () => [],
  ) {
    this.documents = [parsed, ...siblings];
  }

  /** The exports of the instance a definition names; undefined when it is no custom component or its declare cannot be read. */
  ofDefinition(definition: Definition, depth = 0): ModuleExport[] | undefined {
    if (this.component(definition.block.fullName)) return undefined;
    const document = this.documents.find((candidate) => candidate.model.file === definition.file);
    const location = document ? this.declareOf(definition, document) : undefined;
    return location ? this.ofDeclare(location, depth) : undefined;
  }

  private declareOf(definition: Definition, document: ParsedDocument): DeclareLocation | undefined {
    const role = document.model.blocks.get(definition.block)?.role;
    if (role?.kind === 'custom') return resolveDeclare(role, document, this.workspace);
    // A declare of a sibling file: the files of a directory are one configuration.
    if (role?.kind !== 'unknown' || !reachesRoot(definition.scope)) return undefined;
    for (const other of this.documents) {
      const declare = other.model.root.declares.get(definition.block.fullName);
      if (declare) return { declare, parsed: other };
    }
    return undefined;
  }

  private ofDeclare(location: DeclareLocation, depth: number): ModuleExport[] {
    const known = this.byDeclare.get(location.declare);
    if (known) return known;
    // Guards a declare whose export refers to an instance of itself.
    this.byDeclare.set(location.declare, []);
    const body = location.parsed.model.blocks.get(location.declare)?.bodyScope;
    const exports: ModuleExport[] = [];
    for (const statement of location.declare.body) {
      if (statement.type !== 'Block' || statement.fullName !== 'export' || !statement.label) continue;
      const value = statement.body.find((attribute) => attribute.type === 'Attribute' && attribute.name === 'value');
      const inferred = value?.type === 'Attribute' && body && depth < maxDepth ? this.typeOf(value.value, body, location.parsed, depth) : undefined;
      exports.push({
        name: statement.label.value,
        ...(inferred?.type ? { type: inferred.type } : {}),
        typeText: inferred?.type ? formatAlloyType(inferred.type) : 'unknown',
        ...(inferred?.signals ? { signals: inferred.signals } : {}),
      });
    }
    this.byDeclare.set(location.declare, exports);
    return exports;
  }

  /** The type of an export's value: literals, lists of one type, objects, and references to exports whose type is known. */
  private typeOf(expression: Expression, scope: Scope, document: ParsedDocument, depth: number): { type: AlloyType; signals?: readonly string[] } | undefined {
    switch (expression.type) {
      case 'Literal':
        if (expression.kind === 'string') return { type: { kind: 'string' } };
        if (expression.kind === 'number' || expression.kind === 'float') return { type: { kind: 'number' } };
        if (expression.kind === 'bool') return { type: { kind: 'bool' } };
        return undefined;
      case 'Paren':
        return this.typeOf(expression.expression, scope, document, depth);
      case 'Object':
        return { type: { kind: 'object' } };
      case 'Array': {
        if (expression.elements.length === 0) return undefined;
        let element: AlloyType | undefined;
        for (const item of expression.elements) {
          const type = this.typeOf(item, scope, document, depth)?.type;
          if (!type || (element && formatAlloyType(element) !== formatAlloyType(type))) return undefined;
          element = type;
        }
        return element ? { type: { kind: 'list', element } } : undefined;
      }
      case 'IdentifierExpr':
      case 'Access':
        return this.referenceType(expression, scope, document, depth);
      default:
        return undefined;
    }
  }

  private referenceType(expression: Expression, scope: Scope, document: ParsedDocument, depth: number): { type: AlloyType; signals?: readonly string[] } | undefined {
    const traversal = traversalOf(expression);
    if (!traversal) return undefined;
    const names = traversal.segments.map((segment) => segment.name);
    if (names[0] === 'argument') return undefined;
    const resolution = resolveSegments(names, scope, []);
    // `<component>.<export>` exactly: a field of an export, or the component itself, has no schema type.
    if (!resolution || resolution.matchedSegments !== names.length - 1) return undefined;
    const exportName = names[names.length - 1]!;
    const component = this.component(resolution.definition.block.fullName);
    if (component) {
      const exported = component.exports.find((candidate) => candidate.name === exportName);
      if (!exported) return undefined;
      const signals = exported.type.kind === 'capsule' && exported.type.name === 'otelcol.Consumer' ? this.signalsOf(component) : undefined;
      return { type: exported.type, ...(signals && signals.length > 0 ? { signals } : {}) };
    }
    const role = document.model.blocks.get(resolution.definition.block)?.role;
    const location = role?.kind === 'custom' ? resolveDeclare(role, document, this.workspace) : undefined;
    const exported = location ? this.ofDeclare(location, depth + 1).find((candidate) => candidate.name === exportName) : undefined;
    return exported?.type ? { type: exported.type, ...(exported.signals ? { signals: exported.signals } : {}) } : undefined;
  }
}

function reachesRoot(scope: Scope): boolean {
  let current = scope;
  while (current.parent && current.owner?.fullName === 'template') current = current.parent;
  return current.parent === null;
}
