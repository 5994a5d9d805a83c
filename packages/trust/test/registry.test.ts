import { utf8 } from '@deltaid/core';
import { describe, expect, it } from 'vitest';
import { createFederatedRegistry } from '../src/registry/create-federated-registry.js';
import { createStaticRegistry } from '../src/registry/create-static-registry.js';
import { createTrustListRegistry } from '../src/registry/create-trust-list-registry.js';
import type { TrustRegistry } from '../src/registry/types.js';
import type { IssuerStatus, Region } from '../src/trust-list/types.js';
import { verifyListOfLists } from '../src/trust-list/verify-list-of-lists.js';
import { type VerifiedTrustList, verifyTrustList } from '../src/trust-list/verify-trust-list.js';
import {
  crypto,
  DAY,
  DL,
  EID,
  entry,
  makeFederation,
  makeKey,
  publicPart,
  REGION_LIST,
  T0,
  VL,
  YEAR,
} from './trust-fixtures.js';

const fed = await makeFederation();
const clock = () => T0 + DAY;

/** The whole chain a verifier runs: pinned joint key → list of lists → four regional lists → registry. */
async function deltaRegistry(): Promise<{ registry: TrustRegistry; lists: VerifiedTrustList[] }> {
  const lol = await verifyListOfLists(fed.listOfLists, {
    anchors: [publicPart(fed.joint)],
    crypto,
    now: clock(),
  });
  if (!lol.ok) throw new Error(lol.code);
  const lists: VerifiedTrustList[] = [];
  for (const region of REGION_LIST) {
    const r = await verifyTrustList(fed.lists[region], {
      anchors: lol.list.anchors,
      crypto,
      now: clock(),
      region,
    });
    if (!r.ok) throw new Error(r.code);
    lists.push(r.list);
  }
  return { registry: createTrustListRegistry(lists, { crypto, clock: () => clock() * 1000 }), lists };
}

const { registry: delta } = await deltaRegistry();

/** Signs `data` with an issuer's private key; the check a verifier passes as `verify`. */
async function signedBy(region: Region, i: 0 | 1, data = utf8('credential')) {
  const k = fed.issuers[region][i];
  const sig = await crypto.sign(k.privateKey, data);
  return (key: Parameters<typeof crypto.verify>[0]) => crypto.verify(key, data, sig);
}

