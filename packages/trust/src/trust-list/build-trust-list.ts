import { DeltaIdError, isDeltaIdError, type PrivateKeyHandle, type Signs } from '@deltaid/core';
import { signList } from '../lib/signed-list.js';
import { CONTENT_TYPE, decodeTrustListPayload, encodeTrustListPayload } from '../lib/trust-list-codec.js';
import type { TrustListContent } from './types.js';

/** The regional operator's signing key, its `kid` and a signer. */
export interface BuildListContext {
  readonly key: PrivateKeyHandle;
  readonly kid: Uint8Array;
  readonly crypto: Signs;
}

/**
 * Builds and signs a regional trust list: a tagged COSE_Sign1 whose payload is the list's CBOR map
 * (integer keys), protected header `{1: alg, 3: "application/vnd.deltaid.trust-list+cbor", 4: kid}`.
 * The content is validated exactly as a verifier will read it, so an unverifiable list is never signed.
 *
 * @param content - the list; every entry's `region` must be the list's region.
 * @param ctx - the region operator's key, its kid, and `crypto.sign`.
 * @returns the signed list bytes.
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` naming the entry and field that is wrong (bad credit code,
 *   empty docTypes, validUntil before validFrom, wrong region …).
 * @example
 * ```ts
 * const bytes = await buildTrustList({ version: 1, region: 'CN-SH', operator, sequence: 7,
 *   issuedAt, nextUpdate, entries }, { key: operatorKey, kid: operatorKid, crypto });
 * ```
 * @see docs/formats/trust-list.md §Regional trust list; ISO/IEC 18013-5:2021 Annex C (VICAL)
 */
export async function buildTrustList(content: TrustListContent, ctx: BuildListContext): Promise<Uint8Array> {
  content.entries.forEach((e, i) => {
    if (e.region !== content.region) {
      throw new DeltaIdError(
        'ERR_INVALID_ARGUMENT',
        `entries[${i}].region: ${e.region} in a ${content.region} list`,
      );
    }
  });
  try {
    const payload = encodeTrustListPayload(content);
    decodeTrustListPayload(payload);
    return await signList(payload, CONTENT_TYPE.trustList, ctx);
  } catch (err) {
    if (isDeltaIdError(err) && err.code === 'ERR_TRUST_LIST') {
      throw new DeltaIdError('ERR_INVALID_ARGUMENT', err.message, { cause: err, details: err.details });
    }
    throw err;
  }
}
