import type { StatusCacheStorage } from './types.js';

/**
 * A {@link StatusCacheStorage} in memory: for tests, and for verifiers that reload lists at each start.
 *
 * @returns a storage whose values are copied in and out, so callers cannot alter what is held.
 * @example
 * ```ts
 * const cache = createStatusCache({ crypto, key, now: () => new Date(), storage: createMemoryStatusStorage() })
 * ```
 * @see draft-ietf-oauth-status-list §13.7 (caching)
 */
export function createMemoryStatusStorage(): StatusCacheStorage {
  const values = new Map<string, Uint8Array>();
  return {
    async get(key) {
      return values.get(key)?.slice();
    },
    async set(key, value) {
      values.set(key, value.slice());
    },
  };
}
