/**
 * Signature-shape helpers shared by every provider: lengths, curve orders and low-S normalisation.
 * Internal: never exported from the package.
 */
import type { SignatureAlg } from '../types.js';

/** Group orders n of the Weierstrass curves (FIPS 186-5 / SP 800-186 §3.2.1, GB/T 32918.5 §A.2). */
const ORDER: Readonly<Record<Exclude<SignatureAlg, 'EdDSA'>, bigint>> = {
  ES256: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
  ES384: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
  SM2: 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n,
};

/** Byte length of one scalar (r, s, d) or one coordinate for each algorithm. */
export const SCALAR_BYTES: Readonly<Record<SignatureAlg, number>> = {
  ES256: 32,
  ES384: 48,
  EdDSA: 32,
  SM2: 32,
};

/** Raw signature length: r‖s for ECDSA and SM2 (RFC 9053 §2.1), R‖S for Ed25519 (RFC 8032 §5.1.6). */
export const SIGNATURE_BYTES: Readonly<Record<SignatureAlg, number>> = {
  ES256: 64,
  ES384: 96,
  EdDSA: 64,
  SM2: 64,
};

/** The group order n of a Weierstrass algorithm. */
export function curveOrder(alg: Exclude<SignatureAlg, 'EdDSA'>): bigint {
  return ORDER[alg];
}

export function bytesToBigInt(bytes: Uint8Array): bigint {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return v;
}

export function bigIntToBytes(v: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = v;
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  return out;
}

/** True when the `s` half of a raw ECDSA signature is above n/2 (a "high-S" signature, SEC 1 §4.1.3 malleability). */
export function isHighS(alg: 'ES256' | 'ES384', signature: Uint8Array): boolean {
  const half = SCALAR_BYTES[alg];
  return bytesToBigInt(signature.subarray(half)) > ORDER[alg] >> 1n;
}

/**
 * Returns the signature with `s` replaced by `n − s` when it is high. Both forms verify, so this changes nothing
 * for verifiers; it keeps our output canonical (one signature per (key, message, k)), as Bitcoin's BIP 62 and
 * many verifiers with a low-S policy expect. Node's and WebCrypto's ECDSA return either half at random.
 */
export function normaliseLowS(alg: 'ES256' | 'ES384', signature: Uint8Array): Uint8Array {
  const half = SCALAR_BYTES[alg];
  const n = ORDER[alg];
  const s = bytesToBigInt(signature.subarray(half));
  if (s <= n >> 1n) return signature;
  const out = new Uint8Array(signature.length);
  out.set(signature.subarray(0, half));
  out.set(bigIntToBytes(n - s, half), half);
  return out;
}
