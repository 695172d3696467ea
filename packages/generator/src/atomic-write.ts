import { prepareSafeWrite, writeFileSafely, type PreparedWrite, type WriteRefusal, type WriteRefused } from '@alloy-toolkit/files';

/** Names the generator's temporary files: `.config.alloy.alloy-gen-<pid>-<random>.tmp`. */
const TEMPORARY_FILE_TOOL = 'alloy-gen';

/** A write that `@alloy-toolkit/files` refused; `code` is the errno when the system refused it. */
export class AtomicWriteError extends Error {
  readonly code: string | undefined;
  readonly reason: WriteRefusal;
  readonly path: string;

  constructor(refusal: WriteRefused) {
    super(refusal.message);
    this.name = 'AtomicWriteError';
    this.code = refusal.errno;
    this.reason = refusal.reason;
    this.path = refusal.path;
  }
}

/**
 * Writes `text` to `target` through a temporary file in the same directory and a rename. A new
 * file gets `mode` (less the umask); an existing one keeps its owner, group, mode and links (see
 * `writeFileSafely`). Throws an `AtomicWriteError` when the write is refused.
 */
export function writeFileAtomic(target: string, text: string, mode = 0o644): void {
  const outcome = writeFileSafely(target, text, { tool: TEMPORARY_FILE_TOOL, createMode: mode });
  if (outcome.status === 'refused') throw new AtomicWriteError(outcome);
}

/**
 * Writes many files so that either all of them are replaced or none is:
 * every temporary file is written first, then all are renamed.
 */
export function writeFilesAtomic(files: ReadonlyArray<{ path: string; text: string }>, mode = 0o644): void {
  const prepared: PreparedWrite[] = [];
  for (const { path, text } of files) {
    // One fsync per file would dominate the run time for thousands of hosts; the renames
    // below still guarantee that no reader sees a half-written file.
    const outcome = prepareSafeWrite(path, text, { tool: TEMPORARY_FILE_TOOL, createMode: mode, fsync: false });
    if (outcome.status === 'refused') {
      for (const write of prepared) write.discard();
      throw new AtomicWriteError(outcome);
    }
    if (outcome.status === 'prepared') prepared.push(outcome.write);
  }
  for (const [index, write] of prepared.entries()) {
    const outcome = write.commit();
    if (outcome.status === 'refused') {
      for (const rest of prepared.slice(index + 1)) rest.discard();
      throw new AtomicWriteError(outcome);
    }
  }
}
