import type { PublicJwk } from '../crypto/types.js';

/**
 * COSE_Key labels (RFC 9052 §7.1 common parameters; RFC 9053 §7.1.1 EC2 and §7.2 OKP parameters).
 *
 * @example
 * ```ts
 * coseKey.get(COSE_KEY.x) // the x coordinate bytes
 * ```
 */
export const COSE_KEY = {
  kty: 1,
  kid: 2,
  alg: 3,
  keyOps: 4,
  baseIv: 5,
  crv: -1,
  x: -2,
  y: -3,
  d: -4,
} as const;

/**
 * COSE key types (RFC 9053 §7): OKP 1 (Ed25519), EC2 2 (P-256, P-384, SM2).
 *
 * @example COSE_KTY.EC2 // 2
 */
export const COSE_KTY = { OKP: 1, EC2: 2 } as const;

/**
 * COSE elliptic curves (RFC 9053 §7.1). SM2 (sm2p256v1) has no IANA value; Delta ID uses -65537 from
 * the private-use range, the same number as the SM2 algorithm id, so it cannot collide with a
 * registered curve.
 *
 * @example COSE_CRV['P-256'] // 1
 */
export const COSE_CRV = {
  'P-256': 1,
  'P-384': 2,
  Ed25519: 6,
  SM2: -65537,
} as const satisfies Readonly<Record<PublicJwk['crv'], number>>;
