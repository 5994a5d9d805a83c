import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCbor, encodeCbor, QR_CBOR_LIMITS, Tag } from '../src/cbor/index.js';
import {
  COSE_ALG,
  COSE_HEADER,
  checkSign1Headers,
  decodeSign1,
  getAlg,
  getKid,
  type Sign1,
  signSign1,
  sigStructure,
  verifySign1,
} from '../src/cose/index.js';
import { createNativeCrypto } from '../src/crypto/native-node.js';
import { createPortableCrypto } from '../src/crypto/portable.js';
import type {
  PrivateJwk,
  PrivateKeyHandle,
  PublicJwk,
  PublicKeyHandle,
  SignatureAlg,
} from '../src/crypto/types.js';
import { isDeltaIdError } from '../src/errors.js';

const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/\s/g, ''), 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const utf8 = (s: string) => new TextEncoder().encode(s);

const crypto = createPortableCrypto();

async function generate(alg: SignatureAlg): Promise<{ priv: PrivateKeyHandle; pub: PublicKeyHandle }> {
  const pair = await crypto.generateKeyPair(alg);
  return { priv: pair.privateKey, pub: pair.publicKey };
}

interface CoseWgExample {
  title: string;
  fail?: boolean;
  input: { plaintext: string; sign0: { key: PrivateJwk; external?: string } };
  intermediates: { ToBeSign_hex: string };
  output: { cbor: string };
}
const example = (name: string): CoseWgExample =>
  JSON.parse(readFileSync(new URL(`./vectors/cose-wg-sign1/${name}.json`, import.meta.url), 'utf8'));
const publicOf = (jwk: PrivateJwk): PublicJwk => ({
  kty: jwk.kty,
  crv: jwk.crv,
  x: jwk.x,
  ...(jwk.y ? { y: jwk.y } : {}),
});

/** true when the bytes decode and verify; decode errors count as rejection. */
async function accepts(
  bytes: Uint8Array,
  key: PublicKeyHandle,
  extra: Partial<Parameters<typeof verifySign1>[1]> = {},
) {
  let sign1: Sign1;
  try {
    sign1 = decodeSign1(bytes);
  } catch (err) {
    if (isDeltaIdError(err)) return false;
    throw err;
  }
  return verifySign1(sign1, { key, crypto, ...extra });
}

function expectCode(fn: () => unknown, code: string) {
  try {
    fn();
  } catch (err) {
    expect(isDeltaIdError(err)).toBe(true);
    expect((err as { code: string }).code).toBe(code);
    return;
  }
  throw new Error(`expected ${code}, nothing thrown`);
}

