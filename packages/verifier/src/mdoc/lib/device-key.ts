import { concatBytes, fromBase64Url, type PublicJwk, type SignatureAlg } from '@deltaid/core';

/** The signature algorithm a device key's curve implies (ISO/IEC 18013-5 §9.1.3.6 ties them together). */
export function algOfDeviceKey(jwk: PublicJwk): SignatureAlg {
  switch (jwk.crv) {
    case 'P-256':
      return 'ES256';
    case 'P-384':
      return 'ES384';
    case 'Ed25519':
      return 'EdDSA';
    case 'SM2':
      return 'SM2';
  }
}

/** SEC 1 uncompressed point of an EC JWK, or `undefined` for OKP keys. */
export function uncompressedPoint(jwk: PublicJwk): Uint8Array | undefined {
  if (jwk.kty !== 'EC' || jwk.y === undefined) return undefined;
  return concatBytes(Uint8Array.of(0x04), fromBase64Url(jwk.x), fromBase64Url(jwk.y));
}
