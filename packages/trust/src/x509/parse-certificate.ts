import { DeltaIdError, fromBase64Url, type PublicJwk, type SignatureAlg, toBase64Url } from '@deltaid/core';
import {
  DER,
  type DerElement,
  derBitStringBytes,
  derChildren,
  derContext,
  derError,
  derOid,
  derSmallInt,
  derTime,
  derUnsigned,
  expectTag,
  parseDer,
} from '../lib/der.js';

/**
 * Just the parts of an X.509 certificate (RFC 5280 §4.1) that trust decisions need. No general
 * path building, no name constraints, no policies: trust lists pin their anchors, so a chain is short and
 * known in advance.
 */
export interface ParsedCertificate {
  readonly der: Uint8Array;
  /** The `tbsCertificate` bytes as received; the issuer's signature covers these. */
  readonly tbs: Uint8Array;
  readonly serialNumber: Uint8Array;
  /** DER `Name` bytes, compared byte for byte (RFC 5280 §7.1 allows a simpler comparison when encodings match). */
  readonly issuer: Uint8Array;
  readonly subject: Uint8Array;
  readonly notBefore: number;
  readonly notAfter: number;
  /** The subject key; `undefined` when its algorithm or curve is not one Delta ID verifies with. */
  readonly publicKey: { readonly alg: SignatureAlg; readonly jwk: PublicJwk } | undefined;
  /** The signature algorithm OID the issuer used and the signature in COSE form (raw r‖s). */
  readonly signatureAlgorithm: string;
  readonly signature: Uint8Array;
  /** SubjectKeyIdentifier extension value (the bare keyIdentifier), if present. */
  readonly subjectKeyId: Uint8Array | undefined;
  /** AuthorityKeyIdentifier keyIdentifier, if present. */
  readonly authorityKeyId: Uint8Array | undefined;
  readonly isCA: boolean;
  /** KeyUsage keyCertSign bit; `undefined` when the extension is absent. */
  readonly keyCertSign: boolean | undefined;
  /** ExtendedKeyUsage KeyPurposeId OIDs (dotted); `undefined` when the extension is absent. */
  readonly extendedKeyUsage: readonly string[] | undefined;
}

export const OID = {
  ecPublicKey: '1.2.840.10045.2.1',
  p256: '1.2.840.10045.3.1.7',
  p384: '1.3.132.0.34',
  sm2: '1.2.156.10197.1.301',
  ed25519: '1.3.101.112',
  ecdsaSha256: '1.2.840.10045.4.3.2',
  ecdsaSha384: '1.2.840.10045.4.3.3',
  sm2Sm3: '1.2.156.10197.1.501',
  ski: '2.5.29.14',
  aki: '2.5.29.35',
  keyUsage: '2.5.29.15',
  basicConstraints: '2.5.29.19',
  extKeyUsage: '2.5.29.37',
} as const;

const CURVES: Readonly<Record<string, { alg: SignatureAlg; crv: PublicJwk['crv']; size: number }>> = {
  [OID.p256]: { alg: 'ES256', crv: 'P-256', size: 32 },
  [OID.p384]: { alg: 'ES384', crv: 'P-384', size: 48 },
  [OID.sm2]: { alg: 'SM2', crv: 'SM2', size: 32 },
};

/**
 * The Delta ID algorithm that verifies a certificate signature made with `sigOid` by a key of `keyAlg`.
 * ES256/ES384 fix the hash to the curve, so a P-256 key signing with SHA-384 is not expressible and is refused.
 */
export function certSignatureAlg(sigOid: string, keyAlg: SignatureAlg): SignatureAlg | undefined {
  if (sigOid === OID.ecdsaSha256 && keyAlg === 'ES256') return 'ES256';
  if (sigOid === OID.ecdsaSha384 && keyAlg === 'ES384') return 'ES384';
  if (sigOid === OID.ed25519 && keyAlg === 'EdDSA') return 'EdDSA';
  if (sigOid === OID.sm2Sm3 && keyAlg === 'SM2') return 'SM2';
  return undefined;
}

