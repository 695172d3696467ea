import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const repositoryRoot = path.resolve(packageRoot, '../..');
export const sharedRoot = path.resolve(repositoryRoot, '../shared');
export const referenceRoot = path.join(sharedRoot, 'alloy-reference');
export const hasSharedReference = fs.existsSync(path.join(referenceRoot, 'COMPONENTS.tsv'));

if (!hasSharedReference) {
  console.warn(`[schema tests] ${referenceRoot} not found: tests that read the reference docs are skipped.`);
}
