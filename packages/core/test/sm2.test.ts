import { readFileSync } from 'node:fs';
import { weierstrass } from '@noble/curves/abstract/weierstrass.js';
import { bytesToNumberBE, numberToBytesBE } from '@noble/curves/utils.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatBytes, fromHex, toHex, utf8 } from '../src/bytes.js';
import { sm2SignWithNonce } from '../src/crypto/lib/sm2-sign.js';
import { sm2VerifyDigest } from '../src/crypto/lib/sm2-verify.js';
import { SM2_DEFAULT_USER_ID, sm2, sm2SignatureFromDer, sm2SignatureToDer } from '../src/crypto/sm2.js';
import { sm3 } from '../src/crypto/sm3.js';
import { isDeltaIdError } from '../src/errors.js';

// --- vectors (validated at the boundary: every field read is checked to be a hex or ASCII string) ---

const raw: unknown = JSON.parse(
  readFileSync(new URL('./vectors/sm2-sm3/sm2-sm3.json', import.meta.url), 'utf8'),
);

function section(path: readonly string[]): Record<string, unknown> {
  let cur: unknown = raw;
  for (const key of path) {
    if (typeof cur !== 'object' || cur === null || !(key in cur)) throw new Error(`vectors: no ${key}`);
    cur = Object.entries(cur).find(([k]) => k === key)?.[1];
  }
  if (typeof cur !== 'object' || cur === null) throw new Error(`vectors: ${path.join('.')} not an object`);
  return Object.fromEntries(Object.entries(cur));
}

function str(obj: Record<string, unknown>, key: string): string {
  const v = obj[key];
  if (typeof v !== 'string') throw new Error(`vectors: ${key} is not a string`);
  return v;
}

const hex = (obj: Record<string, unknown>, key: string): Uint8Array => fromHex(str(obj, key));
const big = (obj: Record<string, unknown>, key: string): bigint => BigInt(`0x${str(obj, key)}`);
const upper = (b: Uint8Array): string => toHex(b).toUpperCase();

const curveV = section(['curve_sm2p256v1']);
const annexA = section(['sm2_sign_recommended_curve']);
const testCurve = section(['sm2_sign_test_curve']);
const interop = section(['interop_generated_here']);
const opensslV = section(['interop_generated_here', 'openssl_3_0_19_pkeyutl_distid_1234567812345678']);
const nodeV = section(['interop_generated_here', 'node_20_crypto_sign_sm3_default']);

const n = big(curveV, 'n');
const msgDigest = utf8(str(annexA, 'message_ascii'));
const annexPub = concatBytes(Uint8Array.of(4), hex(annexA, 'xA'), hex(annexA, 'yA'));
const annexSig = hex(annexA, 'signature_raw_r_s');

function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const out = bytes.slice();
  out[bit >> 3]! ^= 1 << (bit & 7);
  return out;
}

function expectCode(fn: () => unknown, code: string): void {
  try {
    fn();
  } catch (err) {
    expect(isDeltaIdError(err) ? err.code : err).toBe(code);
    return;
  }
  throw new Error(`expected ${code}, nothing thrown`);
}

describe('sm2p256v1 curve (GB/T 32918.5-2017)', () => {
  it('uses exactly the recommended parameters', () => {
    const c = sm2.Point.CURVE();
    for (const k of ['p', 'a', 'b', 'n', 'Gx', 'Gy'] as const) expect(c[k]).toBe(big(curveV, k));
    expect(c.h).toBe(1n);
    expect(
      sm2.Point.BASE.multiply(n - 1n)
        .negate()
        .equals(sm2.Point.BASE),
    ).toBe(true);
  });
});

