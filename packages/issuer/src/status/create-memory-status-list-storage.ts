import { decodeRecord, encodeRecord } from './lib/record-codec.js';
import type { StatusListStorage } from './types.js';

/**
 * A {@link StatusListStorage} in memory, for tests and demos. Records are stored encoded, exactly as the
 * file storage writes them, so a test on this storage exercises the same encoding.
 *
 * @returns the storage.
 * @example
 * ```ts
 * const manager = createStatusListManager({ storage: createMemoryStatusListStorage(), … })
 * ```
 * @see draft-ietf-oauth-status-list §13.3 (index allocation)
 */
export function createMemoryStatusListStorage(): StatusListStorage {
  const records = new Map<number, Uint8Array>();
  return {
    async load(listId) {
      const bytes = records.get(listId);
      return bytes === undefined ? undefined : decodeRecord(bytes);
    },
    async save(record) {
      records.set(record.listId, encodeRecord(record));
    },
    async listIds() {
      return [...records.keys()].sort((a, b) => a - b);
    },
  };
}