describe('four regions end to end', () => {
  it('a Jiangsu driving licence resolves at a Shanghai verifier (hotel policy: all regions)', async () => {
    const hotel = createFederatedRegistry({
      registries: [delta],
      policy: { regions: 'all', docTypes: 'all' },
    });
    const r = await hotel.lookup({
      kid: fed.issuers['CN-JS'][0].kid,
      docType: DL,
      at: T0 + DAY,
      verify: await signedBy('CN-JS', 0),
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.issuer.region).toBe('CN-JS');
    expect(r.issuer.issuerId).toBe('cn-js-issuer-1');
    expect(r.issuer.creditCode).toBe(fed.entries['CN-JS'][0]!.creditCode);
    expect(r.key.jwk).toEqual(fed.issuers['CN-JS'][0].publicKey);
  });

  it('the hotel accepts an issuer of each of the four regions', async () => {
    const hotel = createFederatedRegistry({
      registries: [delta],
      policy: { regions: 'all', docTypes: 'all' },
    });
    for (const region of REGION_LIST) {
      const r = await hotel.resolve({ kid: fed.issuers[region][0].kid, docType: EID, at: T0 + DAY });
      expect(r?.issuer.region).toBe(region);
    }
  });

  it('a Shanghai-only benefits desk refuses a Zhejiang issuer with ERR_REGION_NOT_ACCEPTED', async () => {
    const desk = createFederatedRegistry({
      registries: [delta],
      policy: { regions: ['CN-SH'], docTypes: [EID] },
    });
    expect(await desk.lookup({ kid: fed.issuers['CN-ZJ'][0].kid, docType: EID, at: T0 + DAY })).toMatchObject(
      {
        ok: false,
        code: 'ERR_REGION_NOT_ACCEPTED',
      },
    );
    expect(await desk.lookup({ kid: fed.issuers['CN-SH'][0].kid, docType: EID, at: T0 + DAY })).toMatchObject(
      {
        ok: true,
      },
    );
    // The desk accepts e-IDs only: a Shanghai driving licence is refused by policy.
    expect(await desk.lookup({ kid: fed.issuers['CN-SH'][0].kid, docType: DL, at: T0 + DAY })).toMatchObject({
      ok: false,
      code: 'ERR_POLICY',
    });
  });

  it('a Zhejiang issuer authorised only for vehicle licences cannot vouch for an e-ID', async () => {
    const kid = fed.issuers['CN-ZJ'][1].kid;
    expect(await delta.lookup({ kid, docType: EID, at: T0 + DAY })).toMatchObject({
      ok: false,
      code: 'ERR_ISSUER_NOT_AUTHORISED',
    });
    expect(await delta.resolve({ kid, docType: EID, at: T0 + DAY })).toBeUndefined();
    expect(await delta.lookup({ kid, docType: VL, at: T0 + DAY })).toMatchObject({ ok: true });
  });

  it('a DL-only issuer cannot vouch for an e-ID', async () => {
    const kid = fed.issuers['CN-AH'][1].kid;
    expect(await delta.lookup({ kid, docType: EID, at: T0 + DAY })).toMatchObject({
      ok: false,
      code: 'ERR_ISSUER_NOT_AUTHORISED',
    });
    expect(await delta.lookup({ kid, docType: DL, at: T0 + DAY })).toMatchObject({ ok: true });
  });

  it('an unknown kid -> ERR_UNKNOWN_ISSUER / undefined', async () => {
    const kid = Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8);
    expect(await delta.lookup({ kid, docType: EID, at: T0 })).toMatchObject({
      ok: false,
      code: 'ERR_UNKNOWN_ISSUER',
    });
    expect(await delta.resolve({ kid, docType: EID, at: T0 })).toBeUndefined();
  });

  it('a signature by another key -> ERR_SIGNATURE when verify is given', async () => {
    const r = await delta.lookup({
      kid: fed.issuers['CN-SH'][0].kid,
      docType: EID,
      at: T0 + DAY,
      verify: await signedBy('CN-JS', 0),
    });
    expect(r).toMatchObject({ ok: false, code: 'ERR_SIGNATURE' });
  });
});

describe('key lifecycle at boundary times', () => {
  const retireAt = T0 + 100 * DAY;
  const k = fed.issuers['CN-SH'][0];
  const make = (status: IssuerStatus | undefined, compromised?: 'all' | 'after-compromise') =>
    createStaticRegistry([entry('CN-SH', 1, k, { ...(status ? { status } : {}) })], {
      crypto,
      ...(compromised ? { compromised } : {}),
    });

  it('a retired key still verifies a credential issued before retirement, not at or after it', async () => {
    const reg = make({ state: 'retired', at: retireAt });
    expect(await reg.lookup({ kid: k.kid, docType: EID, at: retireAt - 1 })).toMatchObject({ ok: true });
    expect(await reg.lookup({ kid: k.kid, docType: EID, at: retireAt })).toMatchObject({
      ok: false,
      code: 'ERR_ISSUER_KEY_RETIRED',
    });
  });

  it('a compromised key verifies nothing by default, even credentials dated before the compromise', async () => {
    const reg = make({ state: 'compromised', at: retireAt });
    for (const at of [T0, retireAt - 1, retireAt, retireAt + 1]) {
      expect(await reg.lookup({ kid: k.kid, docType: EID, at })).toMatchObject({
        ok: false,
        code: 'ERR_ISSUER_KEY_COMPROMISED',
      });
    }
  });

  it("policy 'after-compromise': only credentials issued before the compromise time verify", async () => {
    const reg = make({ state: 'compromised', at: retireAt }, 'after-compromise');
    expect(await reg.lookup({ kid: k.kid, docType: EID, at: retireAt - 1 })).toMatchObject({ ok: true });
    expect(await reg.lookup({ kid: k.kid, docType: EID, at: retireAt })).toMatchObject({
      ok: false,
      code: 'ERR_ISSUER_KEY_COMPROMISED',
    });
  });

  it('validFrom/validUntil are inclusive; outside is refused', async () => {
    const reg = make(undefined);
    expect(await reg.lookup({ kid: k.kid, docType: EID, at: T0 })).toMatchObject({ ok: true });
    expect(await reg.lookup({ kid: k.kid, docType: EID, at: T0 + 5 * YEAR })).toMatchObject({ ok: true });
    expect(await reg.lookup({ kid: k.kid, docType: EID, at: T0 - 1 })).toMatchObject({
      ok: false,
      code: 'ERR_ISSUER_NOT_AUTHORISED',
    });
    expect(await reg.lookup({ kid: k.kid, docType: EID, at: T0 + 5 * YEAR + 1 })).toMatchObject({
      ok: false,
      code: 'ERR_ISSUER_NOT_AUTHORISED',
    });
  });
});

