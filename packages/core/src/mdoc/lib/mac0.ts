import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { encodeCbor } from '../../cbor/cbor.js';

/** COSE alg 5: HMAC 256/256 (RFC 9053 §3.1), the only MAC ISO/IEC 18013-5 §9.1.3.5 allows. */
export const HMAC_256_256 = 5;

/** HMAC-SHA256 over `MAC_structure = ["MAC0", protected, external_aad = h'', payload]` (RFC 9052 §6.3). */
export function mac0Tag(key: Uint8Array, protectedBytes: Uint8Array, payload: Uint8Array): Uint8Array {
  return hmac(sha256, key, encodeCbor(['MAC0', protectedBytes, new Uint8Array(0), payload]));
}
