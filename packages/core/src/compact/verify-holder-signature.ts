import { verifySign1 } from '../cose/verify-sign1.js';
import type { KeyOptions, PublicKeyHandle, Verifies } from '../crypto/types.js';
import { isDeltaIdError } from '../errors.js';
import type { DecodedPresentation } from './decode-presentation.js';

/**
 * Checks the holder's signature over a presentation with the device key bound in the credential's `cnf`. A holder
 * key that does not import (not on its curve, an algorithm the provider lacks) is a failed check, not an exception.
 * Call it only after the issuer signature verified: until then the `cnf` key is just a claim.
 *
 * @param presentation - from `decodePresentation`.
 * @param ctx - a crypto provider, and key options such as a non-default SM2 user id.
 * @returns the imported holder key, or `undefined` when the signature does not verify (`ERR_HOLDER_SIGNATURE`).
 * @example const holderKey = await verifyHolderSignature(p, { crypto });
 * @see docs/formats/compact-credential.md §Verification
 */
export async function verifyHolderSignature(
  presentation: DecodedPresentation,
  ctx: { readonly crypto: Verifies; readonly holderKeyOptions?: KeyOptions },
): Promise<PublicKeyHandle | undefined> {
  let holderKey: PublicKeyHandle;
  try {
    const { alg, raw } = presentation.credential.holderKey;
    holderKey = await ctx.crypto.importRawPublicKey(alg, raw, ctx.holderKeyOptions);
  } catch (err) {
    if (isDeltaIdError(err)) return undefined;
    throw err;
  }
  return (await verifySign1(presentation.sign1, { key: holderKey, crypto: ctx.crypto }))
    ? holderKey
    : undefined;
}
