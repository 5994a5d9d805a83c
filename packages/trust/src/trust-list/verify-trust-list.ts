import type { Verifies } from '@deltaid/core';
import { type Failure, failure, type OperatorAnchor, readSignedList } from '../lib/signed-list.js';
import { CONTENT_TYPE, decodeTrustListPayload } from '../lib/trust-list-codec.js';
import type { Region, StalePolicy, TrustListContent, TrustListWarning } from './types.js';

/** What {@link verifyTrustList} needs. */
export interface VerifyTrustListOptions {
  /**
   * Pinned operator keys: the four regional keys directly, or those named by a verified list of lists
   * (`anchorsFromListOfLists`). An anchor with a `region` signs only that region's list.
   */
  readonly anchors: readonly OperatorAnchor[];
  readonly crypto: Verifies;
  /** Epoch seconds. */
  readonly now: number;
  /** The region expected at this URL; a list for another region is refused. */
  readonly region?: Region;
  /** Past next-update; default: refuse. */
  readonly stalePolicy?: StalePolicy;
}

/** A regional list whose signature, shape and freshness were checked. */
export interface VerifiedTrustList extends TrustListContent {
  /** The signed bytes as received, for caching. */
  readonly bytes: Uint8Array;
  readonly signer: OperatorAnchor;
}

/** The result of {@link verifyTrustList}: the list, or the reason as data. */
export type VerifyTrustListResult =
  | { readonly ok: true; readonly list: VerifiedTrustList; readonly warnings: readonly TrustListWarning[] }
  | Failure;

/**
 * Verifies a regional trust list: COSE_Sign1 structure and content type, the protected `kid` among the
 * pinned operator keys, the signature, every field of the payload, the region (against the anchor's and
 * the expected one), issued-at not in the future (300 s skew) and next-update under the stale policy.
 *
 * @param bytes - the signed list.
 * @param options - anchors, crypto, the time, and the expected region and stale policy.
 * @returns `{ ok: true, list, warnings }` or `{ ok: false, code, reason }` with code `ERR_CBOR`,
 *   `ERR_CBOR_LIMIT`, `ERR_STRUCTURE` (not a tagged COSE_Sign1), `ERR_UNKNOWN_ISSUER` (signer not pinned),
 *   `ERR_COSE_ALG`, `ERR_SIGNATURE` (tampered or wrong key), `ERR_TRUST_LIST` (bad field, wrong content type,
 *   wrong region) or `ERR_TRUST_LIST_STALE`.
 * @example
 * ```ts
 * const r = await verifyTrustList(bytes, { anchors: [shOperator], crypto, now, region: 'CN-SH' });
 * if (!r.ok) console.warn(r.code);
 * ```
 * @see docs/formats/trust-list.md §Verification
 */
export async function verifyTrustList(
  bytes: Uint8Array,
  options: VerifyTrustListOptions,
): Promise<VerifyTrustListResult> {
  const read = await readSignedList(bytes, CONTENT_TYPE.trustList, decodeTrustListPayload, options);
  if (!read.ok) return read;
  const { content, signer } = read;
  if (signer.region !== undefined && signer.region !== content.region) {
    return failure('ERR_TRUST_LIST', `signed by the ${signer.region} operator but claims ${content.region}`);
  }
  if (options.region !== undefined && options.region !== content.region) {
    return failure('ERR_TRUST_LIST', `expected the ${options.region} list, got ${content.region}`);
  }
  return { ok: true, list: { ...content, bytes, signer }, warnings: read.warnings };
}