describe('kid collisions: every candidate is tried, never the first', () => {
  it('two entries with the same kid in two regions: the one whose key verifies wins', async () => {
    const a = fed.issuers['CN-SH'][0];
    const b = await makeKey('ES256');
    const reg = createStaticRegistry([entry('CN-SH', 1, a), entry('CN-AH', 7, { ...b, kid: a.kid })], {
      crypto,
    });
    const data = utf8('credential');
    const sig = await crypto.sign(b.privateKey, data);
    const r = await reg.lookup({
      kid: a.kid,
      docType: EID,
      at: T0,
      verify: (key) => crypto.verify(key, data, sig),
    });
    expect(r.ok && r.issuer.region).toBe('CN-AH');
    const noVerify = await reg.lookup({ kid: a.kid, docType: EID, at: T0 });
    expect(noVerify.ok && noVerify.candidates.map((c) => c.issuer.region)).toEqual(['CN-SH', 'CN-AH']);
    // A policy that refuses Anhui leaves only the Shanghai key, which does not verify.
    const desk = createFederatedRegistry({
      registries: [reg],
      policy: { regions: ['CN-SH'], docTypes: 'all' },
    });
    expect(
      await desk.lookup({ kid: a.kid, docType: EID, at: T0, verify: (key) => crypto.verify(key, data, sig) }),
    ).toMatchObject({ ok: false, code: 'ERR_SIGNATURE' });
  });
});

describe('keys are imported once', () => {
  it('repeated lookups reuse the same handle', async () => {
    let imports = 0;
    const counting = {
      importPublicKey: (...a: Parameters<typeof crypto.importPublicKey>) => {
        imports++;
        return crypto.importPublicKey(...a);
      },
    };
    const reg = createStaticRegistry(fed.entries['CN-SH'], { crypto: counting });
    const q = { kid: fed.issuers['CN-SH'][0].kid, docType: EID, at: T0 };
    const first = await reg.resolve(q);
    for (let i = 0; i < 50; i++) expect((await reg.resolve(q))?.key).toBe(first?.key);
    expect(imports).toBe(1);
  });
});

describe('static registry from JSON', () => {
  const k = fed.issuers['CN-JS'][0];
  const json = (over: Record<string, unknown> = {}) =>
    JSON.stringify([
      {
        issuerId: 'js-dl',
        region: 'CN-JS',
        name: { zh: '江苏省公安厅交通管理局', en: 'Jiangsu Traffic Police' },
        creditCode: fed.entries['CN-JS'][0]!.creditCode,
        kid: Buffer.from(k.kid).toString('base64url'),
        alg: 'ES256',
        publicKey: k.publicKey,
        docTypes: [DL],
        validFrom: '2026-01-01T00:00:00Z',
        validUntil: T0 + YEAR,
        statusLists: { '3': 'https://status.example.cn/js/3' },
        ...over,
      },
    ]);

  it('parses and resolves', async () => {
    const reg = createStaticRegistry(json(), { crypto });
    const r = await reg.lookup({ kid: k.kid, docType: DL, at: T0 });
    expect(r.ok && r.issuer.statusLists?.get(3)).toBe('https://status.example.cn/js/3');
    expect(r.ok && r.issuer.validFrom).toBe(T0);
  });

  it.each([
    [{ creditCode: '91320000MA1ABCDE0X' }, 'entries[0].creditCode'],
    [{ region: 'CN-BJ' }, 'entries[0].region'],
    [{ alg: 'RS256' }, 'entries[0].alg'],
    [{ validFrom: 'yesterday' }, 'entries[0].validFrom'],
    [{ publicKey: { ...k.publicKey, d: 'secret' } }, 'entries[0].publicKey.d'],
    [{ status: { state: 'revoked' } }, 'entries[0].status.state'],
  ])('%o -> ERR_INVALID_ARGUMENT at %s', (over, field) => {
    expect(() => createStaticRegistry(json(over), { crypto })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT', details: { field } }),
    );
  });
});
