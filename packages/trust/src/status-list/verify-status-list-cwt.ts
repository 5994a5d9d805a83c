import {
  algFromCose,
  type CborLimits,
  COSE_HEADER,
  CWT_CLAIM,
  DEFAULT_CBOR_LIMITS,
  DeltaIdError,
  decodeCbor,
  decodeSign1,
  getAlg,
  getKid,
  verifySign1,
} from '@deltaid/core';
import { STATUS_LIST_CWT_TYP } from './constants.js';
import { decompressStatusList } from './decompress-status-list.js';
import { checkTimes, checkUri, readClaims } from './lib/claims.js';
import { verifyWithCandidates } from './lib/keys.js';
import type { StatusListKey, StatusListToken, VerifyStatusListOptions } from './types.js';

const DEFAULT_MAX_TOKEN_BYTES = 4 * 1024 * 1024;

function structure(message: string): DeltaIdError {
  return new DeltaIdError('ERR_STRUCTURE', `status list CWT: ${message}`);
}

/**
 * Verifies a Status List Token in CWT form and decodes its list, in the order the draft gives:
 * structure and `typ`, signature with the issuer's key, claims (`sub`, `iat`, `exp`), then `lst`
 * is decompressed within a bound.
 *
 * @param token - the encoded COSE_Sign1 (tag 18 or untagged).
 * @param key - the issuer's status-list key, or a resolver called with the `kid` (or `iss`).
 * @param options - provider, time, expected URI, bounds.
 * @returns the verified token with its decoded list.
 * @throws DeltaIdError `ERR_CBOR` / `ERR_CBOR_LIMIT` / `ERR_STRUCTURE` (malformed, wrong `typ`, bad
 *   claims, `sub` ≠ `options.uri`); `ERR_COSE_ALG` (unsupported alg); `ERR_UNKNOWN_ISSUER` (resolver
 *   knows no key); `ERR_SIGNATURE` (no key verifies, tampered); `ERR_EXPIRED`, `ERR_NOT_YET_VALID`;
 *   `ERR_INFLATE_LIMIT` (decompression bomb), `ERR_INFLATE`.
 * @example
 * ```ts
 * const token = await verifyStatusListCwt(bytes, issuerKey, { crypto, now: new Date() })
 * getStatus(token.list, idx)
 * ```
 * @see draft-ietf-oauth-status-list §5.2, §8.3
 */
export async function verifyStatusListCwt(
  token: Uint8Array,
  key: StatusListKey,
  options: VerifyStatusListOptions,
): Promise<StatusListToken> {
  const maxTokenBytes = options.maxTokenBytes ?? DEFAULT_MAX_TOKEN_BYTES;
  if (!(token instanceof Uint8Array)) throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'token must be bytes');
  if (token.length > maxTokenBytes) {
    throw new DeltaIdError('ERR_CBOR_LIMIT', 'status list token too large', { details: { maxTokenBytes } });
  }
  const limits: CborLimits = {
    ...DEFAULT_CBOR_LIMITS,
    maxBytes: maxTokenBytes,
    maxStringBytes: maxTokenBytes,
  };
  const sign1 = decodeSign1(token, { limits });
  if (sign1.protectedHeader.get(COSE_HEADER.typ) !== STATUS_LIST_CWT_TYP) {
    throw structure(`protected typ must be ${STATUS_LIST_CWT_TYP}`);
  }
  const algId = getAlg(sign1);
  const alg = algId === undefined ? undefined : algFromCose(algId);
  if (alg === undefined)
    throw new DeltaIdError('ERR_COSE_ALG', 'status list CWT: unsupported or missing alg');
  if (sign1.payload === null) throw structure('payload must be attached');
  const payload = decodeCbor(sign1.payload, { limits });
  if (!(payload instanceof Map)) throw structure('payload must be a CWT claims map');

  const iss = payload.get(CWT_CLAIM.iss);
  const signer = await verifyWithCandidates(
    key,
    { kid: getKid(sign1), iss: typeof iss === 'string' ? iss : undefined },
    alg,
    (candidate) => verifySign1(sign1, { key: candidate, crypto: options.crypto }),
  );

  const claims = readClaims((name) => payload.get(CWT_CLAIM[name]));
  checkTimes(claims, options.now.getTime() / 1000, options.clockToleranceSeconds ?? 60);
  checkUri(claims, options.uri);

  const statusList = payload.get(CWT_CLAIM.statusList);
  if (!(statusList instanceof Map)) throw structure('status_list (65533) must be a map');
  const aggregationUri = statusList.get('aggregation_uri');
  if (aggregationUri !== undefined && typeof aggregationUri !== 'string') {
    throw structure('aggregation_uri must be a string');
  }
  const list = await decompressStatusList(
    { bits: statusList.get('bits'), lst: statusList.get('lst') },
    options.maxListBytes === undefined ? {} : { maxBytes: options.maxListBytes },
  );
  const kid = getKid(sign1);
  return {
    format: 'cwt',
    ...claims,
    signer: signer.jwk,
    ...(aggregationUri === undefined ? {} : { aggregationUri }),
    ...(kid === undefined ? {} : { kid }),
    list,
  };
}
