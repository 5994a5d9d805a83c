/**
 * Status List Tokens (draft-ietf-oauth-status-list-20 §5): CWT form (COSE_Sign1, §5.2) and JWT form
 * (§5.1), signed and verified with real keys; every check the verifier makes has a refusal test.
 */
import {
  COSE_HEADER,
  type CryptoProvider,
  CWT_CLAIM,
  decodeCbor,
  decodeSign1,
  deflate,
  encodeCbor,
  fromBase64Url,
  fromHex,
  fromUtf8,
  type GeneratedKeyPair,
  getKid,
  signSign1,
  Tag,
  toBase64Url,
  utf8,
} from '@deltaid/core';
import { createNativeCrypto } from '@deltaid/core/crypto/native';
import { createPortableCrypto } from '@deltaid/core/crypto/portable';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createStatusList,
  getStatus,
  STATUS,
  STATUS_LIST_CWT_TYP,
  type StatusKeyResolver,
  setStatus,
  signStatusListCwt,
  signStatusListJwt,
  verifyStatusListCwt,
  verifyStatusListJwt,
  verifyStatusListToken,
} from '../src/index.js';
import { blockAfter, readVectorText } from './status-list-vectors.js';

const crypto: CryptoProvider = createNativeCrypto();
const URI = 'https://status.sh.deltaid.example/lists/7';
const IAT = 1_760_000_000;
const NOW = new Date((IAT + 10) * 1000);
const claims = { sub: URI, iat: IAT, exp: IAT + 86_400, ttl: 3600 };
const kid = utf8('sh-status-1');

let issuer: GeneratedKeyPair;
let other: GeneratedKeyPair;

function sampleList() {
  const list = createStatusList({ size: 1000, bits: 2 });
  setStatus(list, 17, STATUS.INVALID);
  setStatus(list, 18, STATUS.SUSPENDED);
  setStatus(list, 999, 3);
  return list;
}

beforeAll(async () => {
  issuer = await crypto.generateKeyPair('ES256');
  other = await crypto.generateKeyPair('ES256');
});

const signer = () => ({ key: issuer.privateKey, crypto, kid });
const opts = (extra: object = {}) => ({ crypto, now: NOW, ...extra });