describe('SM2 Annex A example on the recommended curve (GM/T 0003.5-2012 / GB/T 32918.5-2017)', () => {
  const dA = hex(annexA, 'dA');

  it('public key from dA is (xA, yA)', () => {
    expect(upper(sm2.getPublicKey(dA))).toBe(`04${str(annexA, 'xA')}${str(annexA, 'yA')}`);
    const compressed = sm2.getPublicKey(dA, true);
    expect(compressed.length).toBe(33);
    expect(upper(compressed.subarray(1))).toBe(str(annexA, 'xA'));
  });

  it('Z_A and its input, with ENTL 0x0080 and the default ID', () => {
    expect(toHex(SM2_DEFAULT_USER_ID)).toBe(toHex(utf8(str(annexA, 'user_id_ascii'))));
    const zInput = hex(annexA, 'Z_input_hex');
    expect(upper(zInput.subarray(0, 2))).toBe(str(annexA, 'ENTL_hex'));
    expect(upper(sm3(zInput))).toBe(str(annexA, 'ZA'));
    expect(upper(sm2.computeZ(annexPub))).toBe(str(annexA, 'ZA'));
    expect(upper(sm2.computeZ(annexPub, SM2_DEFAULT_USER_ID))).toBe(str(annexA, 'ZA'));
    // Same key, compressed encoding: Z_A depends on the point, not its encoding.
    expect(upper(sm2.computeZ(sm2.getPublicKey(dA, true)))).toBe(str(annexA, 'ZA'));
  });

  it('Z_A with the default-ID fast path equals the same ID passed in a fresh array, and differs for other IDs', () => {
    const zDefault = toHex(sm2.computeZ(annexPub));
    expect(toHex(sm2.computeZ(annexPub, utf8('1234567812345678')))).toBe(zDefault);
    expect(toHex(sm2.computeZ(annexPub, utf8('1234567812345679')))).not.toBe(zDefault);
    expect(toHex(sm2.computeZ(annexPub, new Uint8Array()))).not.toBe(zDefault);
    // Mutating the exported constant must not change the library default.
    const saved = SM2_DEFAULT_USER_ID[0]!;
    SM2_DEFAULT_USER_ID[0] = 0;
    try {
      expect(toHex(sm2.computeZ(annexPub))).toBe(zDefault);
    } finally {
      SM2_DEFAULT_USER_ID[0] = saved;
    }
  });

  it('e = SM3(Z_A ‖ M) and the signature (r, s) with the vector nonce k', () => {
    const mBar = hex(annexA, 'M_bar_hex');
    expect(toHex(mBar)).toBe(toHex(concatBytes(sm2.computeZ(annexPub), msgDigest)));
    const e = sm3(mBar);
    expect(upper(e)).toBe(str(annexA, 'e'));
    const x1 = sm2.Point.BASE.multiply(big(annexA, 'k')).toAffine();
    expect(x1.x).toBe(big(annexA, 'x1'));
    expect(x1.y).toBe(big(annexA, 'y1'));
    // The blind must not influence the result: try two.
    for (const blind of [1n, 0x1234567890abcdefn]) {
      const sig = sm2SignWithNonce(bytesToNumberBE(e), bytesToNumberBE(dA), big(annexA, 'k'), blind);
      expect(sig?.r).toBe(big(annexA, 'r'));
      expect(sig?.s).toBe(big(annexA, 's'));
    }
    expect(str(annexA, 'signature_raw_r_s')).toBe(`${str(annexA, 'r')}${str(annexA, 's')}`);
  });

  it('verify accepts the Annex A signature, with default ID, explicit ID, precomputed Z and compressed key', () => {
    expect(annexA.checks).toMatchObject({ verify_with_ID_1234567812345678: true });
    expect(sm2.verify(annexSig, msgDigest, annexPub)).toBe(true);
    expect(sm2.verify(annexSig, msgDigest, annexPub, { userId: SM2_DEFAULT_USER_ID })).toBe(true);
    expect(sm2.verify(annexSig, msgDigest, annexPub, { z: hex(annexA, 'ZA') })).toBe(true);
    expect(sm2.verify(annexSig, msgDigest, sm2.getPublicKey(dA, true))).toBe(true);
  });

  it('verify rejects the Annex A signature with an empty ID, a tampered message, or a wrong Z', () => {
    expect(annexA.checks).toMatchObject({
      verify_with_empty_ID_must_fail: false,
      verify_tampered_message_must_fail: false,
    });
    expect(sm2.verify(annexSig, msgDigest, annexPub, { userId: new Uint8Array() })).toBe(false);
    expect(sm2.verify(annexSig, utf8('message digesT'), annexPub)).toBe(false);
    expect(sm2.verify(annexSig, msgDigest, annexPub, { z: flipBit(hex(annexA, 'ZA'), 0) })).toBe(false);
  });

  it('DER form of the Annex A signature converts both ways', () => {
    expect(upper(sm2SignatureToDer(annexSig))).toBe(str(annexA, 'signature_der'));
    expect(upper(sm2SignatureFromDer(hex(annexA, 'signature_der')))).toBe(str(annexA, 'signature_raw_r_s'));
  });

  it('the fixed-nonce path rejects k = 0, k = n, and a k giving r + k = n', () => {
    const e = bytesToNumberBE(sm3(hex(annexA, 'M_bar_hex')));
    const d = bytesToNumberBE(dA);
    expect(sm2SignWithNonce(e, d, 0n, 1n)).toBeUndefined();
    expect(sm2SignWithNonce(e, d, n, 1n)).toBeUndefined();
    // Choose e so that r = (e + x1) mod n = n - k for the vector k: then r + k = n must be rejected.
    const k = big(annexA, 'k');
    const x1 = sm2.Point.BASE.multiply(k).toAffine().x;
    const eBad = (((n - k - x1) % n) + n) % n;
    expect(sm2SignWithNonce(eBad, d, k, 1n)).toBeUndefined();
    // And r = 0: e = -x1 mod n.
    expect(sm2SignWithNonce((n - (x1 % n)) % n, d, k, 1n)).toBeUndefined();
    // Neighbouring e is fine, so the rejections above are specific.
    expect(sm2SignWithNonce(eBad + 1n, d, k, 1n)).toBeDefined();
  });
});

