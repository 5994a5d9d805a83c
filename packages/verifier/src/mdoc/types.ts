import type { CborLimits, Digests, Ecdh, ErrorCode, Verifies } from '@deltaid/core';
import type { StatusCache } from '@deltaid/trust';
import type { BilingualMessage } from '../messages.js';
import type { CertificateCache } from './create-certificate-cache.js';

/** The checks of mdoc verification, in the order they run. */
export const MDOC_CHECKS = [
  'decode',
  'issuer',
  'signature',
  'doctype',
  'validity',
  'digests',
  'authorisation',
  'device',
  'status',
] as const;

/** One mdoc check. */
export type MdocCheckName = (typeof MDOC_CHECKS)[number];

/** A failure, with a stable code and a bilingual message (same shape as the compact verifier's issues). */
export interface MdocVerificationIssue {
  readonly code: ErrorCode;
  readonly check: MdocCheckName;
  readonly message: BilingualMessage;
  /** Technical detail for logs (never personal data). */
  readonly detail?: string;
}

/** The verified content of one document. */
export interface MdocDocumentResult {
  readonly docType: string;
  readonly valid: boolean;
  /**
   * Issuer-signed elements whose digests matched, by namespace then identifier. Values as decoded:
   * `Map` for maps, cbor-x `Tag` 1004 for full-date, `Date` for tdate, `Uint8Array` for bstr.
   * Empty unless every check passed.
   */
  readonly elements: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Device-signed elements (authenticated by the device, not the issuer). Empty unless valid. */
  readonly deviceElements: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** The MSO validityInfo, once the issuer signature is verified. */
  readonly validity?: {
    readonly signed: Date;
    readonly validFrom: Date;
    readonly validUntil: Date;
    readonly expectedUpdate?: Date;
  };
  readonly deviceAuth?: 'signature' | 'mac';
  /** The document signer certificate (DER), once the chain to a trusted IACA is verified. */
  readonly documentSigner?: Uint8Array;
  readonly passed: readonly MdocCheckName[];
  /** Accepted problems, e.g. a missing status list under `statusUnavailable: 'warn'`. */
  readonly warnings: readonly MdocVerificationIssue[];
  readonly errors: readonly MdocVerificationIssue[];
}

/** The result of {@link verifyDeviceResponse}: always data, never an exception for bad input. */
export interface MdocVerificationResult {
  /** True when the response decodes, has status 0, at least one document, and every document is valid. */
  readonly valid: boolean;
  readonly version?: string;
  readonly status?: number;
  readonly documents: readonly MdocDocumentResult[];
  /** Every document's warnings, in order. */
  readonly warnings: readonly MdocVerificationIssue[];
  /** Response-level failures plus every document's, in order. */
  readonly errors: readonly MdocVerificationIssue[];
}

/** Options of {@link verifyDeviceResponse}. */
export interface VerifyDeviceResponseOptions {
  /** Trusted IACA certificates (DER), e.g. from a VICAL or a regional trust list. */
  readonly trustedIacas: readonly Uint8Array[];
  /** SessionTranscriptBytes (tag 24) or the bare SessionTranscript array encoding of this session. */
  readonly sessionTranscript: Uint8Array;
  /** The reader's ephemeral P-256 private key (32 bytes); needed only to check a deviceMac. */
  readonly eReaderKeyPriv?: Uint8Array;
  /** ECDH for the deviceMac key (e.g. node:crypto `createECDH`); default @noble/curves (portable, ~7 ms). */
  readonly ecdh?: Ecdh;
  /** Milliseconds since the epoch, like `Date.now`. */
  readonly now: () => number;
  readonly crypto: Verifies & Digests;
  /** Tolerated clock difference in seconds. Default 60. */
  readonly clockSkewSeconds?: number;
  /** The docType the reader asked for; other documents fail with `ERR_MDOC_DOCTYPE`. */
  readonly docType?: string;
  /** Reused certificate work across calls (warm path); see `createCertificateCache`. */
  readonly certificateCache?: CertificateCache;
  /** Cached Token Status Lists, for MSOs with a `status.status_list` reference. */
  readonly status?: StatusCache;
  /** What a missing or stale status list means. Default `'reject'`; revoked and suspended always fail. */
  readonly statusUnavailable?: 'reject' | 'warn' | 'accept';
  /** CBOR limits for the response. Default: 1 MiB total, strings ≤ 512 KiB (portraits), depth 16. */
  readonly limits?: CborLimits;
}
