import { createHash, randomBytes } from 'node:crypto';
import {
  accessSync,
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  lstatSync,
  openSync,
  readdirSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  type BigIntStats,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describeFileKind, readRegularFile, type ReadOptions, type ReadRefusal } from './read.js';

/** Why a file was not written. */
export type WriteRefusal =
  | 'missing'
  | 'dangling-link'
  | 'symlink-loop'
  | 'not-regular'
  | 'read-only'
  | 'directory-not-writable'
  | 'owner-not-kept'
  | 'hard-links'
  | 'changed-on-disk'
  | 'error';

export type WriteRefused = {
  status: 'refused';
  /** The path given by the caller. */
  path: string;
  reason: WriteRefusal;
  /** A sentence for people, starting lower-case: "read-only file (mode 0444)". */
  message: string;
  /** The errno code, when the refusal comes from the operating system. */
  errno?: string;
};

export type WriteOutcome =
  | {
      status: 'written';
      path: string;
      /** The file that received the text: `path` with its symbolic links resolved. */
      target: string;
      /** True when the text was written into the existing inode (a file with hard links). */
      inPlace: boolean;
    }
  | { status: 'unchanged'; path: string; target: string }
  | WriteRefused;

/** What a caller read, to refuse a write over a file that changed since. */
export interface FileFingerprint {
  dev: bigint;
  ino: bigint;
  size: bigint;
  mtimeNs: bigint;
  /** SHA-256 of the content, hex. */
  sha256: string;
}

/** The content the caller read (bytes, or text that is encoded as UTF-8), or a fingerprint of it. */
export type ExpectedContent = Uint8Array | string | FileFingerprint;

export interface SafeWriteOptions {
  /**
   * What the file held when the caller read it. The write is refused (`changed-on-disk`) when the
   * file differs just before it is replaced, and skipped (`unchanged`) when the new text equals it.
   */
  expected?: ExpectedContent;
  /** Names the temporary files (`.config.alloy.<tool>-<pid>-<random>.tmp`): letters, digits, `-`. */
  tool?: string;
  /**
   * A file with more than one name (hard links) cannot be replaced by a rename without splitting it
   * from its other names. `in-place` (default) writes the verified new text into the existing
   * inode, which keeps every name but is not atomic: a crash or kill during that one write can
   * leave the file partly written (an I/O error restores the original text). `refuse` refuses it.
   */
  hardLinks?: 'in-place' | 'refuse';
  /** Create a missing file with this mode (less the umask). Without it a missing file is refused. */
  createMode?: number;
  /** fsync the temporary file before the rename (default true). */
  fsync?: boolean;
}

/** A write whose temporary file is complete and carries the original's owner and mode. */
export interface PreparedWrite {
  readonly path: string;
  readonly target: string;
  /** Replaces the file (after checking it did not change); the temporary file never outlives it. */
  commit(): WriteOutcome;
  /** Removes the temporary file without touching the target. */
  discard(): void;
}

export type PrepareOutcome = { status: 'prepared'; write: PreparedWrite } | Exclude<WriteOutcome, { status: 'written' }>;

const DEFAULT_TOOL = 'alloy-toolkit';
const TOOL_NAME = /^[A-Za-z0-9][A-Za-z0-9-]*$/;

// ---------------------------------------------------------------------------------------------
// Temporary files: named after their process, removed on every error path and on a signal.

const pendingTemporaryFiles = new Set<string>();
const cleanupSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let signalHandlersInstalled = false;
let uninstallScheduled = false;

function onCleanupSignal(signal: NodeJS.Signals): void {
  for (const path of pendingTemporaryFiles) removeQuietly(path);
  pendingTemporaryFiles.clear();
  // Only we listen: die of the signal, as the process would have without us.
  if (process.listenerCount(signal) === 1) {
    uninstallSignalHandlers();
    process.kill(process.pid, signal);
  }
}

function uninstallSignalHandlers(): void {
  if (!signalHandlersInstalled) return;
  for (const signal of cleanupSignals) process.removeListener(signal, onCleanupSignal);
  signalHandlersInstalled = false;
}

function trackTemporaryFile(path: string): void {
  pendingTemporaryFiles.add(path);
  if (!signalHandlersInstalled && process.platform !== 'win32') {
    for (const signal of cleanupSignals) process.on(signal, onCleanupSignal);
    signalHandlersInstalled = true;
  }
}

