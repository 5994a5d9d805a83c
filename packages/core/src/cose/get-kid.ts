import type { Sign1 } from './decode-sign1.js';
import { COSE_HEADER } from './headers.js';

/**
 * The key identifier of a COSE_Sign1. The protected `kid` (label 4) wins; the unprotected one is used
 * only when the protected header has none. Both are type-checked as byte strings by `decodeSign1`.
 *
 * Why protected first: an attacker can rewrite the unprotected bucket without breaking the signature
 * (EU DCC test CO22 has a forged unprotected kid next to the real protected one).
 *
 * @param sign1 - a decoded message.
 * @returns the kid bytes, or `undefined` when neither header has one.
 * @example getKid(decodeSign1(bytes)) // Uint8Array(8) [...]
 * @see RFC 9052 §3.1
 */
export function getKid(sign1: Pick<Sign1, 'protectedHeader' | 'unprotectedHeader'>): Uint8Array | undefined {
  const p = sign1.protectedHeader.get(COSE_HEADER.kid);
  if (p !== undefined) return p instanceof Uint8Array ? p : undefined;
  const u = sign1.unprotectedHeader.get(COSE_HEADER.kid);
  return u instanceof Uint8Array ? u : undefined;
}