describe('SM2 Annex A example on the Fp-256 test curve (GB/T 32918.2-2016)', () => {
  // Build the test curve with noble to prove the vector itself is consistent, then show sm2p256v1 rejects it.
  const TestPoint = weierstrass({
    p: big(testCurve, 'p'),
    n: big(testCurve, 'n'),
    h: 1n,
    a: big(testCurve, 'a'),
    b: big(testCurve, 'b'),
    Gx: big(testCurve, 'Gx'),
    Gy: big(testCurve, 'Gy'),
  });
  const testPub = concatBytes(Uint8Array.of(4), hex(testCurve, 'xA'), hex(testCurve, 'yA'));
  const testSig = concatBytes(hex(testCurve, 'r'), hex(testCurve, 's'));
  const msg = utf8(str(testCurve, 'message_ascii'));

  it('the vector is self-consistent on its own curve (key, Z_A, e, r, s)', () => {
    const pub = TestPoint.BASE.multiply(big(testCurve, 'dA')).toAffine();
    expect(pub.x).toBe(big(testCurve, 'xA'));
    expect(pub.y).toBe(big(testCurve, 'yA'));
    const id = utf8(str(testCurve, 'user_id_ascii'));
    expect(upper(Uint8Array.of(0, id.length * 8))).toBe(str(testCurve, 'ENTL_hex'));
    const z = sm3(
      concatBytes(
        Uint8Array.of(0, id.length * 8),
        id,
        ...(['a', 'b', 'Gx', 'Gy', 'xA', 'yA'] as const).map((k) => hex(testCurve, k)),
      ),
    );
    expect(upper(z)).toBe(str(testCurve, 'ZA'));
    const e = sm3(concatBytes(z, msg));
    expect(upper(e)).toBe(str(testCurve, 'e'));
    const tn = big(testCurve, 'n');
    const x1 = TestPoint.BASE.multiply(big(testCurve, 'k')).toAffine().x;
    const r = (bytesToNumberBE(e) + x1) % tn;
    expect(r).toBe(big(testCurve, 'r'));
  });

  it('its public key is not a point of sm2p256v1, so sm2 rejects key and signature', () => {
    expect(() => sm2.Point.fromBytes(testPub)).toThrow();
    expectCode(() => sm2.computeZ(testPub), 'ERR_KEY');
    expect(sm2.verify(testSig, msg, testPub)).toBe(false);
    expect(sm2.verify(testSig, msg, testPub, { userId: utf8(str(testCurve, 'user_id_ascii')) })).toBe(false);
  });

  it('its dA is a valid scalar, but the signature made with it on sm2p256v1 differs from the test-curve one', () => {
    const dA = hex(testCurve, 'dA');
    expect(sm2.isValidSecretKey(dA)).toBe(true);
    const ours = sm2.sign(msg, dA, { extraEntropy: false });
    expect(toHex(ours)).not.toBe(toHex(testSig));
    expect(sm2.verify(testSig, msg, sm2.getPublicKey(dA))).toBe(false);
  });
});

