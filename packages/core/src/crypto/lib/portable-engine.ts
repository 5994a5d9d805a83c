/**
 * The @noble/curves engine for all four algorithms on raw keys: the portable provider runs on it, and the
 * native providers use it for SM2 (neither node:crypto nor WebCrypto does GB/T 32918 SM2 with an ID) and,
 * in WebCrypto without Ed25519, for EdDSA. Internal.
 */
import type { EdwardsPoint } from '@noble/curves/abstract/edwards.js';
import type { WeierstrassPoint } from '@noble/curves/abstract/weierstrass.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import { p256, p384 } from '@noble/curves/nist.js';
import { sm2 } from '../sm2.js';
import type { SignatureAlg } from '../types.js';
import { SIGNATURE_BYTES } from './ec.js';
import type { ParsedPrivateKey, ParsedPublicKey } from './jwk.js';
import { createLazyTable, type LazyTable, tableForUse } from './lazy-table.js';
import {
  type Ed25519PreparedKey,
  ES256_CURVE,
  ES384_CURVE,
  ecdsaVerifyPrepared,
  ed25519KeyTable,
  ed25519VerifyPrepared,
  prepareEd25519Key,
  tabledCopy,
} from './prepared-verify.js';
import { sm2VerifyPrepared } from './sm2-verify.js';

/**
 * The key decoded once at import, with its lazily built table (lazy-table.ts): a copy of the point
 * carrying noble's W = 6 table (`tabledCopy`), 1408 points for 256-bit curves, 2080 for P-384.
 */
type PreparedPublic =
  | {
      readonly alg: 'ES256' | 'ES384' | 'SM2';
      readonly point: WeierstrassPoint<bigint>;
      readonly slot: LazyTable<WeierstrassPoint<bigint>>;
    }
  | { readonly alg: 'EdDSA'; readonly key: Ed25519PreparedKey; readonly slot: LazyTable<EdwardsPoint> };

/** A public key ready for verification; `z` is SM2's Z_A for the key's distinguishing ID, computed once. */
export interface PortablePublicKey {
  readonly raw: Uint8Array;
  readonly z: Uint8Array | undefined;
  /** Internal verification state; absent on keys built by hand (then the raw bytes are decoded per call). */
  readonly prepared?: PreparedPublic | undefined;
}

/** A private key ready for signing; `z` as in {@link PortablePublicKey}. */
export interface PortablePrivateKey {
  readonly raw: Uint8Array;
  readonly z: Uint8Array | undefined;
  readonly d: Uint8Array;
}

const ECDSA = { ES256: p256, ES384: p384 } as const;
const ECDSA_CURVE = { ES256: ES256_CURVE, ES384: ES384_CURVE } as const;
const WEIERSTRASS = { ES256: p256.Point, ES384: p384.Point, SM2: sm2.Point } as const;

function prepare(alg: SignatureAlg, raw: Uint8Array): PreparedPublic | undefined {
  try {
    if (alg === 'EdDSA') {
      const key = prepareEd25519Key(raw);
      if (key === undefined) return undefined;
      return { alg, key, slot: createLazyTable(() => ed25519KeyTable(key.point)) };
    }
    // fromBytes checks the encoding, x, y < p and the curve equation; the identity has no encoding.
    const Point = WEIERSTRASS[alg];
    const decoded = Point.fromBytes(raw);
    if (decoded.is0()) return undefined;
    return {
      alg,
      point: decoded,
      slot: createLazyTable(() => tabledCopy(decoded, (affine) => Point.fromAffine(affine))),
    };
  } catch {
    return undefined;
  }
}

/**
 * Prepares a validated public key: decodes its point once (each verify then skips decoding) and, for SM2,
 * computes Z_A (GB/T 32918.2 §5.5).
 */
export function portablePublicKey(
  key: Omit<ParsedPublicKey, 'jwk'>,
  sm2UserId: Uint8Array,
): PortablePublicKey {
  return {
    raw: key.raw,
    z: key.alg === 'SM2' ? sm2.computeZ(key.raw, sm2UserId) : undefined,
    prepared: prepare(key.alg, key.raw),
  };
}

/** Prepares a validated private key (see {@link portablePublicKey}). */
export function portablePrivateKey(
  key: Omit<ParsedPrivateKey, 'jwk'>,
  sm2UserId: Uint8Array,
): PortablePrivateKey {
  return { raw: key.raw, z: key.alg === 'SM2' ? sm2.computeZ(key.raw, sm2UserId) : undefined, d: key.d };
}

