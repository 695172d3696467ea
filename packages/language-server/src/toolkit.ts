/**
 * The one place where the language server imports the toolkit's other
 * packages. Everything else in this package imports from here, so a change
 * in a sibling package's API is absorbed in this file.
 *
 * Imports are static on purpose: the VS Code extension bundles the server
 * with esbuild, which can only follow static imports.
 */
export {
  parse,
  reparse,
  childrenOf,
  attributeNameSpan,
  propertySpan,
  type Block,
  type Attribute,
  type Diagnostic as AlloyDiagnostic,
  type Expression,
  type File as AlloyFile,
  type Identifier,
  type LineIndex,
  type Node as AlloyNode,
  type ParseResult,
  type Position as AlloyPosition,
  type Range as AlloyRange,
  type Span,
  type Statement,
  type Comment,
  type ObjectField,
  type Fix,
} from '@alloy-toolkit/syntax';

export {
  ALLOY_VERSION,
  getComponent,
  listComponents,
  resolveAlloyVersion,
  listAlloyVersions,
  compareAlloyVersions,
  availability,
  getConfigBlock,
  listConfigBlocks,
  getFunction,
  listFunctions,
  getConstant,
  listConstants,
  formatAlloyType,
  formatReleaseRanges,
  isTypeAssignable,
  stabilityAllows,
  type AlloyType,
  type Availability,
  type AvailabilityKind,
  type ArgumentSchema,
  type BlockSchema,
  type ComponentSchema,
  type ConfigBlockSchema,
  type ExportSchema,
  type StabilityLevel,
  type StdlibConstant,
  type StdlibFunction,
} from '@alloy-toolkit/schema';

export {
  checkText,
  describeConstraints,
  forgetWorkspaceDefinitions,
  isInsideRoots,
  realPathAsFarAsItExists,
  type CheckerFileSystem,
  type ConstraintDescription,
} from '@alloy-toolkit/checker';

export { formatAlloy, formatAlloyRange } from 'prettier-plugin-alloy';

export { DEFAULT_MAX_READ_BYTES, describeFileKind, readRegularTextFile, type TextReadOutcome } from '@alloy-toolkit/files';

export {
  chooseAlloyVersion,
  clearDetectedVersions,
  findConfigFile,
  globMatches,
  ignoredByPatterns,
  isIgnoredBy,
  readConfigFile,
  type LintConfig,
} from '@alloy-toolkit/config';

export {
  extractFromTemplate,
  extractFromYaml,
  indentLike,
  mayContainEmbeddedAlloy,
  relocateMessage,
  replaceEmbedded,
  restorePlaceholders,
  templateFlavorOf,
  type EmbeddedConfig,
  type Extraction,
  type ExtractOptions,
  type HostProblem,
  type TemplateFlavor,
} from '@alloy-toolkit/embedded';
