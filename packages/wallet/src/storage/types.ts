import type { Label } from '@deltaid/core';

/** The issuer of a stored credential, as the wallet's trust registry named it at import. Not personal data. */
export interface StoredIssuer {
  /** The trust list's issuer id (e.g. `sh-eid`). */
  readonly id: string;
  /** `CN-SH`, `CN-JS`, `CN-ZJ` or `CN-AH`. */
  readonly region: string;
  readonly name: Label;
}

/** One credential as a storage adapter keeps it. `credential` holds personal data: adapters encrypt it at rest. */
export interface StoredCredential {
  /** Lower-case hex of the credential id (`cti`). */
  readonly id: string;
  /** The issuer-signed COSE_Sign1, exactly as received. */
  readonly credential: Uint8Array;
  /** When the wallet imported it, seconds since the epoch. */
  readonly receivedAt: number;
  readonly issuer: StoredIssuer;
}

/**
 * Where a wallet keeps credentials. Adapters: memory, an encrypted file (`@deltaid/wallet/storage/file`, Node) and
 * IndexedDB (browsers). An app can plug its own (a platform's secure storage) by implementing these four methods.
 * Failures of the medium are DeltaIdError `ERR_STORAGE`; a wrong passphrase is `ERR_PASSPHRASE`.
 */
export interface CredentialStorage {
  /** Every stored credential, oldest import first. */
  list(): Promise<readonly StoredCredential[]>;
  get(id: string): Promise<StoredCredential | undefined>;
  /** Adds the credential, or replaces the one with the same id. */
  put(record: StoredCredential): Promise<void>;
  /** Removes it; false when there was none. */
  delete(id: string): Promise<boolean>;
}
