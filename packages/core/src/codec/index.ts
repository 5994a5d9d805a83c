export {
  DEFAULT_BASE45_MAX_LENGTH,
  type DecodeBase45Options,
  decodeBase45,
  encodeBase45,
} from './base45.js';
export { deflate, type InflateOptions, inflate } from './zlib.js';
