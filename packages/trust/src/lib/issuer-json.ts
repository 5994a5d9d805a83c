import { DeltaIdError, fromBase64Url, type PublicJwk, type SignatureAlg } from '@deltaid/core';
import type {
  BilingualName,
  IssuerEntry,
  IssuerKey,
  IssuerStatus,
  ListOfListsContent,
  Region,
  RegionalListRef,
  TrustListContent,
} from '../trust-list/types.js';
import { REGIONS } from '../trust-list/types.js';
import { isValidCreditCode } from './credit-code.js';

/**
 * The JSON form of issuer entries and list manifests (docs/formats/trust-list.md §JSON manifest): what an
 * operator edits by hand and the CLI signs. Bytes are base64url, times epoch seconds or ISO 8601 (UTC).
 * Every error names the entry and field, e.g. `entries[3].creditCode`.
 */

function bad(field: string, message: string): DeltaIdError {
  return new DeltaIdError('ERR_INVALID_ARGUMENT', `${field}: ${message}`, { details: { field } });
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function obj(v: unknown, field: string): Obj {
  if (!isObj(v)) throw bad(field, 'must be an object');
  return v;
}

function str(v: unknown, field: string): string {
  if (typeof v !== 'string' || v.length === 0 || v.length > 512)
    throw bad(field, 'must be a non-empty string');
  return v;
}

function b64u(v: unknown, field: string): Uint8Array {
  const s = str(v, field);
  if (!/^[A-Za-z0-9_-]+$/.test(s)) throw bad(field, 'must be base64url');
  return fromBase64Url(s);
}

function time(v: unknown, field: string): number {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return v;
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(v)) {
    const ms = Date.parse(v);
    if (!Number.isNaN(ms)) return Math.floor(ms / 1000);
  }
  throw bad(field, 'must be epoch seconds or an ISO 8601 UTC time');
}

function uint(v: unknown, field: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0)
    throw bad(field, 'must be an unsigned integer');
  return v;
}

function region(v: unknown, field: string): Region {
  const r = REGIONS.find((x) => x === v);
  if (r === undefined) throw bad(field, `must be one of ${REGIONS.join(', ')}`);
  return r;
}

function name(v: unknown, field: string): BilingualName {
  const o = obj(v, field);
  return { zh: str(o.zh, `${field}.zh`), en: str(o.en, `${field}.en`) };
}

const ALGS: readonly SignatureAlg[] = ['ES256', 'ES384', 'EdDSA', 'SM2'];
const CRVS: readonly PublicJwk['crv'][] = ['P-256', 'P-384', 'SM2', 'Ed25519'];

function jwk(v: unknown, field: string): PublicJwk {
  const o = obj(v, field);
  if ('d' in o) throw bad(`${field}.d`, 'a private key does not belong in a trust list');
  const kty = o.kty === 'EC' || o.kty === 'OKP' ? o.kty : undefined;
  const crv = CRVS.find((c) => c === o.crv);
  if (kty === undefined) throw bad(`${field}.kty`, 'must be EC or OKP');
  if (crv === undefined) throw bad(`${field}.crv`, `must be one of ${CRVS.join(', ')}`);
  const x = str(o.x, `${field}.x`);
  return o.y === undefined ? { kty, crv, x } : { kty, crv, x, y: str(o.y, `${field}.y`) };
}

function key(o: Obj, field: string): IssuerKey {
  const alg = ALGS.find((a) => a === o.alg);
  if (alg === undefined) throw bad(`${field}.alg`, `must be one of ${ALGS.join(', ')}`);
  return { kid: b64u(o.kid, `${field}.kid`), alg, publicKey: jwk(o.publicKey, `${field}.publicKey`) };
}

function status(v: unknown, field: string): IssuerStatus {
  if (v === undefined) return { state: 'active' };
  const o = obj(v, field);
  if (o.state === 'active') return { state: 'active' };
  if (o.state === 'retired' || o.state === 'compromised')
    return { state: o.state, at: time(o.at, `${field}.at`) };
  throw bad(`${field}.state`, 'must be active, retired or compromised');
}

