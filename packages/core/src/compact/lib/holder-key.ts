import { concatBytes, fromBase64Url } from '../../bytes.js';
import type { PublicJwk, SignatureAlg } from '../../crypto/types.js';
import { DeltaIdError } from '../../errors.js';
import type { RawPublicKey } from '../raw-public-key.js';

/**
 * The holder's device key inside `cnf` (RFC 8747) as a COSE_Key (RFC 9052 §7, RFC 9053 §7.1). EC2 keys use point
 * compression (`-3` as a boolean: the sign bit of y) — 33 bytes saved in every QR code; the verifier's provider
 * decompresses natively when it imports the key.
 */

const KTY_OKP = 1;
const KTY_EC2 = 2;
// COSE curve ids: P-256 1, P-384 2, Ed25519 6; SM2 has no IANA value: private use, the same number as its alg.
const CRV_TO_ALG: ReadonlyMap<number, SignatureAlg> = new Map([
  [1, 'ES256'],
  [2, 'ES384'],
  [6, 'EdDSA'],
  [-65537, 'SM2'],
]);
const ALG_TO_CRV: Readonly<Record<SignatureAlg, number>> = { ES256: 1, ES384: 2, EdDSA: 6, SM2: -65537 };
const COORD_BYTES: Readonly<Record<SignatureAlg, number>> = { ES256: 32, ES384: 48, EdDSA: 32, SM2: 32 };

/** Raw form of a public JWK (no validation here: the issuer validated the key when it imported it). */
export function rawFromJwk(alg: SignatureAlg, jwk: PublicJwk): RawPublicKey {
  const x = fromBase64Url(jwk.x);
  if (alg === 'EdDSA') return { alg, raw: x };
  if (jwk.y === undefined) throw new DeltaIdError('ERR_KEY', 'an EC public JWK needs y');
  return { alg, raw: concatBytes(Uint8Array.of(0x04), x, fromBase64Url(jwk.y)) };
}

export function encodeHolderKey(key: RawPublicKey): Map<number, unknown> {
  if (key.alg === 'EdDSA') {
    return new Map<number, unknown>([
      [1, KTY_OKP],
      [-1, ALG_TO_CRV.EdDSA],
      [-2, key.raw],
    ]);
  }
  const n = COORD_BYTES[key.alg];
  const x = key.raw.subarray(1, 1 + n);
  const yOdd = key.raw[0] === 0x04 ? (key.raw[2 * n]! & 1) === 1 : key.raw[0] === 0x03;
  return new Map<number, unknown>([
    [1, KTY_EC2],
    [-1, ALG_TO_CRV[key.alg]],
    [-2, x],
    [-3, yOdd],
  ]);
}

function bad(message: string): DeltaIdError {
  return new DeltaIdError('ERR_STRUCTURE', `cnf key: ${message}`, { details: { field: 'cnf' } });
}

/** Reads the holder key; refuses anything but the compact forms above (no private parts, no extra labels). */
export function decodeHolderKey(v: unknown): RawPublicKey {
  if (!(v instanceof Map)) throw bad('must be a COSE_Key map');
  const kty = v.get(1);
  const crv = v.get(-1);
  const alg = typeof crv === 'number' ? CRV_TO_ALG.get(crv) : undefined;
  const x = v.get(-2);
  if (alg === undefined) throw bad('unsupported curve');
  if (!(x instanceof Uint8Array) || x.length !== COORD_BYTES[alg]) throw bad('x has the wrong length');
  if (alg === 'EdDSA') {
    if (kty !== KTY_OKP || v.size !== 3) throw bad('an Ed25519 key must be {1:1, -1:6, -2:x}');
    return { alg, raw: x };
  }
  const y = v.get(-3);
  if (kty !== KTY_EC2 || v.size !== 4 || typeof y !== 'boolean')
    throw bad('an EC2 key must be {1:2, -1:crv, -2:x, -3:bool}');
  return { alg, raw: concatBytes(Uint8Array.of(y ? 0x03 : 0x02), x) };
}
