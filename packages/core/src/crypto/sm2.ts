/**
 * SM2 digital signatures (GB/T 32918.2-2016, GM/T 0003.2-2012) over the recommended curve sm2p256v1
 * (GB/T 32918.5-2017), with SM3 (GB/T 32905-2016) and the user identity hash Z_A.
 *
 * Signatures are raw `r ‖ s` (64 bytes), the form COSE uses; {@link sm2SignatureToDer} and
 * {@link sm2SignatureFromDer} convert to and from the ASN.1 `SEQUENCE { r INTEGER, s INTEGER }` that
 * OpenSSL, GmSSL and X.509 use.
 * @module
 */
import { mapHashToField } from '@noble/curves/abstract/modular.js';
import { DER, type WeierstrassPoint, type WeierstrassPointCons } from '@noble/curves/abstract/weierstrass.js';
import {
  bytesToNumberBE,
  concatBytes,
  hexToBytes,
  numberToBytesBE,
  randomBytes,
} from '@noble/curves/utils.js';
import { DeltaIdError } from '../errors.js';
import { SM2_BYTES, SM2_CURVE, Sm2Fn, Sm2Point } from './lib/sm2-curve.js';
import { sm2SignDigest } from './lib/sm2-sign.js';
import { sm2VerifyPrepared } from './lib/sm2-verify.js';
import { sm3 } from './sm3.js';

const n = Sm2Fn.ORDER;
const SIGNATURE_BYTES = 2 * SM2_BYTES;
/** ENTL is two bytes holding the ID length in bits, so IDs stop at 8191 bytes (§5.5). */
const MAX_USER_ID_BYTES = 0xffff >> 3;

/** Private copy: callers may mutate the exported array without changing our default. */
const DEFAULT_ID = /* @__PURE__ */ new TextEncoder().encode('1234567812345678');

/**
 * The default distinguishing identifier `1234567812345678` (16 bytes, ENTL = 0x0080) that GB/T 35276-2017
 * §10 / GM/T 0009-2012 prescribe when the parties have agreed no other, and that OpenSSL's
 * `distid:1234567812345678`, GmSSL and BouncyCastle use. (Node's `crypto.sign` uses an empty ID instead.)
 *
 * @example
 * ```ts
 * sm2.computeZ(publicKey, SM2_DEFAULT_USER_ID); // same as sm2.computeZ(publicKey)
 * ```
 * @see GB/T 32918.2-2016 §5.5; GB/T 35276-2017 §10.
 */
export const SM2_DEFAULT_USER_ID: Uint8Array = /* @__PURE__ */ DEFAULT_ID.slice();

/** Options for {@link sm2}.sign. Give either `userId` or a precomputed `z`, not both. */
export interface Sm2SignOptions {
  /** Signer's distinguishing ID; default {@link SM2_DEFAULT_USER_ID}. */
  readonly userId?: Uint8Array | undefined;
  /** Precomputed Z_A = `sm2.computeZ(publicKey, userId)` (32 bytes); saves a scalar multiplication. */
  readonly z?: Uint8Array | undefined;
  /**
   * Hedging input mixed into the deterministic nonce: `true` (default) adds 32 fresh random bytes, bytes are
   * used as given, `false` makes the signature a pure function of key, Z and message.
   */
  readonly extraEntropy?: boolean | Uint8Array | undefined;
}

/** Options for {@link sm2}.verify. Give either `userId` or a precomputed `z`, not both. */
export interface Sm2VerifyOptions {
  /** Signer's distinguishing ID; default {@link SM2_DEFAULT_USER_ID}. */
  readonly userId?: Uint8Array | undefined;
  /** Precomputed Z_A for the signer's key and ID (32 bytes). */
  readonly z?: Uint8Array | undefined;
}

function fail(
  code: 'ERR_KEY' | 'ERR_INVALID_ARGUMENT' | 'ERR_SIGNATURE',
  message: string,
  cause?: unknown,
): never {
  throw new DeltaIdError(code, message, cause === undefined ? {} : { cause });
}

function ensureBytes(value: unknown, field: string, length?: number): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) fail('ERR_INVALID_ARGUMENT', `sm2: ${field} must be a Uint8Array`);
  if (length !== undefined && value.length !== length)
    fail('ERR_INVALID_ARGUMENT', `sm2: ${field} must be ${length} bytes, got ${value.length}`);
}