describe('CWT form (§5.2)', () => {
  it('the draft example has the structure we write: tag 18, typ, claim keys 2/6/4/65534/65533', () => {
    const hex = blockAfter('### CWT form (examples/status_list_cwt.md), hex');
    const bytes = fromHex(hex);
    expect(bytes[0]).toBe(0xd2);
    const sign1 = decodeSign1(bytes);
    expect(sign1.protectedHeader.get(COSE_HEADER.typ)).toBe(STATUS_LIST_CWT_TYP);
    expect(sign1.protectedHeader.get(COSE_HEADER.alg)).toBe(-7);
    expect(fromUtf8(getKid(sign1) ?? new Uint8Array())).toBe('12');
    const payload = decodeCbor(sign1.payload ?? new Uint8Array());
    if (!(payload instanceof Map)) throw new Error('not a map');
    expect(payload.get(CWT_CLAIM.sub)).toBe('https://example.com/statuslists/1');
    expect(payload.get(CWT_CLAIM.iat)).toBe(1686920170);
    expect(payload.get(CWT_CLAIM.exp)).toBe(2291720170);
    expect(payload.get(CWT_CLAIM.ttl)).toBe(43200);
    const statusList = payload.get(CWT_CLAIM.statusList);
    expect(statusList).toEqual(
      new Map<string, unknown>([
        ['bits', 1],
        ['lst', fromHex('78dadbb918000217015d')],
      ]),
    );
  });

  it('the draft example passes the structure and typ checks and fails only on the (unpublished) key', async () => {
    const bytes = fromHex(blockAfter('### CWT form (examples/status_list_cwt.md), hex'));
    await expect(
      verifyStatusListCwt(bytes, issuer.publicKey, { crypto, now: new Date(1686920200_000) }),
    ).rejects.toMatchObject({ code: 'ERR_SIGNATURE' });
  });

  it('signs and verifies; the decoded list keeps every value', async () => {
    const token = await signStatusListCwt({ claims, list: sampleList() }, signer());
    const sign1 = decodeSign1(token);
    expect(token[0]).toBe(0xd2);
    expect(sign1.protectedHeader.get(COSE_HEADER.typ)).toBe('application/statuslist+cwt');
    const verified = await verifyStatusListCwt(token, issuer.publicKey, opts({ uri: URI }));
    expect(verified).toMatchObject({ format: 'cwt', sub: URI, iat: IAT, exp: IAT + 86_400, ttl: 3600 });
    expect(verified.kid).toEqual(kid);
    expect(verified.list.size).toBe(1000);
    expect([0, 17, 18, 999].map((i) => getStatus(verified.list, i))).toEqual([0, 1, 2, 3]);
  });

  it('works with EdDSA and SM2 keys from the portable provider', async () => {
    const portable = createPortableCrypto();
    for (const alg of ['EdDSA', 'SM2'] as const) {
      const pair = await portable.generateKeyPair(alg);
      const token = await signStatusListCwt(
        { claims, list: sampleList() },
        { key: pair.privateKey, crypto: portable },
      );
      const verified = await verifyStatusListCwt(token, pair.publicKey, { crypto: portable, now: NOW });
      expect(getStatus(verified.list, 17)).toBe(1);
    }
  });

  it('refuses a list signed by another issuer', async () => {
    const token = await signStatusListCwt(
      { claims, list: sampleList() },
      { key: other.privateKey, crypto, kid },
    );
    await expect(verifyStatusListCwt(token, issuer.publicKey, opts())).rejects.toMatchObject({
      code: 'ERR_SIGNATURE',
    });
  });

  it('refuses a tampered list (one status flipped back to valid inside lst)', async () => {
    const original = sampleList();
    const token = await signStatusListCwt({ claims, list: original }, signer());
    const sign1 = decodeSign1(token);
    const payload = decodeCbor(sign1.payload ?? new Uint8Array());
    if (!(payload instanceof Map)) throw new Error('not a map');
    const forged = original.bytes.slice();
    forged[4] = 0; // entry 17 (revoked) and 18 (suspended) live in byte 4
    payload.set(
      CWT_CLAIM.statusList,
      new Map<string, unknown>([
        ['bits', 2],
        ['lst', await deflate(forged)],
      ]),
    );
    const tampered = encodeCbor(
      new Tag([sign1.protectedBytes, sign1.unprotectedHeader, encodeCbor(payload), sign1.signature], 18),
    );
    await expect(verifyStatusListCwt(tampered, issuer.publicKey, opts())).rejects.toMatchObject({
      code: 'ERR_SIGNATURE',
    });
    const flipped = token.slice();
    flipped[flipped.length - 70] = (flipped[flipped.length - 70] ?? 0) ^ 1;
    await expect(verifyStatusListCwt(flipped, issuer.publicKey, opts())).rejects.toMatchObject({
      code: expect.stringMatching(/^ERR_(SIGNATURE|CBOR|STRUCTURE)$/),
    });
  });

  it('refuses an expired list and one issued in the future', async () => {
    const token = await signStatusListCwt({ claims, list: sampleList() }, signer());
    const late = new Date((claims.exp + 61) * 1000);
    await expect(verifyStatusListCwt(token, issuer.publicKey, opts({ now: late }))).rejects.toMatchObject({
      code: 'ERR_EXPIRED',
    });
    const early = new Date((IAT - 120) * 1000);
    await expect(verifyStatusListCwt(token, issuer.publicKey, opts({ now: early }))).rejects.toMatchObject({
      code: 'ERR_NOT_YET_VALID',
    });
  });

  it('refuses a token for another list (sub ≠ uri)', async () => {
    const token = await signStatusListCwt({ claims, list: sampleList() }, signer());
    await expect(
      verifyStatusListCwt(
        token,
        issuer.publicKey,
        opts({ uri: 'https://status.sh.deltaid.example/lists/8' }),
      ),
    ).rejects.toMatchObject({ code: 'ERR_STRUCTURE' });
  });

  it('refuses a COSE_Sign1 without the statuslist typ', async () => {
    const payload = encodeCbor(
      new Map<number, unknown>([
        [2, URI],
        [6, IAT],
        [
          65533,
          new Map<string, unknown>([
            ['bits', 1],
            ['lst', fromHex('78dadbb918000217015d')],
          ]),
        ],
      ]),
    );
    for (const typ of [undefined, 'application/cwt', 'application/statuslist+jwt']) {
      const protectedHeader = new Map<number, unknown>(typ === undefined ? [] : [[COSE_HEADER.typ, typ]]);
      const token = await signSign1({ protectedHeader, payload }, { key: issuer.privateKey, crypto });
      await expect(verifyStatusListCwt(token, issuer.publicKey, opts())).rejects.toMatchObject({
        code: 'ERR_STRUCTURE',
      });
    }
  });

  it('refuses a signed decompression bomb with ERR_INFLATE_LIMIT', async () => {
    const lst = await deflate(new Uint8Array(32 * 1024 * 1024));
    const token = await signStatusListCwt({ claims, list: { bits: 1, lst } }, signer());
    await expect(verifyStatusListCwt(token, issuer.publicKey, opts())).rejects.toMatchObject({
      code: 'ERR_INFLATE_LIMIT',
    });
  });

  it('refuses a key of another algorithm and malformed input', async () => {
    const ed = await crypto.generateKeyPair('EdDSA');
    const token = await signStatusListCwt({ claims, list: sampleList() }, signer());
    await expect(verifyStatusListCwt(token, ed.publicKey, opts())).rejects.toMatchObject({
      code: 'ERR_SIGNATURE',
    });
    await expect(
      verifyStatusListCwt(Uint8Array.of(0xd2, 0x84), issuer.publicKey, opts()),
    ).rejects.toMatchObject({
      code: 'ERR_CBOR',
    });
    await expect(
      verifyStatusListCwt(token, issuer.publicKey, opts({ maxTokenBytes: 100 })),
    ).rejects.toMatchObject({
      code: 'ERR_CBOR_LIMIT',
    });
  });

  it('refuses claims it would not accept at signing time', async () => {
    await expect(
      signStatusListCwt({ claims: { sub: '', iat: IAT }, list: sampleList() }, signer()),
    ).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
    await expect(
      signStatusListCwt({ claims: { sub: URI, iat: IAT, ttl: -1 }, list: sampleList() }, signer()),
    ).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
  });
});