/** One issuer entry from JSON; `listRegion`, when given, is the region of the list it sits in. */
export function issuerEntryFromJson(v: unknown, field: string, listRegion?: Region): IssuerEntry {
  const o = obj(v, field);
  const f = (k: string) => `${field}.${k}`;
  const r = o.region === undefined && listRegion !== undefined ? listRegion : region(o.region, f('region'));
  if (listRegion !== undefined && r !== listRegion) throw bad(f('region'), `${r} in a ${listRegion} list`);
  const creditCode = str(o.creditCode, f('creditCode'));
  if (!isValidCreditCode(creditCode)) {
    throw bad(f('creditCode'), 'not a valid unified social credit code (GB 32100 check character)');
  }
  if (!Array.isArray(o.docTypes) || o.docTypes.length === 0)
    throw bad(f('docTypes'), 'must be a non-empty array');
  const docTypes = o.docTypes.map((d, i) => str(d, `${f('docTypes')}[${i}]`));
  const validFrom = time(o.validFrom, f('validFrom'));
  const validUntil = time(o.validUntil, f('validUntil'));
  if (validUntil < validFrom) throw bad(f('validUntil'), 'is before validFrom');
  let statusLists: Map<number, string> | undefined;
  if (o.statusLists !== undefined) {
    statusLists = new Map();
    for (const [k, u] of Object.entries(obj(o.statusLists, f('statusLists')))) {
      if (!/^\d{1,9}$/.test(k)) throw bad(`${f('statusLists')}.${k}`, 'key must be a list number');
      statusLists.set(Number(k), str(u, `${f('statusLists')}.${k}`));
    }
  }
  return {
    issuerId: str(o.issuerId, f('issuerId')),
    region: r,
    name: name(o.name, f('name')),
    creditCode,
    ...key(o, field),
    ...(o.certificate === undefined ? {} : { certificate: b64u(o.certificate, f('certificate')) }),
    docTypes,
    validFrom,
    validUntil,
    status: status(o.status, f('status')),
    ...(o.statusListKey === undefined
      ? {}
      : { statusListKey: key(obj(o.statusListKey, f('statusListKey')), f('statusListKey')) }),
    ...(statusLists === undefined ? {} : { statusLists }),
  };
}

/** A JSON array of issuer entries (or an object with `entries`). */
export function issuerEntriesFromJson(v: unknown): IssuerEntry[] {
  const arr = Array.isArray(v) ? v : obj(v, 'registry').entries;
  if (!Array.isArray(arr)) throw bad('entries', 'must be an array');
  return arr.map((e, i) => issuerEntryFromJson(e, `entries[${i}]`));
}

/** A regional list manifest. */
export function trustListFromJson(v: unknown): TrustListContent {
  const o = obj(v, 'manifest');
  if (o.version !== undefined && o.version !== 1) throw bad('version', 'must be 1');
  const r = region(o.region, 'region');
  if (!Array.isArray(o.entries)) throw bad('entries', 'must be an array');
  return {
    version: 1,
    region: r,
    operator: name(o.operator, 'operator'),
    sequence: uint(o.sequence, 'sequence'),
    issuedAt: time(o.issuedAt, 'issuedAt'),
    nextUpdate: time(o.nextUpdate, 'nextUpdate'),
    entries: o.entries.map((e, i) => issuerEntryFromJson(e, `entries[${i}]`, r)),
  };
}

/** A list-of-lists manifest. */
export function listOfListsFromJson(v: unknown): ListOfListsContent {
  const o = obj(v, 'manifest');
  if (o.version !== undefined && o.version !== 1) throw bad('version', 'must be 1');
  if (!Array.isArray(o.lists)) throw bad('lists', 'must be an array');
  return {
    version: 1,
    operator: name(o.operator, 'operator'),
    sequence: uint(o.sequence, 'sequence'),
    issuedAt: time(o.issuedAt, 'issuedAt'),
    nextUpdate: time(o.nextUpdate, 'nextUpdate'),
    lists: o.lists.map((l, i): RegionalListRef => {
      const field = `lists[${i}]`;
      const lo = obj(l, field);
      return {
        region: region(lo.region, `${field}.region`),
        operator: name(lo.operator, `${field}.operator`),
        operatorKey: key(obj(lo.operatorKey, `${field}.operatorKey`), `${field}.operatorKey`),
        url: str(lo.url, `${field}.url`),
      };
    }),
  };
}
