/**
 * SM2 signature verification core (GB/T 32918.2-2016 §7.1), on integers and a validated point.
 * Internal: `sm2.verify` in `../sm2.ts` parses and hashes first; the portable engine calls
 * {@link sm2VerifyPrepared} with a key decoded once at import or, once the key is hot, its tabled copy
 * (`tabledCopy` in prepared-verify.ts). The point arithmetic is @noble/curves'.
 * @module
 */
import type { WeierstrassPoint } from '@noble/curves/abstract/weierstrass.js';
import { bytesToNumberBE } from '@noble/curves/utils.js';
import { sm3 } from '../sm3.js';
import { SM2_BYTES, Sm2Fn, Sm2Point } from './sm2-curve.js';

const n = Sm2Fn.ORDER;

/**
 * Steps B1 and B5–B7: r, s ∈ [1, n-1]; t = (r + s) mod n ≠ 0; (x1, y1) = [s]G + [t]P_A; accept iff
 * (e + x1) mod n = r. Every value here is public, so variable-time arithmetic is fine.
 *
 * @param e - SM3(Z_A ‖ M) as an integer (B3–B4).
 * @param r - signature part r.
 * @param s - signature part s.
 * @param publicKey - the signer's point, already checked to be on the curve (the identity is refused), or
 *   its tabled copy: same result, faster.
 * @returns whether the signature is valid.
 */
export function sm2VerifyDigest(
  e: bigint,
  r: bigint,
  s: bigint,
  publicKey: WeierstrassPoint<bigint>,
): boolean {
  if (r < 1n || r >= n || s < 1n || s >= n || publicKey.is0()) return false;
  const t = Sm2Fn.add(r, s);
  if (t === 0n) return false;
  // B6: (x1, y1) = [s]G + [t]P_A, as two multiplications so each uses its point's table (noble's G
  // table always, the key's once hot).
  const sum = Sm2Point.BASE.multiplyUnsafe(s).add(publicKey.multiplyUnsafe(t));
  if (sum.is0()) return false;
  return Sm2Fn.create(e + sum.toAffine().x) === r;
}

/**
 * Verifies a raw `r ‖ s` signature of `message` for a decoded key whose Z_A is known (B1–B7). Never throws.
 *
 * @param signature - 64-byte raw signature.
 * @param message - the signed message M (not hashed).
 * @param z - Z_A of the key and the signer's ID (32 bytes).
 * @param publicKey - the signer's validated point, or its tabled copy.
 * @returns whether the signature is valid.
 */
export function sm2VerifyPrepared(
  signature: Uint8Array,
  message: Uint8Array,
  z: Uint8Array,
  publicKey: WeierstrassPoint<bigint>,
): boolean {
  if (signature.length !== 2 * SM2_BYTES || z.length !== 32) return false;
  try {
    const r = bytesToNumberBE(signature.subarray(0, SM2_BYTES));
    const s = bytesToNumberBE(signature.subarray(SM2_BYTES));
    // e = SM3(Z_A ‖ M), streamed so a large message is not copied (B3–B4).
    const e = bytesToNumberBE(sm3.create().update(z).update(message).digest());
    return sm2VerifyDigest(e, r, s, publicKey);
  } catch {
    return false;
  }
}
