import type { SignatureAlg } from '../crypto/types.js';

/**
 * COSE header parameter labels used by Delta ID (RFC 9052 §3.1, IANA "COSE Header Parameters";
 * `x5chain` from RFC 9360 §2, `typ` from RFC 9596).
 *
 * @example
 * ```ts
 * new Map([[COSE_HEADER.kid, kidBytes]])
 * ```
 */
export const COSE_HEADER = {
  alg: 1,
  crit: 2,
  contentType: 3,
  kid: 4,
  iv: 5,
  typ: 16,
  x5chain: 33,
} as const;

/**
 * COSE algorithm identifiers (RFC 9053 §2.1, RFC 8812 for ES384 is -35). SM2 has no IANA value;
 * Delta ID uses -65537 from the private-use range (values below -65536, RFC 9053 §2 / IANA policy),
 * so an SM2 signature never collides with a registered algorithm.
 *
 * @example
 * ```ts
 * new Map([[COSE_HEADER.alg, COSE_ALG.ES256]]) // a1 01 26
 * ```
 */
export const COSE_ALG = {
  ES256: -7,
  ES384: -35,
  EdDSA: -8,
  SM2: -65537,
} as const satisfies Readonly<Record<SignatureAlg, number>>;

/** A COSE algorithm identifier Delta ID can sign and verify with. */
export type CoseAlgId = (typeof COSE_ALG)[SignatureAlg];

const BY_ID: ReadonlyMap<number, SignatureAlg> = new Map<number, SignatureAlg>([
  [COSE_ALG.ES256, 'ES256'],
  [COSE_ALG.ES384, 'ES384'],
  [COSE_ALG.EdDSA, 'EdDSA'],
  [COSE_ALG.SM2, 'SM2'],
]);

/**
 * The signature algorithm for a COSE algorithm id.
 *
 * @param id - the value of header label 1 (`alg`).
 * @returns the algorithm name, or `undefined` for any id Delta ID does not support.
 * @example algFromCose(-7) // 'ES256'
 * @see RFC 9053 §2.1
 */
export function algFromCose(id: number): SignatureAlg | undefined {
  return BY_ID.get(id);
}

/**
 * The COSE algorithm id for a signature algorithm.
 *
 * @param alg - a Delta ID signature algorithm.
 * @returns its COSE id (SM2: -65537, private use).
 * @example coseFromAlg('EdDSA') // -8
 * @see RFC 9053 §2.1
 */
export function coseFromAlg(alg: SignatureAlg): CoseAlgId {
  return COSE_ALG[alg];
}
