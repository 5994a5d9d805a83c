/**
 * COSE_Sign1 verification (RFC 9052 §4.4).
 *
 * Result: `Promise<boolean>`, `true` only when everything holds. Every failure a forger can cause is
 * `false`, never an exception: a bad or truncated signature, a header `alg` that disagrees with the
 * trusted key, `alg` only in the unprotected header (unless `allowUnprotectedAlg`), a `crit` label we
 * do not process, a detached message without `detachedPayload`, or `detachedPayload` given for a
 * message that carries its own payload. To report *why* the headers fail, call
 * `checkSign1Headers` first (it returns `'ERR_COSE_ALG' | 'ERR_STRUCTURE'`); a `false` after it
 * passed means `ERR_SIGNATURE`.
 *
 * The algorithm is taken from the trusted key (`key.alg`), never from the message (no algorithm
 * substitution, RFC 9052 §3.1 / RFC 8725 §2.1 in JOSE terms).
 */
import type { CryptoProvider, PublicKeyHandle } from '../crypto/types.js';
import { checkSign1Headers } from './check-sign1-headers.js';
import type { Sign1 } from './decode-sign1.js';
import type { HeaderLabel } from './internal/header-map.js';
import { sigStructure } from './sig-structure.js';

/** What {@link verifySign1} needs: the trusted key, a verifier and the context the signer bound in. */
export interface VerifySign1Context {
  /** The trusted public key; its `alg` decides the algorithm. */
  readonly key: PublicKeyHandle;
  readonly crypto: Pick<CryptoProvider, 'verify'>;
  /** External additional authenticated data; default empty. */
  readonly externalAad?: Uint8Array;
  /** The content of a detached message. */
  readonly detachedPayload?: Uint8Array;
  /** EU DCC compatibility (test CO20): accept `alg` from the unprotected header. */
  readonly allowUnprotectedAlg?: boolean;
  /** Extension labels the caller processes and may appear in `crit`. */
  readonly critical?: readonly HeaderLabel[];
}

/**
 * Verifies a decoded COSE_Sign1 with a trusted key.
 *
 * @param sign1 - from `decodeSign1`.
 * @param ctx - the key, the crypto provider's `verify`, and optional AAD / detached payload.
 * @returns `true` when the headers are consistent with the key and the signature is valid; else `false`.
 * @throws only what the provider throws for misuse (a key handle from another provider).
 * @example
 * ```ts
 * const sign1 = decodeSign1(bytes);
 * const ok = await verifySign1(sign1, { key: issuerKey, crypto });
 * ```
 * @see RFC 9052 §4.4
 */
export async function verifySign1(sign1: Sign1, ctx: VerifySign1Context): Promise<boolean> {
  const headerOptions = {
    alg: ctx.key.alg,
    ...(ctx.allowUnprotectedAlg === undefined ? {} : { allowUnprotectedAlg: ctx.allowUnprotectedAlg }),
    ...(ctx.critical === undefined ? {} : { critical: ctx.critical }),
  };
  if (checkSign1Headers(sign1, headerOptions) !== undefined) return false;
  // Attached and detached content are mutually exclusive: accepting both would let a message's own
  // payload stand in for the one the caller thinks it verified.
  if ((sign1.payload === null) === (ctx.detachedPayload === undefined)) return false;
  const toBeSigned = sigStructure(sign1, ctx.externalAad, ctx.detachedPayload);
  return ctx.crypto.verify(ctx.key, toBeSigned, sign1.signature);
}
