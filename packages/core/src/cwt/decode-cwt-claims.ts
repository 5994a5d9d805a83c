import { decodeCbor } from '../cbor/cbor.js';
import { type CborLimits, DEFAULT_CBOR_LIMITS } from '../cbor/limits.js';
import { DeltaIdError } from '../errors.js';
import type { CwtClaimKey, CwtClaims } from './claims.js';
import { FIELD_BY_KEY, isClaimKey } from './internal/claim-fields.js';

/** Options for {@link decodeCwtClaims}. */
export interface DecodeCwtClaimsOptions {
  /** Bounds when `payload` is bytes; default {@link DEFAULT_CBOR_LIMITS}. */
  readonly limits?: CborLimits;
}

function structure(message: string, claim: string): DeltaIdError {
  return new DeltaIdError('ERR_STRUCTURE', `CWT claims: ${message}`, { details: { claim } });
}

/**
 * Decodes and type-checks a CWT claims set (the payload of a CWT's COSE_Sign1). Known claims
 * (iss, sub, aud, exp, nbf, iat, cti, cnf, status, ttl, status_list) must have their registered types;
 * all other claims are kept in `extra`. Times are not compared to a clock here: see `checkCwtTimes`.
 *
 * @param payload - the claims bytes, or a value from `decodeCbor`.
 * @param options - CBOR limits.
 * @returns the claims.
 * @throws DeltaIdError `ERR_CBOR` / `ERR_CBOR_LIMIT` for bad bytes; `ERR_STRUCTURE` when the payload
 *   is not a map, a key is neither integer nor text, or a known claim has the wrong type (the message
 *   and `details.claim` name it).
 * @example
 * ```ts
 * const claims = decodeCwtClaims(sign1.payload);
 * claims.iss // 'coap://as.example.com'
 * ```
 * @see RFC 8392 §3, §4; RFC 8747 §3
 */
export function decodeCwtClaims(
  payload: Uint8Array | unknown,
  options: DecodeCwtClaimsOptions = {},
): CwtClaims {
  const value: unknown =
    payload instanceof Uint8Array
      ? decodeCbor(payload, { limits: options.limits ?? DEFAULT_CBOR_LIMITS })
      : payload;
  if (!(value instanceof Map)) throw structure('must be a map', '');
  const named: Record<string, unknown> = {};
  const extra = new Map<CwtClaimKey, unknown>();
  for (const [key, v] of value) {
    if (!isClaimKey(key)) throw structure('claim keys must be integers or text strings', String(key));
    const field = FIELD_BY_KEY.get(key);
    if (field === undefined) {
      extra.set(key, v);
      continue;
    }
    if (!field.check(v)) throw structure(`${field.name} (${field.key}) must be ${field.expects}`, field.name);
    named[field.name] = v;
  }
  // Every named value passed its field's check above, so each narrowing below is a re-statement of it.
  const claims: CwtClaims = {
    ...pick(named, 'iss', isString),
    ...pick(named, 'sub', isString),
    ...pick(named, 'aud', (v): v is string | readonly string[] => isString(v) || Array.isArray(v)),
    ...pick(named, 'exp', isNumber),
    ...pick(named, 'nbf', isNumber),
    ...pick(named, 'iat', isNumber),
    ...pick(named, 'cti', (v): v is Uint8Array => v instanceof Uint8Array),
    ...pick(named, 'cnf', isNumberMap),
    ...pick(named, 'status', isMap),
    ...pick(named, 'statusList', isMap),
    ...pick(named, 'ttl', isNumber),
    extra,
  };
  return claims;
}

function isString(v: unknown): v is string {
  return typeof v === 'string';
}
function isNumber(v: unknown): v is number {
  return typeof v === 'number';
}
function isMap(v: unknown): v is ReadonlyMap<CwtClaimKey, unknown> {
  return v instanceof Map;
}
function isNumberMap(v: unknown): v is ReadonlyMap<number, unknown> {
  return v instanceof Map;
}

function pick<K extends string, T>(
  named: Record<string, unknown>,
  name: K,
  guard: (v: unknown) => v is T,
): { [P in K]?: T } {
  const v = named[name];
  if (v === undefined || !guard(v)) return {};
  const out: { [P in K]?: T } = {};
  out[name] = v;
  return out;
}
