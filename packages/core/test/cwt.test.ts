import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCbor, encodeCbor, QR_CBOR_LIMITS } from '../src/cbor/index.js';
import { decodeSign1 } from '../src/cose/index.js';
import { CWT_CLAIM, checkCwtTimes, decodeCwtClaims, encodeCwtClaims } from '../src/cwt/index.js';
import { isDeltaIdError } from '../src/errors.js';

const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/\s/g, ''), 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');

function expectCode(fn: () => unknown, code: string, claim?: string) {
  try {
    fn();
  } catch (err) {
    expect(isDeltaIdError(err)).toBe(true);
    if (!isDeltaIdError(err)) return;
    expect(err.code).toBe(code);
    if (claim !== undefined) {
      expect(err.details.claim).toBe(claim);
      expect(err.message).toContain(claim);
    }
    return;
  }
  throw new Error(`expected ${code}`);
}

// RFC 8392 Appendix A.1 (claims set) and A.3 (signed CWT), hex as published.
const RFC8392_A1 =
  'a70175636f61703a2f2f61732e6578616d706c652e636f6d02656572696b77037818636f61703a2f2f6c696768742e6578616d706c652e636f6d041a5612aeb0051a5610d9f0061a5610d9f007420b71';
const RFC8392_A3 =
  'd28443a10126a104524173796d6d657472696345434453413235365850a70175636f61703a2f2f61732e6578616d706c652e636f6d02656572696b77037818636f61703a2f2f6c696768742e6578616d706c652e636f6d041a5612aeb0051a5610d9f0061a5610d9f007420b7158405427c1ff28d23fbad1f29c4c7c6a555e601d6fa29f9179bc3d7438bacaca5acd08c8d4d4f96131680c429a01f85951ecee743a52b9b63632c57209120e1c9e30';
const A1_CLAIMS = {
  iss: 'coap://as.example.com',
  sub: 'erikw',
  aud: 'coap://light.example.com',
  exp: 1444064944,
  nbf: 1443944944,
  iat: 1443944944,
  cti: hex('0b71'),
};

describe('CWT claims — RFC 8392 Appendix A', () => {
  it('A.1 decodes exactly', () => {
    expect(decodeCwtClaims(hex(RFC8392_A1))).toEqual({ ...A1_CLAIMS, extra: new Map() });
  });

  it('A.1 encodes back to the published bytes (deterministic key order)', () => {
    expect(toHex(encodeCwtClaims(A1_CLAIMS))).toBe(RFC8392_A1);
  });

  it('A.3: the payload of the signed CWT is the A.1 claims set', () => {
    const sign1 = decodeSign1(hex(RFC8392_A3));
    expect(toHex(sign1.payload!)).toBe(RFC8392_A1);
    expect(decodeCwtClaims(sign1.payload!)).toEqual({ ...A1_CLAIMS, extra: new Map() });
  });

  it('the claim keys are the registered ones', () => {
    expect(CWT_CLAIM).toEqual({
      iss: 1,
      sub: 2,
      aud: 3,
      exp: 4,
      nbf: 5,
      iat: 6,
      cti: 7,
      cnf: 8,
      statusList: 65533,
      ttl: 65534,
      status: 65535,
    });
  });
});

describe('CWT claims — Token Status List examples', () => {
  const md = readFileSync(
    new URL('./vectors/token-status-list/status-list-examples.md', import.meta.url),
    'utf8',
  );
  const block = (title: string) => {
    const at = md.indexOf(title);
    const m = /```\n([0-9a-f]+)\n```/.exec(md.slice(at));
    if (at < 0 || !m) throw new Error(`vector ${title} not found`);
    return hex(m[1]!);
  };

  it('Referenced Token (CWT): status 65535 keeps its text-keyed map', () => {
    const claims = decodeCwtClaims(decodeSign1(block('### Referenced Token in CWT form')).payload!);
    expect(claims.sub).toBe('12345');
    expect(claims.iss).toBe('https://example.com');
    expect(claims.iat).toBe(1686920170);
    expect(claims.exp).toBe(2291720170);
    expect(claims.status).toEqual(
      new Map([
        [
          'status_list',
          new Map<string, unknown>([
            ['idx', 0],
            ['uri', 'https://example.com/statuslists/1'],
          ]),
        ],
      ]),
    );
    expect(claims.extra.size).toBe(0);
  });

  it('Status List Token (CWT): ttl 65534 and status_list 65533', () => {
    const claims = decodeCwtClaims(decodeSign1(block('### CWT form')).payload!);
    expect(claims.sub).toBe('https://example.com/statuslists/1');
    expect(claims.ttl).toBe(43200);
    expect(claims.statusList).toEqual(
      new Map<string, unknown>([
        ['bits', 1],
        ['lst', hex('78dadbb918000217015d')],
      ]),
    );
  });
});

