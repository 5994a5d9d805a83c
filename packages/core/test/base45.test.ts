import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BASE45_MAX_LENGTH, decodeBase45, encodeBase45 } from '../src/codec/index.js';
import { DeltaIdError } from '../src/errors.js';

const ascii = (s: string) => new TextEncoder().encode(s);

function base45Error(fn: () => unknown): DeltaIdError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DeltaIdError) return err;
    throw err;
  }
  throw new Error('expected a DeltaIdError');
}

describe('base45 (RFC 9285)', () => {
  // RFC 9285 §4.3 and §4.4 examples, exact.
  it.each([
    ['AB', 'BB8'],
    ['Hello!!', '%69 VD92EX0'],
    ['base-45', 'UJCLQE7W581'],
    ['ietf!', 'QED8WEX0'],
  ])('RFC 9285 example %j ⇄ %j', (plain, encoded) => {
    expect(encodeBase45(ascii(plain))).toBe(encoded);
    expect(decodeBase45(encoded)).toEqual(ascii(plain));
  });

  it('encodes the edges of the value ranges', () => {
    expect(encodeBase45(new Uint8Array(0))).toBe('');
    expect(decodeBase45('')).toEqual(new Uint8Array(0));
    // 0xffff = 15 + 16·45 + 32·2025 → "F" "G" "W"; 0xff = 30 + 5·45 → "U5"
    expect(encodeBase45(Uint8Array.of(0xff, 0xff))).toBe('FGW');
    expect(encodeBase45(Uint8Array.of(0xff))).toBe('U5');
    expect(decodeBase45('FGW')).toEqual(Uint8Array.of(0xff, 0xff));
    expect(decodeBase45('U5')).toEqual(Uint8Array.of(0xff));
    expect(encodeBase45(Uint8Array.of(0, 0, 0))).toBe('00000');
  });

  it('decode ∘ encode is the identity (fast-check)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        const text = encodeBase45(bytes);
        expect(text).toMatch(/^[0-9A-Z $%*+\-./:]*$/);
        expect(text.length).toBe(Math.floor(bytes.length / 2) * 3 + (bytes.length % 2) * 2);
        expect(decodeBase45(text)).toEqual(bytes);
      }),
      { numRuns: 500 },
    );
  });

  it('encode ∘ decode is the identity on every valid text (fast-check)', () => {
    const char = fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:');
    const triple = fc
      .tuple(char, char, char)
      .map((t) => t.join(''))
      .filter((t) => {
        try {
          decodeBase45(t);
          return true;
        } catch {
          return false;
        }
      });
    fc.assert(
      fc.property(fc.array(triple, { maxLength: 50 }), (triples) => {
        const text = triples.join('');
        expect(encodeBase45(decodeBase45(text))).toBe(text);
      }),
    );
  });

  describe('strict decoding rejects', () => {
    it.each([
      ['a lowercase letter', 'bB8', 0],
      ['"=" (padding of other encodings)', 'BB8=A', 3],
      ['a newline', 'BB8\nA', 3],
      ['a tab', 'BB\t', 2],
      ['a non-ASCII letter', 'BB8BÄ', 4],
      ['an emoji', '😀BB', 0],
      ['"#"', 'BB#', 2],
      ['a bad character before a dangling one', 'bB8A', 0],
      ['a bad dangling character', 'BB8a', 3],
    ])('a character outside the alphabet: %s', (_name, text, position) => {
      const err = base45Error(() => decodeBase45(text));
      expect(err.code).toBe('ERR_BASE45');
      expect(err.details.position).toBe(position);
      expect(err.message).toMatch(/alphabet/);
    });

    it.each([
      ['A', 0],
      ['BB8A', 3],
      ['QED8WEX0AB', 9],
    ])('a dangling single character: %j', (text, position) => {
      const err = base45Error(() => decodeBase45(text));
      expect(err.code).toBe('ERR_BASE45');
      expect(err.details.position).toBe(position);
      expect(err.message).toMatch(/dangling/);
    });

    it.each([
      // 0x10000 = 65536 = 16 + 16·45 + 32·2025 → "G" "G" "W": the smallest triple above 65535
      ['GGW', 0],
      ['BB8GGW', 3],
      [':::', 0],
    ])('a triple above 65535: %j', (text, position) => {
      const err = base45Error(() => decodeBase45(text));
      expect(err.code).toBe('ERR_BASE45');
      expect(err.details.position).toBe(position);
      expect(err.message).toMatch(/65535/);
    });

    it.each([
      // 256 = 31 + 5·45 → "V5": the smallest pair above 255
      ['V5', 0],
      ['BB8V5', 3],
      ['::', 0],
    ])('a final pair above 255: %j', (text, position) => {
      const err = base45Error(() => decodeBase45(text));
      expect(err.code).toBe('ERR_BASE45');
      expect(err.details.position).toBe(position);
      expect(err.message).toMatch(/255/);
    });

    it('text longer than maxLength, before decoding anything', () => {
      expect(decodeBase45('BB8BB8', { maxLength: 6 })).toEqual(ascii('ABAB'));
      const err = base45Error(() => decodeBase45('BB8BB8B', { maxLength: 6 }));
      expect(err.code).toBe('ERR_BASE45');
      expect(err.details).toEqual({ length: 7, maxLength: 6 });
      const long = 'BB8'.repeat(DEFAULT_BASE45_MAX_LENGTH / 3 + 1);
      expect(base45Error(() => decodeBase45(long)).details.maxLength).toBe(DEFAULT_BASE45_MAX_LENGTH);
      expect(decodeBase45(long, { maxLength: long.length }).length).toBe((long.length / 3) * 2);
    });

    it('misuse', () => {
      expect(base45Error(() => decodeBase45('BB8', { maxLength: -1 })).code).toBe('ERR_INVALID_ARGUMENT');
      expect(base45Error(() => decodeBase45('BB8', { maxLength: 1.5 })).code).toBe('ERR_INVALID_ARGUMENT');
      expect(base45Error(() => decodeBase45(42 as unknown as string)).code).toBe('ERR_INVALID_ARGUMENT');
      expect(base45Error(() => encodeBase45([1, 2] as unknown as Uint8Array)).code).toBe(
        'ERR_INVALID_ARGUMENT',
      );
    });
  });
});
