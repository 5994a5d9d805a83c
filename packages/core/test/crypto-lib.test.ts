/**
 * Internal crypto helpers: low-S normalisation (SEC 1 §4.1.3 malleability, s ↔ n − s) and the bounded
 * LRU that caches imported keys.
 */
import { p256, p384 } from '@noble/curves/nist.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex } from '../src/bytes.js';
import { bigIntToBytes, bytesToBigInt, curveOrder, isHighS, normaliseLowS } from '../src/crypto/lib/ec.js';
import { createKeyCache, publicKeyCacheId } from '../src/crypto/lib/key-cache.js';

describe('normaliseLowS', () => {
  it('matches @noble/curves curve orders', () => {
    expect(curveOrder('ES256')).toBe(p256.Point.Fn.ORDER);
    expect(curveOrder('ES384')).toBe(p384.Point.Fn.ORDER);
  });

  it.each([
    ['ES256', 32],
    ['ES384', 48],
  ] as const)('%s: keeps r, maps s to min(s, n − s), and is idempotent', (alg, size) => {
    const n = curveOrder(alg);
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: n - 1n }), fc.bigInt({ min: 1n, max: n - 1n }), (r, s) => {
        const sig = new Uint8Array([...bigIntToBytes(r, size), ...bigIntToBytes(s, size)]);
        const out = normaliseLowS(alg, sig);
        expect(bytesToBigInt(out.subarray(0, size))).toBe(r);
        const s2 = bytesToBigInt(out.subarray(size));
        expect(s2).toBe(s > n / 2n ? n - s : s);
        expect(isHighS(alg, out)).toBe(false);
        expect(isHighS(alg, sig)).toBe(s > n / 2n);
        expect(toHex(normaliseLowS(alg, out))).toBe(toHex(out));
        // The input is never modified in place.
        expect(bytesToBigInt(sig.subarray(size))).toBe(s);
      }),
    );
  });

  it('the boundary: s = ⌊n/2⌋ is low, ⌊n/2⌋ + 1 is high', () => {
    const n = curveOrder('ES256');
    const half = n >> 1n;
    const make = (s: bigint) => new Uint8Array([...bigIntToBytes(1n, 32), ...bigIntToBytes(s, 32)]);
    expect(isHighS('ES256', make(half))).toBe(false);
    expect(isHighS('ES256', make(half + 1n))).toBe(true);
    expect(bytesToBigInt(normaliseLowS('ES256', make(half + 1n)).subarray(32))).toBe(n - half - 1n);
  });
});

describe('key cache', () => {
  it('evicts the least recently used entry beyond capacity', () => {
    const cache = createKeyCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the most recent
    cache.set('c', 3); // evicts b
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
  });

  it('stays bounded under a stream of distinct keys', () => {
    const cache = createKeyCache<number>(8);
    for (let i = 0; i < 1000; i++) cache.set(`k${i}`, i);
    let present = 0;
    for (let i = 0; i < 1000; i++) if (cache.get(`k${i}`) !== undefined) present++;
    expect(present).toBe(8);
  });

  it('cache ids separate algorithms, coordinates, kid and SM2 ID; refuse non-string members', () => {
    const jwk = { kty: 'EC', crv: 'P-256', x: 'x', y: 'y' };
    const id = publicKeyCacheId('ES256', jwk, '');
    expect(id).toBeDefined();
    expect(publicKeyCacheId('ES256', { ...jwk }, '')).toBe(id);
    expect(publicKeyCacheId('ES256', { ...jwk, d: 'secret' }, '')).toBe(id);
    for (const other of [
      publicKeyCacheId('ES384', jwk, ''),
      publicKeyCacheId('ES256', { ...jwk, x: 'X' }, ''),
      publicKeyCacheId('ES256', { ...jwk, kid: 'k' }, ''),
      publicKeyCacheId('ES256', jwk, 'aa'),
    ]) {
      expect(other).not.toBe(id);
    }
    expect(publicKeyCacheId('ES256', { ...jwk, x: 1 }, '')).toBeUndefined();
    expect(publicKeyCacheId('ES256', null, '')).toBeUndefined();
  });
});