describe('COSE_Sign1 — COSE WG examples (RFC 9052 Appendix C)', () => {
  for (const [name, alg] of [
    ['ecdsa-sig-01', 'ES256'],
    ['ecdsa-sig-02', 'ES384'],
    ['sign-pass-02', 'ES256'],
    ['sign-pass-03', 'ES256'],
  ] as const) {
    it(`${name}: Sig_structure is byte-exact and the signature verifies`, async () => {
      const ex = example(name);
      const sign1 = decodeSign1(hex(ex.output.cbor));
      const aad = ex.input.sign0.external ? hex(ex.input.sign0.external) : undefined;
      expect(toHex(sigStructure(sign1, aad))).toBe(ex.intermediates.ToBeSign_hex.toLowerCase());
      expect(toHex(sign1.payload!)).toBe(toHex(utf8(ex.input.plaintext)));
      expect(getAlg(sign1)).toBe(COSE_ALG[alg]);
      expect(getKid(sign1)).toEqual(utf8(ex.input.sign0.key.kid!));
      const key = await crypto.importPublicKey(alg, publicOf(ex.input.sign0.key));
      expect(await verifySign1(sign1, { key, crypto, ...(aad ? { externalAad: aad } : {}) })).toBe(true);
      // the same message without its AAD, or with AAD it never had, fails
      const wrongAad = aad ? {} : { externalAad: Uint8Array.of(0) };
      expect(await verifySign1(sign1, { key, crypto, ...wrongAad })).toBe(false);
    });
  }

  it('sign-pass-03 is untagged, ecdsa-sig-01 tagged', () => {
    expect(decodeSign1(hex(example('sign-pass-03').output.cbor)).tag).toBe('untagged');
    expect(decodeSign1(hex(example('ecdsa-sig-01').output.cbor)).tag).toBe('tagged');
  });

  it('sign-fail-01: tag 998 is refused while decoding', () => {
    expectCode(() => decodeSign1(hex(example('sign-fail-01').output.cbor)), 'ERR_CBOR');
  });

  for (const [name, headerProblem] of [
    ['sign-fail-02', undefined],
    ['sign-fail-03', 'ERR_COSE_ALG'],
    ['sign-fail-04', 'ERR_COSE_ALG'],
    ['sign-fail-06', undefined],
    ['sign-fail-07', undefined],
  ] as const) {
    it(`${name}: does not verify (${headerProblem ?? 'bad signature'})`, async () => {
      const ex = example(name);
      expect(ex.fail).toBe(true);
      const sign1 = decodeSign1(hex(ex.output.cbor));
      expect(checkSign1Headers(sign1, { alg: 'ES256' })).toBe(headerProblem);
      const key = await crypto.importPublicKey('ES256', publicOf(ex.input.sign0.key));
      expect(await verifySign1(sign1, { key, crypto })).toBe(false);
    });
  }

  it("sign-pass-01: protected h'A0' is kept as received, never normalised to h''", () => {
    const ex = example('sign-pass-01');
    const sign1 = decodeSign1(hex(ex.output.cbor));
    expect(toHex(sign1.protectedBytes)).toBe('a0');
    expect(sign1.protectedHeader.size).toBe(0);
    expect(sign1.unprotectedHeader.get(COSE_HEADER.alg)).toBe(-7);
    expect(getAlg(sign1)).toBeUndefined();
    // upstream's ToBeSign uses h''; built from the bytes as received it must differ
    expect(toHex(sigStructure(sign1))).not.toBe(ex.intermediates.ToBeSign_hex.toLowerCase());
    expect(toHex(sigStructure(sign1))).toBe(
      '846a5369676e61747572653141a04054546869732069732074686520636f6e74656e742e',
    );
  });
});

// RFC 8392 Appendix A.3 (signed CWT) and A.2.3 (its ECDSA P-256 key), hex as published.
const RFC8392_A3 =
  'd28443a10126a104524173796d6d657472696345434453413235365850a70175636f61703a2f2f61732e6578616d706c652e636f6d02656572696b77037818636f61703a2f2f6c696768742e6578616d706c652e636f6d041a5612aeb0051a5610d9f0061a5610d9f007420b7158405427c1ff28d23fbad1f29c4c7c6a555e601d6fa29f9179bc3d7438bacaca5acd08c8d4d4f96131680c429a01f85951ecee743a52b9b63632c57209120e1c9e30';
const RFC8392_KEY: PublicJwk = {
  kty: 'EC',
  crv: 'P-256',
  x: Buffer.from('143329cce7868e416927599cf65a34f3ce2ffda55a7eca69ed8919a394d42f0f', 'hex').toString(
    'base64url',
  ),
  y: Buffer.from('60f7f1a780d8a783bfb7a2dd6b2796e8128dbbcef9d3d168db9529971a36e7b9', 'hex').toString(
    'base64url',
  ),
};

