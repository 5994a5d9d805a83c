import type { PublicJwk, SignatureAlg } from '@deltaid/core';
import type { TrustListWarning } from '../trust-list/types.js';

/** One IACA (issuing authority CA) from a VICAL, with the quirks of real files smoothed out. */
export interface VicalEntry {
  /** The DER certificate as listed. */
  readonly certificate: Uint8Array;
  /**
   * The bare 20-byte (typically) key identifier: the certificate's own SubjectKeyIdentifier when present,
   * else the VICAL's `ski` with any DER OCTET STRING wrapper removed (AAMVA lists `04 16 04 14 ‖ keyId`).
   */
  readonly ski: Uint8Array;
  /** DER Name bytes of the certificate's subject; document signer certificates name it as issuer. */
  readonly subject: Uint8Array;
  readonly notBefore: number;
  readonly notAfter: number;
  /** `undefined` when the key's algorithm is not one Delta ID verifies (the entry is kept, it cannot vouch). */
  readonly alg: SignatureAlg | undefined;
  readonly publicKey: PublicJwk | undefined;
  readonly docTypes: readonly string[];
  readonly issuingCountry: string | undefined;
  /** ISO 3166-2 code when derivable (`AK` in `US` → `US-AK`), else the free-text value, else `undefined`. */
  readonly subdivision: string | undefined;
  readonly issuingAuthority: string | undefined;
}

/** A VICAL whose signature, signer chain and shape were checked (ISO/IEC 18013-5:2021 Annex C). */
export interface VerifiedVical {
  readonly provider: string;
  readonly version: string;
  readonly issueId: number | undefined;
  /** Epoch seconds. */
  readonly date: number;
  readonly nextUpdate: number | undefined;
  readonly entries: readonly VicalEntry[];
  /** Entries that could not be read (an unparsable certificate), by index, with the reason. */
  readonly skipped: readonly { readonly index: number; readonly reason: string }[];
  /** The VICAL signer's certificate (x5chain leaf). */
  readonly signer: Uint8Array;
  readonly warnings: readonly TrustListWarning[];
}
