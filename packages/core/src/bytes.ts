/** Byte helpers: thin names over @noble's utils and jose's base64url, so no module hand-rolls them. */
export { bytesToHex as toHex, concatBytes, equalBytes, hexToBytes as fromHex } from '@noble/curves/utils.js';
export { decode as fromBase64Url, encode as toBase64Url } from 'jose/base64url';

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

export function utf8(s: string): Uint8Array {
  return utf8Encoder.encode(s);
}

/** Strict UTF-8 decode: invalid sequences throw instead of becoming U+FFFD. */
export function fromUtf8(b: Uint8Array): string {
  return utf8Decoder.decode(b);
}
