/**
 * Lazy, bounded per-key precomputation for the portable verifiers. A verifier checks every credential of an
 * issuer against the same cached key handle, so a fixed-window table for that key (noble's `precompute`,
 * see `tabledCopy` in prepared-verify.ts) turns the variable-base half of verification (≈ 256 doublings +
 * ≈ 50 additions) into ≈ 44 table additions, as cheap as the base-point half. Internal.
 *
 * A table costs about as much to build as 10–20 verifications without it (noble on Node 20, W = 6:
 * ≈ 13 ms Ed25519, ≈ 20–23 ms P-256 / SM2, ≈ 36 ms P-384, each saving ≈ 1–1.7 ms per verification), so:
 * - none is built until a key has served {@link PRECOMPUTE_AFTER_USES} verifications. That bounds the
 *   wasted work like ski rental: a key used once or a few times (a holder key) never pays, and a key that
 *   turns out hot pays the build once;
 * - at most {@link MAX_TABLES} exist process-wide (≤ 16 × 370 KiB ≈ 6 MiB), least recently used dropped
 *   first; a dropped key must serve PRECOMPUTE_AFTER_USES verifications again before its rebuild. That is far
 *   fewer than the 512 keys the import cache (key-cache.ts) may hold: only a handful of issuer keys are hot.
 * Heap per table, measured with `--expose-gc` on Node 20: P-256 / SM2 ≈ 205–215 KiB, Ed25519 ≈ 280 KiB,
 * P-384 ≈ 370 KiB.
 */

/** Verifications with a key before its table is built (the build happens on the next one). */
export const PRECOMPUTE_AFTER_USES = 8;
/** Process-wide bound on live key tables. */
export const MAX_TABLES = 16;

/** A key's table, built on demand by `build`. */
export interface LazyTable<T> {
  readonly build: () => T;
  uses: number;
  table: T | undefined;
}

/** What eviction needs of a slot (LazyTable is invariant in T, so the registry holds this view). */
interface Evictable {
  uses: number;
  table: unknown;
}

/** Live tables in recency order (Map iteration order = insertion order; re-inserted on use). */
const live = new Map<Evictable, true>();

/** A slot with no table yet; `build` runs at most once per eviction cycle. */
export function createLazyTable<T>(build: () => T): LazyTable<T> {
  return { build, uses: 0, table: undefined };
}

/** Drops every live table (tests; also lets a host reclaim memory). */
export function clearLazyTables(): void {
  for (const slot of live.keys()) {
    slot.table = undefined;
    slot.uses = 0;
  }
  live.clear();
}

/** Number of live tables (tests). */
export function liveTableCount(): number {
  return live.size;
}

/**
 * The table to use for this verification, or `undefined` while the key is still cold. Counts one use;
 * builds the table when it becomes due. Callers must give identical results with or without it.
 */
export function tableForUse<T>(slot: LazyTable<T>): T | undefined {
  const existing = slot.table;
  if (existing !== undefined) {
    live.delete(slot);
    live.set(slot, true);
    return existing;
  }
  if (slot.uses < PRECOMPUTE_AFTER_USES) {
    slot.uses++;
    return undefined;
  }
  const built = slot.build();
  slot.table = built;
  live.set(slot, true);
  if (live.size > MAX_TABLES) {
    const oldest = live.keys().next();
    if (oldest.done !== true) {
      // The evicted key must prove itself hot again before it is rebuilt.
      oldest.value.table = undefined;
      oldest.value.uses = 0;
      live.delete(oldest.value);
    }
  }
  return built;
}
