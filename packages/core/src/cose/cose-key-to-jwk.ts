import { toBase64Url } from '../bytes.js';
import type { PrivateJwk, PublicJwk } from '../crypto/types.js';
import { DeltaIdError } from '../errors.js';
import { COSE_ALG } from './headers.js';
import { CURVE_BYTES } from './internal/jwk-bytes.js';
import { COSE_CRV, COSE_KEY, COSE_KTY } from './key-params.js';

function keyError(message: string): DeltaIdError {
  return new DeltaIdError('ERR_KEY', `COSE_Key: ${message}`);
}

const CRV_BY_ID: ReadonlyMap<unknown, PublicJwk['crv']> = new Map([
  [COSE_CRV['P-256'], 'P-256'],
  [COSE_CRV['P-384'], 'P-384'],
  [COSE_CRV.SM2, 'SM2'],
  [COSE_CRV.Ed25519, 'Ed25519'],
]);

/** The only algorithm each curve is used with; a COSE_Key `alg` (label 3) must agree. */
const ALG_OF_CRV: Readonly<Record<PublicJwk['crv'], number>> = {
  'P-256': COSE_ALG.ES256,
  'P-384': COSE_ALG.ES384,
  SM2: COSE_ALG.SM2,
  Ed25519: COSE_ALG.EdDSA,
};

function bytesParam(
  key: ReadonlyMap<unknown, unknown>,
  label: number,
  name: string,
  length: number,
): Uint8Array {
  const v = key.get(label);
  if (!(v instanceof Uint8Array)) throw keyError(`${name} (${label}) must be a byte string`);
  if (v.length !== length) throw keyError(`${name} (${label}) must be ${length} bytes, got ${v.length}`);
  return v;
}

/**
 * Converts a COSE_Key to a JWK. Supports EC2 (kty 2) on P-256 (crv 1), P-384 (crv 2) and SM2
 * (crv -65537, private use) with uncompressed coordinates, and OKP (kty 1) Ed25519 (crv 6). A private
 * key (`d`, label -4) yields a {@link PrivateJwk}.
 *
 * Coordinates are checked for type and length, not for lying on the curve: importing the JWK into a
 * crypto provider does that. The COSE `kid` (bytes) is not copied: JWK `kid` is a string and there is
 * no standard mapping; read label 2 yourself when you need it.
 *
 * @param key - a COSE_Key as a `Map` (what `decodeCbor` returns for it).
 * @returns the JWK.
 * @throws DeltaIdError `ERR_KEY` for anything else: not a map, unknown kty or crv, compressed
 *   `y` (a boolean), wrong lengths, or an `alg` that does not belong to the curve.
 * @example
 * ```ts
 * const jwk = coseKeyToJwk(decodeCbor(coseKeyBytes));
 * const key = await crypto.importPublicKey('ES256', jwk);
 * ```
 * @see RFC 9052 §7, RFC 9053 §7.1.1 (EC2), §7.2 (OKP)
 */
export function coseKeyToJwk(key: ReadonlyMap<number, unknown> | unknown): PublicJwk | PrivateJwk {
  if (!(key instanceof Map)) throw keyError('must be a map');
  const kty = key.get(COSE_KEY.kty);
  if (kty !== COSE_KTY.EC2 && kty !== COSE_KTY.OKP) throw keyError(`kty (1) ${String(kty)} is not supported`);
  const crv = CRV_BY_ID.get(key.get(COSE_KEY.crv));
  if (crv === undefined) throw keyError(`crv (-1) ${String(key.get(COSE_KEY.crv))} is not supported`);
  if ((crv === 'Ed25519') !== (kty === COSE_KTY.OKP)) throw keyError(`crv ${crv} does not fit kty ${kty}`);
  const alg = key.get(COSE_KEY.alg);
  if (alg !== undefined && alg !== ALG_OF_CRV[crv])
    throw keyError(`alg (3) ${String(alg)} does not fit crv ${crv}`);

  const n = CURVE_BYTES[crv];
  const x = toBase64Url(bytesParam(key, COSE_KEY.x, 'x', n));
  let pub: PublicJwk;
  if (kty === COSE_KTY.EC2) {
    if (typeof key.get(COSE_KEY.y) === 'boolean')
      throw keyError('compressed points (y as a sign bit) are not supported');
    pub = { kty: 'EC', crv, x, y: toBase64Url(bytesParam(key, COSE_KEY.y, 'y', n)) };
  } else {
    if (key.has(COSE_KEY.y)) throw keyError('OKP keys have no y (-3)');
    pub = { kty: 'OKP', crv, x };
  }
  if (!key.has(COSE_KEY.d)) return pub;
  return { ...pub, d: toBase64Url(bytesParam(key, COSE_KEY.d, 'd', n)) };
}
