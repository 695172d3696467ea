import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const packageDirectory = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const repositoryRoot = resolve(packageDirectory, '../..');
export const sharedDirectory = resolve(repositoryRoot, '../shared');
export const hasShared = existsSync(resolve(sharedDirectory, 'corpus'));
export const syntaxDistEntry = resolve(repositoryRoot, 'packages/syntax/dist/index.js');
export const hasSyntaxDist = existsSync(syntaxDistEntry);