describe('SM2 interop signatures (OpenSSL 3.0 pkeyutl, Node 20 crypto.sign)', () => {
  const pub = hex(interop, 'public_key_uncompressed');
  const msg = utf8(str(interop, 'message_ascii'));

  it('the interop key is the Annex A key', () => {
    expect(toHex(pub)).toBe(toHex(annexPub));
  });

  it('OpenSSL signature (distid 1234567812345678) verifies with the default ID only', () => {
    expect(opensslV.verifies_with_ID_1234567812345678).toBe(true);
    const sig = sm2SignatureFromDer(hex(opensslV, 'signature_der'));
    expect(sm2.verify(sig, msg, pub)).toBe(true);
    expect(sm2.verify(sig, msg, pub, { userId: new Uint8Array() })).toBe(false);
    expect(upper(sm2SignatureToDer(sig))).toBe(str(opensslV, 'signature_der'));
  });

  it('Node signature uses an empty ID: rejected with the default ID, accepted with userId = empty bytes', () => {
    expect(nodeV.verifies_with_ID_1234567812345678).toBe(false);
    expect(nodeV.verifies_with_empty_ID).toBe(true);
    const sig = sm2SignatureFromDer(hex(nodeV, 'signature_der'));
    expect(sm2.verify(sig, msg, pub)).toBe(false);
    expect(sm2.verify(sig, msg, pub, { userId: new Uint8Array() })).toBe(true);
    expect(sm2.verify(sig, msg, pub, { z: sm2.computeZ(pub, new Uint8Array()) })).toBe(true);
  });
});

