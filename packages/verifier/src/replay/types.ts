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
