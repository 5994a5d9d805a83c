import { encodeCbor, TAG_COSE_SIGN1, Tag } from '../cbor/cbor.js';
import type { PrivateKeyHandle, Signs } from '../crypto/types.js';
import { DeltaIdError } from '../errors.js';
import { COSE_HEADER, coseFromAlg } from './headers.js';
import { type HeaderLabel, readHeaderMap } from './internal/header-map.js';
import { sigStructure } from './sig-structure.js';

/** What to sign with {@link signSign1}. */
export interface SignSign1Input {
  /** Protected header; `alg` (label 1) is added from the key when absent. */
  readonly protectedHeader?: ReadonlyMap<HeaderLabel, unknown>;
  readonly unprotectedHeader?: ReadonlyMap<HeaderLabel, unknown>;
  readonly payload: Uint8Array;
  /** Leave the payload out of the message (`null`); the verifier supplies it. Default false. */
  readonly detached?: boolean;
  /** External additional authenticated data bound into the signature. */
  readonly externalAad?: Uint8Array;
  /** Emit tag 18. Default true. */
  readonly tagged?: boolean;
}

/** The signing key and the provider's `sign`. */
export interface SignSign1Context {
  readonly key: PrivateKeyHandle;
  readonly crypto: Signs;
}

/**
 * Signs a payload as a COSE_Sign1 and returns its CBOR encoding.
 *
 * The protected header is encoded once and the very bytes signed are the bytes emitted. `alg` is set
 * from `key.alg` when absent (SM2 → -65537, private use); a different `alg` is refused.
 *
 * @param input - headers, payload and options.
 * @param ctx - the private key and a `sign` function.
 * @returns the encoded message (tag 18 unless `tagged: false`).
 * @throws DeltaIdError `ERR_COSE_ALG` when the protected `alg` disagrees with the key;
 *   `ERR_INVALID_ARGUMENT` for a malformed header, `alg` or `crit` in the unprotected header, or a
 *   label in both headers.
 * @example
 * ```ts
 * const bytes = await signSign1(
 *   { protectedHeader: new Map([[COSE_HEADER.kid, kid]]), payload },
 *   { key: issuerKey, crypto },
 * );
 * ```
 * @see RFC 9052 §4.2, §4.4
 */
export async function signSign1(input: SignSign1Input, ctx: SignSign1Context): Promise<Uint8Array> {
  const given = readHeaderMap(input.protectedHeader ?? new Map(), 'protected', 'ERR_INVALID_ARGUMENT');
  const unprotected = readHeaderMap(
    input.unprotectedHeader ?? new Map(),
    'unprotected',
    'ERR_INVALID_ARGUMENT',
  );
  const algId = coseFromAlg(ctx.key.alg);
  const present = given.get(COSE_HEADER.alg);
  if (present !== undefined && present !== algId) {
    throw new DeltaIdError(
      'ERR_COSE_ALG',
      `protected alg ${String(present)} does not match the ${ctx.key.alg} key`,
    );
  }
  if (unprotected.has(COSE_HEADER.alg)) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'alg (1) belongs in the protected header');
  }
  for (const label of unprotected.keys()) {
    if (given.has(label)) {
      throw new DeltaIdError('ERR_INVALID_ARGUMENT', `header label ${String(label)} is in both headers`);
    }
  }
  // alg first: the conventional order, and the one every example in RFC 9052 uses.
  const protectedHeader = new Map<HeaderLabel, unknown>([[COSE_HEADER.alg, algId]]);
  for (const [label, value] of given) if (label !== COSE_HEADER.alg) protectedHeader.set(label, value);
  const protectedBytes = encodeCbor(protectedHeader);

  const toBeSigned = sigStructure({ protectedBytes, payload: input.payload }, input.externalAad);
  const signature = await ctx.crypto.sign(ctx.key, toBeSigned);
  const message = [protectedBytes, unprotected, input.detached === true ? null : input.payload, signature];
  return encodeCbor(input.tagged === false ? message : new Tag(message, TAG_COSE_SIGN1));
}
