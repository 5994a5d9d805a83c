import {
  type CborLimits,
  DeltaIdError,
  type DeviceResponse,
  decodeDeviceResponse,
  decodeSessionTranscript,
  isDeltaIdError,
  type SessionTranscript,
} from '@deltaid/core';
import type { ParsedCertificate } from '@deltaid/trust';
import { messageFor } from '../messages.js';
import { parseCached } from './lib/certificates.js';
import { verifyDocument } from './lib/verify-document.js';
import type { MdocDocumentResult, MdocVerificationResult, VerifyDeviceResponseOptions } from './types.js';

/** Portraits make mdoc responses far larger than a QR credential; still bounded. */
const MDOC_LIMITS: CborLimits = Object.freeze({
  maxBytes: 1024 * 1024,
  maxDepth: 16,
  maxItems: 20_000,
  maxStringBytes: 512 * 1024,
});

function failed(code: Parameters<typeof messageFor>[0], detail: string): MdocVerificationResult {
  return {
    valid: false,
    documents: [],
    warnings: [],
    errors: [{ code, check: 'decode', message: messageFor(code), detail }],
  };
}

/**
 * Verifies an ISO/IEC 18013-5 `DeviceResponse` for one session: per document, the document signer
 * certificate chain to a trusted IACA, the issuer signature over the MSO, the docType, the validity window
 * (with skew), the digest of every disclosed item over its bytes as received, and the device signature or
 * MAC over DeviceAuthentication built with the caller's SessionTranscript.
 *
 * Failures are data: `valid: false` with codes `ERR_CBOR`, `ERR_CBOR_LIMIT`, `ERR_STRUCTURE`,
 * `ERR_UNKNOWN_ISSUER`, `ERR_CERT_CHAIN`, `ERR_SIGNATURE`, `ERR_MDOC_DOCTYPE`, `ERR_NOT_YET_VALID`,
 * `ERR_EXPIRED`, `ERR_MDOC_DIGEST`, `ERR_ISSUER_NOT_AUTHORISED`, `ERR_MDOC_DEVICE_AUTH`, `ERR_KEY`,
 * `ERR_REVOKED`, `ERR_SUSPENDED`, `ERR_STATUS_*`.
 *
 * @param bytes - the DeviceResponse encoding.
 * @param options - trust anchors, transcript, reader key for MAC, clock, crypto.
 * @returns the result; only misuse (a malformed trusted IACA or transcript) throws.
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` when a trusted IACA or the session transcript is malformed.
 * @example
 * ```ts
 * const r = await verifyDeviceResponse(bytes, { trustedIacas: [iacaDer], sessionTranscript, eReaderKeyPriv,
 *   now: Date.now, crypto: createNativeCrypto() });
 * if (r.valid) show(r.documents[0].elements['org.iso.18013.5.1']);
 * ```
 * @see ISO/IEC 18013-5:2021 §9.3 (mdoc authentication), §9.1.2 (issuer data authentication), §9.1.3
 */
export async function verifyDeviceResponse(
  bytes: Uint8Array,
  options: VerifyDeviceResponseOptions,
): Promise<MdocVerificationResult> {
  const limits = options.limits ?? MDOC_LIMITS;
  let transcript: SessionTranscript;
  let anchors: ParsedCertificate[];
  try {
    transcript = decodeSessionTranscript(options.sessionTranscript);
    anchors = options.trustedIacas.map((der) => parseCached(der, options.certificateCache));
  } catch (cause) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'trustedIacas and sessionTranscript must be well-formed', {
      cause,
    });
  }

  let response: DeviceResponse;
  try {
    response = decodeDeviceResponse(bytes, { limits });
  } catch (err) {
    if (isDeltaIdError(err)) return failed(err.code, err.message);
    throw err;
  }
  const documents: MdocDocumentResult[] = [];
  for (const doc of response.documents) {
    documents.push(await verifyDocument(doc, transcript, anchors, { ...options, limits }));
  }
  const errors = documents.flatMap((d) => d.errors);
  if (response.status !== 0) {
    errors.unshift({
      code: 'ERR_STRUCTURE',
      check: 'decode',
      message: messageFor('ERR_STRUCTURE'),
      detail: `DeviceResponse status ${response.status}`,
    });
  }
  if (documents.length === 0) {
    errors.unshift({
      code: 'ERR_STRUCTURE',
      check: 'decode',
      message: messageFor('ERR_STRUCTURE'),
      detail: 'no documents',
    });
  }
  return {
    valid: errors.length === 0,
    version: response.version,
    status: response.status,
    documents,
    warnings: documents.flatMap((d) => d.warnings),
    errors,
  };
}
