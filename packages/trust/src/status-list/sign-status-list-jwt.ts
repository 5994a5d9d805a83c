import { toBase64Url, utf8 } from '@deltaid/core';
import { compressStatusList } from './compress-status-list.js';
import { STATUS_LIST_JWT_TYP } from './constants.js';
import { assertClaimsInput } from './lib/claims.js';
import { jwtKid } from './lib/jwt.js';
import type { StatusListTokenInput } from './sign-status-list-cwt.js';
import type { StatusListSigner } from './types.js';

/**
 * Signs a Status List Token in JWT form (compact JWS): header `{ alg, typ: "statuslist+jwt", kid }`,
 * payload `{ sub, iat, exp, ttl, iss, status_list: { bits, lst } }` with `lst` in base64url (no
 * padding). For SD-JWT VC credentials, whose verifiers expect this form.
 *
 * Signed through the injected provider (ECDSA signatures are raw `r‖s`, which is the JWS form), so
 * the same key handles serve both forms. A binary `kid` that is not UTF-8 is written in base64url.
 *
 * @param input - claims and list.
 * @param signer - private key, provider and `kid`.
 * @returns the compact JWS.
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` for claims the verifier would refuse; signer errors.
 * @example
 * ```ts
 * const jwt = await signStatusListJwt({ claims: { sub, iat, ttl: 3600 }, list }, { key, crypto, kid })
 * ```
 * @see draft-ietf-oauth-status-list §5.1, §4.2; RFC 7515 §7.1
 */
export async function signStatusListJwt(
  input: StatusListTokenInput,
  signer: StatusListSigner,
): Promise<string> {
  const { claims } = input;
  assertClaimsInput(claims);
  const compressed =
    'lst' in input.list
      ? input.list
      : await compressStatusList(input.list, input.deflate === undefined ? {} : { deflate: input.deflate });
  const aggregationUri = claims.aggregationUri ?? compressed.aggregationUri;
  const header = {
    alg: signer.key.alg,
    typ: STATUS_LIST_JWT_TYP,
    ...(signer.kid === undefined ? {} : { kid: jwtKid(signer.kid) }),
  };
  const payload = {
    ...(claims.iss === undefined ? {} : { iss: claims.iss }),
    sub: claims.sub,
    iat: claims.iat,
    ...(claims.exp === undefined ? {} : { exp: claims.exp }),
    ...(claims.ttl === undefined ? {} : { ttl: claims.ttl }),
    status_list: {
      bits: compressed.bits,
      lst: toBase64Url(compressed.lst),
      ...(aggregationUri === undefined ? {} : { aggregation_uri: aggregationUri }),
    },
  };
  const signingInput = `${toBase64Url(utf8(JSON.stringify(header)))}.${toBase64Url(utf8(JSON.stringify(payload)))}`;
  const signature = await signer.crypto.sign(signer.key, utf8(signingInput));
  return `${signingInput}.${toBase64Url(signature)}`;
}
