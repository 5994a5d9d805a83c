/**
 * SM2 signature verification core (GB/T 32918.2-2016 §7.1), on integers and a validated point.
 * Internal: `sm2.verify` in `../sm2.ts` parses and hashes first; the portable engine calls
 * {@link sm2VerifyPrepared} with a key decoded once at import and, once the key is hot, its comb table.
 * @module
 */
import type { WeierstrassPoint } from '@noble/curves/abstract/weierstrass.js';
import { bytesToNumberBE } from '@noble/curves/utils.js';
import { sm3 } from '../sm3.js';
import { type AffinePoint, type CombTable, createA3Curve } from './fast-weierstrass.js';
import { SM2_BYTES, SM2_CURVE, Sm2Fn } from './sm2-curve.js';

const n = Sm2Fn.ORDER;

/** sm2p256v1 has a = p − 3, so the fast verification arithmetic applies; its base table is built lazily. */
export const SM2_FAST = /* @__PURE__ */ createA3Curve(SM2_CURVE);

/**
 * Steps B1 and B5–B7: r, s ∈ [1, n-1]; t = (r + s) mod n ≠ 0; (x1, y1) = [s]G + [t]P_A; accept iff
 * (e + x1) mod n = r. Every value here is public, so variable-time arithmetic is fine.
 *
 * @param e - SM3(Z_A ‖ M) as an integer (B3–B4).
 * @param r - signature part r.
 * @param s - signature part s.
 * @param publicKey - the signer's point, already checked to be on the curve; the identity is refused.
 * @param table - `SM2_FAST.keyTable(publicKey)`, if built: same result, faster.
 * @returns whether the signature is valid.
 */
export function sm2VerifyDigest(
  e: bigint,
  r: bigint,
  s: bigint,
  publicKey: WeierstrassPoint<bigint> | AffinePoint,
  table?: CombTable,
): boolean {
  if (r < 1n || r >= n || s < 1n || s >= n) return false;
  const t = Sm2Fn.add(r, s);
  if (t === 0n) return false;
  let Q: AffinePoint;
  if ('is0' in publicKey) {
    if (publicKey.is0()) return false;
    Q = publicKey.toAffine();
  } else Q = publicKey;
  const x1 = SM2_FAST.mulAddX(s, t, Q, table); // B6: [s]G + [t]P_A; undefined = the identity
  if (x1 === undefined) return false;
  return Sm2Fn.create(e + x1) === r;
}

/**
 * Verifies a raw `r ‖ s` signature of `message` for a decoded key whose Z_A is known (B1–B7). Never throws.
 *
 * @param signature - 64-byte raw signature.
 * @param message - the signed message M (not hashed).
 * @param z - Z_A of the key and the signer's ID (32 bytes).
 * @param publicKey - the signer's validated point.
 * @param table - its comb table, if built.
 * @returns whether the signature is valid.
 */
export function sm2VerifyPrepared(
  signature: Uint8Array,
  message: Uint8Array,
  z: Uint8Array,
  publicKey: WeierstrassPoint<bigint> | AffinePoint,
  table?: CombTable,
): boolean {
  if (signature.length !== 2 * SM2_BYTES || z.length !== 32) return false;
  try {
    const r = bytesToNumberBE(signature.subarray(0, SM2_BYTES));
    const s = bytesToNumberBE(signature.subarray(SM2_BYTES));
    // e = SM3(Z_A ‖ M), streamed so a large message is not copied (B3–B4).
    const e = bytesToNumberBE(sm3.create().update(z).update(message).digest());
    return sm2VerifyDigest(e, r, s, publicKey, table);
  } catch {
    return false;
  }
}
