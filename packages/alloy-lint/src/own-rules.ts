import type { RuleInfo } from './engine.js';

export const FORMAT_CODE = 'alloy-lint/format';

const readmeUrl = 'https://github.com/alloy-toolkit/alloy-toolkit/blob/main/packages/alloy-lint/README.md';

/** The problems alloy-lint itself reports (the checker owns every other rule). */
export const lintRules: RuleInfo[] = [
  {
    code: 'alloy-lint/unused-suppression',
    defaultSeverity: 'warn',
    description: 'An alloy-lint-disable comment, or a rule code in it, that suppresses nothing.',
    docsUrl: `${readmeUrl}#alloy-lintunused-suppression`,
    fixable: false,
    category: 'lint',
  },
  {
    code: 'alloy-lint/format',
    defaultSeverity: 'error',
    description: 'The file is not formatted as `alloy fmt` would format it (reported with --check-format).',
    docsUrl: `${readmeUrl}#alloy-lintformat`,
    fixable: true,
    category: 'lint',
  },
  {
    code: 'alloy-lint/unreadable-file',
    defaultSeverity: 'error',
    description: 'The file cannot be read (permissions, a dangling symbolic link, a directory, a fifo or device, ...).',
    docsUrl: `${readmeUrl}#file-problems`,
    fixable: false,
    category: 'lint',
  },
  {
    code: 'alloy-lint/binary-file',
    defaultSeverity: 'error',
    description: 'The file contains NUL bytes: it is not an Alloy configuration.',
    docsUrl: `${readmeUrl}#file-problems`,
    fixable: false,
    category: 'lint',
  },
  {
    code: 'alloy-lint/invalid-utf8',
    defaultSeverity: 'error',
    description: 'The file is not valid UTF-8 (Alloy refuses it with "illegal UTF-8 encoding").',
    docsUrl: `${readmeUrl}#file-problems`,
    fixable: false,
    category: 'lint',
  },
  {
    code: 'alloy-lint/file-too-large',
    defaultSeverity: 'error',
    description: 'The file is larger than --max-file-size and was not checked.',
    docsUrl: `${readmeUrl}#file-problems`,
    fixable: false,
    category: 'lint',
  },
  {
    code: 'alloy-lint/unreadable-directory',
    defaultSeverity: 'error',
    description: 'A directory found while searching for files cannot be listed (permissions, ...): the files in it were not checked.',
    docsUrl: `${readmeUrl}#file-problems`,
    fixable: false,
    category: 'lint',
  },
  {
    code: 'alloy-lint/write-failed',
    defaultSeverity: 'error',
    description:
      '--fix could not write the fixed file (read-only file or directory, changed on disk meanwhile, owner that cannot be kept, ...); the file is unchanged.',
    docsUrl: `${readmeUrl}#write-guarantees`,
    fixable: false,
    category: 'lint',
  },
  {
    code: 'alloy-lint/invalid-yaml',
    defaultSeverity: 'error',
    description:
      'A YAML file that should hold Alloy is not valid YAML (syntax, tabs in indentation, duplicate keys): the configurations in its valid documents are still checked, the file is never rewritten.',
    docsUrl: `${readmeUrl}#alloy-in-helm-values-configmaps-and-templates`,
    fixable: false,
    category: 'lint',
  },
  {
    code: 'alloy-lint/embedded-not-checked',
    defaultSeverity: 'warn',
    description:
      'A YAML key that holds Alloy is not a literal block scalar (|): a folded (>), quoted or plain scalar, a mapping or an alias; its value is not checked.',
    docsUrl: `${readmeUrl}#alloy-in-helm-values-configmaps-and-templates`,
    fixable: false,
    category: 'lint',
  },
  {
    code: 'alloy-lint/embedded-not-text',
    defaultSeverity: 'error',
    description: 'A YAML key that holds Alloy has a number, boolean or null as its value, not a configuration.',
    docsUrl: `${readmeUrl}#alloy-in-helm-values-configmaps-and-templates`,
    fixable: false,
    category: 'lint',
  },
  {
    code: 'alloy-lint/embedded-not-rewritten',
    defaultSeverity: 'error',
    description:
      'A file holding Alloy was not rewritten by --fix (or fmt): a template tag in it is never closed, its tags could not be put back exactly after formatting, or the rewrite would change more than the configurations; the file is unchanged.',
    docsUrl: `${readmeUrl}#rewriting-embedded-alloy`,
    fixable: false,
    category: 'lint',
  },
  {
    code: 'alloy-lint/embedded-alias',
    defaultSeverity: 'info',
    description: 'A YAML key that holds Alloy is an alias (*name): the configuration is checked where its anchor is defined.',
    docsUrl: `${readmeUrl}#alloy-in-helm-values-configmaps-and-templates`,
    fixable: false,
    category: 'lint',
  },
  {
    code: 'alloy-lint/embedded-empty',
    defaultSeverity: 'info',
    description: 'A YAML key that holds Alloy is empty: there is nothing to check.',
    docsUrl: `${readmeUrl}#alloy-in-helm-values-configmaps-and-templates`,
    fixable: false,
    category: 'lint',
  },
  {
    code: 'alloy-lint/unclosed-fence',
    defaultSeverity: 'warn',
    description: 'An alloy fence of a Markdown file is not closed: its configuration runs to the end of the file.',
    docsUrl: `${readmeUrl}#alloy-in-helm-values-configmaps-and-templates`,
    fixable: false,
    category: 'lint',
  },
  {
    code: 'alloy-lint/unclosed-template-tag',
    defaultSeverity: 'error',
    description: 'A template tag ({{, {%, {#, ${, %{) is never closed; the text after it is checked as Alloy.',
    docsUrl: `${readmeUrl}#alloy-in-helm-values-configmaps-and-templates`,
    fixable: false,
    category: 'lint',
  },
  {
    code: 'alloy-lint/embedded-internal-error',
    defaultSeverity: 'error',
    description: 'The Alloy inside a file could not be read (an internal error, such as YAML nested too deeply); the file is not rewritten.',
    docsUrl: `${readmeUrl}#alloy-in-helm-values-configmaps-and-templates`,
    fixable: false,
    category: 'lint',
  },
];
