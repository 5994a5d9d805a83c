/**
 * JWK <-> raw key conversion and validation for every algorithm (RFC 7518 §6.2, RFC 8037 §2). Every provider
 * imports keys through here, so "which keys are acceptable" has one answer. Internal.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { p256, p384 } from '@noble/curves/nist.js';
import { concatBytes, equalBytes, fromBase64Url, toBase64Url } from '../../bytes.js';
import { DeltaIdError } from '../../errors.js';
import { sm2 } from '../sm2.js';
import { CURVE_OF_ALG, type PrivateJwk, type PublicJwk, type SignatureAlg } from '../types.js';
import { bytesToBigInt, curveOrder, SCALAR_BYTES } from './ec.js';
import { portablePublicFromSecret } from './portable-engine.js';

/** A validated public key: its canonical public JWK and its raw form (SEC 1 `04‖x‖y`, or Ed25519's 32 bytes). */
export interface ParsedPublicKey {
  readonly alg: SignatureAlg;
  readonly jwk: PublicJwk;
  readonly raw: Uint8Array;
}

/** A validated private key: the public part plus the secret scalar (Ed25519: the 32-byte seed). */
export interface ParsedPrivateKey extends ParsedPublicKey {
  readonly d: Uint8Array;
}

const EC_UNCOMPRESSED = 0x04;

/** Throws unless `raw` is a valid public key of the algorithm's curve (on the curve, not the identity). */
const ASSERT_PUBLIC: Readonly<Record<SignatureAlg, (raw: Uint8Array) => void>> = {
  ES256: (raw) => p256.Point.fromBytes(raw).assertValidity(),
  ES384: (raw) => p384.Point.fromBytes(raw).assertValidity(),
  EdDSA: (raw) => {
    // Strict RFC 8032 decoding (no ZIP-215 leniency); a small-order key makes forgeries easy, refuse it.
    if (ed25519.Point.fromBytes(raw, false).isSmallOrder()) throw new Error('small-order point');
  },
  SM2: (raw) => sm2.Point.fromBytes(raw).assertValidity(),
};

const B64URL = /^[A-Za-z0-9_-]*$/;

