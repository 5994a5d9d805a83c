import { verifySign1 } from '../cose/verify-sign1.js';
import type { KeyOptions, PublicKeyHandle, Verifies } from '../crypto/types.js';
import type { DecodedPresentation } from './decode-presentation.js';
import { verifyHolderSignature } from './verify-holder-signature.js';

/** The outcome of {@link verifyPresentationSignatures}: failures are data. */
export type PresentationSignatureResult =
  | { readonly ok: true; readonly holderKey: PublicKeyHandle }
  | { readonly ok: false; readonly code: 'ERR_SIGNATURE' | 'ERR_HOLDER_SIGNATURE' };

/**
 * Checks both signatures of a decoded presentation: the issuer's over the credential with the given trusted key,
 * then the holder's over the presentation with the key bound in the credential's `cnf`. A holder key that does not
 * import (not on its curve) counts as a bad holder signature.
 *
 * @param presentation - from `decodePresentation`.
 * @param ctx - the issuer's trusted key (from a trust registry) and a crypto provider.
 * @returns `{ ok: true, holderKey }` or `{ ok: false, code }` with `ERR_SIGNATURE` (issuer) or `ERR_HOLDER_SIGNATURE`.
 * @example
 * ```ts
 * const r = await verifyPresentationSignatures(p, { issuerKey, crypto });
 * if (!r.ok) console.log(r.code);
 * ```
 * @see docs/formats/compact-credential.md §Verification
 */
export async function verifyPresentationSignatures(
  presentation: DecodedPresentation,
  ctx: {
    readonly issuerKey: PublicKeyHandle;
    readonly crypto: Verifies;
    readonly holderKeyOptions?: KeyOptions;
  },
): Promise<PresentationSignatureResult> {
  const issuerOk = await verifySign1(presentation.credential.sign1, {
    key: ctx.issuerKey,
    crypto: ctx.crypto,
  });
  if (!issuerOk) return { ok: false, code: 'ERR_SIGNATURE' };
  const holderKey = await verifyHolderSignature(presentation, ctx);
  return holderKey === undefined ? { ok: false, code: 'ERR_HOLDER_SIGNATURE' } : { ok: true, holderKey };
}