describe('key resolution', () => {
  it('asks the resolver with the kid and tries every key it returns (kid collision)', async () => {
    const token = await signStatusListCwt({ claims, list: sampleList() }, signer());
    const asked: Array<string | Uint8Array> = [];
    const resolver: StatusKeyResolver = async (ref) => {
      asked.push(ref);
      return [other.publicKey, issuer.publicKey];
    };
    const verified = await verifyStatusListCwt(token, resolver, opts());
    expect(asked).toEqual([kid]);
    expect(getStatus(verified.list, 18)).toBe(2);
  });
  it('refuses when the resolver knows no key, or only a wrong one', async () => {
    const token = await signStatusListCwt({ claims, list: sampleList() }, signer());
    await expect(verifyStatusListCwt(token, async () => undefined, opts())).rejects.toMatchObject({
      code: 'ERR_UNKNOWN_ISSUER',
    });
    await expect(verifyStatusListCwt(token, async () => other.publicKey, opts())).rejects.toMatchObject({
      code: 'ERR_SIGNATURE',
    });
  });
  it('falls back to iss when the token has no kid', async () => {
    const token = await signStatusListCwt(
      { claims: { ...claims, iss: 'https://police.sh.example' }, list: sampleList() },
      { key: issuer.privateKey, crypto },
    );
    const asked: Array<string | Uint8Array> = [];
    await verifyStatusListCwt(
      token,
      async (ref) => {
        asked.push(ref);
        return issuer.publicKey;
      },
      opts(),
    );
    expect(asked).toEqual(['https://police.sh.example']);
  });
});

