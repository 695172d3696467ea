import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

function temporaryPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

function writeTemporary(path: string, text: string, mode: number, sync: boolean): void {
  const descriptor = openSync(path, 'wx', mode);
  try {
    writeSync(descriptor, text);
    if (sync) fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

/** Writes `text` to `target` through a temporary file in the same directory and a rename. */
export function writeFileAtomic(target: string, text: string, mode = 0o644): void {
  const temporary = temporaryPathFor(target);
  try {
    writeTemporary(temporary, text, mode, true);
    renameSync(temporary, target);
  } catch (error) {
    removeQuietly(temporary);
    throw error;
  }
}

/**
 * Writes many files so that either all of them are replaced or none is:
 * every temporary file is written first, then all are renamed.
 */
export function writeFilesAtomic(files: ReadonlyArray<{ path: string; text: string }>, mode = 0o644): void {
  const staged: Array<{ temporary: string; path: string }> = [];
  try {
    for (const { path, text } of files) {
      const temporary = temporaryPathFor(path);
      staged.push({ temporary, path });
      // One fsync per file would dominate the run time for thousands of hosts; the renames
      // below still guarantee that no reader sees a half-written file.
      writeTemporary(temporary, text, mode, false);
    }
  } catch (error) {
    for (const { temporary } of staged) removeQuietly(temporary);
    throw error;
  }
  for (const { temporary, path } of staged) renameSync(temporary, path);
}
