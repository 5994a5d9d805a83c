import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex, utf8 } from '../src/bytes.js';
import { sm3 } from '../src/crypto/sm3.js';

interface Sm3Vector {
  readonly source: string;
  readonly message_ascii: string;
  readonly message_hex: string;
  readonly digest: string;
}

function isSm3Vector(v: unknown): v is Sm3Vector {
  if (typeof v !== 'object' || v === null) return false;
  const r: Record<string, unknown> = { ...v };
  return (
    typeof r.source === 'string' &&
    typeof r.message_ascii === 'string' &&
    typeof r.message_hex === 'string' &&
    typeof r.digest === 'string'
  );
}

const raw: unknown = JSON.parse(
  readFileSync(new URL('./vectors/sm2-sm3/sm2-sm3.json', import.meta.url), 'utf8'),
);
const list: unknown = typeof raw === 'object' && raw !== null && 'sm3' in raw ? raw.sm3 : undefined;
if (!Array.isArray(list) || !list.every(isSm3Vector)) throw new Error('sm2-sm3.json: bad sm3 section');
const vectors: readonly Sm3Vector[] = list;

describe('SM3 (GB/T 32905-2016)', () => {
  it('has three known-answer vectors to check', () => {
    expect(vectors.length).toBe(3);
  });

  for (const v of vectors) {
    it(`digest of "${v.message_ascii.slice(0, 16)}" (${v.source})`, () => {
      const msg = fromHex(v.message_hex);
      expect(toHex(msg)).toBe(toHex(utf8(v.message_ascii)));
      expect(toHex(sm3(msg)).toUpperCase()).toBe(v.digest);
    });

    it(`streaming byte by byte equals one-shot for "${v.message_ascii.slice(0, 16)}"`, () => {
      const msg = fromHex(v.message_hex);
      const h = sm3.create();
      for (const b of msg) h.update(Uint8Array.of(b));
      expect(toHex(h.digest()).toUpperCase()).toBe(v.digest);
    });
  }

  it('a one-bit change in the message changes the digest (negative for the KATs)', () => {
    const msg = utf8('abc');
    msg[0]! ^= 1;
    expect(toHex(sm3(msg)).toUpperCase()).not.toBe(vectors[0]!.digest);
  });

  it('metadata: 32-byte output, 64-byte blocks, SM3 OID 1.2.156.10197.1.401', () => {
    expect(sm3.outputLen).toBe(32);
    expect(sm3.blockLen).toBe(64);
    expect(toHex(sm3.oid ?? new Uint8Array())).toBe('06082a811ccf55018311');
  });

  it('padding boundaries: 55, 56, 63, 64, 65 bytes hash consistently when split at every point', () => {
    for (const len of [55, 56, 63, 64, 65, 119, 120, 128]) {
      const msg = new Uint8Array(len).map((_, i) => (i * 7 + len) & 0xff);
      const whole = toHex(sm3(msg));
      for (let cut = 0; cut <= len; cut += 5) {
        const h = sm3.create();
        h.update(msg.subarray(0, cut));
        h.update(msg.subarray(cut));
        expect(toHex(h.digest())).toBe(whole);
      }
    }
  });

  it('property: streaming over arbitrary chunks equals one-shot; clone() continues independently', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.array(fc.nat(300), { maxLength: 6 }), (msg, cuts) => {
        const points = [...new Set([0, ...cuts.map((c) => c % (msg.length + 1)), msg.length])].sort(
          (a, b) => a - b,
        );
        const h = sm3.create();
        for (let i = 1; i < points.length; i++) h.update(msg.subarray(points[i - 1], points[i]));
        const c = h.clone();
        const expected = toHex(sm3(msg));
        expect(toHex(h.digest())).toBe(expected);
        expect(toHex(c.update(Uint8Array.of(1)).digest())).toBe(toHex(sm3(Uint8Array.of(...msg, 1))));
      }),
      { numRuns: 200 },
    );
  });

  it('rejects non-byte input and reuse after digest', () => {
    expect(() => sm3('abc' as unknown as Uint8Array)).toThrow();
    const h = sm3.create();
    h.digest();
    expect(() => h.update(Uint8Array.of(1))).toThrow();
  });
});