describe('COSE_Sign1 — tags (RFC 9052 §4.2, RFC 8392 §6)', () => {
  const tagged = hex(RFC8392_A3);
  const untagged = tagged.subarray(1);
  const cwtTagged = Uint8Array.from([0xd8, 0x3d, ...tagged]);

  it('RFC 8392 A.3 verifies tagged, untagged and as 61(18(...))', async () => {
    const key = await crypto.importPublicKey('ES256', RFC8392_KEY);
    for (const [bytes, tag] of [
      [tagged, 'tagged'],
      [untagged, 'untagged'],
      [cwtTagged, 'tagged'],
    ] as const) {
      const sign1 = decodeSign1(bytes);
      expect(sign1.tag).toBe(tag);
      expect(toHex(sign1.protectedBytes)).toBe('a10126');
      expect(getKid(sign1)).toEqual(utf8('AsymmetricECDSA256'));
      expect(await verifySign1(sign1, { key, crypto })).toBe(true);
    }
  });

  it('accepts an already-decoded CBOR value', async () => {
    const key = await crypto.importPublicKey('ES256', RFC8392_KEY);
    expect(await verifySign1(decodeSign1(decodeCbor(tagged)), { key, crypto })).toBe(true);
  });

  it('refuses 61 around an untagged array and other COSE tags', () => {
    expectCode(() => decodeSign1(Uint8Array.from([0xd8, 0x3d, ...untagged])), 'ERR_STRUCTURE');
    expectCode(() => decodeSign1(Uint8Array.from([0xd1, ...untagged])), 'ERR_STRUCTURE'); // 17 = Mac0
    expectCode(() => decodeSign1(Uint8Array.from([0xd8, 0x18, 0x41, 0x00])), 'ERR_STRUCTURE'); // tag 24
  });
});

describe('COSE_Sign1 — protected header bytes as received', () => {
  it('verifies a non-canonical protected header and fails once it is re-encoded', async () => {
    const { priv, pub } = await generate('ES256');
    // {1: -7} with -7 in a one-byte argument (38 06): valid CBOR, not preferred serialisation.
    const protectedBytes = hex('a1013806');
    const payload = utf8('non-canonical');
    const signature = await crypto.sign(priv, sigStructure({ protectedBytes, payload }));
    const message = encodeCbor(new Tag([protectedBytes, new Map(), payload, signature], 18));
    const sign1 = decodeSign1(message);
    expect(toHex(sign1.protectedBytes)).toBe('a1013806');
    expect(getAlg(sign1)).toBe(-7);
    expect(await verifySign1(sign1, { key: pub, crypto })).toBe(true);
    const reencoded = encodeCbor(sign1.protectedHeader);
    expect(toHex(reencoded)).toBe('a10126');
    const normalised = encodeCbor(new Tag([reencoded, new Map(), payload, signature], 18));
    expect(await accepts(normalised, pub)).toBe(false);
  });

  it("empty protected header is h'' when a signer leaves it empty", async () => {
    const { priv, pub } = await generate('ES256');
    const payload = utf8('x');
    const signature = await crypto.sign(priv, sigStructure({ protectedBytes: new Uint8Array(0), payload }));
    const sign1 = decodeSign1(encodeCbor([new Uint8Array(0), new Map(), payload, signature]));
    expect(sign1.protectedBytes.length).toBe(0);
    expect(sign1.protectedHeader.size).toBe(0);
    // no alg anywhere: the key decides
    expect(await verifySign1(sign1, { key: pub, crypto })).toBe(true);
  });
});