/** SubjectPublicKeyInfo (RFC 5280 §4.1.2.7, RFC 5480, RFC 8410) → JWK; `undefined` for other algorithms. */
export function spkiToJwk(spki: DerElement): { alg: SignatureAlg; jwk: PublicJwk } | undefined {
  const [algId, keyBits] = derChildren(expectTag(spki, DER.SEQUENCE, 'subjectPublicKeyInfo'));
  const [algOid, params] = derChildren(expectTag(algId, DER.SEQUENCE, 'algorithm'));
  const alg = derOid(expectTag(algOid, DER.OID, 'algorithm OID'));
  const key = derBitStringBytes(expectTag(keyBits, DER.BIT_STRING, 'subjectPublicKey'));
  if (alg === OID.ed25519) {
    if (key.length !== 32) throw derError('Ed25519 key length');
    return { alg: 'EdDSA', jwk: { kty: 'OKP', crv: 'Ed25519', x: toBase64Url(key) } };
  }
  if (alg !== OID.ecPublicKey || params?.tag !== DER.OID) return undefined;
  const curve = CURVES[derOid(params)];
  if (curve === undefined) return undefined;
  // Compressed points would need point decompression; no issuer of the lists we read uses them.
  if (key.length !== 1 + 2 * curve.size || key[0] !== 0x04) {
    throw new DeltaIdError('ERR_UNSUPPORTED', 'only uncompressed EC points are supported');
  }
  return {
    alg: curve.alg,
    jwk: {
      kty: 'EC',
      crv: curve.crv,
      x: toBase64Url(key.subarray(1, 1 + curve.size)),
      y: toBase64Url(key.subarray(1 + curve.size)),
    },
  };
}

/** ECDSA-Sig-Value (RFC 3279 §2.2.3, SEQUENCE of r, s) → raw r‖s of `size` bytes each. */
export function ecdsaDerToRaw(sig: Uint8Array, size: number): Uint8Array {
  const [r, s, extra] = derChildren(expectTag(parseDer(sig), DER.SEQUENCE, 'ECDSA-Sig-Value'));
  if (r === undefined || s === undefined || extra !== undefined) throw derError('ECDSA-Sig-Value shape');
  const out = new Uint8Array(2 * size);
  for (const [i, part] of [derUnsigned(r), derUnsigned(s)].entries()) {
    if (part.length > size) throw derError('ECDSA integer too long');
    out.set(part, (i + 1) * size - part.length);
  }
  return out;
}

/**
 * Parses a DER X.509 certificate into the fields trust decisions need, with a bounded DER reader (64 KiB,
 * definite minimal lengths). Unknown extensions are skipped; nothing is verified here.
 *
 * @param der - the certificate bytes.
 * @returns tbs bytes, serial, issuer/subject Name bytes, validity (epoch s), the public key as a JWK with
 *   its algorithm (`undefined` for algorithms Delta ID does not verify), SKI, AKI, cA, keyCertSign, EKU, and
 *   the signature (ECDSA converted to raw r‖s).
 * @throws DeltaIdError `ERR_STRUCTURE` for anything that is not a well-formed v3 (or v1) certificate,
 *   `ERR_UNSUPPORTED` for a compressed EC point.
 * @example
 * ```ts
 * const ds = parseCertificate(x5chain[0]);
 * ds.authorityKeyId; // matches the IACA's subjectKeyId
 * ```
 * @see RFC 5280 §4.1, RFC 5480, RFC 8410
 */
