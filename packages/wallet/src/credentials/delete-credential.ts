import type { CredentialStorage } from '../storage/types.js';

/**
 * Deletes a credential from the wallet. The issuer is not told: revocation is the issuer's status list, not this.
 *
 * @param id - the credential id.
 * @param ctx - the storage.
 * @returns true when it was deleted, false when there was no such credential.
 * @throws DeltaIdError `ERR_STORAGE`, `ERR_PASSPHRASE` (from the storage).
 * @example
 * ```ts
 * await deleteCredential(id, { storage }); // true
 * ```
 * @see docs/formats/wallet-file.md
 */
export async function deleteCredential(
  id: string,
  ctx: { readonly storage: Pick<CredentialStorage, 'delete'> },
): Promise<boolean> {
  if (typeof id !== 'string' || id.length === 0) return false;
  return ctx.storage.delete(id);
}
