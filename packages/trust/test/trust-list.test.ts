import { encodeCbor, signSign1, utf8 } from '@deltaid/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildTrustList } from '../src/trust-list/build-trust-list.js';
import type { IssuerEntry } from '../src/trust-list/types.js';
import { verifyListOfLists } from '../src/trust-list/verify-list-of-lists.js';
import { verifyTrustList } from '../src/trust-list/verify-trust-list.js';
import {
  crypto,
  DAY,
  DL,
  EID,
  entry,
  flip,
  listContent,
  makeFederation,
  makeKey,
  publicPart,
  REGION_LIST,
  T0,
  VL,
} from './trust-fixtures.js';

const fed = await makeFederation();

describe('regional trust list (docs/formats/trust-list.md)', () => {
  it('verifies under the pinned regional key and returns every entry', async () => {
    const r = await verifyTrustList(fed.lists['CN-SH'], {
      anchors: [publicPart(fed.operators['CN-SH'])],
      crypto,
      now: T0 + DAY,
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.list.region).toBe('CN-SH');
    expect(r.list.entries).toHaveLength(2);
    expect(r.list.entries[0]).toEqual(fed.entries['CN-SH'][0]);
    expect(r.list.entries[1]).toEqual(fed.entries['CN-SH'][1]);
  });

  it('list of lists -> four regional lists', async () => {
    const lol = await verifyListOfLists(fed.listOfLists, {
      anchors: [publicPart(fed.joint)],
      crypto,
      now: T0 + DAY,
    });
    expect(lol.ok).toBe(true);
    if (!lol.ok) return;
    expect(lol.list.lists.map((l) => l.region)).toEqual(REGION_LIST);
    for (const region of REGION_LIST) {
      const r = await verifyTrustList(fed.lists[region], {
        anchors: lol.list.anchors,
        crypto,
        now: T0 + DAY,
        region,
      });
      expect(r.ok && r.list.region).toBe(region);
    }
  });
});

describe('refusals, each with its own code', () => {
  const anchors = () => fed.regionalAnchors;
  const opts = (over = {}) => ({ anchors: anchors(), crypto, now: T0 + DAY, ...over });

  it('tampered payload -> ERR_SIGNATURE', async () => {
    const good = fed.lists['CN-JS'];
    // Change one character of an issuer name (江 → 汛: e6 b1 9f → e6 b1 9b), inside the signed payload.
    const name = utf8('江苏省公安厅1');
    const at = Buffer.from(good).indexOf(Buffer.from(name));
    expect(at).toBeGreaterThan(60);
    const bytes = flip(good, at + 2, 0x04);
    const r = await verifyTrustList(bytes, opts());
    expect(r).toMatchObject({ ok: false, code: 'ERR_SIGNATURE' });
  });

  it('list signed by the wrong operator -> ERR_UNKNOWN_ISSUER (not pinned) / ERR_TRUST_LIST (other region)', async () => {
    const forged = await buildTrustList(listContent('CN-SH', fed.entries['CN-SH']), {
      key: fed.operators['CN-JS'].privateKey,
      kid: fed.operators['CN-JS'].kid,
      crypto,
    });
    expect(await verifyTrustList(forged, opts({ anchors: [anchors()[0]!] }))).toMatchObject({
      ok: false,
      code: 'ERR_UNKNOWN_ISSUER',
    });
    const r = await verifyTrustList(forged, opts());
    expect(r).toMatchObject({ ok: false, code: 'ERR_TRUST_LIST' });
    expect(!r.ok && r.reason).toMatch(/CN-JS operator but claims CN-SH/);
  });

  it('a kid that names the right operator but a signature by another key -> ERR_SIGNATURE / ERR_COSE_ALG', async () => {
    const content = listContent('CN-SH', fed.entries['CN-SH']);
    const impostor = await makeKey('SM2', 'impostor');
    const sameAlg = await buildTrustList(content, {
      key: impostor.privateKey,
      kid: fed.operators['CN-SH'].kid,
      crypto,
    });
    expect(await verifyTrustList(sameAlg, opts())).toMatchObject({ ok: false, code: 'ERR_SIGNATURE' });
    // The Jiangsu operator signs with ES256; the Shanghai key is SM2: the header alg gives it away first.
    const otherAlg = await buildTrustList(content, {
      key: fed.operators['CN-JS'].privateKey,
      kid: fed.operators['CN-SH'].kid,
      crypto,
    });
    expect(await verifyTrustList(otherAlg, opts())).toMatchObject({ ok: false, code: 'ERR_COSE_ALG' });
  });

  it('expected region differs -> ERR_TRUST_LIST', async () => {
    expect(await verifyTrustList(fed.lists['CN-AH'], opts({ region: 'CN-ZJ' }))).toMatchObject({
      ok: false,
      code: 'ERR_TRUST_LIST',
    });
  });

  it('past next-update: refused by default, grace then warn/reject by policy', async () => {
    const next = T0 + 30 * DAY;
    expect(await verifyTrustList(fed.lists['CN-SH'], opts({ now: next }))).toMatchObject({
      ok: true,
      warnings: [],
    });
    expect(await verifyTrustList(fed.lists['CN-SH'], opts({ now: next + 1 }))).toMatchObject({
      ok: false,
      code: 'ERR_TRUST_LIST_STALE',
    });
    const grace = { graceSeconds: DAY, after: 'reject' as const };
    expect(
      await verifyTrustList(fed.lists['CN-SH'], opts({ now: next + DAY, stalePolicy: grace })),
    ).toMatchObject({
      ok: true,
      warnings: [],
    });
    expect(
      await verifyTrustList(fed.lists['CN-SH'], opts({ now: next + DAY + 1, stalePolicy: grace })),
    ).toMatchObject({ ok: false, code: 'ERR_TRUST_LIST_STALE' });
    expect(
      await verifyTrustList(
        fed.lists['CN-SH'],
        opts({ now: next + DAY + 1, stalePolicy: { ...grace, after: 'warn' } }),
      ),
    ).toMatchObject({ ok: true, warnings: ['STALE'] });
  });

  it('issued in the future (beyond 300 s skew) -> ERR_TRUST_LIST', async () => {
    expect(await verifyTrustList(fed.lists['CN-SH'], opts({ now: T0 - 301 }))).toMatchObject({
      ok: false,
      code: 'ERR_TRUST_LIST',
    });
    expect(await verifyTrustList(fed.lists['CN-SH'], opts({ now: T0 - 300 }))).toMatchObject({ ok: true });
  });

  it('the list of lists is not accepted as a regional list, nor the reverse (content type)', async () => {
    const joint = { ...publicPart(fed.joint) };
    expect(await verifyTrustList(fed.listOfLists, opts({ anchors: [joint] }))).toMatchObject({
      ok: false,
      code: 'ERR_TRUST_LIST',
    });
    expect(
      await verifyListOfLists(fed.lists['CN-SH'], {
        anchors: [publicPart(fed.operators['CN-SH'])],
        crypto,
        now: T0,
      }),
    ).toMatchObject({ ok: false, code: 'ERR_TRUST_LIST' });
  });

  it('list of lists signed by someone else -> ERR_UNKNOWN_ISSUER; tampered -> ERR_SIGNATURE', async () => {
    expect(
      await verifyListOfLists(fed.listOfLists, { anchors: [fed.regionalAnchors[0]!], crypto, now: T0 }),
    ).toMatchObject({ ok: false, code: 'ERR_UNKNOWN_ISSUER' });
    const bytes = fed.listOfLists.slice();
    bytes.set(flip(bytes, -70, 0x40));
    expect(
      await verifyListOfLists(bytes, { anchors: [publicPart(fed.joint)], crypto, now: T0 }),
    ).toMatchObject({
      ok: false,
      code: 'ERR_SIGNATURE',
    });
  });

  it('truncated and garbage input -> typed codes, never a throw', async () => {
    const good = fed.lists['CN-SH'];
    const cases: [Uint8Array, string[]][] = [
      [new Uint8Array(0), ['ERR_CBOR']],
      [good.subarray(0, good.length - 1), ['ERR_CBOR']],
      [good.subarray(0, 10), ['ERR_CBOR']],
      [Uint8Array.of(0xd2, 0x80), ['ERR_STRUCTURE']],
      [Uint8Array.of(0xa0), ['ERR_STRUCTURE']],
      [encodeCbor([new Uint8Array(0), new Map(), new Uint8Array(1), new Uint8Array(64)]), ['ERR_STRUCTURE']],
      [Uint8Array.of(0x5b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff), ['ERR_CBOR', 'ERR_CBOR_LIMIT']],
    ];
    for (const [bytes, codes] of cases) {
      const r = await verifyTrustList(bytes, opts());
      expect(r.ok).toBe(false);
      if (!r.ok) expect(codes).toContain(r.code);
    }
    // Random bytes: always a typed failure.
    for (let i = 0; i < 200; i++) {
      const junk = crypto.randomBytes(1 + (i % 97));
      const r = await verifyTrustList(junk, opts());
      expect(r.ok).toBe(false);
    }
  });

  it('a validly signed list with a bad field -> ERR_TRUST_LIST naming the field', async () => {
    const op = fed.operators['CN-SH'];
    const payload = new Map<number, unknown>([
      [1, 1],
      [2, 'CN-SH'],
      [
        3,
        new Map([
          [1, '上海'],
          [2, 'Shanghai'],
        ]),
      ],
      [4, 1],
      [5, T0],
      [6, T0 + DAY],
      [
        7,
        [
          new Map<number, unknown>([
            [1, 'x'],
            [3, '913101150000000000'],
          ]),
        ],
      ],
    ]);
    const bytes = await signSign1(
      {
        protectedHeader: new Map<number, unknown>([
          [3, 'application/vnd.deltaid.trust-list+cbor'],
          [4, op.kid],
        ]),
        payload: encodeCbor(payload),
      },
      { key: op.privateKey, crypto },
    );
    const r = await verifyTrustList(bytes, opts());
    expect(r).toMatchObject({ ok: false, code: 'ERR_TRUST_LIST' });
    expect(!r.ok && r.reason).toMatch(/^entries\[0\]\.creditCode/);
  });
});

describe('build refuses what a verifier would refuse, naming the entry and field', () => {
  const ctx = () => ({ key: fed.operators['CN-SH'].privateKey, kid: fed.operators['CN-SH'].kid, crypto });
  const base = () => fed.entries['CN-SH'];

  it.each([
    ['creditCode', { creditCode: '11310000MB0000001X' }, /entries\[1\]\.creditCode/],
    ['docTypes', { docTypes: [] }, /entries\[1\]\.docTypes/],
    ['validUntil', { validUntil: T0 - 1 }, /entries\[1\]\.validUntil/],
    ['region', { region: 'CN-ZJ' as const }, /entries\[1\]\.region/],
  ])('%s', async (_f, over, message) => {
    const entries = [base()[0]!, { ...base()[1]!, ...over }];
    await expect(buildTrustList(listContent('CN-SH', entries), ctx())).rejects.toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
      message: expect.stringMatching(message),
    });
  });
});

