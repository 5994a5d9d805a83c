import { DeltaIdError, isDeltaIdError } from '@deltaid/core';
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
import { publicKeyFromCose, publicKeyToCose } from './cose-key.js';
import { isValidCreditCode } from './credit-code.js';

/**
 * The wire form of trust lists (docs/formats/trust-list.md): CBOR maps with small integer keys. Decoding
 * validates every field and names the one that fails, so a list is either fully typed or refused.
 */

/** COSE content types (protected header 3) that keep a regional list and the list of lists apart. */
export const CONTENT_TYPE = {
  trustList: 'application/vnd.deltaid.trust-list+cbor',
  listOfLists: 'application/vnd.deltaid.list-of-lists+cbor',
} as const;

export const LIST_KEY = {
  version: 1,
  region: 2,
  operator: 3,
  sequence: 4,
  issuedAt: 5,
  nextUpdate: 6,
  entries: 7,
} as const;
export const LOL_KEY = {
  version: 1,
  operator: 2,
  sequence: 3,
  issuedAt: 4,
  nextUpdate: 5,
  lists: 6,
} as const;
export const REF_KEY = { region: 1, operator: 2, kid: 3, key: 4, url: 5 } as const;
export const ENTRY_KEY = {
  issuerId: 1,
  name: 2,
  creditCode: 3,
  kid: 4,
  key: 5,
  certificate: 6,
  docTypes: 7,
  validFrom: 8,
  validUntil: 9,
  status: 10,
  statusListKey: 11,
  statusLists: 12,
} as const;
const NAME_KEY = { zh: 1, en: 2 } as const;
const KEY_KEY = { kid: 1, key: 2 } as const;
const STATUS = { active: 0, retired: 1, compromised: 2 } as const;

/** Bounds that keep a hostile list from costing more than a real one. */
export const LIST_BOUNDS = {
  maxEntries: 10_000,
  maxDocTypes: 32,
  maxText: 512,
  maxKid: 64,
  maxStatusLists: 1024,
} as const;

function fail(field: string, message: string): DeltaIdError {
  return new DeltaIdError('ERR_TRUST_LIST', `${field}: ${message}`, { details: { field } });
}

// ---- encoding -------------------------------------------------------------------------------------

/** Runs an encoder, naming the field when a key cannot be encoded (a JWK of the wrong size). */
function named<T>(field: string, f: () => T): T {
  try {
    return f();
  } catch (cause) {
    if (!isDeltaIdError(cause)) throw cause;
    throw new DeltaIdError('ERR_TRUST_LIST', `${field}: ${cause.message}`, { cause, details: { field } });
  }
}

const encName = (n: BilingualName) =>
  new Map<number, unknown>([
    [NAME_KEY.zh, n.zh],
    [NAME_KEY.en, n.en],
  ]);

const encKey = (k: IssuerKey) =>
  new Map<number, unknown>([
    [KEY_KEY.kid, k.kid],
    [KEY_KEY.key, publicKeyToCose(k.alg, k.publicKey)],
  ]);

function encStatus(s: IssuerStatus): unknown[] {
  return s.state === 'active' ? [STATUS.active] : [STATUS[s.state], s.state === 'retired' ? s.at : s.at];
}

function encEntry(e: IssuerEntry): Map<number, unknown> {
  const m = new Map<number, unknown>([
    [ENTRY_KEY.issuerId, e.issuerId],
    [ENTRY_KEY.name, encName(e.name)],
    [ENTRY_KEY.creditCode, e.creditCode],
    [ENTRY_KEY.kid, e.kid],
    [ENTRY_KEY.key, publicKeyToCose(e.alg, e.publicKey)],
  ]);
  if (e.certificate !== undefined) m.set(ENTRY_KEY.certificate, e.certificate);
  m.set(ENTRY_KEY.docTypes, [...e.docTypes]);
  m.set(ENTRY_KEY.validFrom, e.validFrom);
  m.set(ENTRY_KEY.validUntil, e.validUntil);
  m.set(ENTRY_KEY.status, encStatus(e.status));
  if (e.statusListKey !== undefined) m.set(ENTRY_KEY.statusListKey, encKey(e.statusListKey));
  if (e.statusLists !== undefined) m.set(ENTRY_KEY.statusLists, new Map(e.statusLists));
  return m;
}

export function encodeTrustListPayload(c: TrustListContent): Map<number, unknown> {
  return new Map<number, unknown>([
    [LIST_KEY.version, c.version],
    [LIST_KEY.region, c.region],
    [LIST_KEY.operator, encName(c.operator)],
    [LIST_KEY.sequence, c.sequence],
    [LIST_KEY.issuedAt, c.issuedAt],
    [LIST_KEY.nextUpdate, c.nextUpdate],
    [LIST_KEY.entries, c.entries.map((e, i) => named(`entries[${i}]`, () => encEntry(e)))],
  ]);
}

