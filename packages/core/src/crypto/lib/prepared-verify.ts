/**
 * ECDSA (P-256, P-384) and Ed25519 verification for keys decoded once at import, so the engine can hand in
 * the key's precomputed copy once the key is hot (see `lazy-table.ts`). All curve arithmetic is
 * @noble/curves': this file only composes its point operations along the standard verification
 * equations, with the same checks, so it accepts and rejects exactly what
 * `p256.verify(sig, msg, key, { lowS: false, prehash: true, format: 'compact' })` and
 * `ed25519.verify(sig, msg, key, { zip215: false })` do; `crypto-perf-paths.test.ts` compares them on
 * random and edge inputs. Internal.
 * @module
 */

import type { EdwardsPoint } from '@noble/curves/abstract/edwards.js';
import type { WeierstrassPoint, WeierstrassPointCons } from '@noble/curves/abstract/weierstrass.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import { p256, p384 } from '@noble/curves/nist.js';
import { bytesToNumberBE, bytesToNumberLE } from '@noble/curves/utils.js';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import type { CHash } from '@noble/hashes/utils.js';

/**
 * Window of key tables, noble's own default (its base points use it too): 44 windows × 32 points for a
 * 256-bit order. Measured against W = 4 and 5 on P-256 and Ed25519: as cheap to build, faster to use.
 */
export const KEY_TABLE_WINDOW = 6;

/**
 * A copy of `point` carrying a noble fixed-window table. noble keys its tables by point object (a WeakMap
 * inside the curve), so the copy, not the shared prepared point, owns the table: dropping the copy (LRU
 * eviction in lazy-table.ts) frees the table, and the prepared point stays table-free.
 */
export function tabledCopy<P extends WeierstrassPoint<bigint> | EdwardsPoint>(
  point: P,
  fromAffine: (affine: { x: bigint; y: bigint }) => P,
): P {
  const copy = fromAffine(point.toAffine());
  copy.precompute(KEY_TABLE_WINDOW);
  // Build now, so the cost lands where lazy-table.ts decides. Not with `precompute(W, false)`: it warms
  // the table of noble's blinded secret-scalar path (128 bits wider on prime-order curves), a second table
  // that verification never reads. multiplyUnsafe builds the one it reads.
  copy.multiplyUnsafe(2n);
  return copy;
}

/** An ECDSA curve: noble's point constructor, the hash and the scalar sizes. */
export interface EcdsaCurve {
  readonly Point: WeierstrassPointCons<bigint>;
  readonly hash: CHash;
  /** Bytes of r and of s. */
  readonly bytes: number;
  /** Bit length of n (bits2int keeps this many leftmost digest bits). */
  readonly bits: number;
}

function ecdsaCurve(Point: WeierstrassPointCons<bigint>, hash: CHash): EcdsaCurve {
  return { Point, hash, bytes: Point.Fn.BYTES, bits: Point.Fn.BITS };
}

/** P-256 with SHA-256 (COSE ES256, RFC 9053 §2.1). */
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
 * @param publicKey - the key point (validated by its decoder, not the identity), or its
 *   {@link tabledCopy}: same result, faster.
 * @returns whether the signature is valid.
 */
export function ecdsaVerifyPrepared(
  curve: EcdsaCurve,
  signature: Uint8Array,
  data: Uint8Array,
  publicKey: WeierstrassPoint<bigint>,
): boolean {
  const { Point, hash, bytes, bits } = curve;
  const { Fn } = Point;
  if (signature.length !== 2 * bytes || publicKey.is0()) return false;
  try {
    const r = bytesToNumberBE(signature.subarray(0, bytes));
    const s = bytesToNumberBE(signature.subarray(bytes));
    if (!Fn.isValidNot0(r) || !Fn.isValidNot0(s)) return false;
    // bits2int (SEC 1 §4.1.4 step 5): the leftmost `bits` bits of the digest, then mod n.
    const digest = hash(data);
    const delta = digest.length * 8 - bits;
    const whole = bytesToNumberBE(digest);
    const h = Fn.create(delta > 0 ? whole >> BigInt(delta) : whole);
    const sInv = Fn.inv(s);
    // u1·G + u2·Q as two multiplications, so each uses its point's table (noble's G table always, the
    // key's once hot); noble's joint `mulAddUnsafe` would ignore both tables.
    const R = Point.BASE.multiplyUnsafe(Fn.mul(h, sInv)).add(publicKey.multiplyUnsafe(Fn.mul(r, sInv)));
    return !R.is0() && Fn.create(R.toAffine().x) === r;
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

/** The {@link tabledCopy} of an Ed25519 key point. */
export function ed25519KeyTable(point: EdwardsPoint): EdwardsPoint {
  return tabledCopy(point, (affine) => EdPoint.fromAffine(affine));
}

/**
 * RFC 8032 §5.1.7 verification, as noble's strict `ed25519.verify`: canonical R, S < L, small-order A
 * refused, cofactored equation [8][S]B = [8]R + [8][k]A with k = SHA-512(R ‖ A ‖ M) mod L. Never throws.
 *
 * @param key - from {@link prepareEd25519Key}.
 * @param table - {@link ed25519KeyTable} of `key.point` once the key is hot: same result, faster.
 * @param signature - 64 bytes R ‖ S.
 * @param message - the signed message.
 * @returns whether the signature is valid.
 */
export function ed25519VerifyPrepared(
  key: Ed25519PreparedKey,
  table: EdwardsPoint | undefined,
  signature: Uint8Array,
  message: Uint8Array,
): boolean {
  if (signature.length !== 64 || key.smallOrder) return false;
  try {
    const rBytes = signature.subarray(0, 32);
    const s = bytesToNumberLE(signature.subarray(32, 64));
    if (!edFn.isValid(s)) return false; // §5.1.7 step 1: S must be canonical
    const R = EdPoint.fromBytes(rBytes, false);
    const k = edFn.create(
      bytesToNumberLE(sha512.create().update(rBytes).update(key.raw).update(message).digest()),
    );
    const A = table ?? key.point;
    return R.add(A.multiplyUnsafe(k)).subtract(EdPoint.BASE.multiplyUnsafe(s)).clearCofactor().is0();
  } catch {
    return false;
  }
}
