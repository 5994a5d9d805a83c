export { createMemoryStatusStorage } from './create-memory-status-storage.js';
export { createStatusCache } from './create-status-cache.js';
export type {
  FetchLike,
  ReadBytes,
  StatusCache,
  StatusCacheOptions,
  StatusCacheStorage,
  StatusCheckCode,
  StatusCheckResult,
  StatusListSource,
  StatusPolicy,
  StatusQuery,
  StatusRefreshReport,
} from './types.js';
