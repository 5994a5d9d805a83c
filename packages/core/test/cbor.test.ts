import { describe, expect, it } from 'vitest';
import { decodeCbor, embedCbor, encodeCbor, isTag, TAG_ENCODED_CBOR, type Tag } from '../src/cbor/index.js';
import { QR_CBOR_LIMITS } from '../src/cbor/limits.js';

const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/\s/g, ''), 'hex'));

describe('CBOR codec (RFC 8949) with pinned options', () => {
  it('keeps integer map keys and plain byte strings', () => {
    const v = new Map<unknown, unknown>([
      [1, -7],
      [4, Uint8Array.of(1, 2)],
      ['a', [1, 'x']],
    ]);
    const bytes = encodeCbor(v);
    expect(Buffer.from(bytes).toString('hex')).toBe('a3012604420102616182016178');
    expect(decodeCbor(bytes)).toEqual(v);
    expect(decodeCbor(bytes)).toBeInstanceOf(Map);
  });
  it('keeps tag 24 bytes exactly as received', () => {
    const inner = hex('a10102');
    const outer = encodeCbor(embedCbor(inner));
    const back = decodeCbor(outer);
    expect(isTag(back, TAG_ENCODED_CBOR)).toBe(true);
    expect((back as Tag).value).toEqual(inner);
  });
  it.each([
    ['truncated', '82 01', 'ERR_CBOR'],
    ['trailing', '01 01', 'ERR_CBOR'],
    ['bad utf8', '62 c3 28', 'ERR_CBOR'],
    ['unknown tag', 'd9 0103 a0', 'ERR_CBOR'],
    ['duplicate key', 'a2 01 01 01 02', 'ERR_CBOR'],
    ['huge array', '9b 00ffffffffffffff', 'ERR_CBOR'],
    ['reserved ai', '1c', 'ERR_CBOR'],
    ['break outside', 'ff', 'ERR_CBOR'],
  ])('rejects %s', (_n, h, code) => {
    expect(() => decodeCbor(hex(h))).toThrow(expect.objectContaining({ code }));
  });
  it('enforces depth and size limits', () => {
    const deep = new Uint8Array(100).fill(0x81);
    deep[99] = 0x01;
    expect(() => decodeCbor(deep, { limits: QR_CBOR_LIMITS })).toThrow(
      expect.objectContaining({ code: 'ERR_CBOR_LIMIT' }),
    );
    expect(() => decodeCbor(new Uint8Array(9000), { limits: QR_CBOR_LIMITS })).toThrow(
      expect.objectContaining({ code: 'ERR_CBOR_LIMIT' }),
    );
  });
});