/** d ∈ [1, n-2]: SM2 signing inverts 1 + d, which is 0 for d = n-1. */
function isValidScalar(d: bigint): boolean {
  return d >= 1n && d <= n - 2n;
}

function parseSecretKey(secretKey: unknown): bigint {
  if (!(secretKey instanceof Uint8Array) || secretKey.length !== SM2_BYTES)
    fail('ERR_KEY', `sm2: secret key must be a ${SM2_BYTES}-byte Uint8Array`);
  const d = bytesToNumberBE(secretKey);
  if (!isValidScalar(d)) fail('ERR_KEY', 'sm2: secret key out of range [1, n-2]');
  return d;
}

function parsePublicKey(publicKey: unknown): WeierstrassPoint<bigint> {
  ensureBytes(publicKey, 'publicKey');
  try {
    // fromBytes checks the encoding (0x04 ‖ x ‖ y or 0x02/0x03 ‖ x), x, y < p, and the curve equation;
    // the identity has no encoding here. Cofactor 1, so no subgroup check is needed.
    return Sm2Point.fromBytes(publicKey);
  } catch (cause) {
    return fail('ERR_KEY', 'sm2: public key is not a point of sm2p256v1', cause);
  }
}

/** a ‖ b ‖ xG ‖ yG, the curve part of the Z_A input. */
const CURVE_BYTES = /* @__PURE__ */ concatBytes(
  numberToBytesBE(SM2_CURVE.a, SM2_BYTES),
  numberToBytesBE(SM2_CURVE.b, SM2_BYTES),
  numberToBytesBE(SM2_CURVE.Gx, SM2_BYTES),
  numberToBytesBE(SM2_CURVE.Gy, SM2_BYTES),
);

/**
 * SM3 state after absorbing ENTL ‖ default ID ‖ a ‖ b ‖ xG ‖ yG (146 bytes, two full blocks); cloning it
 * skips two of the four compressions of Z_A for the common default ID. Built on first use, so importing
 * the module does no hashing.
 */
let defaultIdPrefix: ReturnType<typeof sm3.create> | undefined;

function zHasherFor(userId: Uint8Array): ReturnType<typeof sm3.create> {
  const isDefault = userId.length === DEFAULT_ID.length && userId.every((b, i) => b === DEFAULT_ID[i]);
  if (isDefault && defaultIdPrefix !== undefined) return defaultIdPrefix.clone();
  const bits = userId.length * 8;
  const h = sm3
    .create()
    .update(Uint8Array.of(bits >> 8, bits & 0xff))
    .update(userId)
    .update(CURVE_BYTES);
  if (!isDefault) return h;
  defaultIdPrefix = h;
  return h.clone();
}

function zOf(point: WeierstrassPoint<bigint>, userId: unknown): Uint8Array {
  ensureBytes(userId, 'userId');
  if (userId.length > MAX_USER_ID_BYTES)
    fail('ERR_INVALID_ARGUMENT', `sm2: userId longer than ${MAX_USER_ID_BYTES} bytes`);
  const { x, y } = point.toAffine();
  return zHasherFor(userId)
    .update(numberToBytesBE(x, SM2_BYTES))
    .update(numberToBytesBE(y, SM2_BYTES))
    .digest();
}

function resolveZ(
  opts: { readonly userId?: Uint8Array | undefined; readonly z?: Uint8Array | undefined },
  point: () => WeierstrassPoint<bigint>,
): Uint8Array {
  if (opts.z !== undefined) {
    if (opts.userId !== undefined) fail('ERR_INVALID_ARGUMENT', 'sm2: give userId or z, not both');
    ensureBytes(opts.z, 'z', 32);
    return opts.z;
  }
  return zOf(point(), opts.userId ?? DEFAULT_ID);
}

/** e = SM3(Z_A ‖ M), streamed so a large message is not copied (§6.1 A1–A2). */
function digestWithZ(z: Uint8Array, message: Uint8Array): Uint8Array {
  return sm3.create().update(z).update(message).digest();
}