describe('sm2.verify returns false, never throws, for every malformed input', () => {
  const G = sm2.Point.BASE;
  const rs = (r: bigint, s: bigint) => concatBytes(numberToBytesBE(r, 32), numberToBytesBE(s, 32));
  const r0 = bytesToNumberBE(annexSig.subarray(0, 32));
  const s0 = bytesToNumberBE(annexSig.subarray(32));

  it('the untouched signature is valid (control for the cases below)', () => {
    expect(sm2.verify(annexSig, msgDigest, annexPub)).toBe(true);
  });

  it('r or s outside [1, n-1]', () => {
    for (const [r, s] of [
      [0n, s0],
      [r0, 0n],
      [n, s0],
      [r0, n],
      [r0 + n, s0],
      [r0, s0 + n],
      [2n ** 256n - 1n, s0],
    ] as const) {
      const sig = r < 2n ** 256n && s < 2n ** 256n ? rs(r, s) : new Uint8Array(64).fill(0xff);
      expect(sm2.verify(sig, msgDigest, annexPub)).toBe(false);
    }
  });

  it('t = (r + s) mod n = 0', () => {
    expect(sm2.verify(rs(r0, n - r0), msgDigest, annexPub)).toBe(false);
  });

  it('wrong signature lengths, DER instead of raw, non-bytes', () => {
    for (const sig of [
      new Uint8Array(),
      annexSig.subarray(0, 63),
      concatBytes(annexSig, Uint8Array.of(0)),
      hex(annexA, 'signature_der'),
    ])
      expect(sm2.verify(sig, msgDigest, annexPub)).toBe(false);
    const junk: unknown[] = [null, undefined, 'abc', 42, [1, 2, 3], {}];
    for (const j of junk) {
      expect(sm2.verify(j as Uint8Array, msgDigest, annexPub)).toBe(false);
      expect(sm2.verify(annexSig, j as Uint8Array, annexPub)).toBe(false);
      expect(sm2.verify(annexSig, msgDigest, j as Uint8Array)).toBe(false);
    }
    expect(sm2.verify(annexSig, msgDigest, annexPub, { userId: 'x' as unknown as Uint8Array })).toBe(false);
  });

  it('public keys: off-curve, identity, wrong prefix, wrong length, x ≥ p', () => {
    const offCurve = annexPub.slice();
    offCurve[64]! ^= 1;
    const badPrefix = annexPub.slice();
    badPrefix[0] = 0x05;
    const hybrid = annexPub.slice();
    hybrid[0] = 0x06;
    const p = big(curveV, 'p');
    const xTooBig = concatBytes(Uint8Array.of(2), numberToBytesBE(p + 1n, 32));
    for (const key of [
      offCurve,
      Uint8Array.of(0),
      new Uint8Array(65),
      badPrefix,
      hybrid,
      annexPub.subarray(0, 64),
      concatBytes(annexPub, Uint8Array.of(0)),
      xTooBig,
      new Uint8Array(),
    ])
      expect(sm2.verify(annexSig, msgDigest, key)).toBe(false);
    // The generator is a valid key; it must not validate a signature made for another key.
    expect(sm2.verify(annexSig, msgDigest, G.toBytes(false))).toBe(false);
  });

  it('bad Z: wrong length, or both userId and z', () => {
    const z = hex(annexA, 'ZA');
    expect(sm2.verify(annexSig, msgDigest, annexPub, { z: z.subarray(0, 31) })).toBe(false);
    expect(sm2.verify(annexSig, msgDigest, annexPub, { z, userId: SM2_DEFAULT_USER_ID })).toBe(false);
  });

  it('a signature (r, s) where [s]G + [t]P is the identity', () => {
    // P = [-s/t]G makes the sum the identity; pick s = 1, r = 1 → t = 2, P = [-(1/2)]G = [(n-1)/2]G.
    const P = G.multiply((n - 1n) / 2n).toBytes(false);
    expect(sm2.verify(rs(1n, 1n), msgDigest, P)).toBe(false);
  });
});

describe('SM2 verification checks B1 and B5 on crafted digests (each would accept without its check)', () => {
  const G = sm2.Point.BASE;
  const P = sm2.Point.fromBytes(annexPub);
  const e0 = bytesToNumberBE(sm3(hex(annexA, 'M_bar_hex')));
  const r0 = big(annexA, 'r');
  const s0 = big(annexA, 's');
  const mod = (x: bigint) => ((x % n) + n) % n;

  it('control: the Annex A values verify at this level', () => {
    expect(sm2VerifyDigest(e0, r0, s0, P)).toBe(true);
  });

  it('B1: s + n (same point as s) is rejected', () => {
    expect(sm2VerifyDigest(e0, r0, s0 + n, P)).toBe(false);
    expect(sm2VerifyDigest(e0, r0 + n, s0, P)).toBe(false);
  });

  it('B1: r = 0 with e chosen so that (e + x1) mod n = 0 is rejected', () => {
    const s = 5n;
    const x1 = G.multiply(s).add(P.multiply(s)).toAffine().x; // t = r + s = s
    const e = mod(-x1);
    expect(mod(e + x1)).toBe(0n); // the final comparison alone would accept
    expect(sm2VerifyDigest(e, 0n, s, P)).toBe(false);
  });

  it('B5: t = 0 (s = n - r) with e chosen so that (e + x([s]G)) mod n = r is rejected', () => {
    const r = 7n;
    const s = n - r;
    const x1 = G.multiply(s).toAffine().x; // [s]G + [0]P
    const e = mod(r - x1);
    expect(mod(e + x1)).toBe(r); // the final comparison alone would accept
    expect(sm2VerifyDigest(e, r, s, P)).toBe(false);
  });

  it("B6: [s]G + [t]P = O is rejected even when e matches the identity's affine x = 0", () => {
    const bad = G.multiply((n - 1n) / 2n); // [1]G + [2]bad = [n]G = O
    expect(G.add(bad.multiply(2n)).is0()).toBe(true);
    expect(sm2VerifyDigest(1n, 1n, 1n, bad)).toBe(false);
  });
});

