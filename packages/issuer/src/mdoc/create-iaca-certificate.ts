import type { Digests, PrivateKeyHandle, Randomness, Signs } from '@deltaid/core';
import { encodeName, extension, keyId, signCertificate, spki } from './lib/certificate.js';
import { bool, namedBits, octets, seq, smallInt } from './lib/der-writer.js';
import type { CertificateName } from './types.js';

/** Input of {@link createIacaCertificate}. */
export interface IacaCertificateInput {
  /** e.g. `{ country: 'CN', stateOrProvince: 'CN-SH', organization: '上海市公安局交通警察总队', commonName: 'Shanghai mDL IACA' }`. */
  readonly subject: CertificateName;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

/**
 * Creates a self-signed IACA root certificate (ISO/IEC 18013-5:2021 Annex B.1.2): CA with pathLen 0,
 * keyUsage keyCertSign + cRLSign (critical), subject key identifier. ES256 or ES384 by the key's curve.
 *
 * @param input - subject name and validity.
 * @param ctx.key - the IACA private key (it signs itself).
 * @param ctx.crypto - signing, SHA-256 for the key identifier, randomness for the serial.
 * @returns the DER certificate.
 * @throws DeltaIdError `ERR_UNSUPPORTED` (key not P-256/P-384), `ERR_INVALID_ARGUMENT` (validity).
 * @example
 * ```ts
 * const iaca = await createIacaCertificate({ subject, notBefore, notAfter }, { key: iacaKey.privateKey, crypto });
 * ```
 * @see ISO/IEC 18013-5:2021 Annex B.1.2; RFC 5280 §4.2.1
 */
export async function createIacaCertificate(
  input: IacaCertificateInput,
  ctx: { readonly key: PrivateKeyHandle; readonly crypto: Signs & Digests & Randomness },
): Promise<Uint8Array> {
  const { der, point } = spki(ctx.key.publicJwk);
  const name = encodeName(input.subject);
  const ski = await keyId(point, ctx.crypto);
  return signCertificate(
    {
      issuer: name,
      subject: name,
      notBefore: input.notBefore,
      notAfter: input.notAfter,
      subjectPublicKeyInfo: der,
      extensions: [
        extension('2.5.29.19', true, seq(bool(true), smallInt(0))),
        // keyCertSign (bit 5) and cRLSign (bit 6): one unused bit.
        extension('2.5.29.15', true, namedBits(0x06, 1)),
        extension('2.5.29.14', false, octets(ski)),
      ],
    },
    ctx.key,
    ctx.crypto,
  );
}
