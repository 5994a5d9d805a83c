import { concatBytes } from '../../bytes.js';

/**
 * The encoding `d8 18 ‖ bstr head ‖ inner` of `#6.24(bstr .cbor T)`, rebuilt around the embedded bytes
 * exactly as received. The inner bytes are never re-encoded; the head is the preferred (shortest) one,
 * which is the only one RFC 8949 §4.2.1 deterministic encoding and ISO/IEC 18013-5 §8.1 (preferred
 * serialisation) allow, so a received non-preferred head fails the digest instead of being normalised.
 */
export function tag24Encoding(inner: Uint8Array): Uint8Array {
  const n = inner.length;
  let head: Uint8Array;
  if (n < 24) head = Uint8Array.of(0x40 | n);
  else if (n < 0x100) head = Uint8Array.of(0x58, n);
  else if (n < 0x10000) head = Uint8Array.of(0x59, n >>> 8, n & 0xff);
  else head = Uint8Array.of(0x5a, (n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
  return concatBytes(Uint8Array.of(0xd8, 0x18), head, inner);
}
