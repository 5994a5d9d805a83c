/**
 * The prepared verification paths (lib/prepared-verify.ts, lib/sm2-verify.ts, lib/lazy-table.ts and the
 * prepared keys of lib/portable-engine.ts) compose @noble/curves point operations; they must accept and
 * reject exactly what noble's own verify functions do, with and without a key's precomputed table, on
 * random and edge inputs. No timing here.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { p256, p384 } from '@noble/curves/nist.js';
import { bytesToNumberBE, bytesToNumberLE, numberToBytesBE, numberToBytesLE } from '@noble/curves/utils.js';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { fromHex } from '../src/bytes.js';
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
  ed25519KeyTable,
  ed25519VerifyPrepared,
  KEY_TABLE_WINDOW,
  prepareEd25519Key,
  tabledCopy,
} from '../src/crypto/lib/prepared-verify.js';
import { Sm2Point } from '../src/crypto/lib/sm2-curve.js';
import { sm2VerifyDigest } from '../src/crypto/lib/sm2-verify.js';
import { createPortableCrypto } from '../src/crypto/portable.js';
import { SM2_DEFAULT_USER_ID, sm2 } from '../src/crypto/sm2.js';
import { sm3 } from '../src/crypto/sm3.js';
import type { SignatureAlg } from '../src/crypto/types.js';

afterEach(() => clearLazyTables());

describe('tabled copies (noble precompute, W = KEY_TABLE_WINDOW)', () => {
  const curves = [
    ['sm2p256v1', Sm2Point],
    ['P-256', p256.Point],
    ['P-384', p384.Point],
  ] as const;

  it.each(curves)('%s: a distinct, equal point, so evicting it drops only the table', (_name, Point) => {
    const Q = Point.BASE.multiply(0x5eed5eed5eed5eed5eed5eed5eedn);
    const copy = tabledCopy(Q, (affine) => Point.fromAffine(affine));
    expect(copy).not.toBe(Q);
    expect(copy.equals(Q)).toBe(true);
    const k = Point.Fn.ORDER - 2n;
    expect(copy.multiplyUnsafe(k).equals(Q.multiplyUnsafe(k))).toBe(true);
  });

  it('Ed25519: a distinct, equal point', () => {
    const A = ed25519.Point.BASE.multiply(0xc0ffeec0ffeec0ffeen);
    const copy = ed25519KeyTable(A);
    expect(copy).not.toBe(A);
    expect(copy.equals(A)).toBe(true);
    expect(KEY_TABLE_WINDOW).toBe(6);
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

  it.each(cases)('%s: valid, high-S, tampered and out-of-range signatures', (_alg, curve, prepared) => {
    const n = curve.Point.Fn.ORDER;
    const L = curve.Point.Fn.BYTES;
    const sk = curve.utils.randomSecretKey();
    const pk = curve.getPublicKey(sk, false);
    const Q = curve.Point.fromBytes(pk);
    const table = tabledCopy(Q, (affine) => curve.Point.fromAffine(affine));
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
      expect(ecdsaVerifyPrepared(prepared, signature, data, Q)).toBe(valid);
      expect(ecdsaVerifyPrepared(prepared, signature, data, table)).toBe(valid);
    }
  });

  it('ES256: random keys and messages (fast-check)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 64 }), fc.boolean(), (msg, tamper) => {
        const sk = p256.utils.randomSecretKey();
        const pk = p256.getPublicKey(sk, false);
        const sig = p256.sign(msg, sk, { prehash: true, format: 'compact' });
        if (tamper) sig[5] = (sig[5] as number) ^ 0x40;
        const Q = p256.Point.fromBytes(pk);
        const expected = p256.verify(sig, msg, pk, { lowS: false, prehash: true, format: 'compact' });
        expect(expected).toBe(!tamper);
        expect(ecdsaVerifyPrepared(ES256_CURVE, sig, msg, Q)).toBe(expected);
        expect(
          ecdsaVerifyPrepared(
            ES256_CURVE,
            sig,
            msg,
            tabledCopy(Q, (a) => p256.Point.fromAffine(a)),
          ),
        ).toBe(expected);
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
  const tabled = ed25519KeyTable(key.point);

  const check = (signature: Uint8Array, data: Uint8Array, publicKey: Uint8Array, valid: boolean) => {
    expect(ed25519.verify(signature, data, publicKey, { zip215: false })).toBe(valid);
    const prepared = prepareEd25519Key(publicKey);
    if (prepared === undefined) {
      expect(valid).toBe(false);
      return;
    }
    expect(ed25519VerifyPrepared(prepared, undefined, signature, data)).toBe(valid);
    if (!prepared.smallOrder) {
      expect(ed25519VerifyPrepared(prepared, ed25519KeyTable(prepared.point), signature, data)).toBe(valid);
    }
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
    expect(ed25519VerifyPrepared(small, undefined, forged, msg)).toBe(false);
    expect(ed25519VerifyPrepared(small, ed25519KeyTable(small.point), forged, msg)).toBe(false);
  });

  it('refuses a key of order 8 for the signature that satisfies the equation with it (R = A, S = 0)', () => {
    const order8 = fromHex('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a');
    const small = prepareEd25519Key(order8);
    expect(small?.smallOrder).toBe(true);
    // [8]R = [8]kA = identity and S = 0: the cofactored equation holds for any message.
    const forged = new Uint8Array(64);
    forged.set(order8, 0);
    check(forged, msg, order8, false);
    if (small === undefined) throw new Error('order-8 point must decode');
    expect(ed25519VerifyPrepared(small, ed25519KeyTable(small.point), forged, msg)).toBe(false);
  });

  it('random messages and tampering (fast-check)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.nat({ max: 63 }), fc.boolean(), (m, at, tamper) => {
        const s = ed25519.sign(m, sk);
        if (tamper) s[at] = (s[at] as number) ^ 0x10;
        const expected = ed25519.verify(s, m, pk, { zip215: false });
        expect(ed25519VerifyPrepared(key, undefined, s, m)).toBe(expected);
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
    const table = tabledCopy(Q, (affine) => Sm2Point.fromAffine(affine));
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
      expect(sm2VerifyDigest(e, r, s, table)).toBe(expected);
      expect(sm2.verify(s2, msg, pk)).toBe(expected);
    }
  });
});

describe('SM2 edge cases', () => {
  const n = Sm2Point.Fn.ORDER;
  const G = Sm2Point.BASE;
  const tabledG = tabledCopy(G, (affine) => Sm2Point.fromAffine(affine));

  it('refuses when [s]G + [t]P is the identity (key P = G, r = −2s mod n, so t = −s)', () => {
    const s = 0x1234567n;
    const r = (n - 2n * s) % n;
    const e = r; // any e: the identity has no x, so nothing can match
    expect(
      G.multiplyUnsafe(s)
        .add(G.multiplyUnsafe((r + s) % n))
        .is0(),
    ).toBe(true);
    expect(sm2VerifyDigest(e, r, s, G)).toBe(false);
    expect(sm2VerifyDigest(e, r, s, tabledG)).toBe(false);
  });

  it('refuses r, s outside [1, n − 1], t = 0 and the identity as key, table or not', () => {
    const e = 5n;
    for (const [r, s] of [
      [0n, 1n],
      [1n, 0n],
      [n, 1n],
      [1n, n],
      [1n, n - 1n], // t = r + s = 0 (B5)
    ] as const) {
      expect(sm2VerifyDigest(e, r, s, G)).toBe(false);
      expect(sm2VerifyDigest(e, r, s, tabledG)).toBe(false);
    }
    expect(sm2VerifyDigest(e, 1n, 1n, Sm2Point.ZERO)).toBe(false);
  });

  it('accepts the one signature built by hand from the equation (key G, s = 1, t = 2: x1 = x(3G))', () => {
    const x1 = G.multiply(3n).toAffine().x;
    // r = e + x1 and t = r + s must be 2, so pick r = 1, s = 1 and e = 1 − x1 (mod n).
    const e = (((1n - x1) % n) + n) % n;
    expect(sm2VerifyDigest(e, 1n, 1n, G)).toBe(true);
    expect(sm2VerifyDigest(e, 1n, 1n, tabledG)).toBe(true);
    expect(sm2VerifyDigest((e + 1n) % n, 1n, 1n, tabledG)).toBe(false);
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