describe('signSign1', () => {
  it('puts alg first in the protected header and emits tag 18 by default', async () => {
    const { priv, pub } = await generate('ES256');
    const kid = Uint8Array.of(1, 2, 3);
    const bytes = await signSign1(
      { protectedHeader: new Map([[COSE_HEADER.kid, kid]]), payload: utf8('hello') },
      { key: priv, crypto },
    );
    expect(toHex(bytes.subarray(0, 2))).toBe('d284');
    const sign1 = decodeSign1(bytes);
    expect(toHex(sign1.protectedBytes)).toBe('a2012604430102 03'.replace(/ /g, ''));
    expect(getKid(sign1)).toEqual(kid);
    expect(sign1.unprotectedHeader.size).toBe(0);
    expect(await verifySign1(sign1, { key: pub, crypto })).toBe(true);
  });

  it('untagged output with tagged: false', async () => {
    const { priv } = await generate('ES256');
    const bytes = await signSign1({ payload: utf8('x'), tagged: false }, { key: priv, crypto });
    expect(bytes[0]).toBe(0x84);
    expect(decodeSign1(bytes).tag).toBe('untagged');
  });

  it('refuses a protected alg that contradicts the key, and alg/crit/duplicates in the wrong place', async () => {
    const { priv } = await generate('ES256');
    const ctx = { key: priv, crypto };
    const payload = utf8('x');
    await expect(
      signSign1({ protectedHeader: new Map([[COSE_HEADER.alg, COSE_ALG.EdDSA]]), payload }, ctx),
    ).rejects.toMatchObject({ code: 'ERR_COSE_ALG' });
    await expect(
      signSign1({ unprotectedHeader: new Map([[COSE_HEADER.alg, COSE_ALG.ES256]]), payload }, ctx),
    ).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
    await expect(
      signSign1({ unprotectedHeader: new Map([[COSE_HEADER.crit, [99]]]), payload }, ctx),
    ).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
    await expect(
      signSign1(
        {
          protectedHeader: new Map([[COSE_HEADER.kid, Uint8Array.of(1)]]),
          unprotectedHeader: new Map([[COSE_HEADER.kid, Uint8Array.of(2)]]),
          payload,
        },
        ctx,
      ),
    ).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
    await expect(
      signSign1({ protectedHeader: new Map([[COSE_HEADER.kid, 'text']]), payload }, ctx),
    ).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
    // the same alg as the key is fine
    await expect(
      signSign1({ protectedHeader: new Map([[COSE_HEADER.alg, COSE_ALG.ES256]]), payload }, ctx),
    ).resolves.toBeInstanceOf(Uint8Array);
  });
});

describe('detached payload and external AAD', () => {
  it('detached: verifies only with the right detachedPayload', async () => {
    const { priv, pub } = await generate('ES256');
    const payload = utf8('detached content');
    const bytes = await signSign1({ payload, detached: true }, { key: priv, crypto });
    const sign1 = decodeSign1(bytes);
    expect(sign1.payload).toBeNull();
    expect(await verifySign1(sign1, { key: pub, crypto, detachedPayload: payload })).toBe(true);
    expect(await verifySign1(sign1, { key: pub, crypto })).toBe(false);
    expect(await verifySign1(sign1, { key: pub, crypto, detachedPayload: utf8('other') })).toBe(false);
    expectCode(() => sigStructure(sign1), 'ERR_INVALID_ARGUMENT');
  });

  it('attached: a detachedPayload argument is refused (ambiguous)', async () => {
    const { priv, pub } = await generate('ES256');
    const payload = utf8('attached');
    const sign1 = decodeSign1(await signSign1({ payload }, { key: priv, crypto }));
    expect(await verifySign1(sign1, { key: pub, crypto, detachedPayload: payload })).toBe(false);
    expectCode(() => sigStructure(sign1, undefined, payload), 'ERR_INVALID_ARGUMENT');
  });

  it('external AAD is bound into the signature', async () => {
    const { priv, pub } = await generate('ES256');
    const aad = utf8('session transcript');
    const sign1 = decodeSign1(
      await signSign1({ payload: utf8('p'), externalAad: aad }, { key: priv, crypto }),
    );
    expect(await verifySign1(sign1, { key: pub, crypto, externalAad: aad })).toBe(true);
    expect(await verifySign1(sign1, { key: pub, crypto })).toBe(false);
    expect(await verifySign1(sign1, { key: pub, crypto, externalAad: utf8('session transcripT') })).toBe(
      false,
    );
  });
});

