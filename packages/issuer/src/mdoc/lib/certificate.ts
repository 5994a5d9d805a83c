import {
  concatBytes,
  DeltaIdError,
  type Digests,
  fromBase64Url,
  type PrivateKeyHandle,
  type PublicJwk,
  type Randomness,
  type Signs,
} from '@deltaid/core';
import type { CertificateName } from '../types.js';
import {
  bitString,
  bool,
  ecdsaRawToDer,
  explicit,
  octets,
  oid,
  printable,
  seq,
  set,
  smallInt,
  time,
  uint,
  utf8String,
} from './der-writer.js';

const CURVE = {
  'P-256': { oid: '1.2.840.10045.3.1.7', sig: '1.2.840.10045.4.3.2', alg: 'ES256' },
  'P-384': { oid: '1.3.132.0.34', sig: '1.2.840.10045.4.3.3', alg: 'ES384' },
} as const;

export function encodeName(n: CertificateName): Uint8Array {
  const rdn = (type: string, value: Uint8Array) => set(seq(oid(type), value));
  const parts = [rdn('2.5.4.6', printable(n.country))];
  if (n.stateOrProvince !== undefined) parts.push(rdn('2.5.4.8', utf8String(n.stateOrProvince)));
  if (n.organization !== undefined) parts.push(rdn('2.5.4.10', utf8String(n.organization)));
  parts.push(rdn('2.5.4.3', utf8String(n.commonName)));
  return seq(...parts);
}

export function curveOf(jwk: PublicJwk): (typeof CURVE)[keyof typeof CURVE] {
  if (jwk.kty !== 'EC' || (jwk.crv !== 'P-256' && jwk.crv !== 'P-384') || jwk.y === undefined) {
    throw new DeltaIdError(
      'ERR_UNSUPPORTED',
      'mdoc certificates use P-256 or P-384 keys (ISO/IEC 18013-5 Annex B)',
    );
  }
  return CURVE[jwk.crv];
}

export function spki(jwk: PublicJwk): { der: Uint8Array; point: Uint8Array } {
  const c = curveOf(jwk);
  const point = concatBytes(Uint8Array.of(4), fromBase64Url(jwk.x), fromBase64Url(jwk.y ?? ''));
  return { der: seq(seq(oid('1.2.840.10045.2.1'), oid(c.oid)), bitString(point)), point };
}

/** Key identifier: leftmost 160 bits of SHA-256 over the public key bits (RFC 7093 §2 method 1). */
export async function keyId(point: Uint8Array, crypto: Digests): Promise<Uint8Array> {
  return (await crypto.digest('SHA-256', point)).subarray(0, 20);
}

export function extension(id: string, critical: boolean, value: Uint8Array): Uint8Array {
  return critical ? seq(oid(id), bool(true), octets(value)) : seq(oid(id), octets(value));
}

/** What one certificate needs; extensions are already encoded. */
export interface CertificateParts {
  readonly issuer: Uint8Array;
  readonly subject: Uint8Array;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly subjectPublicKeyInfo: Uint8Array;
  readonly extensions: readonly Uint8Array[];
}

/** Builds and signs a v3 certificate (RFC 5280 §4.1) with a random positive 16-byte serial. */
export async function signCertificate(
  parts: CertificateParts,
  signer: PrivateKeyHandle,
  crypto: Signs & Randomness,
): Promise<Uint8Array> {
  if (Number.isNaN(parts.notBefore.getTime()) || Number.isNaN(parts.notAfter.getTime())) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'notBefore and notAfter must be valid dates');
  }
  if (parts.notAfter.getTime() <= parts.notBefore.getTime()) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'notAfter must be after notBefore');
  }
  const sigOid = curveOf(signer.publicJwk).sig;
  const serial = crypto.randomBytes(16);
  // RFC 5280 §4.1.2.2: positive and non-zero; clearing the top bit keeps it at 16 bytes without padding.
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x01;
  const sigAlg = seq(oid(sigOid));
  const tbs = seq(
    explicit(0, smallInt(2)),
    uint(serial),
    sigAlg,
    parts.issuer,
    seq(time(parts.notBefore), time(parts.notAfter)),
    parts.subject,
    parts.subjectPublicKeyInfo,
    explicit(3, seq(...parts.extensions)),
  );
  const raw = await crypto.sign(signer, tbs);
  return seq(tbs, sigAlg, bitString(ecdsaRawToDer(raw)));
}
