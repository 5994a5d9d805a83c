import { CWT_CLAIM, type CwtClaimKey } from '../claims.js';

/** The named fields of `CwtClaims`, with the key and a type check for each. */
export interface ClaimField {
  readonly name:
    | 'iss'
    | 'sub'
    | 'aud'
    | 'exp'
    | 'nbf'
    | 'iat'
    | 'cti'
    | 'cnf'
    | 'status'
    | 'statusList'
    | 'ttl';
  readonly key: number;
  /** A description for error messages. */
  readonly expects: string;
  readonly check: (v: unknown) => boolean;
}

const isText = (v: unknown): boolean => typeof v === 'string';
const isTime = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);
const isKeyed = (v: unknown): boolean =>
  v instanceof Map &&
  [...v.keys()].every((k) => typeof k === 'string' || (typeof k === 'number' && Number.isSafeInteger(k)));

/** RFC 8747 §3.1: cnf holds one confirmation method; we check the shapes of the three defined ones. */
function isCnf(v: unknown): boolean {
  if (!(v instanceof Map) || v.size === 0) return false;
  for (const [k, val] of v) {
    if (typeof k !== 'number' || !Number.isSafeInteger(k)) return false;
    if (k === 1 && !(val instanceof Map)) return false; // COSE_Key
    if (k === 2 && !Array.isArray(val)) return false; // Encrypted_COSE_Key (COSE_Encrypt0 / COSE_Encrypt)
    if (k === 3 && !(val instanceof Uint8Array)) return false; // kid
  }
  return true;
}

export const CLAIM_FIELDS: readonly ClaimField[] = [
  { name: 'iss', key: CWT_CLAIM.iss, expects: 'a text string', check: isText },
  { name: 'sub', key: CWT_CLAIM.sub, expects: 'a text string', check: isText },
  {
    name: 'aud',
    key: CWT_CLAIM.aud,
    expects: 'a text string or an array of text strings',
    check: (v) => isText(v) || (Array.isArray(v) && v.length > 0 && v.every(isText)),
  },
  { name: 'exp', key: CWT_CLAIM.exp, expects: 'a NumericDate', check: isTime },
  { name: 'nbf', key: CWT_CLAIM.nbf, expects: 'a NumericDate', check: isTime },
  { name: 'iat', key: CWT_CLAIM.iat, expects: 'a NumericDate', check: isTime },
  { name: 'cti', key: CWT_CLAIM.cti, expects: 'a byte string', check: (v) => v instanceof Uint8Array },
  { name: 'cnf', key: CWT_CLAIM.cnf, expects: 'a confirmation map (RFC 8747)', check: isCnf },
  { name: 'statusList', key: CWT_CLAIM.statusList, expects: 'a map', check: isKeyed },
  {
    name: 'ttl',
    key: CWT_CLAIM.ttl,
    expects: 'a positive integer',
    check: (v) => typeof v === 'number' && Number.isSafeInteger(v) && v > 0,
  },
  { name: 'status', key: CWT_CLAIM.status, expects: 'a map', check: isKeyed },
];

export const FIELD_BY_KEY: ReadonlyMap<CwtClaimKey, ClaimField> = new Map(
  CLAIM_FIELDS.map((f) => [f.key, f]),
);

export function isClaimKey(k: unknown): k is CwtClaimKey {
  return typeof k === 'string' || (typeof k === 'number' && Number.isSafeInteger(k));
}
