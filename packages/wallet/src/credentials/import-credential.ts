import { DeltaIdError, decodeCredential, toHex, type Verifies, verifySign1 } from '@deltaid/core';
import type { TrustRegistry } from '@deltaid/trust';
import type { DeviceKey } from '../device-key/types.js';
import { isBoundTo } from '../lib/holder-key.js';
import { summarise } from '../lib/summary.js';
import type { CredentialStorage, StoredCredential } from '../storage/types.js';
import type { CredentialSummary } from './types.js';

/** Capabilities {@link importCredential} uses. */
export interface ImportCredentialContext {
  readonly storage: Pick<CredentialStorage, 'put'>;
  /** This wallet's device key; only its public half is read. */
  readonly deviceKey: Pick<DeviceKey, 'publicKey'>;
  /** The issuers this wallet accepts credentials from. */
  readonly trust: Pick<TrustRegistry, 'lookup'>;
  readonly crypto: Pick<Verifies, 'verify'>;
  /** Milliseconds since the epoch, like `Date.now`. */
  readonly clock: () => number;
}

/**
 * Receives an issued compact credential: checks that it decodes and is well-formed, that it is bound to this wallet's
 * device key (the `cnf` point equals ours), that an issuer the trust registry knows — authorised for the document
 * type, key valid at issuance — signed it, and that it has not expired; then stores it. Nothing is stored when any
 * check fails. Importing the same credential again replaces the stored copy.
 *
 * @param credential - the issuer-signed COSE_Sign1 bytes, as `issueCompact` returns them.
 * @param ctx - storage, device key, trust registry, crypto and clock.
 * @returns the stored credential's summary.
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` (not bytes); `ERR_CBOR`, `ERR_CBOR_LIMIT`, `ERR_STRUCTURE` (not a
 *   compact credential); `ERR_NOT_HOLDER` (bound to another device key); `ERR_UNKNOWN_ISSUER`,
 *   `ERR_ISSUER_NOT_AUTHORISED`, `ERR_ISSUER_KEY_RETIRED`, `ERR_ISSUER_KEY_COMPROMISED`, `ERR_REGION_NOT_ACCEPTED`,
 *   `ERR_POLICY`, `ERR_TRUST_LIST_STALE` (the registry's refusal); `ERR_SIGNATURE` (the issuer signature does not
 *   verify); `ERR_EXPIRED`; `ERR_STORAGE`, `ERR_PASSPHRASE` (from the storage).
 * @example
 * ```ts
 * const summary = await importCredential(issued.credential, { storage, deviceKey, trust, crypto, clock: Date.now });
 * summary.docTypeLabel.zh // '居民身份证'
 * ```
 * @see docs/formats/compact-credential.md §Credential, §Verification
 */
export async function importCredential(
  credential: Uint8Array,
  ctx: ImportCredentialContext,
): Promise<CredentialSummary> {
  if (!(credential instanceof Uint8Array) || credential.length === 0) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'credential must be the issued bytes');
  }
  const bytes = credential.slice();
  const c = decodeCredential(bytes);
  if (!isBoundTo(c, ctx.deviceKey.publicKey)) {
    throw new DeltaIdError('ERR_NOT_HOLDER', 'the credential is bound to another device key', {
      details: { credentialAlg: c.holderKey.alg, deviceAlg: ctx.deviceKey.publicKey.alg },
    });
  }
  const found = await ctx.trust.lookup({
    kid: c.kid,
    docType: c.docType,
    at: c.issuedAt,
    verify: (key) => verifySign1(c.sign1, { key, crypto: ctx.crypto }),
  });
  if (!found.ok) {
    throw new DeltaIdError(found.code, `credential refused: ${found.reason}`, {
      details: { kid: toHex(c.kid), issuer: c.issuer },
    });
  }
  const now = Math.floor(ctx.clock() / 1000);
  if (now >= c.expiresAt) {
    throw new DeltaIdError('ERR_EXPIRED', 'the credential has expired', { details: { exp: c.expiresAt } });
  }
  const record: StoredCredential = {
    id: toHex(c.id),
    credential: bytes,
    receivedAt: now,
    issuer: { id: found.issuer.issuerId, region: found.issuer.region, name: found.issuer.name },
  };
  await ctx.storage.put(record);
  return summarise(record, c);
}
