/**
 * The shapes of the params the server reads, per LSP method. The handlers trust these shapes
 * (a `didOpen` text is a string, a position has integer line and character), so a message whose
 * params do not have them is refused before it reaches a handler.
 *
 * A check returns `undefined` when the value fits, or a sentence naming the first field that
 * does not ("params.textDocument.text must be a string, got number").
 */
export type Check = (value: unknown, path: string) => string | undefined;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const string: Check = (value, path) => (typeof value === 'string' ? undefined : `${path} must be a string, got ${describe(value)}`);
const boolean: Check = (value, path) => (typeof value === 'boolean' ? undefined : `${path} must be a boolean, got ${describe(value)}`);
const anything: Check = () => undefined;

/** LSP's `integer` (-2^31 .. 2^31-1). */
const integer: Check = (value, path) =>
  typeof value === 'number' && Number.isInteger(value) && value >= -0x80000000 && value <= 0x7fffffff ? undefined : `${path} must be an integer, got ${describeNumber(value)}`;
/** LSP's `uinteger` (0 .. 2^31-1). */
const uinteger: Check = (value, path) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0x7fffffff ? undefined : `${path} must be a non-negative integer, got ${describeNumber(value)}`;

function describeNumber(value: unknown): string {
  return typeof value === 'number' ? String(value) : describe(value);
}

function optional(check: Check): Check {
  return (value, path) => (value === undefined ? undefined : check(value, path));
}

function nullable(check: Check): Check {
  return (value, path) => (value === null ? undefined : check(value, path));
}

function array(element: Check, maxLength = 1_000_000): Check {
  return (value, path) => {
    if (!Array.isArray(value)) return `${path} must be an array, got ${describe(value)}`;
    if (value.length > maxLength) return `${path} has ${value.length} elements; at most ${maxLength} are accepted`;
    for (let index = 0; index < value.length; index++) {
      const problem = element(value[index], `${path}[${index}]`);
      if (problem) return problem;
    }
    return undefined;
  };
}

/** An object with at least these fields (others are allowed and ignored). */
function object(fields: Record<string, Check>): Check {
  return (value, path) => {
    if (!isRecord(value)) return `${path} must be an object, got ${describe(value)}`;
    for (const [name, check] of Object.entries(fields)) {
      const problem = check(value[name], `${path}.${name}`);
      if (problem) return problem;
    }
    return undefined;
  };
}

function oneOf(first: Check, second: Check): Check {
  return (value, path) => {
    const problem = first(value, path);
    return problem === undefined || second(value, path) === undefined ? undefined : problem;
  };
}

const position = object({ line: uinteger, character: uinteger });
const range = object({ start: position, end: position });
const textDocumentIdentifier = object({ uri: string });
const textDocumentPosition = { textDocument: textDocumentIdentifier, position };
const workspaceFolder = object({ uri: string, name: string });
const formattingOptions = object({ tabSize: uinteger, insertSpaces: boolean });
const contentChange = oneOf(object({ range, rangeLength: optional(uinteger), text: string }), object({ range: (value, path) => (value === undefined ? undefined : `${path} must be absent`), text: string }));

/** The params checks, by method. Methods not listed reach the library's handling (MethodNotFound for unknown requests). */
export const paramsChecks: ReadonlyMap<string, Check> = new Map<string, Check>([
  [
    'initialize',
    object({
      processId: optional(nullable(integer)),
      rootUri: optional(nullable(string)),
      rootPath: optional(nullable(string)),
      capabilities: object({}),
      initializationOptions: anything,
      trace: optional(string),
      workspaceFolders: optional(nullable(array(workspaceFolder))),
    }),
  ],
  ['initialized', optional(object({}))],
  ['$/cancelRequest', object({ id: oneOf(integer, string) })],
  ['$/setTrace', object({ value: string })],
  ['workspace/didChangeConfiguration', object({ settings: anything })],
  ['workspace/didChangeWatchedFiles', object({ changes: array(object({ uri: string, type: integer })) })],
  ['workspace/didChangeWorkspaceFolders', object({ event: object({ added: array(workspaceFolder), removed: array(workspaceFolder) }) })],
  ['textDocument/didOpen', object({ textDocument: object({ uri: string, languageId: string, version: integer, text: string }) })],
  ['textDocument/didChange', object({ textDocument: object({ uri: string, version: integer }), contentChanges: array(contentChange) })],
  ['textDocument/didClose', object({ textDocument: textDocumentIdentifier })],
  ['textDocument/didSave', object({ textDocument: textDocumentIdentifier, text: optional(string) })],
  ['textDocument/willSave', object({ textDocument: textDocumentIdentifier, reason: integer })],
  ['textDocument/completion', object({ ...textDocumentPosition, context: optional(object({ triggerKind: integer, triggerCharacter: optional(string) })) })],
  ['textDocument/hover', object(textDocumentPosition)],
  ['textDocument/signatureHelp', object({ ...textDocumentPosition, context: optional(object({ triggerKind: integer, triggerCharacter: optional(string), isRetrigger: boolean })) })],
  ['textDocument/definition', object(textDocumentPosition)],
  ['textDocument/references', object({ ...textDocumentPosition, context: object({ includeDeclaration: boolean }) })],
  ['textDocument/prepareRename', object(textDocumentPosition)],
  ['textDocument/rename', object({ ...textDocumentPosition, newName: string })],
  ['textDocument/documentSymbol', object({ textDocument: textDocumentIdentifier })],
  ['workspace/symbol', object({ query: string })],
  ['textDocument/foldingRange', object({ textDocument: textDocumentIdentifier })],
  ['textDocument/selectionRange', object({ textDocument: textDocumentIdentifier, positions: array(position, 100_000) })],
  ['textDocument/semanticTokens/full', object({ textDocument: textDocumentIdentifier })],
  ['textDocument/documentLink', object({ textDocument: textDocumentIdentifier })],
  ['textDocument/formatting', object({ textDocument: textDocumentIdentifier, options: formattingOptions })],
  ['textDocument/rangeFormatting', object({ textDocument: textDocumentIdentifier, range, options: formattingOptions })],
  [
    'textDocument/codeAction',
    object({
      textDocument: textDocumentIdentifier,
      range,
      context: object({ diagnostics: array(object({ range, code: optional(oneOf(integer, string)) }), 100_000), only: optional(array(string)) }),
    }),
  ],
]);

/** Why the params of `method` cannot be handled, or `undefined` when they can (or the method is not checked). */
export function paramsProblem(method: string, params: unknown): string | undefined {
  const check = paramsChecks.get(method);
  return check ? check(params, 'params') : undefined;
}
