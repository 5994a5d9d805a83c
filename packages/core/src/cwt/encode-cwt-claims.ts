import { encodeCbor } from '../cbor/cbor.js';
import { DeltaIdError } from '../errors.js';
import type { CwtClaimKey, CwtClaimsInput } from './claims.js';
import { CLAIM_FIELDS, FIELD_BY_KEY, isClaimKey } from './internal/claim-fields.js';

function invalid(message: string, claim: string): DeltaIdError {
  return new DeltaIdError('ERR_INVALID_ARGUMENT', `CWT claims: ${message}`, { details: { claim } });
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/**
 * Encodes a CWT claims set as a CBOR map with keys in deterministic order (RFC 8949 §4.2.1,
 * bytewise order of the encoded keys: 1…7, 8, 65533…65535, negative keys, text keys), so the same
 * claims always give the same bytes.
 *
 * @param claims - named claims plus `extra` (any other integer or text keys).
 * @returns the encoded claims, ready to be the payload of `signSign1`.
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` when a claim has the wrong type, a time is not a whole
 *   number of seconds, or `extra` repeats a named claim's key.
 * @example
 * ```ts
 * const payload = encodeCwtClaims({ iss: 'CN-SH', iat: now, exp: now + 86400, extra: new Map([[-70000, doc]]) });
 * ```
 * @see RFC 8392 §3, §4, §7.1
 */
export function encodeCwtClaims(claims: CwtClaimsInput): Uint8Array {
  const entries: [CwtClaimKey, unknown][] = [];
  for (const field of CLAIM_FIELDS) {
    const v: unknown = claims[field.name];
    if (v === undefined) continue;
    if (!field.check(v)) throw invalid(`${field.name} must be ${field.expects}`, field.name);
    // Issuers write whole seconds: floats cost bytes and some verifiers reject them.
    if ((field.name === 'exp' || field.name === 'nbf' || field.name === 'iat') && !Number.isSafeInteger(v)) {
      throw invalid(`${field.name} must be whole seconds`, field.name);
    }
    entries.push([field.key, v]);
  }
  for (const [key, v] of claims.extra ?? []) {
    if (!isClaimKey(key)) throw invalid('claim keys must be integers or text strings', String(key));
    if (FIELD_BY_KEY.has(key)) throw invalid(`extra repeats the named claim ${String(key)}`, String(key));
    entries.push([key, v]);
  }
  const keyed = entries.map((e) => ({ bytes: encodeCbor(e[0]), entry: e }));
  keyed.sort((a, b) => compareBytes(a.bytes, b.bytes));
  return encodeCbor(new Map(keyed.map((k) => k.entry)));
}