export function parseCertificate(der: Uint8Array): ParsedCertificate {
  const [tbsEl, sigAlgEl, sigEl, extra] = derChildren(expectTag(parseDer(der), DER.SEQUENCE, 'Certificate'));
  if (extra !== undefined) throw derError('Certificate has extra fields');
  const tbs = expectTag(tbsEl, DER.SEQUENCE, 'tbsCertificate');
  const fields = derChildren(tbs);
  let i = 0;
  if (fields[0]?.tag === derContext(0)) {
    const [v] = derChildren(fields[0]);
    if (derSmallInt(expectTag(v, DER.INTEGER, 'version')) !== 2)
      throw derError('not an X.509 v3 certificate');
    i = 1;
  }
  const serial = expectTag(fields[i], DER.INTEGER, 'serialNumber').content;
  const issuer = expectTag(fields[i + 2], DER.SEQUENCE, 'issuer');
  const [nb, na] = derChildren(expectTag(fields[i + 3], DER.SEQUENCE, 'validity'));
  if (nb === undefined || na === undefined) throw derError('validity shape');
  const subject = expectTag(fields[i + 4], DER.SEQUENCE, 'subject');
  const spki = expectTag(fields[i + 5], DER.SEQUENCE, 'subjectPublicKeyInfo');
  const publicKey = spkiToJwk(spki);

  let subjectKeyId: Uint8Array | undefined;
  let authorityKeyId: Uint8Array | undefined;
  let isCA = false;
  let keyCertSign: boolean | undefined;
  let extendedKeyUsage: string[] | undefined;
  for (const f of fields.slice(i + 6)) {
    if (f.tag !== derContext(3)) continue;
    const [exts] = derChildren(f);
    for (const ext of derChildren(expectTag(exts, DER.SEQUENCE, 'extensions'))) {
      const parts = derChildren(expectTag(ext, DER.SEQUENCE, 'Extension'));
      const id = derOid(expectTag(parts[0], DER.OID, 'extnID'));
      const value = expectTag(parts[parts.length - 1], DER.OCTET_STRING, 'extnValue').content;
      if (id === OID.ski) {
        subjectKeyId = expectTag(parseDer(value), DER.OCTET_STRING, 'SubjectKeyIdentifier').content;
      } else if (id === OID.aki) {
        const kid = derChildren(expectTag(parseDer(value), DER.SEQUENCE, 'AuthorityKeyIdentifier')).find(
          (c) => c.tag === 0x80,
        );
        authorityKeyId = kid?.content;
      } else if (id === OID.basicConstraints) {
        const bc = derChildren(expectTag(parseDer(value), DER.SEQUENCE, 'BasicConstraints'));
        isCA = bc[0]?.tag === DER.BOOLEAN && bc[0].content[0] === 0xff;
      } else if (id === OID.keyUsage) {
        const ku = expectTag(parseDer(value), DER.BIT_STRING, 'KeyUsage').content;
        // Bit 5 (keyCertSign) of the first content byte after the unused-bits count.
        keyCertSign = ku.length > 1 && (ku[1]! & 0x04) !== 0;
      } else if (id === OID.extKeyUsage) {
        // RFC 5280 §4.2.1.12: SEQUENCE SIZE (1..MAX) OF KeyPurposeId.
        const purposes = derChildren(expectTag(parseDer(value), DER.SEQUENCE, 'ExtKeyUsageSyntax'));
        if (purposes.length === 0) throw derError('ExtKeyUsageSyntax is empty');
        extendedKeyUsage = purposes.map((p) => derOid(expectTag(p, DER.OID, 'KeyPurposeId')));
      }
    }
  }

  const [sigAlgOid] = derChildren(expectTag(sigAlgEl, DER.SEQUENCE, 'signatureAlgorithm'));
  const signatureAlgorithm = derOid(expectTag(sigAlgOid, DER.OID, 'signatureAlgorithm OID'));
  const sigBytes = derBitStringBytes(expectTag(sigEl, DER.BIT_STRING, 'signatureValue'));
  const signature =
    signatureAlgorithm === OID.ecdsaSha256 || signatureAlgorithm === OID.sm2Sm3
      ? ecdsaDerToRaw(sigBytes, 32)
      : signatureAlgorithm === OID.ecdsaSha384
        ? ecdsaDerToRaw(sigBytes, 48)
        : sigBytes;

  return {
    der,
    tbs: tbs.raw,
    serialNumber: serial,
    issuer: issuer.raw,
    subject: subject.raw,
    notBefore: derTime(nb),
    notAfter: derTime(na),
    publicKey,
    signatureAlgorithm,
    signature,
    subjectKeyId,
    authorityKeyId,
    isCA,
    keyCertSign,
    extendedKeyUsage,
  };
}

/**
 * Decodes the first `CERTIFICATE` block of a PEM text.
 *
 * @param pem - PEM text (RFC 7468).
 * @returns the DER bytes.
 * @throws DeltaIdError `ERR_STRUCTURE` when there is no CERTIFICATE block.
 * @example parseCertificate(pemToDer(rootPem))
 * @see RFC 7468 §2
 */
export function pemToDer(pem: string): Uint8Array {
  const m = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+)-----END CERTIFICATE-----/.exec(pem);
  if (m === null) throw new DeltaIdError('ERR_STRUCTURE', 'no PEM CERTIFICATE block');
  // base64 → base64url so core's decoder serves: no atob, which mini-programs lack.
  const b64u = (m[1] ?? '').replace(/\s+/g, '').replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  try {
    return fromBase64Url(b64u);
  } catch (cause) {
    throw new DeltaIdError('ERR_STRUCTURE', 'PEM body is not base64', { cause });
  }
}
