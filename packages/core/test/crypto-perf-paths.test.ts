/**
 * The fast verification paths (lib/fast-weierstrass.ts, lib/prepared-verify.ts, lib/lazy-table.ts and the
 * prepared keys of lib/portable-engine.ts) must accept and reject exactly what the plain @noble/curves
 * paths do: same points, with and without precomputed tables, on random and edge inputs. No timing here.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { p256, p384 } from '@noble/curves/nist.js';
import { bytesToNumberBE, bytesToNumberLE, numberToBytesBE, numberToBytesLE } from '@noble/curves/utils.js';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { createA3Curve, KEY_TABLE_WINDOW } from '../src/crypto/lib/fast-weierstrass.js';
import {
  clearLazyTables,
  createLazyTable,
  liveTableCount,
  MAX_TABLES,
  PRECOMPUTE_AFTER_USES,
  tableForUse,
} from '../src/crypto/lib/lazy-table.js';
import { portablePublicKey, portableSign, portableVerify } from '../src/crypto/lib/portable-engine.js';
import {
  ES256_CURVE,
  ES384_CURVE,
  ecdsaVerifyPrepared,
  ed25519VerifyPrepared,
  prepareEd25519Key,
} from '../src/crypto/lib/prepared-verify.js';
import { SM2_CURVE, Sm2Point } from '../src/crypto/lib/sm2-curve.js';
import { SM2_FAST, sm2VerifyDigest } from '../src/crypto/lib/sm2-verify.js';
import { createPortableCrypto } from '../src/crypto/portable.js';
import { SM2_DEFAULT_USER_ID, sm2 } from '../src/crypto/sm2.js';
import { sm3 } from '../src/crypto/sm3.js';
import type { SignatureAlg } from '../src/crypto/types.js';

afterEach(() => clearLazyTables());

const CURVES = [
  ['sm2p256v1', Sm2Point, SM2_FAST],
  ['P-256', p256.Point, ES256_CURVE.fast],
  ['P-384', p384.Point, ES384_CURVE.fast],
] as const;

describe.each(CURVES)('fast-weierstrass on %s equals @noble/curves', (_name, Point, fast) => {
  const G = Point.BASE;
  const n = Point.Fn.ORDER;
  type P = typeof G;
  /** x(u1·G + u2·Q) the slow, generic way. */
  const reference = (u1: bigint, u2: bigint, Q: P): bigint | undefined => {
    const R = G.multiplyUnsafe(u1).add(Q.multiplyUnsafe(u2));
    return R.is0() ? undefined : R.toAffine().x;
  };
  const Q = G.multiply(0x5eed5eed5eed5eed5eed5eed5eedn);
  const Qa = Q.toAffine();
  const table = fast.keyTable(Qa);

  it('builds a table of (⌈bits/W⌉ + 1) windows of 2^(W−1) affine points, all on the curve', () => {
    const half = 2 ** (KEY_TABLE_WINDOW - 1);
    expect(table.W).toBe(KEY_TABLE_WINDOW);
    expect(table.windows).toBe(Math.ceil(Point.Fn.BITS / KEY_TABLE_WINDOW) + 1);
    expect(table.xs.length).toBe(table.windows * half);
    // Entry (w, j) is (j + 1) · 2^(wW) · Q: spot-check the corners against noble.
    for (const [w, j] of [
      [0, 0],
      [0, half - 1],
      [1, 0],
      [table.windows - 1, half - 1],
    ] as const) {
      const k = (BigInt(j + 1) << BigInt(w * KEY_TABLE_WINDOW)) % n;
      const expected = Q.multiplyUnsafe(k).toAffine();
      expect(table.xs[w * half + j]).toBe(expected.x);
      expect(table.ys[w * half + j]).toBe(expected.y);
    }
  });

  it('random scalars: with table, without table and noble agree', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: n - 1n }), fc.bigInt({ min: 0n, max: n - 1n }), (u1, u2) => {
        const expected = reference(u1, u2, Q);
        expect(fast.mulAddX(u1, u2, Qa, table)).toBe(expected);
        expect(fast.mulAddX(u1, u2, Qa, undefined)).toBe(expected);
      }),
      { numRuns: 25 },
    );
  });

  it('edge cases: identity results, equal and opposite operands, extreme scalars', () => {
    const cases: [bigint, bigint, P][] = [
      [0n, 0n, Q], // identity
      [0n, 1n, Q],
      [1n, 0n, Q],
      [1n, 1n, G], // G + G: the addition meets an equal point and must double
      [2n, 3n, G],
      [n - 1n, 1n, G], // −G + G = identity
      [5n, 5n, G.negate()], // identity
      [n - 1n, n - 1n, Q],
      [n - 1n, n - 1n, G], // −2G
      [64n, 1n, G.multiply(64n)], // the key half leaves acc = 64G, then the G table adds 64G
      [1n, n - 1n, G.multiply(n - 1n)], // G + (−1)(−G) = 2G
      [3n, n - 3n, G], // identity
      [(n - 1n) / 2n, (n - 1n) / 2n, G], // identity + ... = (n − 1)G = −G
    ];
    for (const [u1, u2, point] of cases) {
      const expected = reference(u1, u2, point);
      const pa = point.toAffine();
      expect(fast.mulAddX(u1, u2, pa, undefined)).toBe(expected);
      expect(fast.mulAddX(u1, u2, pa, fast.keyTable(pa))).toBe(expected);
    }
    expect(reference(n - 1n, 1n, G)).toBeUndefined(); // the identity cases above are really exercised
  });

  it('refuses scalars outside [0, n)', () => {
    expect(() => fast.mulAddX(n, 1n, Qa, table)).toThrow(RangeError);
    expect(() => fast.mulAddX(1n, -1n, Qa, undefined)).toThrow(RangeError);
  });
});

