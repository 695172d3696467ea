/** Every rule family, in the order of their pages: the parser's first, then the checker's by phase. */
import * as argumentsAndTypes from './arguments-and-types.js';
import * as bestPractices from './best-practices.js';
import { defineFamily, type RuleFamily } from './family.js';
import * as loadTimeConstraints from './load-time-constraints.js';
import * as modules from './modules.js';
import * as references from './references.js';
import * as stability from './stability.js';

/** The parser's diagnostics, which the checker passes through (`fixes.ts` adds fixes and hints), and its own failures. */
const syntax = defineFamily({
  name: 'syntax',
  title: 'Syntax',
  description:
    "What the parser of @alloy-toolkit/syntax reports, with upstream's messages (checkText passes them through and adds fixes for '#' comments, missing commas and single quotes), and alloy/internal-error when the checker itself fails on an input.",
  phases: ['parse'],
  categories: ['syntax'],
});

export const ruleFamilies: readonly RuleFamily[] = [
  syntax,
  modules.family,
  references.family,
  argumentsAndTypes.family,
  stability.family,
  loadTimeConstraints.family,
  bestPractices.family,
];
