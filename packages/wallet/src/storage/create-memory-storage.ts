import { checkRecord } from '../lib/records.js';
import type { CredentialStorage, StoredCredential } from './types.js';

/**
 * A {@link CredentialStorage} in memory: for tests and for apps that keep nothing between sessions. Records are
 * copied in and out, so a caller mutating the bytes it passed or received cannot change what is stored.
 *
 * @returns an empty storage.
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` (from `put`) for a malformed record.
 * @example
 * ```ts
 * const wallet = createWallet({ storage: createMemoryCredentialStorage(), deviceKeys, trust, crypto, clock: Date.now });
 * ```
 * @see docs/formats/wallet-file.md (the persistent adapters)
 */
export function createMemoryCredentialStorage(): CredentialStorage {
  const records = new Map<string, StoredCredential>();
  const copy = (r: StoredCredential): StoredCredential => ({
    ...r,
    credential: r.credential.slice(),
    issuer: { ...r.issuer, name: { ...r.issuer.name } },
  });
  return {
    async list() {
      return [...records.values()].map(copy);
    },
    async get(id) {
      const r = records.get(id);
      return r === undefined ? undefined : copy(r);
    },
    async put(record) {
      checkRecord(record);
      // Delete first so a replaced record moves to the end, like a fresh import.
      records.delete(record.id);
      records.set(record.id, copy(record));
    },
    async delete(id) {
      return records.delete(id);
    },
  };
}
