import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeBase45 } from '../src/codec/base45.js';
import { deflate } from '../src/codec/zlib.js';
import { decodeQrText } from '../src/compact/decode-qr-text.js';
import { encodeQrText } from '../src/compact/encode-qr-text.js';
import { dateToDays, daysToDate, packIdNumber, unpackIdNumber } from '../src/compact/lib/element-codec.js';
import { decodeHolderKey, encodeHolderKey } from '../src/compact/lib/holder-key.js';

const code = (c: string) => expect.objectContaining({ code: c });

describe('compact text form: YRD1: + base45 (+ zlib when shorter)', () => {
  it('round-trips bytes and keeps incompressible bytes uncompressed', async () => {
    const random = Uint8Array.from({ length: 200 }, (_, i) => (i * 73 + 41) % 251);
    const text = await encodeQrText(random);
    expect(text).toBe(`YRD1:${encodeBase45(random)}`);
    expect(await decodeQrText(text)).toEqual(random);
  });
  it('deflates when that is shorter and inflates on read', async () => {
    const repetitive = new Uint8Array(600).fill(0x61);
    repetitive[0] = 0x84;
    const text = await encodeQrText(repetitive);
    expect(text.length).toBeLessThan(100);
    expect(await decodeQrText(text)).toEqual(repetitive);
  });
  it('property: decode∘encode is identity', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 400 }), async (b) => {
        if (b[0] === 0x78) b[0] = 0x84; // a presentation never starts with the zlib byte
        expect(await decodeQrText(await encodeQrText(b))).toEqual(b);
      }),
      { numRuns: 60 },
    );
  });
  it.each([
    ['HC1:6BF', 'ERR_QR_PREFIX'],
    ['YRD2:6BF', 'ERR_QR_PREFIX'],
    ['yrd1:6BF', 'ERR_QR_PREFIX'],
    ['', 'ERR_QR_PREFIX'],
    ['YRD1:abc', 'ERR_BASE45'],
    ['YRD1:A', 'ERR_BASE45'],
  ])('refuses %j with %s', async (text, c) => {
    await expect(decodeQrText(text)).rejects.toThrow(code(c));
  });
  it('names the unsupported version', async () => {
    await expect(decodeQrText('YRD2:00')).rejects.toThrow(/version 2/);
  });
  it('refuses a decompression bomb and over-long text', async () => {
    const bomb = await deflate(new Uint8Array(1_000_000));
    await expect(decodeQrText(`YRD1:${encodeBase45(bomb)}`)).rejects.toThrow(code('ERR_INFLATE_LIMIT'));
    await expect(decodeQrText(`YRD1:${'0'.repeat(20_000)}`)).rejects.toThrow(code('ERR_CBOR_LIMIT'));
  });
});

describe('compact element values', () => {
  it('packs ID numbers as 9 bytes of decimal, X as 0xA (GB 11643 examples)', () => {
    expect(Buffer.from(packIdNumber('11010519491231002X')).toString('hex')).toBe('11010519491231002a');
    for (const id of ['11010519491231002X', '440524188001010014', '310115199003071239']) {
      expect(unpackIdNumber(packIdNumber(id), 'id_number')).toBe(id);
    }
    expect(() => unpackIdNumber(Uint8Array.from([0xab, 0, 0, 0, 0, 0, 0, 0, 0]), 'id_number')).toThrow(
      code('ERR_STRUCTURE'),
    );
    expect(() => unpackIdNumber(new Uint8Array(8), 'id_number')).toThrow(code('ERR_STRUCTURE'));
  });
  it('dates are days since 1970-01-01', () => {
    expect(dateToDays('1970-01-01')).toBe(0);
    expect(dateToDays('2026-11-28')).toBe(20_785);
    expect(dateToDays('1949-12-31')).toBe(-7306);
    fc.assert(
      fc.property(fc.integer({ min: -60_000, max: 60_000 }), (d) => {
        expect(dateToDays(daysToDate(d))).toBe(d);
      }),
    );
  });
});

describe('holder key (cnf) with point compression', () => {
  const x = new Uint8Array(32).fill(7);
  it('encodes EC2 keys compressed and decodes them to SEC 1', () => {
    const uncompressed = new Uint8Array(65);
    uncompressed[0] = 4;
    uncompressed.set(x, 1);
    uncompressed[64] = 3; // odd y
    const m = encodeHolderKey({ alg: 'ES256', raw: uncompressed });
    expect([...m.entries()]).toEqual([
      [1, 2],
      [-1, 1],
      [-2, x],
      [-3, true],
    ]);
    const back = decodeHolderKey(m);
    expect(back.alg).toBe('ES256');
    expect(back.raw[0]).toBe(3);
    expect(back.raw.subarray(1)).toEqual(x);
  });
  it.each([
    ['not a map', [1, 2]],
    [
      'unknown curve',
      new Map<number, unknown>([
        [1, 2],
        [-1, 9],
        [-2, x],
        [-3, true],
      ]),
    ],
    [
      'short x',
      new Map<number, unknown>([
        [1, 2],
        [-1, 1],
        [-2, x.subarray(1)],
        [-3, true],
      ]),
    ],
    [
      'uncompressed y',
      new Map<number, unknown>([
        [1, 2],
        [-1, 1],
        [-2, x],
        [-3, x],
      ]),
    ],
    [
      'private part',
      new Map<number, unknown>([
        [1, 2],
        [-1, 1],
        [-2, x],
        [-3, true],
        [-4, x],
      ]),
    ],
    [
      'OKP with EC2 kty',
      new Map<number, unknown>([
        [1, 2],
        [-1, 6],
        [-2, x],
      ]),
    ],
  ])('refuses %s', (_n, v) => {
    expect(() => decodeHolderKey(v)).toThrow(code('ERR_STRUCTURE'));
  });
});
