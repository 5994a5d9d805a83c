import { DeltaIdError, type SignatureAlg, utf8 } from '@deltaid/core';
import { STATUS_LIST_JWT_TYP } from './constants.js';
import { decompressStatusList } from './decompress-status-list.js';
import { checkTimes, checkUri, readClaims } from './lib/claims.js';
import { jsonObject, segment } from './lib/jwt.js';
import { verifyWithCandidates } from './lib/keys.js';
import type { StatusListKey, StatusListToken, VerifyStatusListOptions } from './types.js';

const DEFAULT_MAX_TOKEN_BYTES = 8 * 1024 * 1024;
const JWS_ALGS: ReadonlySet<string> = new Set<SignatureAlg>(['ES256', 'ES384', 'EdDSA', 'SM2']);

function isAlg(v: unknown): v is SignatureAlg {
  return typeof v === 'string' && JWS_ALGS.has(v);
}

function structure(message: string): DeltaIdError {
  return new DeltaIdError('ERR_STRUCTURE', `status list JWT: ${message}`);
}

/**
 * Verifies a Status List Token in JWT form (compact JWS) and decodes its list: `typ` must be
 * `statuslist+jwt` (or `application/statuslist+jwt`), `alg` one the provider verifies (never `none`),
 * no `crit`; then the signature, the claims and the bounded decompression of `lst`.
 *
 * @param token - the compact JWS.
 * @param key - the issuer's key, or a resolver called with the `kid` string (or `iss`).
 * @param options - provider, time, expected URI, bounds.
 * @returns the verified token; `kid` holds the UTF-8 bytes of the header's `kid`.
 * @throws DeltaIdError `ERR_STRUCTURE` (malformed, wrong `typ`, `crit`, bad claims, wrong `sub`);
 *   `ERR_COSE_ALG` (unsupported `alg`); `ERR_UNKNOWN_ISSUER`; `ERR_SIGNATURE`; `ERR_EXPIRED`;
 *   `ERR_NOT_YET_VALID`; `ERR_INFLATE_LIMIT`; `ERR_INFLATE`; `ERR_CBOR_LIMIT` (token too long).
 * @example
 * ```ts
 * const token = await verifyStatusListJwt(jwt, issuerKey, { crypto, now: new Date() })
 * ```
 * @see draft-ietf-oauth-status-list §5.1, §8.3; RFC 7515 §5.2
 */
export async function verifyStatusListJwt(
  token: string,
  key: StatusListKey,
  options: VerifyStatusListOptions,
): Promise<StatusListToken> {
  if (typeof token !== 'string') throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'token must be a string');
  const maxTokenBytes = options.maxTokenBytes ?? DEFAULT_MAX_TOKEN_BYTES;
  if (token.length > maxTokenBytes) {
    throw new DeltaIdError('ERR_CBOR_LIMIT', 'status list token too large', { details: { maxTokenBytes } });
  }
  const parts = token.split('.');
  if (parts.length !== 3) throw structure('must have three parts');
  const [h, p, s] = parts as [string, string, string];
  const header = jsonObject(segment(h, 'header'), 'header');
  const typ = header.typ;
  if (typeof typ !== 'string' || !/^(application\/)?statuslist\+jwt$/i.test(typ)) {
    throw structure(`typ must be ${STATUS_LIST_JWT_TYP}`);
  }
  if (header.crit !== undefined) throw structure('crit is not supported');
  if (!isAlg(header.alg)) throw new DeltaIdError('ERR_COSE_ALG', 'status list JWT: unsupported alg');
  const kid = header.kid;
  if (kid !== undefined && typeof kid !== 'string') throw structure('kid must be a string');
  const payload = jsonObject(segment(p, 'payload'), 'payload');
  const signature = segment(s, 'signature');
  const signingInput = utf8(`${h}.${p}`);

  const iss = payload.iss;
  const signer = await verifyWithCandidates(
    key,
    { kid, iss: typeof iss === 'string' ? iss : undefined },
    header.alg,
    (candidate) => options.crypto.verify(candidate, signingInput, signature),
  );

  const claims = readClaims((name) => payload[name]);
  checkTimes(claims, options.now.getTime() / 1000, options.clockToleranceSeconds ?? 60);
  checkUri(claims, options.uri);
  const statusList = payload.status_list;
  if (typeof statusList !== 'object' || statusList === null || Array.isArray(statusList)) {
    throw structure('status_list must be an object');
  }
  const fields = Object.fromEntries(Object.entries(statusList));
  if (typeof fields.lst !== 'string') throw structure('status_list.lst must be a base64url string');
  const aggregationUri = fields.aggregation_uri;
  if (aggregationUri !== undefined && typeof aggregationUri !== 'string') {
    throw structure('aggregation_uri must be a string');
  }
  const list = await decompressStatusList(
    { bits: fields.bits, lst: segment(fields.lst, 'status_list.lst') },
    options.maxListBytes === undefined ? {} : { maxBytes: options.maxListBytes },
  );
  return {
    format: 'jwt',
    ...claims,
    signer: signer.jwk,
    ...(aggregationUri === undefined ? {} : { aggregationUri }),
    ...(kid === undefined ? {} : { kid: utf8(kid) }),
    list,
  };
}
