import {
  DeltaIdError,
  type Digests,
  type PrivateKeyHandle,
  type PublicJwk,
  type Randomness,
  type Signs,
} from '@deltaid/core';
import { parseCertificate } from '@deltaid/trust';
import { encodeName, extension, keyId, signCertificate, spki } from './lib/certificate.js';
import { namedBits, octets, oid, seq, tlv } from './lib/der-writer.js';
import type { CertificateName } from './types.js';

/** The mdoc document signer extended key usage (ISO/IEC 18013-5:2021 Annex B.1.4). */
export const MDL_DS_EKU = '1.0.18013.5.1.2';

/** Input of {@link createDocumentSignerCertificate}. */
export interface DocumentSignerCertificateInput {
  readonly subject: CertificateName;
  /** The document signer's public key (P-256 or P-384). */
  readonly publicKey: PublicJwk;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** The issuing IACA certificate (DER); its subject becomes the issuer name, its key id the AKI. */
  readonly iaca: Uint8Array;
}

/**
 * Creates a document signer (DS) certificate issued by an IACA (ISO/IEC 18013-5:2021 Annex B.1.4):
 * keyUsage digitalSignature (critical), extended key usage mdlDS 1.0.18013.5.1.2 (critical), authority and
 * subject key identifiers. Its validity must lie inside the IACA's.
 *
 * @param input - subject, DS public key, validity, the IACA certificate.
 * @param ctx.key - the IACA private key.
 * @param ctx.crypto - signing, SHA-256, randomness.
 * @returns the DER certificate.
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` (validity outside the IACA's), `ERR_UNSUPPORTED`, `ERR_STRUCTURE`
 *   (unreadable IACA certificate).
 * @example
 * ```ts
 * const ds = await createDocumentSignerCertificate({ subject, publicKey: dsKey.publicKey.jwk, notBefore, notAfter, iaca },
 *   { key: iacaKey.privateKey, crypto });
 * ```
 * @see ISO/IEC 18013-5:2021 Annex B.1.4; RFC 5280 §4.2.1
 */
export async function createDocumentSignerCertificate(
  input: DocumentSignerCertificateInput,
  ctx: { readonly key: PrivateKeyHandle; readonly crypto: Signs & Digests & Randomness },
): Promise<Uint8Array> {
  const iaca = parseCertificate(input.iaca);
  if (input.notBefore.getTime() / 1000 < iaca.notBefore || input.notAfter.getTime() / 1000 > iaca.notAfter) {
    throw new DeltaIdError(
      'ERR_INVALID_ARGUMENT',
      'the DS certificate validity must lie inside the IACA validity',
    );
  }
  const { der, point } = spki(input.publicKey);
  const aki = iaca.subjectKeyId ?? (await keyId(spki(ctx.key.publicJwk).point, ctx.crypto));
  return signCertificate(
    {
      issuer: iaca.subject,
      subject: encodeName(input.subject),
      notBefore: input.notBefore,
      notAfter: input.notAfter,
      subjectPublicKeyInfo: der,
      extensions: [
        extension('2.5.29.35', false, seq(tlv(0x80, aki))),
        extension('2.5.29.14', false, octets(await keyId(point, ctx.crypto))),
        extension('2.5.29.15', true, namedBits(0x80, 7)),
        extension('2.5.29.37', true, seq(oid(MDL_DS_EKU))),
      ],
    },
    ctx.key,
    ctx.crypto,
  );
}
