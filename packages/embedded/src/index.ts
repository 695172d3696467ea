/**
 * @alloy-toolkit/embedded: Alloy configurations inside other files (Helm values, Kubernetes
 * manifests, Ansible/Go/Terraform templates, Markdown), with exact position mapping.
 */
export type {
  EmbeddedConfig,
  Extraction,
  ExtractOptions,
  HostKind,
  HostProblem,
  OffsetRange,
  Replacement,
  TemplateFlavor,
} from './types.js';
export { DEFAULT_YAML_KEYS } from './key-patterns.js';
export { hostKindOf, templateFlavorOf } from './kinds.js';
export { extractEmbedded, extractFromMarkdown, extractFromTemplate, extractFromYaml, mayContainEmbeddedAlloy } from './extract.js';
export { maskTemplatePlaceholders } from './template.js';
export { replaceEmbedded } from './replace.js';
export { indentLike } from './indent.js';
export { relocateMessage } from './messages.js';
export { restorePlaceholders, type RestoreOutcome } from './restore.js';
