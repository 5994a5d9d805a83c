import type { PrivateJwk, PublicJwk } from '../crypto/types.js';
import { DeltaIdError } from '../errors.js';
import { readJwk } from './internal/jwk-bytes.js';
import { COSE_CRV, COSE_KEY, COSE_KTY } from './key-params.js';

/** Options for {@link jwkToCoseKey}. */
export interface JwkToCoseKeyOptions {
  /** Copy the private scalar `d` (label -4). Default false: the result is a public key. */
  readonly includePrivate?: boolean;
  /** The COSE `kid` (label 2), e.g. from `deriveKid`. JWK `kid` strings are not copied. */
  readonly kid?: Uint8Array;
}

/**
 * Converts a JWK (P-256, P-384, SM2 or Ed25519) to a COSE_Key map, labels in deterministic order
 * (RFC 8949 §4.2.1: 1, 2, -1, -2, -3, -4) so `encodeCbor` of it is stable.
 *
 * @param jwk - a public or private JWK.
 * @param options - `includePrivate` to keep `d`, `kid` bytes to add.
 * @returns the COSE_Key as a `Map` ready for `encodeCbor`.
 * @throws DeltaIdError `ERR_KEY` for an unsupported curve, kty/crv mismatch, bad base64url or wrong
 *   member lengths, or `includePrivate` on a public JWK.
 * @example
 * ```ts
 * const cnf = new Map([[1, jwkToCoseKey(devicePublicJwk)]]); // RFC 8747 COSE_Key confirmation
 * ```
 * @see RFC 9052 §7, RFC 9053 §7.1.1, §7.2
 */
export function jwkToCoseKey(
  jwk: PublicJwk | PrivateJwk,
  options: JwkToCoseKeyOptions = {},
): Map<number, unknown> {
  const parts = readJwk(jwk);
  const out = new Map<number, unknown>([[COSE_KEY.kty, parts.kty === 'EC' ? COSE_KTY.EC2 : COSE_KTY.OKP]]);
  if (options.kid !== undefined) out.set(COSE_KEY.kid, options.kid.slice());
  out.set(COSE_KEY.crv, COSE_CRV[parts.crv]);
  out.set(COSE_KEY.x, parts.x);
  if (parts.y !== undefined) out.set(COSE_KEY.y, parts.y);
  if (options.includePrivate === true) {
    if (parts.d === undefined) throw new DeltaIdError('ERR_KEY', 'includePrivate needs a private JWK (d)');
    out.set(COSE_KEY.d, parts.d);
  }
  return out;
}
