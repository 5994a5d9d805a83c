import { toBase64Url } from '@deltaid/core';
import { describe, expect, it } from 'vitest';
import { buildListOfLists } from '../src/trust-list/build-list-of-lists.js';
import { buildTrustList } from '../src/trust-list/build-trust-list.js';
import { parseListOfListsManifest } from '../src/trust-list/parse-list-of-lists-manifest.js';
import { parseTrustListManifest } from '../src/trust-list/parse-trust-list-manifest.js';
import { verifyListOfLists } from '../src/trust-list/verify-list-of-lists.js';
import { verifyTrustList } from '../src/trust-list/verify-trust-list.js';
import { creditCode, crypto, DL, EID, makeKey, publicPart, T0 } from './trust-fixtures.js';

const operator = await makeKey('ES256', 'op');
const issuer = await makeKey('SM2', 'sm2');
const statusKey = await makeKey('ES256', 'status');

const manifest = () => ({
  version: 1,
  region: 'CN-AH',
  operator: { zh: '安徽省公安厅信任服务', en: 'Anhui PSD Trust Service' },
  sequence: 12,
  issuedAt: '2026-01-01T00:00:00Z',
  nextUpdate: '2026-02-01T00:00:00Z',
  entries: [
    {
      issuerId: 'ah-psd-eid-2026',
      name: { zh: '安徽省公安厅', en: 'Anhui Public Security Department' },
      creditCode: creditCode('CN-AH', 1),
      kid: toBase64Url(issuer.kid),
      alg: 'SM2',
      publicKey: issuer.publicKey,
      docTypes: [EID, DL],
      validFrom: '2026-01-01T00:00:00Z',
      validUntil: '2031-01-01T00:00:00Z',
      status: { state: 'retired', at: '2027-06-30T00:00:00Z' },
      statusListKey: { kid: toBase64Url(statusKey.kid), alg: 'ES256', publicKey: statusKey.publicKey },
      statusLists: { '1': 'https://status.ah.example.cn/1', '2': 'https://status.ah.example.cn/2' },
    },
  ],
});

describe('JSON manifest → signed list (tooling for the CLI)', () => {
  it('parses, signs with an SM2 issuer entry, and verifies back to the same content', async () => {
    const content = parseTrustListManifest(JSON.stringify(manifest()));
    expect(content.issuedAt).toBe(T0);
    expect(content.entries[0]!.status).toEqual({ state: 'retired', at: Date.UTC(2027, 5, 30) / 1000 });
    expect(content.entries[0]!.region).toBe('CN-AH');
    const bytes = await buildTrustList(content, { key: operator.privateKey, kid: operator.kid, crypto });
    const r = await verifyTrustList(bytes, { anchors: [publicPart(operator)], crypto, now: T0 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const { bytes: _b, signer: _s, ...decoded } = r.list;
    expect(decoded).toEqual(content);
    expect(r.list.entries[0]!.alg).toBe('SM2');
    expect(r.list.entries[0]!.statusLists?.get(2)).toBe('https://status.ah.example.cn/2');
  });

  it.each([
    [(m: ReturnType<typeof manifest>) => ({ ...m, region: 'CN-BJ' }), 'region'],
    [(m: ReturnType<typeof manifest>) => ({ ...m, sequence: -1 }), 'sequence'],
    [
      (m: ReturnType<typeof manifest>) => ({ ...m, entries: [{ ...m.entries[0], creditCode: 'X' }] }),
      'entries[0].creditCode',
    ],
    [
      (m: ReturnType<typeof manifest>) => ({ ...m, entries: [{ ...m.entries[0], kid: 'not base64url!' }] }),
      'entries[0].kid',
    ],
    [
      (m: ReturnType<typeof manifest>) => ({ ...m, entries: [{ ...m.entries[0], region: 'CN-SH' }] }),
      'entries[0].region',
    ],
    [
      (m: ReturnType<typeof manifest>) => ({ ...m, entries: [{ ...m.entries[0], docTypes: [] }] }),
      'entries[0].docTypes',
    ],
    [
      (m: ReturnType<typeof manifest>) => ({
        ...m,
        entries: [{ ...m.entries[0], statusLists: { one: 'https://x' } }],
      }),
      'entries[0].statusLists.one',
    ],
    [
      (m: ReturnType<typeof manifest>) => ({
        ...m,
        entries: [{ ...m.entries[0], statusListKey: { ...m.entries[0]!.statusListKey, alg: 'HS256' } }],
      }),
      'entries[0].statusListKey.alg',
    ],
  ])('an error names the field (%#: %s)', (edit, field) => {
    expect(() => parseTrustListManifest(edit(manifest()))).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT', details: { field } }),
    );
  });

  it('a key of the wrong size is refused when building, naming the entry', async () => {
    const content = parseTrustListManifest(manifest());
    const broken = {
      ...content,
      entries: [
        { ...content.entries[0]!, publicKey: { ...issuer.publicKey, x: toBase64Url(new Uint8Array(31)) } },
      ],
    };
    await expect(
      buildTrustList(broken, { key: operator.privateKey, kid: operator.kid, crypto }),
    ).rejects.toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
      details: { field: 'entries[0]' },
    });
  });

  it('invalid JSON text -> ERR_INVALID_ARGUMENT', () => {
    expect(() => parseTrustListManifest('{ nope')).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
    );
  });

  it('list-of-lists manifest → signed → verified', async () => {
    const joint = await makeKey('ES256', 'joint');
    const content = parseListOfListsManifest({
      operator: { zh: '长三角联合信任服务', en: 'YRD Joint Trust Service' },
      sequence: 3,
      issuedAt: T0,
      nextUpdate: T0 + 86_400,
      lists: [
        {
          region: 'CN-AH',
          operator: { zh: '安徽', en: 'Anhui' },
          operatorKey: { kid: toBase64Url(operator.kid), alg: 'ES256', publicKey: operator.publicKey },
          url: 'https://trust.example.cn/cn-ah.cbor',
        },
      ],
    });
    const bytes = await buildListOfLists(content, { key: joint.privateKey, kid: joint.kid, crypto });
    const r = await verifyListOfLists(bytes, { anchors: [publicPart(joint)], crypto, now: T0 });
    expect(r.ok && r.list.anchors).toEqual([{ ...publicPart(operator), region: 'CN-AH' }]);
    expect(() => parseListOfListsManifest({ ...content, lists: [{ region: 'CN-AH' }] })).toThrow(
      expect.objectContaining({ details: { field: 'lists[0].operator' } }),
    );
  });
});
