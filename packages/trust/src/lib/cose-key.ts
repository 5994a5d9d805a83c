import {
  algFromCose,
  COSE_ALG,
  CURVE_OF_ALG,
  coseKeyToJwk,
  DeltaIdError,
  jwkToCoseKey,
  type PublicJwk,
  type SignatureAlg,
} from '@deltaid/core';

/**
 * COSE_Key (RFC 9052 §7) for the public keys a trust list carries: core's conversion plus `alg` (label 3),
 * so a verifier never has to guess the algorithm from the curve.
 */
export function publicKeyToCose(alg: SignatureAlg, jwk: PublicJwk): Map<number, unknown> {
  const m = jwkToCoseKey({
    kty: jwk.kty,
    crv: jwk.crv,
    x: jwk.x,
    ...(jwk.y === undefined ? {} : { y: jwk.y }),
  });
  m.set(3, COSE_ALG[alg]);
  return m;
}

const ALGS: readonly SignatureAlg[] = ['ES256', 'ES384', 'EdDSA', 'SM2'];
const ALG_OF_CURVE = new Map(ALGS.map((alg) => [CURVE_OF_ALG[alg], alg] as const));

export function publicKeyFromCose(v: unknown): { alg: SignatureAlg; jwk: PublicJwk } {
  const jwk = coseKeyToJwk(v);
  // A private scalar in a published list is an operator mistake worth refusing loudly.
  if ('d' in jwk) throw new DeltaIdError('ERR_KEY', 'COSE_Key: a trust list must not carry a private key');
  const algId = v instanceof Map ? v.get(3) : undefined;
  const alg = typeof algId === 'number' ? algFromCose(algId) : ALG_OF_CURVE.get(jwk.crv);
  if (alg === undefined || CURVE_OF_ALG[alg] !== jwk.crv)
    throw new DeltaIdError('ERR_KEY', 'COSE_Key: alg (3)');
  return { alg, jwk };
}