describe('kid and alg resolution', () => {
  const sig = new Uint8Array(64);
  const build = (p: Map<number, unknown>, u: Map<number, unknown>) =>
    decodeSign1(encodeCbor([p.size ? encodeCbor(p) : new Uint8Array(0), u, utf8('x'), sig]));

  it('protected kid wins over unprotected; unprotected is used only when protected has none', () => {
    const a = Uint8Array.of(0xaa);
    const b = Uint8Array.of(0xbb);
    expect(getKid(build(new Map([[4, a]]), new Map([[4, b]])))).toEqual(a);
    expect(getKid(build(new Map([[1, -7]]), new Map([[4, b]])))).toEqual(b);
    expect(getKid(build(new Map([[1, -7]]), new Map()))).toBeUndefined();
  });

  it('getAlg reads the protected header only', () => {
    expect(getAlg(build(new Map(), new Map([[1, -7]])))).toBeUndefined();
    expect(getAlg(build(new Map([[1, -8]]), new Map()))).toBe(-8);
    expect(getAlg(build(new Map([[1, 'ES256']]), new Map()))).toBeUndefined();
  });

  it('checkSign1Headers: mismatch, unprotected-only alg, crit', () => {
    const ok = build(new Map([[1, -7]]), new Map());
    expect(checkSign1Headers(ok, { alg: 'ES256' })).toBeUndefined();
    expect(checkSign1Headers(ok, { alg: 'EdDSA' })).toBe('ERR_COSE_ALG');
    expect(checkSign1Headers(ok, { alg: 'SM2' })).toBe('ERR_COSE_ALG');
    const unprot = build(new Map(), new Map([[1, -7]]));
    expect(checkSign1Headers(unprot, { alg: 'ES256' })).toBe('ERR_COSE_ALG');
    expect(checkSign1Headers(unprot, { alg: 'ES256', allowUnprotectedAlg: true })).toBeUndefined();
    expect(checkSign1Headers(unprot, { alg: 'ES384', allowUnprotectedAlg: true })).toBe('ERR_COSE_ALG');
    const both = build(new Map([[1, -7]]), new Map([[1, -8]]));
    expect(checkSign1Headers(both, { alg: 'ES256', allowUnprotectedAlg: true })).toBe('ERR_COSE_ALG');
    const crit = build(
      new Map<number, unknown>([
        [1, -7],
        [2, [99]],
        [99, 1],
      ]),
      new Map(),
    );
    expect(checkSign1Headers(crit, { alg: 'ES256' })).toBe('ERR_STRUCTURE');
    expect(checkSign1Headers(crit, { alg: 'ES256', critical: [99] })).toBeUndefined();
    const critAbsent = build(
      new Map<number, unknown>([
        [1, -7],
        [2, [99]],
      ]),
      new Map(),
    );
    expect(checkSign1Headers(critAbsent, { alg: 'ES256', critical: [99] })).toBe('ERR_STRUCTURE');
  });
});

describe('verifySign1 — header checks gate the signature', () => {
  it('a valid signature under a mismatching protected alg is rejected', async () => {
    const { priv, pub } = await generate('ES256');
    const protectedBytes = encodeCbor(new Map([[1, COSE_ALG.EdDSA]]));
    const payload = utf8('x');
    const signature = await crypto.sign(priv, sigStructure({ protectedBytes, payload }));
    const sign1 = decodeSign1(encodeCbor([protectedBytes, new Map(), payload, signature]));
    expect(await verifySign1(sign1, { key: pub, crypto })).toBe(false);
  });

  it('alg only in the unprotected header: only with allowUnprotectedAlg (EU DCC CO20)', async () => {
    const { priv, pub } = await generate('ES256');
    const protectedBytes = new Uint8Array(0);
    const payload = utf8('x');
    const signature = await crypto.sign(priv, sigStructure({ protectedBytes, payload }));
    const sign1 = decodeSign1(encodeCbor([protectedBytes, new Map([[1, -7]]), payload, signature]));
    expect(await verifySign1(sign1, { key: pub, crypto })).toBe(false);
    expect(await verifySign1(sign1, { key: pub, crypto, allowUnprotectedAlg: true })).toBe(true);
  });

  it('an unknown crit label fails even with a valid signature', async () => {
    const { priv, pub } = await generate('ES256');
    const protectedHeader = new Map<number, unknown>([
      [COSE_HEADER.crit, [99]],
      [99, 'must understand'],
    ]);
    const sign1 = decodeSign1(
      await signSign1({ protectedHeader, payload: utf8('x') }, { key: priv, crypto }),
    );
    expect(await verifySign1(sign1, { key: pub, crypto })).toBe(false);
    expect(await verifySign1(sign1, { key: pub, crypto, critical: [99] })).toBe(true);
  });
});

