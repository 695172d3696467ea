import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_MAX_READ_BYTES, readRegularTextFile } from '@alloy-toolkit/files';
import type { CheckerFileSystem } from './engine.js';

/**
 * The file system the checker sees: texts held in memory (stdin, files
 * being fixed) first, then the disk, with every read cached for the run
 * (the checker reads a directory's files again for each file in it).
 * Only regular files up to `maxFileSize` bytes are read from disk: a fifo,
 * a device or a larger file (siblings, imported modules) reads as missing.
 */
export class RunFileSystem implements CheckerFileSystem {
  private readonly overlay = new Map<string, string>();
  private readonly fileCache = new Map<string, string | undefined>();
  private readonly directoryCache = new Map<string, string[] | undefined>();
  /** Changes with every `setText`: what this file system returns is otherwise fixed for the run. */
  revision = 0;

  constructor(private readonly maxFileSize: number = DEFAULT_MAX_READ_BYTES) {}

  setText(path: string, text: string): void {
    this.overlay.set(resolve(path), text);
    this.revision += 1;
  }

  readFile(path: string): string | undefined {
    // The checker asks for the same absolute paths again and again: look them up before resolving.
    const known = this.overlay.get(path) ?? this.fileCache.get(path);
    if (known !== undefined) return known;
    const absolutePath = resolve(path);
    const overlaid = this.overlay.get(absolutePath);
    if (overlaid !== undefined) return overlaid;
    if (this.fileCache.has(absolutePath)) return this.fileCache.get(absolutePath);
    const outcome = readRegularTextFile(absolutePath, { maxBytes: this.maxFileSize });
    const text = outcome.ok ? outcome.text : undefined;
    this.fileCache.set(absolutePath, text);
    return text;
  }

  readDirectory(path: string): string[] | undefined {
    const absolutePath = resolve(path);
    if (this.directoryCache.has(absolutePath)) return this.directoryCache.get(absolutePath);
    let entries: string[] | undefined;
    try {
      entries = readdirSync(absolutePath);
    } catch {
      entries = undefined;
    }
    this.directoryCache.set(absolutePath, entries);
    return entries;
  }
}