describe('CWT claims — other claims and validation', () => {
  it('keeps unknown integer and text keys in extra (EU DCC hcert -260)', () => {
    const hcert = new Map([[1, new Map([['ver', '1.3.0']])]]);
    const claims = decodeCwtClaims(
      encodeCwtClaims({
        iss: 'CN-SH',
        extra: new Map<number | string, unknown>([
          [-260, hcert],
          ['x', 1],
        ]),
      }),
    );
    expect(claims.iss).toBe('CN-SH');
    expect(claims.extra.get(-260)).toEqual(hcert);
    expect(claims.extra.get('x')).toBe(1);
  });

  it('cnf with a COSE_Key (RFC 8747 §3.2) and with a kid (§3.4)', () => {
    const coseKey = new Map<number, unknown>([
      [1, 1],
      [-1, 6],
      [-2, new Uint8Array(32)],
    ]);
    const withKey = decodeCwtClaims(encodeCwtClaims({ cnf: new Map([[1, coseKey]]) }));
    expect(withKey.cnf?.get(1)).toEqual(coseKey);
    const withKid = decodeCwtClaims(encodeCwtClaims({ cnf: new Map([[3, hex('dfd1aa97')]]) }));
    expect(withKid.cnf?.get(3)).toEqual(hex('dfd1aa97'));
  });

  it('accepts floating-point NumericDates (RFC 8392 §2) and aud arrays', () => {
    const claims = decodeCwtClaims(
      encodeCbor(
        new Map<number, unknown>([
          [4, 1444064944.5],
          [3, ['a', 'b']],
        ]),
      ),
    );
    expect(claims.exp).toBe(1444064944.5);
    expect(claims.aud).toEqual(['a', 'b']);
  });

  for (const [claim, key, value] of [
    ['iss', 1, 7],
    ['sub', 2, hex('00')],
    ['aud', 3, []],
    ['exp', 4, '1444064944'],
    ['nbf', 5, null],
    ['iat', 6, new Date(0)],
    ['cti', 7, 'text'],
    ['cnf', 8, hex('00')],
    ['cnf', 8, new Map([[1, hex('00')]])],
    ['cnf', 8, new Map([[3, 'kid']])],
    ['status', 65535, [1]],
    ['ttl', 65534, -5],
  ] as const) {
    it(`${claim} (${key}) of the wrong type → ERR_STRUCTURE naming ${claim}`, () => {
      const bytes = encodeCbor(new Map<number, unknown>([[key, value]]));
      expectCode(() => decodeCwtClaims(bytes), 'ERR_STRUCTURE', claim);
    });
  }

  it('not a map, float key, bad CBOR, limits', () => {
    expectCode(() => decodeCwtClaims(encodeCbor([1])), 'ERR_STRUCTURE');
    expectCode(() => decodeCwtClaims(new Map([[1.5, 1]])), 'ERR_STRUCTURE');
    expectCode(() => decodeCwtClaims(hex('a101')), 'ERR_CBOR');
    expectCode(
      () => decodeCwtClaims(encodeCbor(new Map([[-1, new Uint8Array(5000)]])), { limits: QR_CBOR_LIMITS }),
      'ERR_CBOR_LIMIT',
    );
  });

  it('encode refuses wrong types, fractional times and duplicate keys', () => {
    expectCode(() => encodeCwtClaims({ exp: 1.5 }), 'ERR_INVALID_ARGUMENT', 'exp');
    expectCode(() => encodeCwtClaims({ iss: 1 as unknown as string }), 'ERR_INVALID_ARGUMENT', 'iss');
    expectCode(() => encodeCwtClaims({ extra: new Map([[4, 1]]) }), 'ERR_INVALID_ARGUMENT');
    expectCode(() => encodeCwtClaims({ extra: new Map([[1.5, 1]]) }), 'ERR_INVALID_ARGUMENT');
  });

  it('encode orders keys deterministically (RFC 8949 §4.2.1)', () => {
    const bytes = encodeCwtClaims({
      status: new Map([['status_list', new Map()]]),
      exp: 2,
      iss: 'a',
      extra: new Map<number | string, unknown>([
        ['t', 0],
        [-260, 0],
        [100, 0],
      ]),
    });
    expect([...(decodeCbor(bytes) as Map<unknown, unknown>).keys()]).toEqual([1, 4, 100, 65535, -260, 't']);
  });

  it('property: decode ∘ encode is the identity', () => {
    const text = fc.string({ maxLength: 20 });
    const time = fc.integer({ min: 0, max: 2 ** 40 });
    fc.assert(
      fc.property(
        fc.record(
          {
            iss: text,
            sub: text,
            aud: fc.oneof(text, fc.array(text, { minLength: 1, maxLength: 3 })),
            exp: time,
            nbf: time,
            iat: time,
            cti: fc.uint8Array({ maxLength: 16 }),
          },
          { requiredKeys: [] },
        ),
        fc.array(fc.tuple(fc.integer({ min: -100000, max: -1 }), fc.oneof(text, fc.integer())), {
          maxLength: 4,
        }),
        (named, extraList) => {
          const extra = new Map<number, unknown>(extraList);
          const decoded = decodeCwtClaims(encodeCwtClaims({ ...named, extra }));
          expect(decoded).toEqual({ ...named, extra: new Map([...extra].sort((a, b) => b[0] - a[0])) });
        },
      ),
    );
  });
});

