import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeCbor,
  embedCbor,
  encodeCbor,
  fullDate,
  isTag,
  TAG_FULL_DATE,
  TAG_TDATE,
  Tag,
  tdate,
} from '../src/cbor/index.js';
import type { CborLimits } from '../src/cbor/limits.js';

const code = (c: string) => expect.objectContaining({ code: c });

// Values the codec must round-trip exactly: integers (both signs, all widths), text, bytes, booleans, null, arrays and
// Maps with integer or text keys (as COSE and CWT use them).
const key = fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.string({ maxLength: 8 }));
const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.maxSafeInteger(),
    fc.string({ maxLength: 40 }),
    fc.uint8Array({ maxLength: 40 }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 5 }),
    fc
      .uniqueArray(fc.tuple(key, tie('value')), { maxLength: 5, selector: ([k]) => k })
      .map((entries) => new Map(entries)),
  ),
}));

describe('CBOR codec properties (RFC 8949)', () => {
  it('decode∘encode is the identity', () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(decodeCbor(encodeCbor(v))).toEqual(v);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws anything but a typed error on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        try {
          decodeCbor(bytes);
        } catch (err) {
          expect(err).toMatchObject({ code: expect.stringMatching(/^ERR_CBOR(_LIMIT)?$/) });
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('every truncation of a valid encoding fails with ERR_CBOR', () => {
    fc.assert(
      fc.property(value, (v) => {
        const bytes = encodeCbor(v);
        for (let n = 0; n < bytes.length; n++)
          expect(() => decodeCbor(bytes.subarray(0, n))).toThrow(code('ERR_CBOR'));
      }),
      { numRuns: 100 },
    );
  });
});

describe('CBOR tags and limits', () => {
  it('tag 1004 full-date and tag 0 tdate', () => {
    const v = decodeCbor(encodeCbor([fullDate('2026-11-28'), tdate(new Date('2026-11-28T10:00:00.123Z'))]));
    expect(Array.isArray(v)).toBe(true);
    const [d, t] = v as unknown[];
    expect(isTag(d, TAG_FULL_DATE) && d.value).toBe('2026-11-28');
    // tdate without fractional seconds, decoded as a Date.
    expect(Buffer.from(encodeCbor(tdate(new Date('2026-11-28T10:00:00.123Z')))).toString('hex')).toBe(
      `c074${Buffer.from('2026-11-28T10:00:00Z').toString('hex')}`,
    );
    expect(t).toEqual(new Date('2026-11-28T10:00:00Z'));
    expect(new Tag('x', TAG_TDATE).tag).toBe(0);
    expect(() => fullDate('2026-11-2')).toThrow(code('ERR_INVALID_ARGUMENT'));
    expect(() => tdate(new Date(Number.NaN))).toThrow(code('ERR_INVALID_ARGUMENT'));
  });

  it('tag 24 survives nesting with bytes as received (non-canonical inner encoding kept)', () => {
    const inner = Uint8Array.from([0xb9, 0x00, 0x01, 0x01, 0x02]); // map with a 2-byte length head: non-canonical
    const back = decodeCbor(encodeCbor(new Map([[1, embedCbor(inner)]])));
    expect(back instanceof Map && isTag(back.get(1), 24) && back.get(1).value).toEqual(inner);
  });

  const tight: CborLimits = { maxBytes: 100, maxDepth: 3, maxItems: 10, maxStringBytes: 8 };
  it.each([
    ['maxBytes', new Uint8Array(101)],
    ['maxDepth', encodeCbor([[[[1]]]])],
    ['maxItems', encodeCbor([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])],
    ['maxStringBytes', encodeCbor('123456789')],
  ])('%s fails with ERR_CBOR_LIMIT naming the limit', (name, bytes) => {
    expect(() => decodeCbor(bytes, { limits: tight })).toThrow(
      expect.objectContaining({ code: 'ERR_CBOR_LIMIT', details: expect.objectContaining({ limit: name }) }),
    );
  });

  it('a claimed huge string or map in a tiny input fails fast without allocating', () => {
    const start = performance.now();
    expect(() => decodeCbor(Uint8Array.from([0x5b, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff]))).toThrow(
      code('ERR_CBOR_LIMIT'),
    );
    expect(() => decodeCbor(Uint8Array.from([0xbb, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff]))).toThrow(
      code('ERR_CBOR'),
    );
    // Not a timing assertion of speed, a guard against a hang: generous.
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it('refuses tags that would run cbor-x extension code (packed values, records, sets, bignums)', () => {
    for (const t of [2, 3, 6, 27, 28, 51, 105, 258, 259, 57344]) {
      expect(() => decodeCbor(encodeCbor(new Tag(1, t)))).toThrow(code('ERR_CBOR'));
    }
  });

  it('indefinite-length items are bounded the same way', () => {
    expect(decodeCbor(Uint8Array.from([0x9f, 0x01, 0x02, 0xff]))).toEqual([1, 2]);
    // Chunked strings are refused (cbor-x cannot decode them; nothing in Delta ID uses them).
    expect(() => decodeCbor(Uint8Array.from([0x7f, 0x61, 0x61, 0x61, 0x62, 0xff]))).toThrow(code('ERR_CBOR'));
    expect(() => decodeCbor(Uint8Array.from([0x5f, 0x41, 0x61, 0xff]))).toThrow(code('ERR_CBOR'));
    expect(() => decodeCbor(Uint8Array.from([0xbf, 0x01, 0xff]))).toThrow(code('ERR_CBOR')); // key without value
    expect(() => decodeCbor(Uint8Array.from([0x9f, 0x01]))).toThrow(code('ERR_CBOR')); // no break
  });
});

describe('duplicate map keys are compared after decoding', () => {
  it.each([
    ['int 1 and 18 01', 'a2 01 01 18 01 02'],
    ['int -1 and 38 00', 'a2 20 01 38 00 02'],
    ['text "a" and 78 01 61', 'a2 61 61 01 78 01 61 02'],
    ['float key', 'a1 f9 3c 00 01'],
    ['boolean key', 'a1 f5 01'],
  ])('%s is refused', (_n, h) => {
    expect(() => decodeCbor(Uint8Array.from(Buffer.from(h.replace(/ /g, ''), 'hex')))).toThrow(
      code('ERR_CBOR'),
    );
  });
  it('distinct keys of equal bytes in different types are fine (1 vs "1" vs h\'01\')', () => {
    const v = decodeCbor(Uint8Array.from(Buffer.from('a3 01 01 61 31 02 41 01 03'.replace(/ /g, ''), 'hex')));
    expect(v instanceof Map && v.size).toBe(3);
  });
});
