import { toBase64Url, utf8 } from '../bytes.js';
import type { Digests, PublicJwk } from '../crypto/types.js';
import { readJwk } from './internal/jwk-bytes.js';

/** kid length in bytes: as in EU DCC, short enough for a QR code and plenty to tell issuers apart. */
const KID_BYTES = 8;

/**
 * Derives an 8-byte key identifier: the first 8 bytes of the RFC 7638 JWK thumbprint (SHA-256 over
 * `{"crv","kty","x","y"}` for EC, `{"crv","kty","x"}` for OKP, members in that order, no whitespace).
 * Coordinates are re-encoded from their bytes, so the same key always gives the same kid. Private
 * members are ignored.
 *
 * @param jwk - a public (or private) JWK of a supported curve.
 * @param crypto - a provider's `digest`.
 * @returns 8 bytes.
 * @throws DeltaIdError `ERR_KEY` for an invalid JWK.
 * @example
 * ```ts
 * const kid = await deriveKid(issuerPublicJwk, crypto);
 * ```
 * @see RFC 7638 §3, RFC 8037 §2 (OKP)
 */
export async function deriveKid(jwk: PublicJwk, crypto: Digests): Promise<Uint8Array> {
  const { kty, crv, x, y } = readJwk(jwk);
  // Built by hand: the member order is part of the hash input, and JSON.stringify of an object is
  // only ordered by insertion, which is too easy to break in a refactor.
  const members = [`"crv":"${crv}"`, `"kty":"${kty}"`, `"x":"${toBase64Url(x)}"`];
  if (y !== undefined) members.push(`"y":"${toBase64Url(y)}"`);
  const thumbprint = await crypto.digest('SHA-256', utf8(`{${members.join(',')}}`));
  return thumbprint.slice(0, KID_BYTES);
}
