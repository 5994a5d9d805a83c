import { fromBase64Url } from '../../bytes.js';
import type { PublicJwk } from '../../crypto/types.js';
import { DeltaIdError } from '../../errors.js';

/** Coordinate / scalar length in bytes for each curve. */
export const CURVE_BYTES: Readonly<Record<PublicJwk['crv'], number>> = {
  'P-256': 32,
  'P-384': 48,
  SM2: 32,
  Ed25519: 32,
};

const KTY_OF_CRV: Readonly<Record<PublicJwk['crv'], PublicJwk['kty']>> = {
  'P-256': 'EC',
  'P-384': 'EC',
  SM2: 'EC',
  Ed25519: 'OKP',
};

const B64URL = /^[A-Za-z0-9_-]*$/;

function keyError(message: string): DeltaIdError {
  return new DeltaIdError('ERR_KEY', message);
}

function member(jwk: object, name: string, length: number): Uint8Array {
  const v: unknown = Reflect.get(jwk, name);
  if (typeof v !== 'string' || !B64URL.test(v)) throw keyError(`JWK ${name} must be a base64url string`);
  let bytes: Uint8Array;
  try {
    bytes = fromBase64Url(v);
  } catch (cause) {
    throw new DeltaIdError('ERR_KEY', `JWK ${name} is not valid base64url`, { cause });
  }
  if (bytes.length !== length) throw keyError(`JWK ${name} must be ${length} bytes, got ${bytes.length}`);
  return bytes;
}

/** The checked parts of a JWK. */
export interface JwkParts {
  readonly kty: PublicJwk['kty'];
  readonly crv: PublicJwk['crv'];
  readonly x: Uint8Array;
  readonly y: Uint8Array | undefined;
  readonly d: Uint8Array | undefined;
}

/**
 * Validates a JWK of the four supported curves (kty/crv agree, lengths right) and decodes its members.
 * Callers may pass JWKs from configuration files, so everything is checked at run time.
 */
export function readJwk(jwk: unknown): JwkParts {
  if (typeof jwk !== 'object' || jwk === null) throw keyError('JWK must be an object');
  const rec: object = jwk;
  const crv: unknown = Reflect.get(rec, 'crv');
  if (crv !== 'P-256' && crv !== 'P-384' && crv !== 'SM2' && crv !== 'Ed25519') {
    throw keyError(`JWK crv ${JSON.stringify(crv)} is not supported`);
  }
  const kty = KTY_OF_CRV[crv];
  if (Reflect.get(rec, 'kty') !== kty) throw keyError(`JWK kty must be ${kty} for crv ${crv}`);
  const n = CURVE_BYTES[crv];
  const x = member(rec, 'x', n);
  const y = kty === 'EC' ? member(rec, 'y', n) : undefined;
  if (kty === 'OKP' && Reflect.get(rec, 'y') !== undefined) throw keyError('OKP JWK must not have y');
  const d = Reflect.get(rec, 'd') === undefined ? undefined : member(rec, 'd', n);
  return { kty, crv, x, y, d };
}
