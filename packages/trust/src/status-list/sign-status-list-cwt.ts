import { COSE_HEADER, CWT_CLAIM, encodeCbor, signSign1 } from '@deltaid/core';
import { compressStatusList, type Deflate } from './compress-status-list.js';
import { STATUS_LIST_CWT_TYP } from './constants.js';
import { assertClaimsInput } from './lib/claims.js';
import type { CompressedStatusList, StatusList, StatusListClaims, StatusListSigner } from './types.js';

/** What {@link signStatusListCwt} signs: the claims and the list (compressed here unless already). */
export interface StatusListTokenInput {
  readonly claims: StatusListClaims;
  readonly list: StatusList | CompressedStatusList;
  /** Alternative zlib compressor (e.g. level 9); default `deflate` from `@deltaid/core`. */
  readonly deflate?: Deflate;
}

/**
 * Signs a Status List Token in CWT form: a tagged COSE_Sign1 whose protected header carries `alg`,
 * `typ` `application/statuslist+cwt` and the `kid`, over a CWT claims map with `sub` (2), `iat` (6),
 * `exp` (4), `ttl` (65534), `iss` (1) when given, and `status_list` (65533) =
 * `{ "bits": uint, "lst": bstr, ? "aggregation_uri": tstr }`.
 *
 * The `kid` goes in the protected header (the draft's example puts it in the unprotected one; both
 * are valid COSE), so it is covered by the signature.
 *
 * @param input - claims and list.
 * @param signer - private key, provider and `kid`.
 * @returns the encoded COSE_Sign1 (tag 18; the CWT tag 61 is not used, as the draft requires).
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` for claims that the verifier would refuse; errors of the
 *   signer (`ERR_KEY`, `ERR_COSE_ALG`).
 * @example
 * ```ts
 * const cwt = await signStatusListCwt(
 *   { claims: { sub: 'https://status.example/1', iat, exp, ttl: 3600 }, list },
 *   { key, crypto, kid },
 * )
 * ```
 * @see draft-ietf-oauth-status-list §5.2, §4.3
 */
export async function signStatusListCwt(
  input: StatusListTokenInput,
  signer: StatusListSigner,
): Promise<Uint8Array> {
  const { claims } = input;
  assertClaimsInput(claims);
  const compressed =
    'lst' in input.list
      ? input.list
      : await compressStatusList(input.list, input.deflate === undefined ? {} : { deflate: input.deflate });
  const statusList = new Map<string, unknown>([
    ['bits', compressed.bits],
    ['lst', compressed.lst],
  ]);
  const aggregationUri = claims.aggregationUri ?? compressed.aggregationUri;
  if (aggregationUri !== undefined) statusList.set('aggregation_uri', aggregationUri);

  const payload = new Map<number, unknown>();
  if (claims.iss !== undefined) payload.set(CWT_CLAIM.iss, claims.iss);
  payload.set(CWT_CLAIM.sub, claims.sub);
  payload.set(CWT_CLAIM.iat, claims.iat);
  if (claims.exp !== undefined) payload.set(CWT_CLAIM.exp, claims.exp);
  if (claims.ttl !== undefined) payload.set(CWT_CLAIM.ttl, claims.ttl);
  payload.set(CWT_CLAIM.statusList, statusList);

  const protectedHeader = new Map<number, unknown>([[COSE_HEADER.typ, STATUS_LIST_CWT_TYP]]);
  if (signer.kid !== undefined) protectedHeader.set(COSE_HEADER.kid, signer.kid);
  return signSign1(
    { protectedHeader, payload: encodeCbor(payload) },
    { key: signer.key, crypto: signer.crypto },
  );
}
