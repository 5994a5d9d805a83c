import type { ReplayCache } from './types.js';

/** The in-memory replay cache; `size` says how many entries it holds (never more than `maxEntries`). */
export interface MemoryReplayCache extends ReplayCache {
  readonly size: number;
}

/** Options of {@link createMemoryReplayCache}. */
export interface MemoryReplayCacheOptions {
  /**
   * Most entries kept; when full, the oldest are dropped first, so a presentation older than the newest
   * `maxEntries` could be accepted twice. Size it above the desk's peak verifications per freshness window.
   * Default 100,000 (about 12 MB with the verifier's keys).
   */
  readonly maxEntries?: number;
}

/**
 * A bounded in-memory replay cache. Entries expire with the freshness window; memory stays flat under any load
 * because the map never holds more than `maxEntries` (insertion order = expiry order for one window length, so
 * evicting from the front drops the entries closest to expiry first).
 *
 * @param options - `maxEntries`, the bound.
 * @returns the cache, to pass as `replayCache` to `createVerifier`.
 * @throws RangeError when `maxEntries` is not a positive integer (misuse).
 * @example const replayCache = createMemoryReplayCache({ maxEntries: 50_000 })
 * @see docs/formats/compact-credential.md §Verification (replay)
 */
export function createMemoryReplayCache(options: MemoryReplayCacheOptions = {}): MemoryReplayCache {
  const maxEntries = options.maxEntries ?? 100_000;
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 1)
    throw new RangeError('maxEntries must be a positive integer');
  const entries = new Map<string, number>();
  // Insertion order kept in two arrays with a moving head: sweeping a Map from its front would walk over the
  // holes deleted entries leave behind (V8 compacts them only on rehash), making each call O(deleted).
  let keys: string[] = [];
  let expiries: number[] = [];
  let head = 0;

  function dropHead(): void {
    const k = keys[head]!;
    // The key may have been recorded again later (after it expired): only its latest record counts.
    if (entries.get(k) === expiries[head]) entries.delete(k);
    head++;
  }

  return {
    get size() {
      return entries.size;
    },
    checkAndRecord(key, expiresAt, now) {
      const known = entries.get(key);
      if (known !== undefined && known >= now) return true;
      while (
        head < keys.length &&
        (expiries[head]! < now || entries.size >= maxEntries || keys.length - head > 2 * maxEntries)
      ) {
        dropHead();
      }
      if (head > 1024 && head * 2 > keys.length) {
        keys = keys.slice(head);
        expiries = expiries.slice(head);
        head = 0;
      }
      entries.set(key, expiresAt);
      keys.push(key);
      expiries.push(expiresAt);
      return false;
    },
  };
}
