import { chmodSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces a file's content atomically: writes a temporary file in the same
 * directory, gives it the original's mode, and renames it over the original,
 * so that a reader (or a crash) never sees half a file.
 */
export function writeFileAtomic(filePath: string, text: string): void {
  const mode = statSync(filePath).mode & 0o7777;
  const temporaryPath = join(dirname(filePath), `.${basename(filePath)}.alloy-lint-${process.pid}-${Date.now()}.tmp`);
  try {
    writeFileSync(temporaryPath, text, { mode });
    chmodSync(temporaryPath, mode);
    renameSync(temporaryPath, filePath);
  } catch (error) {
    try {
      unlinkSync(temporaryPath);
    } catch {
      // already gone
    }
    throw error;
  }
}