export function encodeListOfListsPayload(c: ListOfListsContent): Map<number, unknown> {
  return new Map<number, unknown>([
    [LOL_KEY.version, c.version],
    [LOL_KEY.operator, encName(c.operator)],
    [LOL_KEY.sequence, c.sequence],
    [LOL_KEY.issuedAt, c.issuedAt],
    [LOL_KEY.nextUpdate, c.nextUpdate],
    [
      LOL_KEY.lists,
      c.lists.map(
        (r, i) =>
          new Map<number, unknown>([
            [REF_KEY.region, r.region],
            [REF_KEY.operator, encName(r.operator)],
            [REF_KEY.kid, r.operatorKey.kid],
            [
              REF_KEY.key,
              named(`lists[${i}].operatorKey`, () =>
                publicKeyToCose(r.operatorKey.alg, r.operatorKey.publicKey),
              ),
            ],
            [REF_KEY.url, r.url],
          ]),
      ),
    ],
  ]);
}

// ---- decoding -------------------------------------------------------------------------------------

function map(v: unknown, field: string, allowed: readonly number[]): Map<unknown, unknown> {
  if (!(v instanceof Map)) throw fail(field, 'must be a map');
  for (const k of v.keys()) {
    // Unknown keys are refused: a field this version does not understand could change the meaning.
    if (typeof k !== 'number' || !allowed.includes(k)) throw fail(field, `unknown key ${String(k)}`);
  }
  return v;
}

function text(v: unknown, field: string): string {
  if (typeof v !== 'string' || v.length === 0 || v.length > LIST_BOUNDS.maxText) {
    throw fail(field, `must be a text string of 1..${LIST_BOUNDS.maxText} characters`);
  }
  return v;
}

function uint(v: unknown, field: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0)
    throw fail(field, 'must be an unsigned integer');
  return v;
}

function bytes(v: unknown, field: string, max: number): Uint8Array {
  if (!(v instanceof Uint8Array) || v.length === 0 || v.length > max)
    throw fail(field, `must be 1..${max} bytes`);
  return v;
}

function region(v: unknown, field: string): Region {
  const r = REGIONS.find((x) => x === v);
  if (r === undefined) throw fail(field, `unknown region ${JSON.stringify(String(v))}`);
  return r;
}

function name(v: unknown, field: string): BilingualName {
  const m = map(v, field, Object.values(NAME_KEY));
  return { zh: text(m.get(NAME_KEY.zh), `${field}.zh`), en: text(m.get(NAME_KEY.en), `${field}.en`) };
}

function coseKey(v: unknown, field: string): Pick<IssuerKey, 'alg' | 'publicKey'> {
  try {
    const { alg, jwk } = publicKeyFromCose(v);
    return { alg, publicKey: jwk };
  } catch (cause) {
    throw new DeltaIdError(
      'ERR_TRUST_LIST',
      `${field}: ${cause instanceof Error ? cause.message : String(cause)}`,
      {
        cause,
        details: { field },
      },
    );
  }
}

function issuerKey(v: unknown, field: string): IssuerKey {
  const m = map(v, field, Object.values(KEY_KEY));
  return {
    kid: bytes(m.get(KEY_KEY.kid), `${field}.kid`, LIST_BOUNDS.maxKid),
    ...coseKey(m.get(KEY_KEY.key), `${field}.key`),
  };
}

function status(v: unknown, field: string): IssuerStatus {
  if (!Array.isArray(v) || v.length === 0 || v.length > 2)
    throw fail(field, 'must be [state] or [state, time]');
  if (v[0] === STATUS.active && v.length === 1) return { state: 'active' };
  if (v[0] === STATUS.retired && v.length === 2) return { state: 'retired', at: uint(v[1], `${field}[1]`) };
  if (v[0] === STATUS.compromised && v.length === 2)
    return { state: 'compromised', at: uint(v[1], `${field}[1]`) };
  throw fail(field, 'unknown state');
}