describe('sm2 key and signing misuse raises typed errors', () => {
  it('isValidSecretKey: 1 ≤ d ≤ n-2 and 32 bytes', () => {
    const b = (d: bigint) => numberToBytesBE(d, 32);
    expect(sm2.isValidSecretKey(b(1n))).toBe(true);
    expect(sm2.isValidSecretKey(b(n - 2n))).toBe(true);
    expect(sm2.isValidSecretKey(b(0n))).toBe(false);
    expect(sm2.isValidSecretKey(b(n - 1n))).toBe(false);
    expect(sm2.isValidSecretKey(b(n))).toBe(false);
    expect(sm2.isValidSecretKey(new Uint8Array(31).fill(1))).toBe(false);
    expect(sm2.isValidSecretKey('x' as unknown as Uint8Array)).toBe(false);
  });

  it('sign/getPublicKey reject bad keys with ERR_KEY and bad options with ERR_INVALID_ARGUMENT', () => {
    const m = utf8('m');
    const dA = hex(annexA, 'dA');
    expectCode(() => sm2.sign(m, numberToBytesBE(n - 1n, 32)), 'ERR_KEY');
    expectCode(() => sm2.sign(m, new Uint8Array(32)), 'ERR_KEY');
    expectCode(() => sm2.sign(m, new Uint8Array(33).fill(1)), 'ERR_KEY');
    expectCode(() => sm2.getPublicKey(numberToBytesBE(n, 32)), 'ERR_KEY');
    expectCode(() => sm2.sign('m' as unknown as Uint8Array, dA), 'ERR_INVALID_ARGUMENT');
    expectCode(() => sm2.sign(m, dA, { z: new Uint8Array(31) }), 'ERR_INVALID_ARGUMENT');
    expectCode(
      () => sm2.sign(m, dA, { z: new Uint8Array(32), userId: new Uint8Array() }),
      'ERR_INVALID_ARGUMENT',
    );
    expectCode(() => sm2.sign(m, dA, { userId: new Uint8Array(8192) }), 'ERR_INVALID_ARGUMENT');
    // 8191 bytes is the longest ID ENTL can express; it works.
    const longId = new Uint8Array(8191).fill(0x41);
    const sig = sm2.sign(m, dA, { userId: longId });
    expect(sm2.verify(sig, m, sm2.getPublicKey(dA), { userId: longId })).toBe(true);
  });

  it('randomSecretKey gives valid, distinct keys', () => {
    const keys = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const k = sm2.randomSecretKey();
      expect(sm2.isValidSecretKey(k)).toBe(true);
      keys.add(toHex(k));
    }
    expect(keys.size).toBe(20);
  });

  it('DER helpers reject malformed input with ERR_SIGNATURE', () => {
    const der = hex(annexA, 'signature_der');
    expectCode(() => sm2SignatureFromDer(concatBytes(der, Uint8Array.of(0))), 'ERR_SIGNATURE');
    expectCode(() => sm2SignatureFromDer(der.subarray(0, der.length - 1)), 'ERR_SIGNATURE');
    expectCode(() => sm2SignatureFromDer(new Uint8Array()), 'ERR_SIGNATURE');
    expectCode(() => sm2SignatureFromDer(fromHex('3006020100020101')), 'ERR_SIGNATURE'); // r = 0
    expectCode(() => sm2SignatureToDer(new Uint8Array(63)), 'ERR_SIGNATURE');
    expectCode(() => sm2SignatureToDer(new Uint8Array(64)), 'ERR_SIGNATURE'); // r = s = 0
    const rN = concatBytes(numberToBytesBE(n, 32), annexSig.subarray(32));
    expectCode(() => sm2SignatureToDer(rN), 'ERR_SIGNATURE');
  });
});

