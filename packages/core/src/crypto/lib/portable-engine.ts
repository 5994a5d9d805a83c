/**
 * The @noble/curves engine for all four algorithms on raw keys: the portable provider runs on it, and the
 * native providers use it for SM2 (neither node:crypto nor WebCrypto does GB/T 32918 SM2 with an ID) and,
 * in WebCrypto without Ed25519, for EdDSA. Internal.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { p256, p384 } from '@noble/curves/nist.js';
import { sm2 } from '../sm2.js';
import type { SignatureAlg } from '../types.js';
import { SIGNATURE_BYTES } from './ec.js';
import type { ParsedPrivateKey, ParsedPublicKey } from './jwk.js';

/** A public key ready for verification; `z` is SM2's Z_A for the key's distinguishing ID, computed once. */
export interface PortablePublicKey {
  readonly raw: Uint8Array;
  readonly z: Uint8Array | undefined;
}

/** A private key ready for signing; `z` as in {@link PortablePublicKey}. */
export interface PortablePrivateKey extends PortablePublicKey {
  readonly d: Uint8Array;
}

const ECDSA = { ES256: p256, ES384: p384 } as const;

/** Prepares a validated public key; for SM2 computes Z_A (GB/T 32918.2 §5.5) so each verify skips it. */
export function portablePublicKey(
  key: Omit<ParsedPublicKey, 'jwk'>,
  sm2UserId: Uint8Array,
): PortablePublicKey {
  return { raw: key.raw, z: key.alg === 'SM2' ? sm2.computeZ(key.raw, sm2UserId) : undefined };
}

/** Prepares a validated private key (see {@link portablePublicKey}). */
export function portablePrivateKey(
  key: Omit<ParsedPrivateKey, 'jwk'>,
  sm2UserId: Uint8Array,
): PortablePrivateKey {
  return { raw: key.raw, z: key.alg === 'SM2' ? sm2.computeZ(key.raw, sm2UserId) : undefined, d: key.d };
}

/**
 * Verifies a raw signature; never throws. High-S ECDSA signatures are accepted (`lowS: false`): issuers
 * using OpenSSL, HSMs or WebCrypto produce them half the time and they are valid (FIPS 186-5 §6.4.2).
 * Ed25519 is checked strictly per RFC 8032 §5.1.7 (no ZIP-215 leniency), as node:crypto and WebCrypto do.
 */
export function portableVerify(
  alg: SignatureAlg,
  key: PortablePublicKey,
  data: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (signature.length !== SIGNATURE_BYTES[alg]) return false;
  try {
    switch (alg) {
      case 'EdDSA':
        return ed25519.verify(signature, data, key.raw, { zip215: false });
      case 'SM2':
        return sm2.verify(signature, data, key.raw, { z: key.z });
      default:
        return ECDSA[alg].verify(signature, data, key.raw, { lowS: false, prehash: true, format: 'compact' });
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