/** The shape of {@link sm2}; see there for behaviour, errors and an example. */
export interface Sm2 {
  /** The @noble/curves point constructor of sm2p256v1. */
  readonly Point: WeierstrassPointCons<bigint>;
  /** Public key `04 ‖ x ‖ y` (65 bytes), or compressed (33 bytes). */
  getPublicKey(secretKey: Uint8Array, compressed?: boolean): Uint8Array;
  /** A uniformly random secret key in [1, n-2]. */
  randomSecretKey(): Uint8Array;
  /** 32 bytes and 1 ≤ d ≤ n-2; never throws. */
  isValidSecretKey(secretKey: Uint8Array): boolean;
  /** Z_A = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA). */
  computeZ(publicKey: Uint8Array, userId?: Uint8Array): Uint8Array;
  /** Raw `r ‖ s` signature of SM3(Z_A ‖ message). */
  sign(message: Uint8Array, secretKey: Uint8Array, opts?: Sm2SignOptions): Uint8Array;
  /** True only for a valid signature; false for any bad input. */
  verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array, opts?: Sm2VerifyOptions): boolean;
}

const sm2Impl: Sm2 = {
  Point: Sm2Point,

  getPublicKey(secretKey: Uint8Array, compressed = false): Uint8Array {
    return Sm2Point.BASE.multiply(parseSecretKey(secretKey)).toBytes(compressed);
  },

  randomSecretKey(): Uint8Array {
    // Reducing 48 random bytes mod (n-2), plus 1, lands in [1, n-2] with negligible bias.
    return mapHashToField(randomBytes(48), n - 1n);
  },

  isValidSecretKey(secretKey: Uint8Array): boolean {
    return (
      secretKey instanceof Uint8Array &&
      secretKey.length === SM2_BYTES &&
      isValidScalar(bytesToNumberBE(secretKey))
    );
  },

  computeZ(publicKey: Uint8Array, userId: Uint8Array = DEFAULT_ID): Uint8Array {
    return zOf(parsePublicKey(publicKey), userId);
  },

  sign(message: Uint8Array, secretKey: Uint8Array, opts: Sm2SignOptions = {}): Uint8Array {
    ensureBytes(message, 'message');
    const d = parseSecretKey(secretKey);
    const extraEntropy = opts.extraEntropy ?? true;
    if (typeof extraEntropy !== 'boolean') ensureBytes(extraEntropy, 'extraEntropy');
    const z = resolveZ(opts, () => Sm2Point.BASE.multiply(d));
    const { r, s } = sm2SignDigest(digestWithZ(z, message), d, extraEntropy);
    return concatBytes(numberToBytesBE(r, SM2_BYTES), numberToBytesBE(s, SM2_BYTES));
  },

  verify(
    signature: Uint8Array,
    message: Uint8Array,
    publicKey: Uint8Array,
    opts: Sm2VerifyOptions = {},
  ): boolean {
    try {
      if (!(signature instanceof Uint8Array) || signature.length !== SIGNATURE_BYTES) return false;
      if (!(message instanceof Uint8Array)) return false;
      const point = parsePublicKey(publicKey);
      return sm2VerifyPrepared(
        signature,
        message,
        resolveZ(opts ?? {}, () => point),
        point,
      );
    } catch {
      return false;
    }
  },
};

/**
 * SM2 signatures over sm2p256v1 with SM3.
 *
 * - `Point`: the @noble/curves Weierstrass point constructor of sm2p256v1.
 * - `getPublicKey(secretKey, compressed = false)`: 65-byte `04 ‖ x ‖ y` (or 33-byte compressed) public key.
 *   Throws `ERR_KEY` for a bad secret key.
 * - `randomSecretKey()`: a uniformly random 32-byte secret key in [1, n-2] (needs `crypto.getRandomValues`).
 * - `isValidSecretKey(secretKey)`: 32 bytes and 1 ≤ d ≤ n-2; never throws.
 * - `computeZ(publicKey, userId = SM2_DEFAULT_USER_ID)`: Z_A = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA),
 *   32 bytes. Throws `ERR_KEY` for a public key off the curve, `ERR_INVALID_ARGUMENT` for an ID over 8191 bytes.
 * - `sign(message, secretKey, { userId?, z?, extraEntropy? })`: raw `r ‖ s` (64 bytes). The nonce is
 *   HMAC-DRBG (HMAC-SM3) seeded with d ‖ e ‖ 32 random bytes, so a broken RNG degrades to RFC 6979-style
 *   determinism instead of leaking the key. A given `z` is trusted to match the key. Throws `ERR_KEY` for a
 *   bad secret key, `ERR_INVALID_ARGUMENT` for a non-byte message, a `z` not of 32 bytes, or both `userId`
 *   and `z`.
 * - `verify(signature, message, publicKey, { userId?, z? })`: `true` only for a valid signature; `false` for
 *   anything else (wrong lengths, r or s outside [1, n-1], r + s = n, a key off the curve or the identity,
 *   non-byte input); never throws.
 *
 * @example
 * ```ts
 * const secretKey = sm2.randomSecretKey();
 * const publicKey = sm2.getPublicKey(secretKey);
 * const z = sm2.computeZ(publicKey); // cache per key
 * const sig = sm2.sign(utf8('message digest'), secretKey, { z });
 * sm2.verify(sig, utf8('message digest'), publicKey, { z }); // true
 * ```
 * @see GB/T 32918.2-2016 §5.5 (Z_A), §6 (signing), §7 (verification); GB/T 32918.5-2017 (curve).
 */
