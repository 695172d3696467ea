import { closeSync, constants, fstatSync, openSync, readSync, statSync, type BigIntStats, type Stats } from 'node:fs';

/** The default most bytes a tool reads from one file: 32 MiB. */
export const DEFAULT_MAX_READ_BYTES = 32 * 1024 * 1024;

/** Why a file was not read. */
export type ReadRefusal =
  | 'missing'
  | 'directory'
  | 'not-regular'
  | 'too-large'
  | 'permission'
  | 'symlink-loop'
  | 'error';

export type ReadOutcome =
  | { ok: true; bytes: Buffer }
  | {
      ok: false;
      reason: ReadRefusal;
      /** A sentence for people, starting lower-case: "not a regular file (a fifo)". */
      message: string;
      /** The errno code, when the refusal comes from the operating system. */
      errno?: string;
    };

export type TextReadOutcome = { ok: true; text: string } | Extract<ReadOutcome, { ok: false }>;

export interface ReadOptions {
  /** Read at most this many bytes; a longer file is refused as `too-large`. Default 32 MiB. */
  maxBytes?: number;
}

// O_NONBLOCK: opening a fifo for reading would otherwise wait for a writer forever.
const openFlags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** What a file that is not a regular file is, for messages: "a fifo", "a character device". */
export function describeFileKind(stats: Stats | BigIntStats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a fifo';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}

function refusalOf(error: unknown): Extract<ReadOutcome, { ok: false }> {
  const errno = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (errno) {
    case 'ENOENT':
    case 'ENOTDIR':
      return { ok: false, reason: 'missing', message: 'no such file', errno };
    case 'EACCES':
    case 'EPERM':
      return { ok: false, reason: 'permission', message: 'permission denied', errno };
    case 'EISDIR':
      return { ok: false, reason: 'directory', message: 'is a directory', errno };
    case 'ELOOP':
      return { ok: false, reason: 'symlink-loop', message: 'too many levels of symbolic links', errno };
    case 'ENXIO':
      // A fifo or socket with no one on the other side.
      return { ok: false, reason: 'not-regular', message: 'not a regular file', errno };
    default:
      return {
        ok: false,
        reason: 'error',
        message: errno ?? (error instanceof Error ? error.message.split('\n')[0]! : String(error)),
        errno,
      };
  }
}

/**
 * Reads a regular file, following symbolic links, and nothing else: fifos, devices and sockets are
 * refused without blocking, and at most `maxBytes` are read even where `stat` reports no size
 * (`/proc` files). Never throws.
 */
export function readRegularFile(path: string, options: ReadOptions = {}): ReadOutcome {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_READ_BYTES;
  // Look before opening: opening some devices has effects of its own (a tape rewinds, a terminal
  // becomes the controlling one). The descriptor's own fstat below closes the race.
  try {
    const stats = statSync(path);
    if (stats.isDirectory()) return { ok: false, reason: 'directory', message: 'is a directory' };
    if (!stats.isFile()) return { ok: false, reason: 'not-regular', message: `not a regular file (${describeFileKind(stats)})` };
  } catch (error) {
    return refusalOf(error);
  }
  let descriptor: number;
  try {
    descriptor = openSync(path, openFlags);
  } catch (error) {
    return refusalOf(error);
  }
  try {
    const stats = fstatSync(descriptor);
    if (stats.isDirectory()) return { ok: false, reason: 'directory', message: 'is a directory' };
    if (!stats.isFile()) return { ok: false, reason: 'not-regular', message: `not a regular file (${describeFileKind(stats)})` };
    if (stats.size > maxBytes) return tooLarge(stats.size, maxBytes);
    // The size can be wrong (procfs says 0) or change while reading: read until EOF, capped.
    let buffer = Buffer.allocUnsafe(Math.min(Math.max(stats.size, 4096) + 1, maxBytes + 1));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > maxBytes) return tooLarge(undefined, maxBytes);
        const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxBytes + 1));
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
      }
      const count = readSync(descriptor, buffer, length, buffer.length - length, null);
      if (count === 0) break;
      length += count;
    }
    if (length > maxBytes) return tooLarge(undefined, maxBytes);
    return { ok: true, bytes: buffer.subarray(0, length) };
  } catch (error) {
    return refusalOf(error);
  } finally {
    closeSync(descriptor);
  }
}

function tooLarge(size: number | undefined, maxBytes: number): Extract<ReadOutcome, { ok: false }> {
  const what = size === undefined ? `more than ${maxBytes} bytes` : `${size} bytes`;
  return { ok: false, reason: 'too-large', message: `file is too large (${what}; the limit is ${maxBytes})` };
}

/** `readRegularFile`, decoded as UTF-8 (invalid sequences become U+FFFD, as `readFileSync(path, 'utf8')`). */
export function readRegularTextFile(path: string, options: ReadOptions = {}): TextReadOutcome {
  const outcome = readRegularFile(path, options);
  return outcome.ok ? { ok: true, text: outcome.bytes.toString('utf8') } : outcome;
}