describe('SM2 sign/verify properties (fast-check)', () => {
  const keyArb = fc
    .bigInt({ min: 1n, max: n - 2n })
    .map((d) => ({ d: numberToBytesBE(d, 32), pub: sm2.getPublicKey(numberToBytesBE(d, 32)) }));
  const idArb = fc.option(fc.uint8Array({ maxLength: 40 }), { nil: undefined });

  it('verify ∘ sign holds for any key, message and ID', () => {
    fc.assert(
      fc.property(keyArb, fc.uint8Array({ maxLength: 200 }), idArb, ({ d, pub }, msg, userId) => {
        const sig = sm2.sign(msg, d, { userId });
        expect(sig.length).toBe(64);
        expect(sm2.verify(sig, msg, pub, { userId })).toBe(true);
        expect(sm2.verify(sig, msg, pub, { z: sm2.computeZ(pub, userId) })).toBe(true);
        expect(sm2.verify(sm2SignatureFromDer(sm2SignatureToDer(sig)), msg, pub, { userId })).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('a one-bit flip in the message or the signature makes verify fail', () => {
    fc.assert(
      fc.property(
        keyArb,
        fc.uint8Array({ minLength: 1, maxLength: 100 }),
        fc.nat(),
        fc.nat(511),
        ({ d, pub }, msg, mBit, sBit) => {
          const sig = sm2.sign(msg, d);
          expect(sm2.verify(sig, flipBit(msg, mBit % (msg.length * 8)), pub)).toBe(false);
          expect(sm2.verify(flipBit(sig, sBit), msg, pub)).toBe(false);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('a signature does not verify under another key or another ID', () => {
    fc.assert(
      fc.property(keyArb, keyArb, fc.uint8Array({ maxLength: 50 }), (a, b, msg) => {
        fc.pre(toHex(a.d) !== toHex(b.d));
        const sig = sm2.sign(msg, a.d);
        expect(sm2.verify(sig, msg, b.pub)).toBe(false);
        expect(sm2.verify(sig, msg, a.pub, { userId: utf8('another') })).toBe(false);
      }),
      { numRuns: 20 },
    );
  });

  it('hedged signatures (default) differ between calls and all verify', () => {
    fc.assert(
      fc.property(keyArb, fc.uint8Array({ maxLength: 64 }), ({ d, pub }, msg) => {
        const sigs = [sm2.sign(msg, d), sm2.sign(msg, d), sm2.sign(msg, d, { extraEntropy: true })];
        expect(new Set(sigs.map(toHex)).size).toBe(3);
        for (const s of sigs) expect(sm2.verify(s, msg, pub)).toBe(true);
      }),
      { numRuns: 15 },
    );
  });

  it('extraEntropy: false is deterministic; fixed extra bytes are deterministic per value', () => {
    fc.assert(
      fc.property(keyArb, fc.uint8Array({ maxLength: 64 }), ({ d, pub }, msg) => {
        const a = sm2.sign(msg, d, { extraEntropy: false });
        const b = sm2.sign(msg, d, { extraEntropy: false, z: sm2.computeZ(pub) });
        expect(toHex(a)).toBe(toHex(b));
        expect(sm2.verify(a, msg, pub)).toBe(true);
        const x1 = sm2.sign(msg, d, { extraEntropy: Uint8Array.of(1) });
        const x2 = sm2.sign(msg, d, { extraEntropy: Uint8Array.of(1) });
        const x3 = sm2.sign(msg, d, { extraEntropy: Uint8Array.of(2) });
        expect(toHex(x1)).toBe(toHex(x2));
        expect(toHex(x1)).not.toBe(toHex(x3));
        expect(toHex(x1)).not.toBe(toHex(a));
      }),
      { numRuns: 15 },
    );
  });
});
