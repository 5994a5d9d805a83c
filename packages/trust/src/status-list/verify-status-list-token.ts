import { DeltaIdError, fromUtf8 } from '@deltaid/core';
import type { StatusListKey, StatusListToken, VerifyStatusListOptions } from './types.js';
import { verifyStatusListCwt } from './verify-status-list-cwt.js';
import { verifyStatusListJwt } from './verify-status-list-jwt.js';

/**
 * Verifies a Status List Token in either form, telling them apart by their first byte: a compact JWS
 * starts with `e` (`{"` in base64url), a COSE_Sign1 with tag 18 (`d2`) or an array head (`84`).
 *
 * @param token - CWT bytes, JWT text, or JWT text as bytes (as read from a file or a response).
 * @param key - the issuer's key or a resolver.
 * @param options - as for {@link verifyStatusListCwt}.
 * @returns the verified token.
 * @throws DeltaIdError the codes of {@link verifyStatusListCwt} and {@link verifyStatusListJwt};
 *   `ERR_STRUCTURE` when the bytes are neither form.
 * @example
 * ```ts
 * const token = await verifyStatusListToken(await readFile(path), key, { crypto, now })
 * ```
 * @see draft-ietf-oauth-status-list §5
 */
export async function verifyStatusListToken(
  token: Uint8Array | string,
  key: StatusListKey,
  options: VerifyStatusListOptions,
): Promise<StatusListToken> {
  if (typeof token === 'string') return verifyStatusListJwt(token.trim(), key, options);
  if (!(token instanceof Uint8Array))
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'token must be bytes or text');
  if (token[0] === 0x65) {
    let text: string;
    try {
      text = fromUtf8(token);
    } catch (cause) {
      throw new DeltaIdError('ERR_STRUCTURE', 'status list token is neither CWT nor JWT', { cause });
    }
    return verifyStatusListJwt(text.trim(), key, options);
  }
  return verifyStatusListCwt(token, key, options);
}