function keyError(message: string, cause?: unknown): DeltaIdError<'ERR_KEY'> {
  return new DeltaIdError('ERR_KEY', message, cause === undefined ? {} : { cause });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Decodes a base64url member that must be exactly `length` bytes; non-canonical encodings are refused. */
function member(jwk: Record<string, unknown>, name: string, length: number): Uint8Array {
  const value = jwk[name];
  if (typeof value !== 'string' || !B64URL.test(value)) {
    throw keyError(`JWK member "${name}" must be a base64url string`);
  }
  let bytes: Uint8Array;
  try {
    bytes = fromBase64Url(value);
  } catch (cause) {
    throw keyError(`JWK member "${name}" is not valid base64url`, cause);
  }
  if (bytes.length !== length) throw keyError(`JWK member "${name}" must be ${length} bytes`);
  if (toBase64Url(bytes) !== value) throw keyError(`JWK member "${name}" is not canonical base64url`);
  return bytes;
}

function kidOf(jwk: Record<string, unknown>): string | undefined {
  const kid = jwk.kid;
  if (kid === undefined) return undefined;
  if (typeof kid !== 'string') throw keyError('JWK member "kid" must be a string');
  return kid;
}

/** Builds the canonical public JWK (only kty, crv, x, y, kid) from a raw public key. */
export function publicJwkFromRaw(alg: SignatureAlg, raw: Uint8Array, kid?: string): PublicJwk {
  const crv = CURVE_OF_ALG[alg];
  const kidPart = kid === undefined ? {} : { kid };
  if (alg === 'EdDSA') return Object.freeze({ kty: 'OKP', crv, x: toBase64Url(raw), ...kidPart });
  const size = SCALAR_BYTES[alg];
  return Object.freeze({
    kty: 'EC',
    crv,
    x: toBase64Url(raw.subarray(1, 1 + size)),
    y: toBase64Url(raw.subarray(1 + size, 1 + 2 * size)),
    ...kidPart,
  });
}

/** The private JWK for a secret `d` and its raw public key. */
export function privateJwkFromRaw(alg: SignatureAlg, d: Uint8Array, raw: Uint8Array): PrivateJwk {
  return Object.freeze({ ...publicJwkFromRaw(alg, raw), d: toBase64Url(d) });
}

/**
 * Validates a public JWK for `alg`: kty and crv must match the algorithm, coordinates must be canonical
 * base64url of the exact field length, and the point must be on the curve (and, for Ed25519, not of small order).
 *
 * @throws DeltaIdError `ERR_KEY` for anything else.
 */
export function parsePublicJwk(alg: SignatureAlg, jwk: unknown): ParsedPublicKey {
  const assertPublic = Object.hasOwn(ASSERT_PUBLIC, alg) ? ASSERT_PUBLIC[alg] : undefined;
  if (assertPublic === undefined) throw keyError('unsupported signature algorithm');
  if (!isRecord(jwk)) throw keyError('JWK must be an object');
  const crv = CURVE_OF_ALG[alg];
  const kty = alg === 'EdDSA' ? 'OKP' : 'EC';
  if (jwk.kty !== kty) throw keyError(`JWK "kty" must be ${kty} for ${alg}`);
  if (jwk.crv !== crv) throw keyError(`JWK "crv" must be ${crv} for ${alg}`);
  const size = SCALAR_BYTES[alg];
  const x = member(jwk, 'x', size);
  let raw: Uint8Array;
  if (alg === 'EdDSA') {
    if (jwk.y !== undefined) throw keyError('OKP JWK must not carry "y"');
    raw = x;
  } else {
    raw = concatBytes(Uint8Array.of(EC_UNCOMPRESSED), x, member(jwk, 'y', size));
  }
  try {
    assertPublic(raw);
  } catch (cause) {
    throw keyError(`JWK is not a valid ${crv} public key`, cause);
  }
  return { alg, jwk: publicJwkFromRaw(alg, raw, kidOf(jwk)), raw };
}

/** Decodes SEC 1 `02|03‖x` or `04‖x‖y` into a validated uncompressed `04‖x‖y`; throws for anything invalid. */
export type PointDecoder = (alg: 'ES256' | 'ES384', sec1: Uint8Array) => Uint8Array;

const DECODE: Readonly<Record<'ES256' | 'ES384' | 'SM2', (sec1: Uint8Array) => Uint8Array>> = {
  ES256: (sec1) => p256.Point.fromBytes(sec1).toBytes(false),
  ES384: (sec1) => p384.Point.fromBytes(sec1).toBytes(false),
  SM2: (sec1) => sm2.Point.fromBytes(sec1).toBytes(false),
};

/**
 * Validates a raw public key for `alg`: SEC 1 compressed (`02|03‖x`) or uncompressed (`04‖x‖y`) for the
 * Weierstrass curves (SEC 1 v2 §2.3.3–2.3.4; hybrid and identity encodings are refused), the 32-byte
 * encoding for Ed25519 (RFC 8032 §5.1.3). `nativeDecoder`, when given, decodes ES256 / ES384 points with the
 * platform (OpenSSL), which validates them as it decompresses.
 *
 * @throws DeltaIdError `ERR_KEY`.
 */
export function parseRawPublicKey(
  alg: SignatureAlg,
  sec1: unknown,
  nativeDecoder?: PointDecoder,
): ParsedPublicKey {
  if (!Object.hasOwn(ASSERT_PUBLIC, alg)) throw keyError('unsupported signature algorithm');
  if (!(sec1 instanceof Uint8Array)) throw keyError('raw public key must be a Uint8Array');
  if (alg === 'EdDSA') {
    if (sec1.length !== SCALAR_BYTES.EdDSA) throw keyError('Ed25519 public key must be 32 bytes');
    try {
      ASSERT_PUBLIC.EdDSA(sec1);
    } catch (cause) {
      throw keyError('not a valid Ed25519 public key', cause);
    }
    const raw = sec1.slice();
    return { alg, jwk: publicJwkFromRaw(alg, raw), raw };
  }
  const size = SCALAR_BYTES[alg];
  const prefix = sec1[0];
  const compressed = sec1.length === 1 + size && (prefix === 0x02 || prefix === 0x03);
  const uncompressed = sec1.length === 1 + 2 * size && prefix === EC_UNCOMPRESSED;
  if (!compressed && !uncompressed) throw keyError(`${alg} public key must be SEC 1 02|03‖x or 04‖x‖y`);
  let raw: Uint8Array;
  try {
    raw = nativeDecoder !== undefined && alg !== 'SM2' ? nativeDecoder(alg, sec1) : DECODE[alg](sec1);
  } catch (cause) {
    throw keyError(`not a valid ${CURVE_OF_ALG[alg]} public key`, cause);
  }
  if (raw.length !== 1 + 2 * size || raw[0] !== EC_UNCOMPRESSED) throw keyError('point decoding failed');
  return { alg, jwk: publicJwkFromRaw(alg, raw), raw };
}

/**
 * Validates a private JWK: the public part as {@link parsePublicJwk}, `d` in range, and `d` must produce the
 * given public key (node:crypto would otherwise sign with `d` while reporting the other public key).
 *
 * @throws DeltaIdError `ERR_KEY`.
 */
export function parsePrivateJwk(alg: SignatureAlg, jwk: unknown): ParsedPrivateKey {
  const pub = parsePublicJwk(alg, jwk);
  if (!isRecord(jwk)) throw keyError('JWK must be an object');
  const d = member(jwk, 'd', SCALAR_BYTES[alg]);
  if (alg !== 'EdDSA') {
    const scalar = bytesToBigInt(d);
    // SM2 needs (1 + d) invertible mod n, so its range stops at n − 2 (GB/T 32918.1 §6.1).
    const limit = alg === 'SM2' ? curveOrder(alg) - 1n : curveOrder(alg);
    if (scalar === 0n || scalar >= limit) throw keyError('JWK "d" is out of range');
  }
  let derived: Uint8Array;
  try {
    derived = portablePublicFromSecret(alg, d);
  } catch (cause) {
    throw keyError('JWK "d" is not a valid secret key', cause);
  }
  if (!equalBytes(derived, pub.raw)) throw keyError('JWK "d" does not match its public key');
  return { ...pub, d };
}
