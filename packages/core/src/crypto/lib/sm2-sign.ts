/**
 * SM2 signature generation core (GB/T 32918.2-2016 §6.1), on integers. Internal: `sm2.sign` in `../sm2.ts`
 * hashes, parses keys and draws nonces; this module also keeps the fixed-nonce path the Annex A known-answer
 * test needs, which must never be reachable from the package exports.
 * @module
 */
import { mapHashToField } from '@noble/curves/abstract/modular.js';
import {
  bytesToNumberBE,
  concatBytes,
  createHmacDrbg,
  numberToBytesBE,
  randomBytes,
} from '@noble/curves/utils.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sm3 } from '../sm3.js';
import { SM2_BYTES, Sm2Fn, Sm2Point } from './sm2-curve.js';

/** An SM2 signature as integers, both in [1, n-1]. */
export interface Sm2Signature {
  readonly r: bigint;
  readonly s: bigint;
}

const n = Sm2Fn.ORDER;

/**
 * Steps A3–A7 of §6.1 with a caller-chosen nonce `k`. Returns `undefined` when `k` must be rejected
 * (k ∉ [1, n-1], r = 0, r + k = n, or s = 0), so the caller draws another.
 *
 * `blind` ∈ [1, n-1] masks the one variable-time step: the modular inversion of (1 + d) would otherwise
 * run on a secret; inverting b·(1 + d) instead decorrelates its timing from d (as @noble/curves does for
 * ECDSA's k⁻¹). The result does not depend on `blind`.
 *
 * @param e - the message digest e = SM3(Z_A ‖ M) as an integer (A2).
 * @param d - the secret key, 1 ≤ d ≤ n-2.
 * @param k - the nonce.
 * @param blind - a random scalar in [1, n-1].
 */
export function sm2SignWithNonce(e: bigint, d: bigint, k: bigint, blind: bigint): Sm2Signature | undefined {
  if (k < 1n || k >= n) return undefined;
  const x1 = Sm2Point.BASE.multiply(k).toAffine().x; // A4: (x1, y1) = [k]G
  const r = Sm2Fn.create(e + x1); // A5
  if (r === 0n || r + k === n) return undefined;
  // A6: s = (1 + d)⁻¹ · (k − r·d) mod n, computed as (b(1 + d))⁻¹ · b(k − r·d).
  const inv = Sm2Fn.inv(Sm2Fn.mul(blind, Sm2Fn.create(1n + d)));
  const s = Sm2Fn.mul(inv, Sm2Fn.mul(blind, Sm2Fn.sub(Sm2Fn.create(k), Sm2Fn.mul(r, d))));
  if (s === 0n) return undefined;
  return { r, s };
}

/** HMAC-SM3, so nonce derivation stays within the GM/T algorithm family. */
const hmacSm3 = (key: Uint8Array, msg: Uint8Array): Uint8Array => hmac(sm3, key, msg);

/** One DRBG output: 32 bytes for k, then 48 for the inversion blind (mapHashToField needs ≥ 1.5·|n|). */
const DRBG_OUT = SM2_BYTES + 48;
const drbg = /* @__PURE__ */ createHmacDrbg<Sm2Signature>(32, DRBG_OUT, hmacSm3);

/**
 * Signs the digest `e` with a hedged RFC 6979-style nonce: HMAC-DRBG (HMAC-SM3) seeded with
 * d ‖ e ‖ extra, where extra is 32 fresh random bytes (`true`), caller bytes, or nothing (`false`: fully
 * deterministic, same inputs → same signature). Candidates rejected by §6.1 re-draw from the DRBG.
 *
 * @param eBytes - the 32-byte SM3(Z_A ‖ M).
 * @param d - the secret key, 1 ≤ d ≤ n-2 (validated by the caller).
 * @param extraEntropy - hedging input.
 */
export function sm2SignDigest(
  eBytes: Uint8Array,
  d: bigint,
  extraEntropy: boolean | Uint8Array,
): Sm2Signature {
  const e = bytesToNumberBE(eBytes);
  const dBytes = numberToBytesBE(d, SM2_BYTES);
  const parts: Uint8Array[] = [dBytes, eBytes];
  if (extraEntropy === true) parts.push(randomBytes(32));
  else if (extraEntropy !== false) parts.push(extraEntropy);
  const seed = concatBytes(...parts);
  try {
    return drbg(seed, (out: Uint8Array) => {
      const k = bytesToNumberBE(out.subarray(0, SM2_BYTES));
      const blind = bytesToNumberBE(mapHashToField(out.subarray(SM2_BYTES, DRBG_OUT), n));
      return sm2SignWithNonce(e, d, k, blind);
    });
  } finally {
    dBytes.fill(0);
    seed.fill(0);
  }
}