function untrackTemporaryFile(path: string): void {
  pendingTemporaryFiles.delete(path);
  if (pendingTemporaryFiles.size > 0 || !signalHandlersInstalled || uninstallScheduled) return;
  // A signal that arrived during a synchronous write is dispatched on the next turn of the event
  // loop; removing the handlers at once would drop it (the process would not end).
  uninstallScheduled = true;
  setImmediate(() => {
    uninstallScheduled = false;
    if (pendingTemporaryFiles.size === 0) uninstallSignalHandlers();
  }).unref();
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

function temporaryPathFor(target: string, tool: string): string {
  return join(dirname(target), `.${basename(target)}.${tool}-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
}

const TEMPORARY_NAME = /^\..+\.([A-Za-z0-9][A-Za-z0-9-]*)-(\d+)-[0-9a-f]+\.tmp$/;

function processIsAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/**
 * Removes the temporary files that `tool` left in `directory` when a process was killed before it
 * could clean up (its pid no longer runs). Returns the paths removed. Never throws.
 */
export function removeStaleTemporaryFiles(directory: string, tool: string = DEFAULT_TOOL): string[] {
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = TEMPORARY_NAME.exec(name);
    if (!match || match[1] !== tool || processIsAlive(Number(match[2]))) continue;
    const path = join(directory, name);
    try {
      if (!lstatSync(path).isFile()) continue;
      unlinkSync(path);
      removed.push(path);
    } catch {
      // Gone already, or not ours to remove.
    }
  }
  return removed;
}

/** True for a name `writeFileSafely` gives its temporary files (so discovery can skip them). */
export function isTemporaryFileName(name: string): boolean {
  return TEMPORARY_NAME.test(name);
}

// ---------------------------------------------------------------------------------------------
// Fingerprints.

function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export type FingerprintedRead =
  | { ok: true; bytes: Buffer; fingerprint: FileFingerprint }
  | { ok: false; reason: ReadRefusal; message: string; errno?: string };

/**
 * `readRegularFile` that also returns the file's fingerprint, to pass to `writeFileSafely` as
 * `expected`. The stat is taken before the read, so a change during the read shows as a change.
 */
export function readWithFingerprint(path: string, options: ReadOptions = {}): FingerprintedRead {
  let stats: BigIntStats;
  try {
    stats = statSync(path, { bigint: true });
  } catch {
    // readRegularFile says why, in its words.
    const outcome = readRegularFile(path, options);
    return outcome.ok ? { ok: false, reason: 'error', message: 'the file changed while it was read' } : outcome;
  }
  const outcome = readRegularFile(path, options);
  if (!outcome.ok) return outcome;
  return {
    ok: true,
    bytes: outcome.bytes,
    fingerprint: { dev: stats.dev, ino: stats.ino, size: stats.size, mtimeNs: stats.mtimeNs, sha256: sha256Of(outcome.bytes) },
  };
}

function isFingerprint(expected: ExpectedContent): expected is FileFingerprint {
  return typeof expected === 'object' && !(expected instanceof Uint8Array);
}

function expectedBytes(expected: Uint8Array | string): Uint8Array {
  return typeof expected === 'string' ? Buffer.from(expected, 'utf8') : expected;
}

/** Whether `current` (bytes read now, with the stats taken before the read) is what was expected. */
function matchesExpected(expected: ExpectedContent, stats: BigIntStats, current: Uint8Array): boolean {
  if (isFingerprint(expected)) {
    return (
      expected.dev === stats.dev &&
      expected.ino === stats.ino &&
      expected.size === stats.size &&
      expected.mtimeNs === stats.mtimeNs &&
      BigInt(current.length) === expected.size &&
      expected.sha256 === sha256Of(current)
    );
  }
  return Buffer.from(expectedBytes(expected)).equals(current);
}

function sameAsExpected(expected: ExpectedContent, newBytes: Uint8Array): boolean {
  if (isFingerprint(expected)) return BigInt(newBytes.length) === expected.size && expected.sha256 === sha256Of(newBytes);
  return Buffer.from(expectedBytes(expected)).equals(newBytes);
}

// ---------------------------------------------------------------------------------------------
// Refusals.

function refused(path: string, reason: WriteRefusal, message: string, errno?: string): WriteRefused {
  return errno === undefined ? { status: 'refused', path, reason, message } : { status: 'refused', path, reason, message, errno };
}

function errnoOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function systemMessage(error: unknown): string {
  switch (errnoOf(error)) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'EROFS':
      return 'read-only file system';
    case 'EIO':
      return 'input/output error';
    default:
      return errnoOf(error) ?? (error instanceof Error ? error.message.split('\n')[0]! : String(error));
  }
}

function octal(mode: number): string {
  return `0${(mode & 0o7777).toString(8).padStart(3, '0')}`;
}

function effectiveUid(): number | undefined {
  return process.geteuid?.();
}

// ---------------------------------------------------------------------------------------------
// The write.

interface ResolvedTarget {
  target: string;
  /** Undefined when the file does not exist yet (and `createMode` allows creating it). */
  stats: BigIntStats | undefined;
}

function resolveTarget(path: string, options: SafeWriteOptions): ResolvedTarget | WriteRefused {
  let target: string;
  try {
    target = realpathSync(path);
  } catch (error) {
    const errno = errnoOf(error);
    if (errno === 'ELOOP') return refused(path, 'symlink-loop', 'too many levels of symbolic links', errno);
    if (errno === 'ENOENT' || errno === 'ENOTDIR') {
      let link = false;
      try {
        link = lstatSync(path).isSymbolicLink();
      } catch {
        // Not there at all.
      }
      if (link) return refused(path, 'dangling-link', 'symbolic link to a missing file (dangling link); not written', errno);
      if (options.createMode === undefined) return refused(path, 'missing', 'no such file', errno);
      try {
        // The directory must exist; the file is created in it.
        return { target: join(realpathSync(dirname(path)), basename(path)), stats: undefined };
      } catch (directoryError) {
        return refused(path, 'missing', 'no such directory', errnoOf(directoryError));
      }
    }
    return refused(path, 'error', systemMessage(error), errno);
  }
  try {
    const stats = lstatSync(target, { bigint: true });
    if (!stats.isFile()) return refused(path, 'not-regular', `not a regular file (${describeFileKind(stats)}); not written`);
    return { target, stats };
  } catch (error) {
    return refused(path, 'error', systemMessage(error), errnoOf(error));
  }
}

function checkWritable(path: string, target: string, stats: BigIntStats): WriteRefused | undefined {
  const mode = Number(stats.mode);
  // Root may write anything; upstream's `alloy fmt -w` still fails on a file without a write bit.
  if ((mode & 0o222) === 0) return refused(path, 'read-only', `read-only file (mode ${octal(mode)}); not written`);
  try {
    accessSync(target, constants.W_OK);
  } catch (error) {
    const errno = errnoOf(error);
    if (errno === 'EROFS') return refused(path, 'read-only', 'read-only file system; not written', errno);
    if (errno === 'EACCES' || errno === 'EPERM') {
      return refused(path, 'read-only', `no permission to write this file (mode ${octal(mode)}); not written`, errno);
    }
    return refused(path, 'error', systemMessage(error), errno);
  }
  return undefined;
}

/** The current content and stats of the target, for the comparison with `expected`. */
function currentState(target: string, expected: ExpectedContent): { stats: BigIntStats; bytes: Buffer } | undefined {
  try {
    const stats = statSync(target, { bigint: true });
    const expectedLength = isFingerprint(expected) ? Number(expected.size) : expectedBytes(expected).length;
    // One byte over the expected length is enough to see that the file grew.
    const read = readRegularFile(target, { maxBytes: expectedLength + 1 });
    if (!read.ok) return undefined;
    return { stats, bytes: read.bytes };
  } catch {
    return undefined;
  }
}

function changedOnDisk(path: string): WriteRefused {
  return refused(path, 'changed-on-disk', 'the file changed on disk since it was read; not written');
}

/** Whether the target is still the inode that was prepared, with the same attributes and content. */
function verifyUnchanged(path: string, target: string, prepared: BigIntStats, expected: ExpectedContent | undefined): WriteRefused | undefined {
  if (expected !== undefined) {
    const current = currentState(target, expected);
    if (!current || !matchesExpected(expected, current.stats, current.bytes)) return changedOnDisk(path);
  }
  let now: BigIntStats;
  try {
    now = lstatSync(target, { bigint: true });
  } catch {
    return changedOnDisk(path);
  }
  const same =
    now.isFile() &&
    now.dev === prepared.dev &&
    now.ino === prepared.ino &&
    now.mode === prepared.mode &&
    now.uid === prepared.uid &&
    now.gid === prepared.gid &&
    now.size === prepared.size &&
    now.mtimeNs === prepared.mtimeNs;
  return same ? undefined : changedOnDisk(path);
}

function syncDirectory(directory: string): void {
  try {
    const descriptor = openSync(directory, 'r');
    try {
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
  } catch {
    // Not every file system lets a directory be synced; the rename happened.
  }
}

function writeAll(descriptor: number, bytes: Uint8Array): void {
  let written = 0;
  while (written < bytes.length) written += writeSync(descriptor, bytes, written, bytes.length - written, written);
}

/** Writes a file with hard links into its inode (so every name sees the text), restoring it on an I/O error. */
function prepareInPlace(path: string, target: string, stats: BigIntStats, newBytes: Uint8Array, options: SafeWriteOptions): PreparedWrite {
  return {
    path,
    target,
    discard: () => {},
    commit: () => {
      const changed = verifyUnchanged(path, target, stats, options.expected);
      if (changed) return changed;
      const original = readRegularFile(target, { maxBytes: Number(stats.size) + 1 });
      if (!original.ok) return refused(path, 'error', `cannot read the file before writing it: ${original.message}`, original.errno);
      let descriptor: number;
      try {
        descriptor = openSync(target, constants.O_WRONLY | (constants.O_NOFOLLOW ?? 0));
      } catch (error) {
        return refused(path, errnoOf(error) === 'EACCES' ? 'read-only' : 'error', systemMessage(error), errnoOf(error));
      }
      try {
        const opened = fstatSync(descriptor, { bigint: true });
        if (opened.ino !== stats.ino || opened.dev !== stats.dev) return changedOnDisk(path);
        try {
          writeAll(descriptor, newBytes);
          ftruncateSync(descriptor, newBytes.length);
          if (options.fsync !== false) fsyncSync(descriptor);
        } catch (error) {
          try {
            writeAll(descriptor, original.bytes);
            ftruncateSync(descriptor, original.bytes.length);
          } catch {
            return refused(path, 'error', `${systemMessage(error)}; the file could not be restored and may be incomplete`, errnoOf(error));
          }
          return refused(path, 'error', `${systemMessage(error)}; the file was left as it was`, errnoOf(error));
        }
      } finally {
        closeSync(descriptor);
      }
      return { status: 'written', path, target, inPlace: true };
    },
  };
}

function createTemporary(
  path: string,
  target: string,
  tool: string,
  mode: number,
): { temporary: string; descriptor: number } | WriteRefused {
  const temporary = temporaryPathFor(target, tool);
  try {
    const descriptor = openSync(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), mode);
    trackTemporaryFile(temporary);
    return { temporary, descriptor };
  } catch (error) {
    const errno = errnoOf(error);
    const directory = dirname(target);
    if (errno === 'EACCES' || errno === 'EPERM') {
      return refused(path, 'directory-not-writable', `cannot create a temporary file in ${directory} (permission denied); not written`, errno);
    }
    if (errno === 'EROFS') return refused(path, 'read-only', 'read-only file system; not written', errno);
    return refused(path, 'error', `cannot create a temporary file in ${directory} (${systemMessage(error)}); not written`, errno);
  }
}

/** Gives the open temporary file the owner, group and mode of the original; a refusal when it cannot. */
function copyAttributes(path: string, descriptor: number, stats: BigIntStats): WriteRefused | undefined {
  const uid = Number(stats.uid);
  const gid = Number(stats.gid);
  const mode = Number(stats.mode) & 0o7777;
  const euid = effectiveUid();
  if (euid !== undefined) {
    if (euid !== 0 && uid !== euid) {
      return refused(path, 'owner-not-kept', `the file belongs to uid ${uid}: rewriting it as uid ${euid} would change its owner; not written`);
    }
    let created = fstatSync(descriptor, { bigint: true });
    if (euid === 0 ? Number(created.uid) !== uid || Number(created.gid) !== gid : Number(created.gid) !== gid) {
      try {
        fchownSync(descriptor, uid, gid);
      } catch (error) {
        return refused(path, 'owner-not-kept', `cannot give the new file the group ${gid} (${systemMessage(error)}); not written`, errnoOf(error));
      }
    }
    // After the chown, which clears the set-id bits.
    fchmodSync(descriptor, mode);
    created = fstatSync(descriptor, { bigint: true });
    if (Number(created.uid) !== uid || Number(created.gid) !== gid) {
      return refused(path, 'owner-not-kept', `the new file cannot keep owner ${uid}:${gid}; not written`);
    }
    if ((Number(created.mode) & 0o7777) !== mode) {
      return refused(path, 'owner-not-kept', `the new file cannot keep mode ${octal(mode)} (got ${octal(Number(created.mode))}); not written`);
    }
    return undefined;
  }
  fchmodSync(descriptor, mode);
  return undefined;
}

function prepareReplacement(
  path: string,
  target: string,
  stats: BigIntStats | undefined,
  newBytes: Uint8Array,
  options: SafeWriteOptions,
  tool: string,
): PrepareOutcome {
  // A replacement stays private until it carries the original's owner and mode; a new file gets
  // `createMode` less the umask, as open(2) gives it.
  const created = createTemporary(path, target, tool, stats ? 0o600 : (options.createMode ?? 0o644));
  if ('status' in created) return created;
  const { temporary, descriptor } = created;
  const abandon = (outcome: WriteRefused): WriteRefused => {
    removeQuietly(temporary);
    untrackTemporaryFile(temporary);
    return outcome;
  };
  try {
    try {
      writeAll(descriptor, newBytes);
      const attributes = stats ? copyAttributes(path, descriptor, stats) : undefined;
      if (attributes) return abandon(attributes);
      if (options.fsync !== false) fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
  } catch (error) {
    return abandon(refused(path, 'error', `cannot write the temporary file (${systemMessage(error)}); not written`, errnoOf(error)));
  }
  let settled = false;
  return {
    status: 'prepared',
    write: {
      path,
      target,
      discard: () => {
        if (settled) return;
        settled = true;
        abandon(refused(path, 'error', 'discarded'));
      },
      commit: () => {
        if (settled) return refused(path, 'error', 'this write was already committed or discarded');
        settled = true;
        if (stats) {
          const changed = verifyUnchanged(path, target, stats, options.expected);
          if (changed) return abandon(changed);
        } else {
          let exists = true;
          try {
            lstatSync(target);
          } catch {
            exists = false;
          }
          if (exists) return abandon(refused(path, 'changed-on-disk', 'the file was created by someone else meanwhile; not written'));
        }
        try {
          renameSync(temporary, target);
        } catch (error) {
          return abandon(refused(path, 'error', `cannot replace the file (${systemMessage(error)}); not written`, errnoOf(error)));
        }
        untrackTemporaryFile(temporary);
        if (options.fsync !== false) syncDirectory(dirname(target));
        return { status: 'written', path, target, inPlace: false };
      },
    },
  };
}

/**
 * Checks everything that can be checked before a write and prepares it: the temporary file, when
 * one is used, is complete, synced and carries the original's owner and mode. `commit()` then
 * replaces the file. Lets a caller prepare many files and commit them only when all are ready.
 * Never throws.
 */
export function prepareSafeWrite(path: string, text: string | Uint8Array, options: SafeWriteOptions = {}): PrepareOutcome {
  const tool = options.tool ?? DEFAULT_TOOL;
  if (!TOOL_NAME.test(tool)) return refused(path, 'error', `invalid tool name for temporary files: ${JSON.stringify(tool)}`);
  const newBytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const resolved = resolveTarget(path, options);
  if ('status' in resolved) return resolved;
  const { target, stats } = resolved;
  try {
    if (!stats) return prepareReplacement(path, target, undefined, newBytes, options, tool);
    const readOnly = checkWritable(path, target, stats);
    if (readOnly) return readOnly;
    if (options.expected !== undefined) {
      const current = currentState(target, options.expected);
      if (!current || !matchesExpected(options.expected, current.stats, current.bytes)) return changedOnDisk(path);
      if (sameAsExpected(options.expected, newBytes)) return { status: 'unchanged', path, target };
    }
    if (stats.nlink > 1n) {
      if (options.hardLinks === 'refuse') {
        return refused(path, 'hard-links', `the file has ${stats.nlink} names (hard links); replacing it would split them; not written`);
      }
      return { status: 'prepared', write: prepareInPlace(path, target, stats, newBytes, options) };
    }
    return prepareReplacement(path, target, stats, newBytes, options, tool);
  } catch (error) {
    return refused(path, 'error', systemMessage(error), errnoOf(error));
  }
}

/**
 * Replaces a file's content and keeps what the file is: symbolic links are written through to
 * their target; owner, group and mode are kept (chown when running as root), or the write is
 * refused; a file with hard links is written in place (or refused, see `hardLinks`); read-only
 * files, files that are not regular and files that changed since `expected` was read are refused.
 * The new text goes to a temporary file in the same directory, synced, then renamed over the file;
 * the temporary file is removed on every failure and on SIGINT/SIGTERM/SIGHUP. Never throws.
 */
export function writeFileSafely(path: string, text: string | Uint8Array, options: SafeWriteOptions = {}): WriteOutcome {
  const prepared = prepareSafeWrite(path, text, options);
  return prepared.status === 'prepared' ? prepared.write.commit() : prepared;
}