describe('property: verify(build(list)) returns the list', () => {
  it('round-trips arbitrary valid lists', async () => {
    const op = fed.operators['CN-ZJ'];
    const key = fed.issuers['CN-ZJ'][0];
    const arbEntry = fc.record({
      n: fc.integer({ min: 0, max: 9_999_999 }),
      zh: fc.string({ minLength: 1, maxLength: 20, unit: 'grapheme' }),
      docTypes: fc.uniqueArray(fc.constantFrom(EID, DL, VL, 'org.iso.18013.5.1.mDL'), { minLength: 1 }),
      validFrom: fc.integer({ min: 0, max: 2 ** 32 }),
      span: fc.integer({ min: 0, max: 2 ** 31 }),
      status: fc.oneof(
        fc.constant({ state: 'active' as const }),
        fc.record({ state: fc.constantFrom('retired' as const, 'compromised' as const), at: fc.nat() }),
      ),
      lists: fc.option(fc.dictionary(fc.nat({ max: 999 }).map(String), fc.webUrl(), { maxKeys: 3 }), {
        nil: undefined,
      }),
      cert: fc.option(fc.uint8Array({ minLength: 1, maxLength: 64 }), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(arbEntry, { maxLength: 6 }),
        fc.nat({ max: 2 ** 40 }),
        async (raw, sequence) => {
          const entries: IssuerEntry[] = raw.map((e) =>
            entry('CN-ZJ', e.n, key, {
              name: { zh: e.zh, en: `Issuer ${e.n}` },
              docTypes: e.docTypes,
              validFrom: e.validFrom,
              validUntil: e.validFrom + e.span,
              status: e.status,
              ...(e.lists === undefined
                ? {}
                : { statusLists: new Map(Object.entries(e.lists).map(([k, v]) => [Number(k), v])) }),
              ...(e.cert === undefined ? {} : { certificate: e.cert }),
            }),
          );
          const content = listContent('CN-ZJ', entries, { sequence });
          const bytes = await buildTrustList(content, { key: op.privateKey, kid: op.kid, crypto });
          const r = await verifyTrustList(bytes, { anchors: fed.regionalAnchors, crypto, now: T0 });
          expect(r.ok).toBe(true);
          if (!r.ok) return;
          const { bytes: _b, signer: _s, ...decoded } = r.list;
          expect(decoded).toEqual(content);
        },
      ),
      { numRuns: 40 },
    );
  });
});
