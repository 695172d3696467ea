/**
 * Phase 2, indexed (imports): `import.file` resolved relative to the importing file and its module
 * files read and indexed once per analysis, for the declares they define. Messages name a module
 * file by the path written in the configuration, never by its content.
 */
import path from 'node:path';
import type { Attribute, Block, Expression } from '@alloy-toolkit/syntax';
import { isInsideRoots, realPathThrough } from '../filesystem.js';
import type { DeclareArgument, DeclareExport, DeclareInfo, ImportInfo } from '../model.js';
import * as modules from '../rules/modules.js';
import type { AnalysisContext, ModuleContents } from './context.js';
import { createSource, type SourceFile } from './parse.js';
import { labelOf } from './scope.js';

/** Static string value of an expression for import paths: literals, `+`, `module_path`, `file.path_join`. */
function staticPath(expression: Expression, modulePath: string | undefined, depth = 0): string | undefined {
  if (depth > 50) return undefined;
  switch (expression.type) {
    case 'Literal':
      return typeof expression.value === 'string' ? expression.value : undefined;
    case 'Paren':
      return staticPath(expression.expression, modulePath, depth + 1);
    case 'IdentifierExpr':
      return expression.name === 'module_path' ? modulePath : undefined;
    case 'Binary': {
      if (expression.operator !== '+') return undefined;
      const left = staticPath(expression.left, modulePath, depth + 1);
      const right = staticPath(expression.right, modulePath, depth + 1);
      return left === undefined || right === undefined ? undefined : left + right;
    }
    case 'Call': {
      const callee = expression.callee;
      if (callee.type !== 'Access' || callee.object.type !== 'IdentifierExpr') return undefined;
      if (callee.object.name !== 'file' || callee.property !== 'path_join') return undefined;
      const parts: string[] = [];
      for (const argument of expression.args) {
        const part = staticPath(argument, modulePath, depth + 1);
        if (part === undefined) return undefined;
        parts.push(part);
      }
      return parts.length === 0 ? '' : path.join(...parts);
    }
    default:
      return undefined;
  }
}

/** What a `declare` block defines: its arguments (optional with a default) and exports. */
export function declareInfo(block: Block, source: SourceFile, namespace?: string): DeclareInfo {
  const declareArguments: DeclareArgument[] = [];
  const declareExports: DeclareExport[] = [];
  for (const statement of block.body) {
    if (statement.type !== 'Block' || !statement.label || statement.label.value === '') continue;
    if (statement.fullName === 'argument') {
      let optional = false;
      for (const attribute of statement.body) {
        if (attribute.type !== 'Attribute') continue;
        if (attribute.name === 'default') optional = true;
        if (attribute.name === 'optional' && attribute.value.type === 'Literal' && attribute.value.value === true) optional = true;
      }
      declareArguments.push({ name: statement.label.value, block: statement, optional });
    } else if (statement.fullName === 'export') {
      declareExports.push({ name: statement.label.value, block: statement });
    }
  }
  const info: DeclareInfo = { name: labelOf(block), block, arguments: declareArguments, exports: declareExports };
  if (source.fileName !== undefined) info.fileName = source.fileName;
  if (namespace !== undefined) info.namespace = namespace;
  return info;
}

