import {
  DeltaIdError,
  decodeCbor,
  decodeIssuerSigned,
  decodeMobileSecurityObject,
  decodeSessionTranscript,
  deviceAuthenticationBytes,
  encodeCbor,
  type PrivateKeyHandle,
  type Signs,
  signSign1,
  Tag,
} from '@deltaid/core';

/** What the reader asked for: element identifiers per namespace (the ItemsRequest's nameSpaces). */
export interface MdocItemsRequest {
  /** When given, must equal the stored document's docType. */
  readonly docType?: string;
  readonly nameSpaces: Readonly<Record<string, readonly string[]>>;
}

/** Input of {@link presentDeviceResponse}. */
export interface PresentDeviceResponseInput {
  /** The stored `IssuerSigned` encoding, as issued. */
  readonly issuerSigned: Uint8Array;
  readonly request: MdocItemsRequest;
  /** SessionTranscriptBytes (tag 24) or the bare SessionTranscript encoding of this session. */
  readonly sessionTranscript: Uint8Array;
}

/** Capabilities of {@link presentDeviceResponse}: the device key the MSO names, and a signer. */
export interface PresentDeviceResponseContext {
  readonly deviceKey: PrivateKeyHandle;
  readonly crypto: Signs;
}

/**
 * Builds a `DeviceResponse` disclosing only the requested elements: the matching IssuerSignedItemBytes
 * copied exactly as issued (so their digests still verify), the issuerAuth unchanged, empty device-signed
 * namespaces, and a deviceSignature (COSE_Sign1, detached) over DeviceAuthenticationBytes for this session.
 * Requested elements the document does not hold are left out (the reader sees them missing).
 *
 * @param input - stored IssuerSigned, the request, the session transcript.
 * @param ctx - the device private key and a signer.
 * @returns the DeviceResponse encoding.
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` (docType mismatch, nothing to disclose), `ERR_STRUCTURE`, `ERR_CBOR`.
 * @example
 * ```ts
 * const bytes = await presentDeviceResponse(
 *   { issuerSigned, request: { nameSpaces: { 'org.iso.18013.5.1': ['family_name', 'portrait'] } }, sessionTranscript },
 *   { deviceKey, crypto });
 * ```
 * @see ISO/IEC 18013-5:2021 §8.3.2.1.2.2, §9.1.3.4 (mdoc authentication by signature)
 */
export async function presentDeviceResponse(
  input: PresentDeviceResponseInput,
  ctx: PresentDeviceResponseContext,
): Promise<Uint8Array> {
  const raw = decodeCbor(input.issuerSigned);
  const decoded = decodeIssuerSigned(raw);
  if (!(raw instanceof Map) || decoded.issuerAuth.payload === null) {
    throw new DeltaIdError('ERR_STRUCTURE', 'IssuerSigned: issuerAuth payload missing');
  }
  const docType = decodeMobileSecurityObject(decoded.issuerAuth.payload).docType;
  if (input.request.docType !== undefined && input.request.docType !== docType) {
    throw new DeltaIdError(
      'ERR_INVALID_ARGUMENT',
      `the stored document is ${docType}, not ${input.request.docType}`,
    );
  }
  const rawNs = raw.get('nameSpaces');
  const disclosed = new Map<string, unknown[]>();
  for (const [ns, wanted] of Object.entries(input.request.nameSpaces)) {
    const items = decoded.nameSpaces.get(ns);
    const rawItems = rawNs instanceof Map ? rawNs.get(ns) : undefined;
    if (items === undefined || !Array.isArray(rawItems)) continue;
    const want = new Set(wanted);
    // The raw Tag values are re-emitted as they arrived: tag 24 around the same embedded bytes.
    const picked = rawItems.filter((_, i) => want.has(items[i]?.elementIdentifier ?? ''));
    if (picked.length > 0) disclosed.set(ns, picked);
  }
  if (disclosed.size === 0)
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'none of the requested elements is held');

  const transcript = decodeSessionTranscript(input.sessionTranscript);
  const deviceNameSpaces = encodeCbor(new Map());
  const payload = deviceAuthenticationBytes({ transcript: transcript.transcript, docType, deviceNameSpaces });
  const signature = await signSign1(
    { payload, detached: true, tagged: false },
    { key: ctx.deviceKey, crypto: ctx.crypto },
  );

  const document = new Map<string, unknown>([
    ['docType', docType],
    [
      'issuerSigned',
      new Map<string, unknown>([
        ['nameSpaces', disclosed],
        ['issuerAuth', raw.get('issuerAuth')],
      ]),
    ],
    [
      'deviceSigned',
      new Map<string, unknown>([
        ['nameSpaces', new Tag(deviceNameSpaces, 24)],
        ['deviceAuth', new Map([['deviceSignature', decodeCbor(signature)]])],
      ]),
    ],
  ]);
  return encodeCbor(
    new Map<string, unknown>([
      ['version', '1.0'],
      ['documents', [document]],
      ['status', 0],
    ]),
  );
}
