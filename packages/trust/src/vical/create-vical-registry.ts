import { equalBytes, type PublicKeyHandle, toHex, type Verifies } from '@deltaid/core';
import { type ParsedCertificate, parseCertificate } from '../x509/parse-certificate.js';
import { issuedBy } from '../x509/verify-certificate-chain.js';
import type { VerifiedVical, VicalEntry } from './types.js';

/** A document signer certificate chain to check, as carried in an mdoc's `x5chain` (leaf first). */
export interface CertificateQuery {
  readonly chain: readonly Uint8Array[];
  readonly docType: string;
  /** Epoch seconds: the time the chain must be valid at (normally now, ISO 18013-5 §9.3.3). */
  readonly at: number;
}

/** The outcome of {@link VicalRegistry.lookupCertificate}. */
export type CertificateLookupResult =
  | {
      readonly ok: true;
      /** The IACA that issued the document signer certificate. */
      readonly iaca: VicalEntry;
      /** The document signer's key, to verify the credential with. */
      readonly key: PublicKeyHandle;
      readonly documentSigner: Pick<ParsedCertificate, 'subject' | 'notBefore' | 'notAfter' | 'serialNumber'>;
    }
  | {
      readonly ok: false;
      readonly code:
        | 'ERR_UNKNOWN_ISSUER'
        | 'ERR_ISSUER_NOT_AUTHORISED'
        | 'ERR_SIGNATURE'
        | 'ERR_EXPIRED'
        | 'ERR_NOT_YET_VALID'
        | 'ERR_STRUCTURE';
      readonly reason: string;
    };

/** IACAs from one or more VICALs, resolving document signer certificates. */
export interface VicalRegistry {
  lookupCertificate(query: CertificateQuery): Promise<CertificateLookupResult>;
  /** Every IACA held. */
  readonly entries: readonly VicalEntry[];
}

/**
 * A registry over imported VICALs for x5chain credentials (ISO mdoc): the document signer certificate is
 * matched to an IACA by AuthorityKeyIdentifier = IACA key identifier (or by issuer name when the signer
 * has no AKI), must be signed by it, valid at `at` along with the IACA, and the IACA must be listed for
 * the document type. Several IACAs with the same key identifier or name are each tried.
 *
 * @param vicals - verified VICALs from `importVical`.
 * @param options - the provider that imports keys.
 * @returns a {@link VicalRegistry}.
 * @example
 * ```ts
 * const reg = createVicalRegistry([aamva.vical, rdw.vical], { crypto });
 * const r = await reg.lookupCertificate({ chain: x5chain, docType: 'org.iso.18013.5.1.mDL', at: now });
 * ```
 * @see ISO/IEC 18013-5:2021 §9.3.3, Annex B (certificate profiles), Annex C (VICAL)
 */
export function createVicalRegistry(
  vicals: readonly VerifiedVical[],
  options: { readonly crypto: Verifies },
): VicalRegistry {
  const entries = vicals.flatMap((v) => v.entries);
  const bySki = new Map<string, VicalEntry[]>();
  for (const e of entries) {
    const k = toHex(e.ski);
    const list = bySki.get(k);
    if (list === undefined) bySki.set(k, [e]);
    else list.push(e);
  }
  const parsed = new WeakMap<VicalEntry, ParsedCertificate>();
  const iacaCert = (e: VicalEntry) => {
    let c = parsed.get(e);
    if (c === undefined) {
      c = parseCertificate(e.certificate);
      parsed.set(e, c);
    }
    return c;
  };

  return {
    entries,
    async lookupCertificate(query) {
      const leafDer = query.chain[0];
      if (leafDer === undefined) return { ok: false, code: 'ERR_STRUCTURE', reason: 'empty x5chain' };
      let ds: ParsedCertificate;
      try {
        ds = parseCertificate(leafDer);
      } catch (err) {
        return {
          ok: false,
          code: 'ERR_STRUCTURE',
          reason: err instanceof Error ? err.message : 'bad certificate',
        };
      }
      const candidates =
        ds.authorityKeyId !== undefined
          ? (bySki.get(toHex(ds.authorityKeyId)) ?? [])
          : entries.filter((e) => equalBytes(e.subject, ds.issuer));
      if (candidates.length === 0) {
        return {
          ok: false,
          code: 'ERR_UNKNOWN_ISSUER',
          reason: 'no IACA in the VICALs issued this certificate',
        };
      }
      let refusal: Extract<CertificateLookupResult, { ok: false }> = {
        ok: false,
        code: 'ERR_SIGNATURE',
        reason: 'not signed by any IACA with this key identifier',
      };
      for (const iaca of candidates) {
        if (!(await issuedBy(ds, iacaCert(iaca), options.crypto))) continue;
        if (!iaca.docTypes.includes(query.docType)) {
          refusal = {
            ok: false,
            code: 'ERR_ISSUER_NOT_AUTHORISED',
            reason: `IACA not listed for ${query.docType}`,
          };
          continue;
        }
        for (const [what, c] of [
          ['document signer', ds],
          ['IACA', iaca],
        ] as const) {
          if (query.at < c.notBefore)
            return { ok: false, code: 'ERR_NOT_YET_VALID', reason: `${what} not yet valid` };
          if (query.at > c.notAfter) return { ok: false, code: 'ERR_EXPIRED', reason: `${what} expired` };
        }
        if (ds.publicKey === undefined) {
          return { ok: false, code: 'ERR_STRUCTURE', reason: 'document signer key algorithm not supported' };
        }
        const key = await options.crypto.importPublicKey(ds.publicKey.alg, ds.publicKey.jwk);
        return {
          ok: true,
          iaca,
          key,
          documentSigner: {
            subject: ds.subject,
            notBefore: ds.notBefore,
            notAfter: ds.notAfter,
            serialNumber: ds.serialNumber,
          },
        };
      }
      return refusal;
    },
  };
}