/** Resolves an `import.file` and reads its module file(s): `info` gains the declares they define. */
export function resolveFileImport(context: AnalysisContext, info: ImportInfo, block: Block, source: SourceFile): void {
  const fileSystem = context.options.fileSystem;
  const filenameAttribute = block.body.find(
    (statement): statement is Attribute => statement.type === 'Attribute' && statement.name === 'filename',
  );
  if (!filenameAttribute) return;
  const baseDirectory = source.fileName !== undefined ? path.dirname(path.resolve(source.fileName)) : undefined;
  const value = staticPath(filenameAttribute.value, baseDirectory);
  if (value === undefined) return;
  const resolved = path.isAbsolute(value) ? value : baseDirectory !== undefined ? path.resolve(baseDirectory, value) : undefined;
  if (resolved === undefined) return;
  info.resolvedPath = resolved;
  if (!fileSystem) return;
  const valueRange = source.parse.lines.rangeOf(filenameAttribute.value);
  if (!mayImport(context, resolved)) {
    modules.reportOutsideRoots(context, source, info, `"${value}"`, valueRange);
    return;
  }
  // Messages name module files by the path written in the configuration, never by their content.
  const moduleFiles: { path: string; shownAs: string }[] = [];
  const text = readModuleFile(context, resolved);
  if (text !== undefined) moduleFiles.push({ path: resolved, shownAs: value });
  else {
    const entries = fileSystem.readDirectory(resolved);
    if (entries === undefined) {
      const reason = fileSystem.unreadableReason?.(resolved);
      modules.reportImportNotFound(context, source, `import.file "${info.namespace}": cannot read "${value}"${reason === undefined ? '' : `: ${reason}`}`, valueRange);
      return;
    }
    let outside: string | undefined;
    for (const entry of entries) {
      if (!entry.endsWith('.alloy')) continue;
      const entryPath = path.join(resolved, entry);
      const shownAs = path.join(value, entry);
      if (mayImport(context, entryPath)) moduleFiles.push({ path: entryPath, shownAs });
      else outside ??= shownAs;
    }
    if (outside !== undefined) modules.reportOutsideRoots(context, source, info, `"${outside}" (a file of "${value}")`, valueRange);
  }
  info.resolvedFiles = moduleFiles.map((moduleFile) => moduleFile.path);
  let hasNestedImports = false;
  let problem: string | undefined;
  let unreadable: string | undefined;
  const declares: DeclareInfo[] = [];
  for (const moduleFile of moduleFiles) {
    const contents = loadModule(context, moduleFile.path);
    if (!contents) {
      const reason = fileSystem.unreadableReason?.(moduleFile.path);
      unreadable ??= `import.file "${info.namespace}": cannot read "${moduleFile.shownAs}"${reason === undefined ? '' : `: ${reason}`}`;
      continue;
    }
    if (contents.syntaxError) {
      const { line, column } = contents.syntaxError;
      problem ??= `import.file "${info.namespace}": the module file "${moduleFile.shownAs}" does not parse (syntax error at line ${line}, column ${column})`;
      continue;
    }
    if (contents.otherStatement) {
      const { line, column } = contents.otherStatement;
      problem ??= `only declare and import blocks are allowed in a module: "${moduleFile.shownAs}" has another statement at line ${line}, column ${column}`;
      continue;
    }
    for (const declare of contents.declares) declares.push({ ...declare, namespace: info.namespace });
    hasNestedImports ||= contents.hasNestedImports;
  }
  if (unreadable !== undefined) modules.reportImportNotFound(context, source, unreadable, valueRange);
  // A module that is not one is not looked into: its components are not checked against it.
  if (problem !== undefined || unreadable !== undefined) {
    if (problem !== undefined) modules.reportInvalidModuleContent(context, source, problem, block);
    return;
  }
  info.declares.push(...declares);
  info.fetched = !hasNestedImports;
}

/** Whether `filePath` may be imported: inside the import roots (symbolic links resolved), when there are any. */
function mayImport(context: AnalysisContext, filePath: string): boolean {
  const roots = context.options.importRoots;
  if (roots === undefined) return true;
  const fileSystem = context.options.fileSystem;
  return fileSystem !== undefined && isInsideRoots(realPathThrough(fileSystem, filePath), roots);
}

/** The text of a module file, read once per analysis. */
function readModuleFile(context: AnalysisContext, moduleFile: string): string | undefined {
  if (!context.moduleTexts.has(moduleFile)) context.moduleTexts.set(moduleFile, context.options.fileSystem?.readFile(moduleFile));
  return context.moduleTexts.get(moduleFile);
}

function loadModule(context: AnalysisContext, moduleFile: string): ModuleContents | undefined {
  if (context.moduleCache.has(moduleFile)) return context.moduleCache.get(moduleFile);
  if (context.importStack.includes(moduleFile)) return undefined;
  const text = readModuleFile(context, moduleFile);
  if (text === undefined) {
    context.moduleCache.set(moduleFile, undefined);
    return undefined;
  }
  context.importStack.push(moduleFile);
  const moduleSource = createSource(text, moduleFile);
  const contents: ModuleContents = { declares: [], hasNestedImports: false };
  const syntaxError = moduleSource.parse.diagnostics.find((diagnostic) => diagnostic.severity === 'error');
  if (syntaxError) contents.syntaxError = syntaxError.range.start;
  for (const statement of moduleSource.parse.file.body) {
    if (statement.type === 'Block' && statement.fullName === 'declare') {
      if (labelOf(statement) !== '') contents.declares.push(declareInfo(statement, moduleSource));
    } else if (statement.type === 'Block' && statement.fullName.startsWith('import.')) contents.hasNestedImports = true;
    else contents.otherStatement ??= moduleSource.parse.lines.positionAt(statement.start);
  }
  context.importStack.pop();
  context.moduleCache.set(moduleFile, contents);
  return contents;
}