describe('checkCwtTimes (RFC 8392 §3.1.4–3.1.6)', () => {
  const claims = { nbf: 1000, iat: 1000, exp: 2000 };
  it('inside the window', () => {
    expect(checkCwtTimes(claims, { now: 1000 })).toBeUndefined();
    expect(checkCwtTimes(claims, { now: 1999 })).toBeUndefined();
  });
  it('exp is exclusive', () => {
    expect(checkCwtTimes(claims, { now: 2000 })).toBe('ERR_EXPIRED');
    expect(checkCwtTimes(claims, { now: 2030, skew: 30 })).toBe('ERR_EXPIRED');
    expect(checkCwtTimes(claims, { now: 2029, skew: 30 })).toBeUndefined();
  });
  it('nbf and a future iat are not yet valid', () => {
    expect(checkCwtTimes(claims, { now: 999 })).toBe('ERR_NOT_YET_VALID');
    expect(checkCwtTimes(claims, { now: 970, skew: 30 })).toBeUndefined();
    expect(checkCwtTimes({ iat: 1000 }, { now: 999 })).toBe('ERR_NOT_YET_VALID');
    expect(checkCwtTimes({ nbf: 1000 }, { now: 969, skew: 30 })).toBe('ERR_NOT_YET_VALID');
  });
  it('absent claims are not checked', () => {
    expect(checkCwtTimes({}, { now: 0 })).toBeUndefined();
  });
  it('RFC 8392 A.1 is expired today and valid inside its window', () => {
    expect(checkCwtTimes(A1_CLAIMS, { now: 1_700_000_000 })).toBe('ERR_EXPIRED');
    expect(checkCwtTimes(A1_CLAIMS, { now: 1444000000 })).toBeUndefined();
    expect(checkCwtTimes(A1_CLAIMS, { now: 1443944943 })).toBe('ERR_NOT_YET_VALID');
  });
  it('misuse throws', () => {
    expectCode(() => checkCwtTimes(claims, { now: Number.NaN }), 'ERR_INVALID_ARGUMENT');
    expectCode(() => checkCwtTimes(claims, { now: 1, skew: -1 }), 'ERR_INVALID_ARGUMENT');
  });
});
