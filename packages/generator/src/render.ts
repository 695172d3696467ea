import type { File } from '@alloy-toolkit/syntax';
import { formatAlloy } from 'prettier-plugin-alloy';
import { printFile } from './printer.js';

/** Prints `file` and canonicalizes the text with `formatAlloy` (the `alloy fmt` layout). */
export function renderConfig(file: File): string {
  return formatAlloy(printFile(file));
}