describe('createA3Curve', () => {
  it('refuses a curve whose a is not −3', () => {
    expect(() => createA3Curve({ ...SM2_CURVE, a: 0n })).toThrow(/a = -3/);
  });
});

describe('lazy tables', () => {
  it('builds only after PRECOMPUTE_AFTER_USES uses, then reuses the same table', () => {
    let builds = 0;
    const slot = createLazyTable(() => ({ id: ++builds }));
    for (let i = 0; i < PRECOMPUTE_AFTER_USES; i++) expect(tableForUse(slot)).toBeUndefined();
    expect(builds).toBe(0);
    const first = tableForUse(slot);
    expect(first).toEqual({ id: 1 });
    expect(tableForUse(slot)).toBe(first);
    expect(builds).toBe(1);
    expect(liveTableCount()).toBe(1);
  });

  it('keeps at most MAX_TABLES, evicting the least recently used, which must get hot again', () => {
    const slots = Array.from({ length: MAX_TABLES + 1 }, (_, i) => createLazyTable(() => i));
    const heat = (slot: (typeof slots)[number]) => {
      for (let i = 0; i <= PRECOMPUTE_AFTER_USES; i++) tableForUse(slot);
    };
    for (const slot of slots.slice(0, MAX_TABLES)) heat(slot);
    expect(liveTableCount()).toBe(MAX_TABLES);
    tableForUse(slots[0] as (typeof slots)[number]); // slot 0 is now the most recent; slot 1 the oldest
    heat(slots[MAX_TABLES] as (typeof slots)[number]);
    expect(liveTableCount()).toBe(MAX_TABLES);
    expect(slots[0]?.table).toBe(0);
    expect(slots[1]?.table).toBeUndefined();
    expect(slots[1]?.uses).toBe(0);
    expect(tableForUse(slots[1] as (typeof slots)[number])).toBeUndefined(); // cold again
  });
});