/** The per-call decoding path, for keys without prepared state. */
function verifyRaw(
  alg: SignatureAlg,
  key: PortablePublicKey,
  data: Uint8Array,
  signature: Uint8Array,
): boolean {
  switch (alg) {
    case 'EdDSA':
      return ed25519.verify(signature, data, key.raw, { zip215: false });
    case 'SM2':
      return sm2.verify(signature, data, key.raw, { z: key.z });
    default:
      return ECDSA[alg].verify(signature, data, key.raw, { lowS: false, prehash: true, format: 'compact' });
  }
}

/**
 * Verifies a raw signature; never throws. High-S ECDSA signatures are accepted (`lowS: false`): issuers
 * using OpenSSL, HSMs or WebCrypto produce them half the time and they are valid (FIPS 186-5 §6.4.2).
 * Ed25519 is checked strictly per RFC 8032 §5.1.7 (no ZIP-215 leniency), as node:crypto and WebCrypto do.
 * Prepared keys take the decoded point, precomputed once the key is hot; results are identical.
 */
export function portableVerify(
  alg: SignatureAlg,
  key: PortablePublicKey,
  data: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (signature.length !== SIGNATURE_BYTES[alg]) return false;
  try {
    if (!('prepared' in key)) return verifyRaw(alg, key, data, signature);
    const prepared = key.prepared;
    // A key whose bytes did not decode, or a handle used under another algorithm, verifies nothing.
    if (prepared === undefined || prepared.alg !== alg) return false;
    switch (prepared.alg) {
      case 'EdDSA':
        return ed25519VerifyPrepared(prepared.key, tableForUse(prepared.slot), signature, data);
      case 'SM2':
        return (
          key.z !== undefined &&
          sm2VerifyPrepared(signature, data, key.z, tableForUse(prepared.slot) ?? prepared.point)
        );
      default:
        return ecdsaVerifyPrepared(
          ECDSA_CURVE[prepared.alg],
          signature,
          data,
          tableForUse(prepared.slot) ?? prepared.point,
        );
    }
  } catch {
    return false;
  }
}

/**
 * Signs `data`. ECDSA and SM2 use deterministic nonces (RFC 6979 / HMAC-DRBG) hedged with `entropy` when
 * given (RFC 6979 §3.6: a fault or a weak RNG then cannot leak the key); ECDSA output is always low-S.
 */
export function portableSign(
  alg: SignatureAlg,
  key: PortablePrivateKey,
  data: Uint8Array,
  entropy: Uint8Array | undefined,
): Uint8Array {
  switch (alg) {
    case 'EdDSA':
      return ed25519.sign(data, key.d);
    case 'SM2':
      return sm2.sign(data, key.d, { z: key.z, extraEntropy: entropy ?? false });
    default:
      return ECDSA[alg].sign(data, key.d, {
        lowS: true,
        prehash: true,
        format: 'compact',
        extraEntropy: entropy ?? false,
      });
  }
}

/**
 * A fresh secret key from `random`. ECDSA reduces n's length + 64 bits into 1..n−1 (FIPS 186-5 A.2.1);
 * SM2 draws 32 bytes until they land in 1..n−2 (rejection, so no bias; a retry has probability ~2⁻³²).
 */
export function portableSecretKey(alg: SignatureAlg, random: (length: number) => Uint8Array): Uint8Array {
  switch (alg) {
    case 'EdDSA':
      return random(32);
    case 'SM2':
      for (;;) {
        const d = random(32);
        if (sm2.isValidSecretKey(d)) return d;
      }
    default: {
      const curve = ECDSA[alg];
      return curve.utils.randomSecretKey(random(curve.lengths.seed ?? 48 + 16));
    }
  }
}

/** The raw public key (`04‖x‖y`, or Ed25519's 32 bytes) of a secret key. */
export function portablePublicFromSecret(alg: SignatureAlg, d: Uint8Array): Uint8Array {
  switch (alg) {
    case 'EdDSA':
      return ed25519.getPublicKey(d);
    case 'SM2':
      return sm2.getPublicKey(d, false);
    default:
      return ECDSA[alg].getPublicKey(d, false);
  }
}