export const sm2: Sm2 = /* @__PURE__ */ Object.freeze(sm2Impl);

/**
 * Converts a raw SM2 signature `r ‖ s` (64 bytes) to DER `SEQUENCE { INTEGER r, INTEGER s }`
 * (GM/T 0009-2012 §7.3 SM2Signature), the form OpenSSL's `pkeyutl -sign` writes.
 *
 * @param signature - 64-byte raw signature.
 * @returns the DER encoding (70–72 bytes for typical values).
 * @throws DeltaIdError `ERR_SIGNATURE` when the input is not 64 bytes or r or s is outside [1, n-1].
 * @example
 * ```ts
 * const der = sm2SignatureToDer(sm2.sign(msg, secretKey)); // 30 44 02 20 … 02 20 …
 * ```
 * @see GM/T 0009-2012 §7.3.
 */
export function sm2SignatureToDer(signature: Uint8Array): Uint8Array {
  if (!(signature instanceof Uint8Array) || signature.length !== SIGNATURE_BYTES)
    fail('ERR_SIGNATURE', `sm2: raw signature must be ${SIGNATURE_BYTES} bytes`);
  const r = bytesToNumberBE(signature.subarray(0, SM2_BYTES));
  const s = bytesToNumberBE(signature.subarray(SM2_BYTES));
  if (!Sm2Fn.isValidNot0(r) || !Sm2Fn.isValidNot0(s)) fail('ERR_SIGNATURE', 'sm2: r or s outside [1, n-1]');
  return hexToBytes(DER.hexFromSig({ r, s }));
}

/**
 * Converts a DER SM2 signature (`SEQUENCE { INTEGER r, INTEGER s }`, strict DER: minimal lengths and
 * integers, no trailing bytes) to raw `r ‖ s` (64 bytes).
 *
 * @param der - the DER bytes, e.g. from OpenSSL, GmSSL or an X.509 certificate.
 * @returns the 64-byte raw signature.
 * @throws DeltaIdError `ERR_SIGNATURE` for malformed DER or r or s outside [1, n-1].
 * @example
 * ```ts
 * sm2.verify(sm2SignatureFromDer(opensslSig), msg, publicKey);
 * ```
 * @see GM/T 0009-2012 §7.3.
 */
export function sm2SignatureFromDer(der: Uint8Array): Uint8Array {
  if (!(der instanceof Uint8Array)) fail('ERR_SIGNATURE', 'sm2: DER signature must be a Uint8Array');
  let parsed: { r: bigint; s: bigint };
  try {
    // 33 bytes: a 256-bit integer with its high bit set needs a leading zero.
    parsed = DER.toSig(der, SM2_BYTES + 1);
  } catch (cause) {
    return fail('ERR_SIGNATURE', 'sm2: malformed DER signature', cause);
  }
  const { r, s } = parsed;
  if (!Sm2Fn.isValidNot0(r) || !Sm2Fn.isValidNot0(s)) fail('ERR_SIGNATURE', 'sm2: r or s outside [1, n-1]');
  return concatBytes(numberToBytesBE(r, SM2_BYTES), numberToBytesBE(s, SM2_BYTES));
}
