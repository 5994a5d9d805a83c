import type { Sign1 } from './decode-sign1.js';
import { COSE_HEADER } from './headers.js';

/**
 * The algorithm id from the protected header (label 1). The unprotected bucket is ignored on purpose:
 * it is not covered by the signature. Text-string algorithm names are not supported and read as
 * `undefined` (`verifySign1` still treats them as a mismatch).
 *
 * @param sign1 - a decoded message.
 * @returns the integer algorithm id, or `undefined`.
 * @example getAlg(decodeSign1(bytes)) // -7
 * @see RFC 9052 §3.1
 */
export function getAlg(sign1: Pick<Sign1, 'protectedHeader'>): number | undefined {
  const alg = sign1.protectedHeader.get(COSE_HEADER.alg);
  return typeof alg === 'number' ? alg : undefined;
}
