import { decodeCbor } from '../cbor/cbor.js';
import { type CborLimits, DEFAULT_CBOR_LIMITS } from '../cbor/limits.js';
import { decodeDeviceSigned } from './decode-device-signed.js';
import { decodeIssuerSigned } from './decode-issuer-signed.js';
import { asArray, asMap, asText, asUint, bad, onlyKeys } from './lib/read.js';
import type { DeviceResponse, MdocDocument } from './types.js';

/**
 * Decodes a `DeviceResponse` (version, documents, documentErrors, status) with every document's
 * IssuerSigned and DeviceSigned. Nothing is verified here.
 *
 * @param bytes - the DeviceResponse encoding.
 * @param options - CBOR limits (default {@link DEFAULT_CBOR_LIMITS}; portraits make responses tens of KiB).
 * @returns the decoded response.
 * @throws DeltaIdError `ERR_STRUCTURE`, `ERR_CBOR`, `ERR_CBOR_LIMIT`, `ERR_KEY`.
 * @example
 * ```ts
 * const res = decodeDeviceResponse(bytes);
 * res.documents[0]?.docType; // 'org.iso.18013.5.1.mDL'
 * ```
 * @see ISO/IEC 18013-5:2021 §8.3.2.1.2.2
 */
export function decodeDeviceResponse(
  bytes: Uint8Array,
  options: { readonly limits?: CborLimits } = {},
): DeviceResponse {
  const limits = options.limits ?? DEFAULT_CBOR_LIMITS;
  const m = asMap(decodeCbor(bytes, { limits }), 'DeviceResponse');
  onlyKeys(m, ['version', 'documents', 'documentErrors', 'status'], 'DeviceResponse');
  const version = asText(m.get('version'), 'DeviceResponse.version');
  // §8.3.2.1.2.2: a major version we do not know may change the meaning of every field.
  if (!version.startsWith('1.')) throw bad('DeviceResponse.version', `unsupported version ${version}`);
  const docs = m.get('documents');
  const documents: MdocDocument[] = (docs === undefined ? [] : asArray(docs, 'DeviceResponse.documents')).map(
    (d, i) => {
      const doc = asMap(d, `documents[${i}]`);
      onlyKeys(doc, ['docType', 'issuerSigned', 'deviceSigned', 'errors'], `documents[${i}]`);
      return {
        docType: asText(doc.get('docType'), `documents[${i}].docType`),
        issuerSigned: decodeIssuerSigned(doc.get('issuerSigned'), { limits }),
        deviceSigned: decodeDeviceSigned(doc.get('deviceSigned'), { limits }),
      };
    },
  );
  const documentErrors = new Map<string, number>();
  const errs = m.get('documentErrors');
  if (errs !== undefined) {
    for (const e of asArray(errs, 'DeviceResponse.documentErrors')) {
      for (const [k, v] of asMap(e, 'DocumentError')) {
        documentErrors.set(asText(k, 'DocumentError docType'), asUint(v, 'DocumentError code'));
      }
    }
  }
  return { version, documents, documentErrors, status: asUint(m.get('status'), 'DeviceResponse.status') };
}
