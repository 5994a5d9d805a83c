import { concatBytes } from '../bytes.js';
import { encodeCbor } from '../cbor/cbor.js';
import { tag24Encoding } from './lib/tag24.js';

/**
 * `DeviceAuthenticationBytes` = `#6.24(bstr .cbor ["DeviceAuthentication", SessionTranscript, DocType,
 * DeviceNameSpacesBytes])`: what the device signs or MACs. Assembled from the received encodings of the
 * transcript and the namespaces, so neither is re-encoded on the way.
 *
 * @param input.transcript - the SessionTranscript array encoding (see `decodeSessionTranscript`).
 * @param input.docType - the document's docType.
 * @param input.deviceNameSpaces - the embedded bytes of DeviceNameSpacesBytes.
 * @returns the tag-24 encoding (the detached payload / MAC input).
 * @example
 * ```ts
 * const aad = deviceAuthenticationBytes({ transcript: st.transcript, docType, deviceNameSpaces: ds.nameSpacesBytes });
 * ```
 * @see ISO/IEC 18013-5:2021 §9.1.3.4
 */
export function deviceAuthenticationBytes(input: {
  readonly transcript: Uint8Array;
  readonly docType: string;
  readonly deviceNameSpaces: Uint8Array;
}): Uint8Array {
  const inner = concatBytes(
    Uint8Array.of(0x84),
    encodeCbor('DeviceAuthentication'),
    input.transcript,
    encodeCbor(input.docType),
    tag24Encoding(input.deviceNameSpaces),
  );
  return tag24Encoding(inner);
}