describe('decodeSign1 — bad input gives typed codes', () => {
  const valid = hex(RFC8392_A3);

  it('every truncation is ERR_CBOR', () => {
    for (let n = 0; n < valid.length; n++) expectCode(() => decodeSign1(valid.subarray(0, n)), 'ERR_CBOR');
  });

  it('garbage is ERR_CBOR, oversize is ERR_CBOR_LIMIT', () => {
    expectCode(() => decodeSign1(hex('ffffffff')), 'ERR_CBOR');
    expectCode(() => decodeSign1(Uint8Array.from([...valid, 0x00])), 'ERR_CBOR');
    const big = encodeCbor(
      new Tag([new Uint8Array(0), new Map(), new Uint8Array(10_000), new Uint8Array(64)], 18),
    );
    expectCode(() => decodeSign1(big, { limits: QR_CBOR_LIMITS }), 'ERR_CBOR_LIMIT');
  });

  const bstr = new Uint8Array(0);
  const sig = new Uint8Array(64);
  for (const [what, value] of [
    ['not an array', new Map()],
    ['3 elements', [bstr, new Map(), bstr]],
    ['5 elements', [bstr, new Map(), bstr, sig, sig]],
    ['protected is text', ['', new Map(), bstr, sig]],
    ['unprotected is an array', [bstr, [], bstr, sig]],
    ['payload is an integer', [bstr, new Map(), 7, sig]],
    ['signature is null', [bstr, new Map(), bstr, null]],
    ['protected header is not a map', [hex('01'), new Map(), bstr, sig]],
    ['kid is text', [bstr, new Map([[4, 'kid']]), bstr, sig]],
    ['alg is a byte string', [encodeCbor(new Map([[1, bstr]])), new Map(), bstr, sig]],
    ['crit unprotected', [bstr, new Map([[2, [1]]]), bstr, sig]],
    ['crit empty', [encodeCbor(new Map([[2, []]])), new Map(), bstr, sig]],
    ['x5chain of text', [bstr, new Map([[33, ['a']]]), bstr, sig]],
  ] as const) {
    it(`${what} → ERR_STRUCTURE`, () => {
      expectCode(() => decodeSign1(encodeCbor(value)), 'ERR_STRUCTURE');
      expectCode(() => decodeSign1(value), 'ERR_STRUCTURE');
    });
  }

  it('a float header label is refused while decoding (floats are never map keys)', () => {
    expectCode(() => decodeSign1(encodeCbor([bstr, new Map([[1.5, 1]]), bstr, sig])), 'ERR_CBOR');
    expectCode(() => decodeSign1([bstr, new Map([[1.5, 1]]), bstr, sig]), 'ERR_STRUCTURE');
  });

  it('the protected header is decoded within the limits', () => {
    let nested: unknown = 1;
    for (let i = 0; i < 14; i++) nested = [nested];
    const deep = encodeCbor(new Map([[99, nested]]));
    expectCode(() => decodeSign1([deep, new Map(), bstr, sig], { limits: QR_CBOR_LIMITS }), 'ERR_CBOR_LIMIT');
  });

  it('errors name the field', () => {
    expect(() => decodeSign1(encodeCbor([bstr, new Map(), bstr, null]))).toThrow(/signature/);
    expect(() => decodeSign1(encodeCbor([bstr, new Map([[4, 'kid']]), bstr, sig]))).toThrow(/label 4/);
  });
});

