import { realpathSync } from 'node:fs';
import { dirname } from 'node:path';
import { removeStaleTemporaryFiles, writeFileSafely, type WriteOutcome, type WriteRefused } from '@alloy-toolkit/files';
import type { Diagnostic } from './engine.js';

/** Names alloy-lint's temporary files: `.config.alloy.alloy-lint-<pid>-<random>.tmp`. */
export const TEMPORARY_FILE_TOOL = 'alloy-lint';

export const WRITE_FAILED_CODE = 'alloy-lint/write-failed';

/**
 * The writes of one run (`fmt -w`, `--fix`): each file through `writeFileSafely`, which keeps
 * owner, mode and links and refuses read-only or changed files. Before the first write in a
 * directory (and for every file the run may write, written or not), it removes the temporary
 * files a killed alloy-lint left there.
 */
export class RunWriter {
  private readonly cleanedDirectories = new Set<string>();

  /** Removes stale temporary files beside `filePath` and beside its real target, once per directory. */
  cleanUpBeside(filePath: string): void {
    const directories = [dirname(filePath)];
    try {
      directories.push(dirname(realpathSync(filePath)));
    } catch {
      // A missing or dangling path: its own directory is enough.
    }
    for (const directory of directories) {
      if (this.cleanedDirectories.has(directory)) continue;
      this.cleanedDirectories.add(directory);
      removeStaleTemporaryFiles(directory, TEMPORARY_FILE_TOOL);
    }
  }

  /** Writes `text` over `filePath` unless the file no longer holds `expected`. Never throws. */
  write(filePath: string, text: string, expected: string | Uint8Array): WriteOutcome {
    this.cleanUpBeside(filePath);
    return writeFileSafely(filePath, text, { expected, tool: TEMPORARY_FILE_TOOL });
  }
}

/** The diagnostic `--fix` adds to a file's report when its fixes could not be written. */
export function writeFailedDiagnostic(outcome: WriteRefused): Diagnostic {
  const position = { offset: 0, line: 1, column: 1 };
  return {
    code: WRITE_FAILED_CODE,
    severity: 'error',
    message: `cannot write the fixed file: ${outcome.message.replace(/; not written$/, '')}; the file is unchanged, and the problems listed are those left after the fixes`,
    range: { start: position, end: position },
  };
}

/**
 * Replaces a file's content, keeping its owner, mode and links (see `writeFileSafely`).
 * Throws an Error naming the file when the write is refused.
 */
export function writeFileAtomic(filePath: string, text: string): void {
  const outcome = writeFileSafely(filePath, text, { tool: TEMPORARY_FILE_TOOL });
  if (outcome.status === 'refused') throw new Error(`${filePath}: ${outcome.message}`);
}
