/**
 * SM2 signature verification core (GB/T 32918.2-2016 §7.1), on integers and a validated point.
 * Internal: `sm2.verify` in `../sm2.ts` parses and hashes first.
 * @module
 */
import type { WeierstrassPoint } from '@noble/curves/abstract/weierstrass.js';
import { Sm2Fn, Sm2Point } from './sm2-curve.js';

const n = Sm2Fn.ORDER;

/**
 * Steps B1 and B5–B7: r, s ∈ [1, n-1]; t = (r + s) mod n ≠ 0; (x1, y1) = [s]G + [t]P_A; accept iff
 * (e + x1) mod n = r. Every value here is public, so the variable-time multiplications are fine.
 *
 * @param e - SM3(Z_A ‖ M) as an integer (B3–B4).
 * @param r - signature part r.
 * @param s - signature part s.
 * @param publicKey - the signer's point, already checked to be on the curve and not the identity.
 * @returns whether the signature is valid.
 */
export function sm2VerifyDigest(
  e: bigint,
  r: bigint,
  s: bigint,
  publicKey: WeierstrassPoint<bigint>,
): boolean {
  if (r < 1n || r >= n || s < 1n || s >= n) return false;
  const t = Sm2Fn.add(r, s);
  if (t === 0n) return false;
  // [s]G uses the cached base-point table; one joint Strauss–Shamir pass would not use it.
  const point = Sm2Point.BASE.multiplyUnsafe(s).add(publicKey.multiplyUnsafe(t));
  if (point.is0()) return false;
  return Sm2Fn.create(e + point.toAffine().x) === r;
}
