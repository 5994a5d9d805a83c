import type { SignatureAlg } from '../crypto/types.js';
import type { Sign1 } from './decode-sign1.js';
import { COSE_HEADER, coseFromAlg } from './headers.js';
import type { HeaderLabel } from './internal/header-map.js';

/** Options for {@link checkSign1Headers}. */
export interface CheckSign1HeadersOptions {
  /** The algorithm of the trusted key. The header `alg` must agree with it. */
  readonly alg: SignatureAlg;
  /**
   * Accept `alg` in the unprotected header when the protected one has none. Only for EU DCC
   * compatibility (test CO20); since the algorithm comes from the key anyway, it is still checked.
   */
  readonly allowUnprotectedAlg?: boolean;
  /** Extension labels the caller processes and may therefore appear in `crit`. Default none. */
  readonly critical?: readonly HeaderLabel[];
}

/** Why the headers of a COSE_Sign1 are unacceptable. */
export type Sign1HeaderProblem = 'ERR_COSE_ALG' | 'ERR_STRUCTURE';

/**
 * Checks the headers of a COSE_Sign1 against the trusted key before its signature is verified, and
 * says why they fail, as data. The algorithm is the key's: a header `alg` is only a consistency check.
 *
 * - `ERR_COSE_ALG`: the protected `alg` differs from the key's; or `alg` is only unprotected and
 *   `allowUnprotectedAlg` is off; or an unprotected `alg` differs from the key's.
 * - `ERR_STRUCTURE`: `crit` lists a label not in `options.critical`, or one absent from the protected
 *   header (RFC 9052 §3.1: a recipient must reject what it does not understand).
 *
 * A message without any `alg` is accepted: the key fixes the algorithm.
 *
 * @param sign1 - a decoded message.
 * @param options - the key's algorithm and compatibility switches.
 * @returns the problem code, or `undefined` when the headers are acceptable.
 * @example
 * ```ts
 * const problem = checkSign1Headers(sign1, { alg: key.alg });
 * if (problem) return { ok: false, code: problem };
 * ```
 * @see RFC 9052 §3.1, §4.4; RFC 9053 §2
 */
export function checkSign1Headers(
  sign1: Pick<Sign1, 'protectedHeader' | 'unprotectedHeader'>,
  options: CheckSign1HeadersOptions,
): Sign1HeaderProblem | undefined {
  const expected = coseFromAlg(options.alg);
  const protectedAlg = sign1.protectedHeader.get(COSE_HEADER.alg);
  const unprotectedAlg = sign1.unprotectedHeader.get(COSE_HEADER.alg);
  if (protectedAlg !== undefined && protectedAlg !== expected) return 'ERR_COSE_ALG';
  if (unprotectedAlg !== undefined) {
    if (protectedAlg === undefined && options.allowUnprotectedAlg !== true) return 'ERR_COSE_ALG';
    if (unprotectedAlg !== expected) return 'ERR_COSE_ALG';
  }
  const crit = sign1.protectedHeader.get(COSE_HEADER.crit);
  if (crit !== undefined) {
    if (!Array.isArray(crit)) return 'ERR_STRUCTURE';
    const understood = new Set<unknown>(options.critical ?? []);
    for (const label of crit) {
      if (!understood.has(label) || !sign1.protectedHeader.has(label)) return 'ERR_STRUCTURE';
    }
  }
  // crit outside the protected bucket is refused by decodeSign1; a hand-built Sign1 gets the same answer.
  if (sign1.unprotectedHeader.has(COSE_HEADER.crit)) return 'ERR_STRUCTURE';
  return undefined;
}
