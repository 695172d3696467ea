export {
  DEFAULT_MAX_READ_BYTES,
  readRegularFile,
  readRegularTextFile,
  type ReadOptions,
  type ReadOutcome,
  type ReadRefusal,
  type TextReadOutcome,
} from './read.js';
