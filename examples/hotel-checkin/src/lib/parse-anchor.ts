import { DeltaIdError, fromHex, type PublicJwk, type SignatureAlg } from '@deltaid/core';
import type { OperatorAnchor, Region } from '@deltaid/trust';

const ALGS: readonly SignatureAlg[] = ['ES256', 'ES384', 'EdDSA', 'SM2'];
const REGIONS: readonly Region[] = ['CN-SH', 'CN-JS', 'CN-ZJ', 'CN-AH'];
const CRVS: readonly PublicJwk['crv'][] = ['P-256', 'P-384', 'SM2', 'Ed25519'];

function bad(source: string, field: string): DeltaIdError {
  return new DeltaIdError('ERR_INVALID_ARGUMENT', `${source}: ${field} is missing or invalid`, {
    details: { field },
  });
}

function field(o: object, name: string): unknown {
  return Reflect.get(o, name);
}

/**
 * Reads a pinned anchor (`{ kid: hex, alg, publicKey: JWK, region? }`, as `deltaid key public [--region R]` prints it)
 * without casts. An anchor with a region is a regional operator key and signs only that region's list.
 */
export function parseAnchor(value: unknown, source: string): OperatorAnchor {
  if (typeof value !== 'object' || value === null) throw bad(source, 'anchor');
  const kid = field(value, 'kid');
  const alg = ALGS.find((a) => a === field(value, 'alg'));
  const pk = field(value, 'publicKey');
  if (typeof kid !== 'string' || !/^(?:[0-9a-f]{2})+$/i.test(kid)) throw bad(source, 'kid');
  if (alg === undefined) throw bad(source, 'alg');
  if (typeof pk !== 'object' || pk === null) throw bad(source, 'publicKey');
  const kty = field(pk, 'kty');
  const crv = CRVS.find((c) => c === field(pk, 'crv'));
  const x = field(pk, 'x');
  const y = field(pk, 'y');
  if (kty !== 'EC' && kty !== 'OKP') throw bad(source, 'publicKey.kty');
  if (crv === undefined) throw bad(source, 'publicKey.crv');
  if (typeof x !== 'string') throw bad(source, 'publicKey.x');
  if (y !== undefined && typeof y !== 'string') throw bad(source, 'publicKey.y');
  if ('d' in pk) throw bad(source, 'publicKey.d (a private key must never be pinned)');
  const rawRegion = field(value, 'region');
  const region = REGIONS.find((r) => r === rawRegion);
  if (rawRegion !== undefined && region === undefined) throw bad(source, 'region');
  const publicKey: PublicJwk = y === undefined ? { kty, crv, x } : { kty, crv, x, y };
  return { kid: fromHex(kid), alg, publicKey, ...(region === undefined ? {} : { region }) };
}