describe('ECDSA prepared verification equals p256 / p384 verify (lowS: false)', () => {
  const cases = [
    ['ES256', p256, ES256_CURVE],
    ['ES384', p384, ES384_CURVE],
  ] as const;

  it.each(cases)('%s: valid, high-S, tampered and out-of-range signatures', (_alg, curve, fast) => {
    const n = curve.Point.Fn.ORDER;
    const L = curve.Point.Fn.BYTES;
    const sk = curve.utils.randomSecretKey();
    const pk = curve.getPublicKey(sk, false);
    const Q = curve.Point.fromBytes(pk).toAffine();
    const table = fast.fast.keyTable(Q);
    const msg = new Uint8Array(300).map((_, i) => i);
    const sig = curve.sign(msg, sk, { prehash: true, format: 'compact' });
    const r = bytesToNumberBE(sig.subarray(0, L));
    const s = bytesToNumberBE(sig.subarray(L));
    const raw = (a: bigint, b: bigint) => {
      const out = new Uint8Array(2 * L);
      out.set(numberToBytesBE(a % 2n ** BigInt(8 * L), L));
      out.set(numberToBytesBE(b % 2n ** BigInt(8 * L), L), L);
      return out;
    };
    const other = new Uint8Array(msg);
    other[7] = (other[7] as number) ^ 1;
    const inputs: [Uint8Array, Uint8Array, boolean][] = [
      [sig, msg, true],
      [raw(r, n - s), msg, true], // high-S is valid (FIPS 186-5 §6.4.2)
      [sig, other, false],
      [raw(r + 1n, s), msg, false],
      [raw(0n, s), msg, false],
      [raw(r, 0n), msg, false],
      [raw(n, s), msg, false],
      [raw(r, n), msg, false],
      [raw(r + n, s), msg, false], // r ≥ n (or wrapped): never reduced into range
      [sig.subarray(1), msg, false],
    ];
    for (const [signature, data, valid] of inputs) {
      // noble throws on a wrong length where the engine (and the prepared path) answers false.
      let expected: boolean;
      try {
        expected = curve.verify(signature, data, pk, { lowS: false, prehash: true, format: 'compact' });
      } catch {
        expected = false;
      }
      expect(expected).toBe(valid);
      expect(ecdsaVerifyPrepared(fast, signature, data, Q, undefined)).toBe(valid);
      expect(ecdsaVerifyPrepared(fast, signature, data, Q, table)).toBe(valid);
    }
  });

  it('ES256: random keys and messages (fast-check)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 64 }), fc.boolean(), (msg, tamper) => {
        const sk = p256.utils.randomSecretKey();
        const pk = p256.getPublicKey(sk, false);
        const sig = p256.sign(msg, sk, { prehash: true, format: 'compact' });
        if (tamper) sig[5] = (sig[5] as number) ^ 0x40;
        const Q = p256.Point.fromBytes(pk).toAffine();
        expect(ecdsaVerifyPrepared(ES256_CURVE, sig, msg, Q, undefined)).toBe(
          p256.verify(sig, msg, pk, { lowS: false, prehash: true, format: 'compact' }),
        );
      }),
      { numRuns: 15 },
    );
  });
});

describe('Ed25519 prepared verification equals ed25519.verify (zip215: false)', () => {
  const L = ed25519.Point.Fn.ORDER;
  const sk = ed25519.utils.randomSecretKey();
  const pk = ed25519.getPublicKey(sk);
  const msg = new Uint8Array(200).map((_, i) => i * 7);
  const sig = ed25519.sign(msg, sk);
  const key = prepareEd25519Key(pk);
  if (key === undefined) throw new Error('test key does not decode');
  const tabled = ed25519.Point.fromAffine(key.point.toAffine()).precompute(6, false);

  const check = (signature: Uint8Array, data: Uint8Array, publicKey: Uint8Array, valid: boolean) => {
    expect(ed25519.verify(signature, data, publicKey, { zip215: false })).toBe(valid);
    const prepared = prepareEd25519Key(publicKey);
    if (prepared === undefined) {
      expect(valid).toBe(false);
      return;
    }
    expect(ed25519VerifyPrepared(prepared, prepared.point, signature, data)).toBe(valid);
  };

  it('valid and tampered signatures, with and without the key table', () => {
    check(sig, msg, pk, true);
    expect(ed25519VerifyPrepared(key, tabled, sig, msg)).toBe(true);
    const bad = sig.slice();
    bad[40] = (bad[40] as number) ^ 1;
    check(bad, msg, pk, false);
    expect(ed25519VerifyPrepared(key, tabled, bad, msg)).toBe(false);
    check(sig, msg.subarray(1), pk, false);
  });

  it('refuses S + L (non-canonical S, §5.1.7 step 1)', () => {
    const s = bytesToNumberLE(sig.subarray(32));
    const big = sig.slice();
    big.set(numberToBytesLE(s + L, 32), 32);
    check(big, msg, pk, false);
  });

  it('refuses a non-canonical R (y ≥ p) and a non-canonical key encoding', () => {
    const p = ed25519.Point.Fp.ORDER;
    const nonCanonical = numberToBytesLE(p + 1n, 32); // y = p + 1 ≡ 1: the identity, non-canonically
    const withR = sig.slice();
    withR.set(nonCanonical, 0);
    check(withR, msg, pk, false);
    expect(prepareEd25519Key(nonCanonical)).toBeUndefined();
  });

  it('refuses a small-order key even where the cofactored equation holds', () => {
    // A = R = identity, S = 0: [8]SB = [8]R + [8]kA holds for every message, so only the small-order
    // check stands between this "signature" and acceptance.
    const identity = numberToBytesLE(1n, 32);
    const forged = new Uint8Array(64);
    forged.set(identity, 0);
    const small = prepareEd25519Key(identity);
    expect(small?.smallOrder).toBe(true);
    check(forged, msg, identity, false);
    if (small === undefined) throw new Error('identity must decode');
    const { BASE, ZERO } = ed25519.Point;
    const lhs = ZERO.add(small.point.multiplyUnsafe(12345n)).subtract(BASE.multiplyUnsafe(0n));
    expect(lhs.clearCofactor().is0()).toBe(true);
    expect(ed25519VerifyPrepared(small, small.point, forged, msg)).toBe(false);
  });

  it('random messages and tampering (fast-check)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.nat({ max: 63 }), fc.boolean(), (m, at, tamper) => {
        const s = ed25519.sign(m, sk);
        if (tamper) s[at] = (s[at] as number) ^ 0x10;
        const expected = ed25519.verify(s, m, pk, { zip215: false });
        expect(ed25519VerifyPrepared(key, key.point, s, m)).toBe(expected);
        expect(ed25519VerifyPrepared(key, tabled, s, m)).toBe(expected);
      }),
      { numRuns: 20 },
    );
  });
});