describe('JWT form (§5.1)', () => {
  it('the draft example passes the structure and typ checks and fails only on the (unpublished) key', async () => {
    const jwt = readVectorText('status_list_token.jwt.txt').trim();
    const [h] = jwt.split('.');
    expect(JSON.parse(fromUtf8(fromBase64Url(h ?? '')))).toEqual({
      alg: 'ES256',
      kid: '12',
      typ: 'statuslist+jwt',
    });
    await expect(
      verifyStatusListJwt(jwt, issuer.publicKey, { crypto, now: new Date(1686920200_000) }),
    ).rejects.toMatchObject({ code: 'ERR_SIGNATURE' });
  });

  it('signs and verifies with typ statuslist+jwt and a base64url lst', async () => {
    const jwt = await signStatusListJwt({ claims, list: sampleList() }, signer());
    const [h, p] = jwt.split('.');
    expect(JSON.parse(fromUtf8(fromBase64Url(h ?? '')))).toEqual({
      alg: 'ES256',
      typ: 'statuslist+jwt',
      kid: 'sh-status-1',
    });
    const payload: unknown = JSON.parse(fromUtf8(fromBase64Url(p ?? '')));
    expect(payload).toMatchObject({ sub: URI, iat: IAT, ttl: 3600, status_list: { bits: 2 } });
    const verified = await verifyStatusListJwt(jwt, issuer.publicKey, opts({ uri: URI }));
    expect(verified.format).toBe('jwt');
    expect([17, 18, 999].map((i) => getStatus(verified.list, i))).toEqual([1, 2, 3]);
  });

  it('refuses another key, a tampered payload, alg none, a wrong typ, expiry', async () => {
    const jwt = await signStatusListJwt({ claims, list: sampleList() }, signer());
    await expect(verifyStatusListJwt(jwt, other.publicKey, opts())).rejects.toMatchObject({
      code: 'ERR_SIGNATURE',
    });
    const [h, p, s] = jwt.split('.') as [string, string, string];
    const payload = JSON.parse(fromUtf8(fromBase64Url(p)));
    payload.status_list.lst = toBase64Url(await deflate(new Uint8Array(250)));
    const forged = `${h}.${toBase64Url(utf8(JSON.stringify(payload)))}.${s}`;
    await expect(verifyStatusListJwt(forged, issuer.publicKey, opts())).rejects.toMatchObject({
      code: 'ERR_SIGNATURE',
    });
    const none = `${toBase64Url(utf8('{"alg":"none","typ":"statuslist+jwt"}'))}.${p}.`;
    await expect(verifyStatusListJwt(none, issuer.publicKey, opts())).rejects.toMatchObject({
      code: 'ERR_COSE_ALG',
    });
    const wrongTyp = `${toBase64Url(utf8('{"alg":"ES256","typ":"JWT"}'))}.${p}.${s}`;
    await expect(verifyStatusListJwt(wrongTyp, issuer.publicKey, opts())).rejects.toMatchObject({
      code: 'ERR_STRUCTURE',
    });
    await expect(
      verifyStatusListJwt(jwt, issuer.publicKey, opts({ now: new Date((claims.exp + 61) * 1000) })),
    ).rejects.toMatchObject({ code: 'ERR_EXPIRED' });
    await expect(verifyStatusListJwt('a.b', issuer.publicKey, opts())).rejects.toMatchObject({
      code: 'ERR_STRUCTURE',
    });
  });

  it('verifyStatusListToken tells the forms apart', async () => {
    const jwt = await signStatusListJwt({ claims, list: sampleList() }, signer());
    const cwt = await signStatusListCwt({ claims, list: sampleList() }, signer());
    expect((await verifyStatusListToken(jwt, issuer.publicKey, opts())).format).toBe('jwt');
    expect((await verifyStatusListToken(utf8(jwt), issuer.publicKey, opts())).format).toBe('jwt');
    expect((await verifyStatusListToken(cwt, issuer.publicKey, opts())).format).toBe('cwt');
    await expect(
      verifyStatusListToken(Uint8Array.of(0x65, 0xff), issuer.publicKey, opts()),
    ).rejects.toMatchObject({
      code: 'ERR_STRUCTURE',
    });
  });
});