describe('properties (fast-check)', () => {
  const algs: SignatureAlg[] = ['ES256', 'ES384', 'EdDSA', 'SM2'];
  for (const alg of algs) {
    it(`${alg}: verify ∘ sign holds; payload, protected header or signature with one bit flipped fails`, async () => {
      const { priv, pub } = await generate(alg);
      await fc.assert(
        fc.asyncProperty(
          fc.uint8Array({ minLength: 1, maxLength: 200 }),
          fc.option(fc.uint8Array({ maxLength: 40 }), { nil: undefined }),
          fc.boolean(),
          fc.nat(),
          async (payload, aad, tagged, bit) => {
            const opts = { payload, tagged, ...(aad ? { externalAad: aad } : {}) };
            const bytes = await signSign1(opts, { key: priv, crypto });
            const extra = aad ? { externalAad: aad } : {};
            expect(await accepts(bytes, pub, extra)).toBe(true);
            const sign1 = decodeSign1(bytes);
            const sigLen = sign1.signature.length;
            const sigStart = bytes.length - sigLen;
            const payloadStart = sigStart - 2 - payload.length; // 58 40 / 58 60 head for a 64- or 96-byte signature
            const protStart = (tagged ? 2 : 1) + 1; // short bstr head
            const flip = (at: number, length: number) => {
              const copy = bytes.slice();
              const i = at + ((bit % (length * 8)) >> 3);
              copy[i] = copy[i]! ^ (1 << (bit % 8));
              return copy;
            };
            expect(await accepts(flip(payloadStart, payload.length), pub, extra)).toBe(false);
            expect(await accepts(flip(sigStart, sigLen), pub, extra)).toBe(false);
            expect(await accepts(flip(protStart, sign1.protectedBytes.length), pub, extra)).toBe(false);
          },
        ),
        { numRuns: 40 },
      );
    });
  }
});

describe('interop between providers', () => {
  for (const alg of ['ES256', 'ES384', 'EdDSA', 'SM2'] as const) {
    it(`${alg}: signed with the portable provider, verified with the native one (and back)`, async () => {
      const native = createNativeCrypto();
      const a = await generate(alg);
      const payload = utf8('cross-provider');
      const bytes = await signSign1({ payload }, { key: a.priv, crypto });
      const nativeKey = await native.importPublicKey(alg, a.pub.jwk);
      expect(await verifySign1(decodeSign1(bytes), { key: nativeKey, crypto: native })).toBe(true);
      const b = await native.generateKeyPair(alg);
      const back = await signSign1({ payload }, { key: b.privateKey, crypto: native });
      const portableKey = await crypto.importPublicKey(alg, b.publicKey.jwk);
      expect(await verifySign1(decodeSign1(back), { key: portableKey, crypto })).toBe(true);
      expect(await verifySign1(decodeSign1(back), { key: a.pub, crypto })).toBe(false);
    });
  }
});

describe('algorithm ids (RFC 9053 §2.1; SM2 private use)', () => {
  it('maps both ways and refuses unknown ids', async () => {
    const { algFromCose, coseFromAlg } = await import('../src/cose/index.js');
    expect(COSE_ALG).toEqual({ ES256: -7, ES384: -35, EdDSA: -8, SM2: -65537 });
    for (const alg of ['ES256', 'ES384', 'EdDSA', 'SM2'] as const)
      expect(algFromCose(coseFromAlg(alg))).toBe(alg);
    expect(algFromCose(-37)).toBeUndefined();
    expect(algFromCose(-999)).toBeUndefined();
  });

  it('an SM2 signature carries alg -65537 as 3a 00010000 in the protected header', async () => {
    const { priv } = await generate('SM2');
    const sign1 = decodeSign1(await signSign1({ payload: utf8('x') }, { key: priv, crypto }));
    expect(toHex(sign1.protectedBytes)).toBe('a1013a00010000');
  });
});
