import { fileURLToPath, pathToFileURL } from 'node:url';

/** URL parsing shows in every edit's profile (the same few URIs are converted many times): remember the answers. */
const pathsByUri = new Map<string, string | undefined>();
const maxRememberedUris = 10_000;

/** The file-system path of a `file:` URI, or undefined for other schemes (`untitled:`). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  const remembered = pathsByUri.get(uri);
  if (remembered !== undefined || pathsByUri.has(uri)) return remembered;
  let path: string | undefined;
  try {
    path = fileURLToPath(uri);
  } catch {
    path = undefined;
  }
  if (pathsByUri.size >= maxRememberedUris) pathsByUri.clear();
  pathsByUri.set(uri, path);
  return path;
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}

/** A stable key for a document: its path when it has one, else its URI. */
export function documentKey(uri: string): string {
  return uriToPath(uri) ?? uri;
}