describe('SM2 with and without the key table', () => {
  it('sm2VerifyDigest agrees on the valid and every one-bit-off signature of a message', () => {
    const sk = sm2.randomSecretKey();
    const pk = sm2.getPublicKey(sk);
    const Q = Sm2Point.fromBytes(pk);
    const table = SM2_FAST.keyTable(Q.toAffine());
    const msg = new Uint8Array(64).map((_, i) => i);
    const sig = sm2.sign(msg, sk);
    const e = bytesToNumberBE(sm3.create().update(sm2.computeZ(pk)).update(msg).digest());
    for (let bit = -1; bit < 512; bit += 37) {
      const s2 = sig.slice();
      if (bit >= 0) s2[bit >> 3] = (s2[bit >> 3] as number) ^ (1 << (bit & 7));
      const r = bytesToNumberBE(s2.subarray(0, 32));
      const s = bytesToNumberBE(s2.subarray(32));
      const expected = bit < 0;
      expect(sm2VerifyDigest(e, r, s, Q)).toBe(expected);
      expect(sm2VerifyDigest(e, r, s, Q, table)).toBe(expected);
      expect(sm2.verify(s2, msg, pk)).toBe(expected);
    }
  });
});

describe('portable engine: a prepared key gives the same answers before and after its table exists', () => {
  const algs: SignatureAlg[] = ['ES256', 'ES384', 'EdDSA', 'SM2'];

  it.each(algs)('%s', async (alg) => {
    const crypto = createPortableCrypto();
    const { privateKey, publicKey } = await crypto.generateKeyPair(alg);
    const handle = await crypto.importPublicKey(alg, publicKey.jwk);
    const data = new Uint8Array(120).map((_, i) => i ^ 0x5a);
    const sig = await crypto.sign(privateKey, data);
    const bad = sig.slice();
    bad[3] = (bad[3] as number) ^ 2;
    const before = liveTableCount();
    for (let use = 0; use < PRECOMPUTE_AFTER_USES + 3; use++) {
      expect(await crypto.verify(handle, data, sig)).toBe(true);
      expect(await crypto.verify(handle, data, bad)).toBe(false);
      expect(await crypto.verify(handle, data.subarray(1), sig)).toBe(false);
    }
    expect(liveTableCount()).toBe(before + 1); // the key got hot and has its table now
    // Same provider, same handle, table dropped: still the same answers.
    clearLazyTables();
    expect(await crypto.verify(handle, data, sig)).toBe(true);
    expect(await crypto.verify(handle, data, bad)).toBe(false);
  });

  it('a key whose bytes do not decode verifies nothing; a hand-made key uses the plain path', () => {
    const sk = sm2.randomSecretKey();
    const raw = sm2.getPublicKey(sk);
    const data = new Uint8Array([1, 2, 3]);
    const signed = portableSign('SM2', { raw, z: sm2.computeZ(raw), d: sk }, data, undefined);
    const prepared = portablePublicKey({ alg: 'SM2', raw }, SM2_DEFAULT_USER_ID);
    expect(portableVerify('SM2', prepared, data, signed)).toBe(true);
    expect(portableVerify('ES256', prepared, data, signed)).toBe(false); // wrong algorithm for the key
    expect(portableVerify('SM2', { raw, z: prepared.z }, data, signed)).toBe(true);
    const offCurve = raw.slice();
    offCurve[64] = (offCurve[64] as number) ^ 1;
    const broken = { raw: offCurve, z: prepared.z, prepared: undefined };
    expect(portableVerify('SM2', broken, data, signed)).toBe(false);
  });
});
