import { fileURLToPath, pathToFileURL } from 'node:url';

/** The file-system path of a `file:` URI, or undefined for other schemes (`untitled:`). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}

/** A stable key for a document: its path when it has one, else its URI. */
export function documentKey(uri: string): string {
  return uriToPath(uri) ?? uri;
}
