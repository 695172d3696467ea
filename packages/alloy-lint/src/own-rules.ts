import type { RuleInfo } from './engine.js';

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
];
