/**
 * Remembers presentations already accepted, so the same QR code cannot be used twice inside its freshness window.
 * Implement it over Redis or a database to share it between desks; the default lives in memory.
 */
export interface ReplayCache {
  /**
   * Records `key` until `expiresAt` (seconds since the epoch) and says whether it was already there.
   * Must be atomic per key when shared between processes.
   */
  checkAndRecord(key: string, expiresAt: number, now: number): boolean | Promise<boolean>;
}

/** Options of {@link createMemoryReplayCache}. */
export interface MemoryReplayCacheOptions {
  /** Most entries kept; when full, the oldest are dropped first. Default 100,000 (about 15 MB). */
  readonly maxEntries?: number;
}

/**
 * A bounded in-memory replay cache. Entries expire with the freshness window; memory stays flat under any load
 * because the map never holds more than `maxEntries` (insertion order = expiry order for one window length, so
 * evicting from the front drops the entries closest to expiry first).
 *
 * @example const replayCache = createMemoryReplayCache({ maxEntries: 50_000 })
 */
export function createMemoryReplayCache(options: MemoryReplayCacheOptions = {}): ReplayCache {
  const maxEntries = options.maxEntries ?? 100_000;
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 1)
    throw new RangeError('maxEntries must be a positive integer');
  const entries = new Map<string, number>();
  return {
    checkAndRecord(key, expiresAt, now) {
      const known = entries.get(key);
      if (known !== undefined && known >= now) return true;
      // Sweep expired entries from the front; amortised O(1) per call.
      for (const [k, exp] of entries) {
        if (exp >= now && entries.size < maxEntries) break;
        entries.delete(k);
      }
      entries.delete(key);
      entries.set(key, expiresAt);
      return false;
    },
  };
}
