import { encodeBase45 } from '../codec/base45.js';
import { deflate } from '../codec/zlib.js';
import { COMPACT_PREFIX } from './constants.js';

/**
 * Turns presentation bytes into QR text: `YRD1:` + base45 (RFC 9285). The bytes are deflated (RFC 1950) only when
 * that makes them shorter; signatures and Chinese text rarely compress. The verifier tells the two apart by the first
 * byte (0x78 is zlib, never the start of a presentation).
 *
 * @param bytes - a CBOR-encoded presentation.
 * @returns text for a QR code in alphanumeric mode.
 * @example const text = await encodeQrText(presentationBytes) // 'YRD1:…'
 * @see docs/formats/compact-credential.md §Text form
 */
export async function encodeQrText(bytes: Uint8Array): Promise<string> {
  const deflated = await deflate(bytes);
  return COMPACT_PREFIX + encodeBase45(deflated.length < bytes.length ? deflated : bytes);
}
