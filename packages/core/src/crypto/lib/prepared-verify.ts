/**
 * ECDSA (P-256, P-384) and Ed25519 verification for keys decoded once at import, so the engine can hand in
 * a precomputed table once the key is hot (see `lazy-table.ts`). Same checks, same accept/reject
 * set as `p256.verify(sig, msg, key, { lowS: false, prehash: true, format: 'compact' })` and
 * `ed25519.verify(sig, msg, key, { zip215: false })` of @noble/curves 2; `crypto-perf-paths.test.ts`
 * compares them on random and edge inputs. Internal.
 * @module
 */

import type { EdwardsPoint } from '@noble/curves/abstract/edwards.js';
import { invert } from '@noble/curves/abstract/modular.js';
import type { WeierstrassPointCons } from '@noble/curves/abstract/weierstrass.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import { p256, p384 } from '@noble/curves/nist.js';
import { bytesToNumberBE, bytesToNumberLE } from '@noble/curves/utils.js';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import type { CHash } from '@noble/hashes/utils.js';
import { type A3Curve, type AffinePoint, type CombTable, createA3Curve } from './fast-weierstrass.js';

/** An ECDSA curve for fast verification: the a = −3 arithmetic, the hash and the scalar sizes. */
export interface EcdsaCurve {
  readonly fast: A3Curve;
  readonly hash: CHash;
  /** Bytes of r and of s. */
  readonly bytes: number;
  /** Bit length of n (bits2int keeps this many leftmost digest bits). */
  readonly bits: number;
}

function ecdsaCurve(Point: WeierstrassPointCons<bigint>, hash: CHash): EcdsaCurve {
  return { fast: createA3Curve(Point.CURVE()), hash, bytes: Point.Fn.BYTES, bits: Point.Fn.BITS };
}

/** P-256 with SHA-256 (COSE ES256, RFC 9053 §2.1). Base table built on first verification. */
export const ES256_CURVE: EcdsaCurve = /* @__PURE__ */ ecdsaCurve(p256.Point, sha256);
/** P-384 with SHA-384 (COSE ES384). */
export const ES384_CURVE: EcdsaCurve = /* @__PURE__ */ ecdsaCurve(p384.Point, sha384);

/**
 * SEC 1 v2 §4.1.4 / FIPS 186-5 §6.4.2 verification of a compact `r ‖ s` signature; high-S accepted. Never
 * throws.
 *
 * @param curve - {@link ES256_CURVE} or {@link ES384_CURVE}.
 * @param signature - `r ‖ s`, each `curve.bytes` long.
 * @param data - the signed data (hashed here).
 * @param publicKey - the key point, validated on the curve by its decoder.
 * @param table - `curve.fast.keyTable(publicKey)`, if built: same result, faster.
 * @returns whether the signature is valid.
 */
export function ecdsaVerifyPrepared(
  curve: EcdsaCurve,
  signature: Uint8Array,
  data: Uint8Array,
  publicKey: AffinePoint,
  table: CombTable | undefined,
): boolean {
  const { fast, hash, bytes, bits } = curve;
  const { n } = fast;
  if (signature.length !== 2 * bytes) return false;
  try {
    const r = bytesToNumberBE(signature.subarray(0, bytes));
    const s = bytesToNumberBE(signature.subarray(bytes));
    if (r < 1n || r >= n || s < 1n || s >= n) return false;
    // bits2int (SEC 1 §4.1.4 step 5): the leftmost `bits` bits of the digest, then mod n.
    const digest = hash(data);
    const delta = digest.length * 8 - bits;
    const whole = bytesToNumberBE(digest);
    const h = (delta > 0 ? whole >> BigInt(delta) : whole) % n;
    const sInv = invert(s, n);
    const x = fast.mulAddX((h * sInv) % n, (r * sInv) % n, publicKey, table);
    return x !== undefined && x % n === r;
  } catch {
    return false;
  }
}

const EdPoint = ed25519.Point;
const edFn = EdPoint.Fn;

/** An Ed25519 key decoded once: its bytes (hashed into k), its point, and RFC 8032 strictness facts. */
export interface Ed25519PreparedKey {
  readonly raw: Uint8Array;
  readonly point: EdwardsPoint;
  /** Small-order keys are refused, as @noble/curves' strict (non-ZIP-215) mode does. */
  readonly smallOrder: boolean;
}

/**
 * Decodes an Ed25519 public key strictly (canonical y < p, RFC 8032 §5.1.3); `undefined` when it does not
 * decode, which makes every verification with it fail.
 */
export function prepareEd25519Key(raw: Uint8Array): Ed25519PreparedKey | undefined {
  try {
    const point = EdPoint.fromBytes(raw, false);
    return { raw, point, smallOrder: point.isSmallOrder() };
  } catch {
    return undefined;
  }
}

/**
 * RFC 8032 §5.1.7 verification: canonical R, S < L, small-order A refused, cofactored equation
 * [8][S]B = [8]R + [8][k]A with k = SHA-512(R ‖ A ‖ M) mod L. Never throws.
 *
 * @param key - from {@link prepareEd25519Key}.
 * @param point - `key.point` or its precomputed copy.
 * @param signature - 64 bytes R ‖ S.
 * @param message - the signed message.
 * @returns whether the signature is valid.
 */
export function ed25519VerifyPrepared(
  key: Ed25519PreparedKey,
  point: EdwardsPoint,
  signature: Uint8Array,
  message: Uint8Array,
): boolean {
  if (signature.length !== 64) return false;
  try {
    const rBytes = signature.subarray(0, 32);
    const s = bytesToNumberLE(signature.subarray(32, 64));
    const R = EdPoint.fromBytes(rBytes, false);
    const SB = EdPoint.BASE.multiplyUnsafe(s); // throws unless 0 ≤ S < L (§5.1.7 step 1)
    const k = edFn.create(
      bytesToNumberLE(sha512.create().update(rBytes).update(key.raw).update(message).digest()),
    );
    return R.add(point.multiplyUnsafe(k)).subtract(SB).clearCofactor().is0();
  } catch {
    return false;
  }
}