function entry(v: unknown, listRegion: Region, field: string): IssuerEntry {
  const m = map(v, field, Object.values(ENTRY_KEY));
  const f = (k: string) => `${field}.${k}`;
  const creditCode = text(m.get(ENTRY_KEY.creditCode), f('creditCode'));
  if (!isValidCreditCode(creditCode)) throw fail(f('creditCode'), 'not a valid unified social credit code');
  const docTypesRaw = m.get(ENTRY_KEY.docTypes);
  if (
    !Array.isArray(docTypesRaw) ||
    docTypesRaw.length === 0 ||
    docTypesRaw.length > LIST_BOUNDS.maxDocTypes
  ) {
    throw fail(f('docTypes'), `must be an array of 1..${LIST_BOUNDS.maxDocTypes} document types`);
  }
  const docTypes = docTypesRaw.map((d, i) => text(d, `${f('docTypes')}[${i}]`));
  const validFrom = uint(m.get(ENTRY_KEY.validFrom), f('validFrom'));
  const validUntil = uint(m.get(ENTRY_KEY.validUntil), f('validUntil'));
  if (validUntil < validFrom) throw fail(f('validUntil'), 'is before validFrom');
  const out: IssuerEntry = {
    issuerId: text(m.get(ENTRY_KEY.issuerId), f('issuerId')),
    region: listRegion,
    name: name(m.get(ENTRY_KEY.name), f('name')),
    creditCode,
    kid: bytes(m.get(ENTRY_KEY.kid), f('kid'), LIST_BOUNDS.maxKid),
    ...coseKey(m.get(ENTRY_KEY.key), f('key')),
    docTypes,
    validFrom,
    validUntil,
    status: status(m.get(ENTRY_KEY.status), f('status')),
  };
  const cert = m.get(ENTRY_KEY.certificate);
  const slk = m.get(ENTRY_KEY.statusListKey);
  const sl = m.get(ENTRY_KEY.statusLists);
  let lists: Map<number, string> | undefined;
  if (sl !== undefined) {
    if (!(sl instanceof Map) || sl.size > LIST_BOUNDS.maxStatusLists)
      throw fail(f('statusLists'), 'must be a map');
    lists = new Map();
    for (const [k, u] of sl)
      lists.set(uint(k, `${f('statusLists')} key`), text(u, `${f('statusLists')}[${String(k)}]`));
  }
  return {
    ...out,
    ...(cert === undefined ? {} : { certificate: bytes(cert, f('certificate'), 16 * 1024) }),
    ...(slk === undefined ? {} : { statusListKey: issuerKey(slk, f('statusListKey')) }),
    ...(lists === undefined ? {} : { statusLists: lists }),
  };
}

function header(
  m: Map<unknown, unknown>,
  keys: { version: number; sequence: number; issuedAt: number; nextUpdate: number },
) {
  if (m.get(keys.version) !== 1) throw fail('version', 'must be 1');
  const issuedAt = uint(m.get(keys.issuedAt), 'issuedAt');
  const nextUpdate = uint(m.get(keys.nextUpdate), 'nextUpdate');
  if (nextUpdate <= issuedAt) throw fail('nextUpdate', 'must be after issuedAt');
  return { version: 1 as const, sequence: uint(m.get(keys.sequence), 'sequence'), issuedAt, nextUpdate };
}

export function decodeTrustListPayload(v: unknown): TrustListContent {
  const m = map(v, 'trust list', Object.values(LIST_KEY));
  const r = region(m.get(LIST_KEY.region), 'region');
  const raw = m.get(LIST_KEY.entries);
  if (!Array.isArray(raw) || raw.length > LIST_BOUNDS.maxEntries) {
    throw fail('entries', `must be an array of at most ${LIST_BOUNDS.maxEntries} entries`);
  }
  return {
    ...header(m, LIST_KEY),
    region: r,
    operator: name(m.get(LIST_KEY.operator), 'operator'),
    entries: raw.map((e, i) => entry(e, r, `entries[${i}]`)),
  };
}

export function decodeListOfListsPayload(v: unknown): ListOfListsContent {
  const m = map(v, 'list of lists', Object.values(LOL_KEY));
  const raw = m.get(LOL_KEY.lists);
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > REGIONS.length) {
    throw fail('lists', `must name 1..${REGIONS.length} regional lists`);
  }
  const lists = raw.map((x, i): RegionalListRef => {
    const field = `lists[${i}]`;
    const r = map(x, field, Object.values(REF_KEY));
    return {
      region: region(r.get(REF_KEY.region), `${field}.region`),
      operator: name(r.get(REF_KEY.operator), `${field}.operator`),
      operatorKey: {
        kid: bytes(r.get(REF_KEY.kid), `${field}.kid`, LIST_BOUNDS.maxKid),
        ...coseKey(r.get(REF_KEY.key), `${field}.key`),
      },
      url: text(r.get(REF_KEY.url), `${field}.url`),
    };
  });
  if (new Set(lists.map((l) => l.region)).size !== lists.length)
    throw fail('lists', 'a region is named twice');
  return { ...header(m, LOL_KEY), operator: name(m.get(LOL_KEY.operator), 'operator'), lists };
}
