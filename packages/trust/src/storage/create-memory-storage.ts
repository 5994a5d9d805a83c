import type { TrustStorage } from './types.js';

/**
 * In-memory {@link TrustStorage}: for tests, and for verifiers that do not need the cache to survive a
 * restart. Stores copies, so callers mutating their arrays cannot change what was stored.
 *
 * @returns a storage backed by a `Map`.
 * @example
 * ```ts
 * const source = createCachedTrustSource({ storage: createMemoryStorage(), … });
 * ```
 * @see docs/formats/trust-list.md §Caching
 */
export function createMemoryStorage(): TrustStorage {
  const data = new Map<string, Uint8Array>();
  return {
    get: async (key) => data.get(key)?.slice(),
    set: async (key, value) => {
      data.set(key, value.slice());
    },
  };
}
