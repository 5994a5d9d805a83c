/**
 * The CryptoProvider contract (src/crypto/types.ts) checked on all three providers: native-node
 * (node:crypto), native-web (WebCrypto, run here on Node's globalThis.crypto) and portable (@noble).
 * Known answers from RFC 8032 §7.1, RFC 6979 §A.2.5, FIPS 180-4 and GB/T 32905 / OpenSSL interop
 * (test/vectors/sm2-sm3); the rest are fast-check properties.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fromBase64Url, fromHex, toBase64Url, toHex, utf8 } from '../src/bytes.js';
import { createNativeCrypto as createNodeCrypto } from '../src/crypto/native-node.js';
import { createNativeCrypto as createWebCrypto } from '../src/crypto/native-web.js';
import { createPortableCrypto } from '../src/crypto/portable.js';
import { sm2SignatureFromDer } from '../src/crypto/sm2.js';
import type {
  CryptoProvider,
  GeneratedKeyPair,
  PrivateJwk,
  PublicJwk,
  SignatureAlg,
} from '../src/crypto/types.js';
import { isDeltaIdError } from '../src/errors.js';
import vectors from './vectors/sm2-sm3/sm2-sm3.json' with { type: 'json' };

const ALGS: readonly SignatureAlg[] = ['ES256', 'ES384', 'EdDSA', 'SM2'];

const N_P256 = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const N_P384 =
  0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n;
const N_SM2 = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;

type Factory = (options?: { sm2UserId?: Uint8Array }) => CryptoProvider;

const PROVIDERS: ReadonlyArray<readonly [string, Factory]> = [
  ['native-node', (o) => createNodeCrypto(o)],
  ['native-web', (o) => createWebCrypto(o)],
  ['portable', (o) => createPortableCrypto(o)],
];

function big(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${toHex(bytes)}`);
}

function bytesOf(v: bigint, length: number): Uint8Array {
  return fromHex(v.toString(16).padStart(length * 2, '0'));
}

function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const out = bytes.slice();
  const i = Math.floor(bit / 8) % out.length;
  out[i] = (out[i] ?? 0) ^ (1 << (bit % 8));
  return out;
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isDeltaIdError(err), `expected DeltaIdError ${code}, got ${String(err)}`).toBe(true);
  expect(isDeltaIdError(err) ? err.code : undefined).toBe(code);
}

// Fewer runs for the slow pure-JS curves; each run is a full sign + verify.
const RUNS: Readonly<Record<SignatureAlg, number>> = { ES256: 25, ES384: 10, EdDSA: 25, SM2: 15 };

describe.each(PROVIDERS)('%s provider', (_name, make) => {
  const provider = make();
  const pairs = new Map<SignatureAlg, Promise<[GeneratedKeyPair, GeneratedKeyPair]>>();
  const pairsFor = (alg: SignatureAlg) => {
    let p = pairs.get(alg);
    if (p === undefined) {
      p = Promise.all([provider.generateKeyPair(alg), provider.generateKeyPair(alg)]);
      pairs.set(alg, p);
    }
    return p;
  };

  describe.each(ALGS)('%s', (alg) => {
    it('verify∘sign holds for any data', async () => {
      const [kp] = await pairsFor(alg);
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (data) => {
          const sig = await provider.sign(kp.privateKey, data);
          expect(sig).toBeInstanceOf(Uint8Array);
          expect(sig.length).toBe(alg === 'ES384' ? 96 : 64);
          expect(await provider.verify(kp.publicKey, data, sig)).toBe(true);
        }),
        { numRuns: RUNS[alg] },
      );
    });

    it('a one-bit flip in the data or in the signature fails', async () => {
      const [kp] = await pairsFor(alg);
      await fc.assert(
        fc.asyncProperty(
          fc.uint8Array({ minLength: 1, maxLength: 100 }),
          fc.nat(),
          fc.nat(),
          async (data, b1, b2) => {
            const sig = await provider.sign(kp.privateKey, data);
            expect(await provider.verify(kp.publicKey, flipBit(data, b1), sig)).toBe(false);
            expect(await provider.verify(kp.publicKey, data, flipBit(sig, b2))).toBe(false);
            expect(await provider.verify(kp.publicKey, data, sig)).toBe(true);
          },
        ),
        { numRuns: RUNS[alg] },
      );
    });

    it('another key does not verify', async () => {
      const [kp, other] = await pairsFor(alg);
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 100 }), async (data) => {
          const sig = await provider.sign(kp.privateKey, data);
          expect(await provider.verify(other.publicKey, data, sig)).toBe(false);
        }),
        { numRuns: RUNS[alg] },
      );
    });

    it('generated keys round-trip through JWK; handles expose only the public JWK', async () => {
      const [kp] = await pairsFor(alg);
      expect(kp.publicKey.alg).toBe(alg);
      expect(kp.privateKey.alg).toBe(alg);
      expect('d' in kp.publicKey.jwk).toBe(false);
      expect('d' in kp.privateKey.publicJwk).toBe(false);
      expect(kp.privateKey.publicJwk).toEqual(kp.publicKey.jwk);
      expect(Object.keys(kp).sort()).toEqual(['privateJwk', 'privateKey', 'publicKey']);
      const privateJwk = kp.privateJwk!;
      expect(privateJwk.x).toBe(kp.publicKey.jwk.x);
      const priv = await provider.importPrivateKey(alg, privateJwk);
      const pub = await provider.importPublicKey(alg, kp.publicKey.jwk);
      // A private JWK given as a public key yields a handle whose JWK has no `d`.
      const fromPrivate = await provider.importPublicKey(alg, privateJwk);
      expect('d' in fromPrivate.jwk).toBe(false);
      expect(fromPrivate.jwk).toEqual(kp.publicKey.jwk);
      const data = utf8('round trip');
      expect(await provider.verify(pub, data, await provider.sign(priv, data))).toBe(true);
    });

    it('non-extractable generation returns no private JWK but still signs', async () => {
      const kp = await provider.generateKeyPair(alg, { extractable: false });
      expect(kp.privateJwk).toBeUndefined();
      expect('privateJwk' in kp).toBe(false);
      const data = utf8('non-extractable');
      expect(await provider.verify(kp.publicKey, data, await provider.sign(kp.privateKey, data))).toBe(true);
    });

    it('wrong-length, empty, all-zero and non-byte signatures return false', async () => {
      const [kp] = await pairsFor(alg);
      const data = utf8('length');
      const sig = await provider.sign(kp.privateKey, data);
      for (const bad of [
        new Uint8Array(0),
        sig.subarray(0, sig.length - 1),
        new Uint8Array([...sig, 0]),
        new Uint8Array(sig.length),
        new Uint8Array(sig.length).fill(0xff),
      ]) {
        expect(await provider.verify(kp.publicKey, data, bad)).toBe(false);
      }
      const notBytes: unknown = Array.from(sig);
      // @ts-expect-error: a JavaScript caller passing a plain array
      expect(await provider.verify(kp.publicKey, data, notBytes)).toBe(false);
      // @ts-expect-error: a JavaScript caller passing a string as data
      expect(await provider.verify(kp.publicKey, 'length', sig)).toBe(false);
    });
  });

  it('imports the same JWK once: a second import returns the cached handle', async () => {
    const [kp] = await pairsFor('ES256');
    const jwk = { ...kp.publicKey.jwk };
    const a = await provider.importPublicKey('ES256', jwk);
    const b = await provider.importPublicKey('ES256', { ...jwk });
    expect(b).toBe(a);
    const withKid = await provider.importPublicKey('ES256', { ...jwk, kid: 'k1' });
    expect(withKid).not.toBe(a);
    expect(withKid.jwk.kid).toBe('k1');
  });

  it('SM2 handles depend on the distinguishing ID', async () => {
    const [kp] = await pairsFor('SM2');
    const data = utf8('sm2 id');
    const signerId = utf8('alice@example.com');
    const priv = await provider.importPrivateKey('SM2', kp.privateJwk!, { sm2UserId: signerId });
    const sig = await provider.sign(priv, data);
    const withId = await provider.importPublicKey('SM2', kp.publicKey.jwk, { sm2UserId: signerId });
    const withDefault = await provider.importPublicKey('SM2', kp.publicKey.jwk);
    expect(withId).not.toBe(withDefault);
    expect(await provider.verify(withId, data, sig)).toBe(true);
    expect(await provider.verify(withDefault, data, sig)).toBe(false);
  });

  it('signing with a private handle this provider did not make throws ERR_KEY', async () => {
    const [kp] = await pairsFor('ES256');
    const forged = { alg: 'ES256' as const, publicJwk: kp.publicKey.jwk };
    await expectCode(provider.sign(forged, utf8('x')), 'ERR_KEY');
  });

  it('unknown algorithms are ERR_UNSUPPORTED', async () => {
    const [kp] = await pairsFor('ES256');
    // @ts-expect-error: an algorithm outside the union
    await expectCode(provider.importPublicKey('RS256', kp.publicKey.jwk), 'ERR_UNSUPPORTED');
    // @ts-expect-error: an algorithm outside the union
    await expectCode(provider.generateKeyPair('ES512'), 'ERR_UNSUPPORTED');
    // @ts-expect-error: a digest outside the union
    await expectCode(provider.digest('MD5', utf8('abc')), 'ERR_UNSUPPORTED');
  });

  it('randomBytes returns the requested length and refuses bad lengths', () => {
    expect(provider.randomBytes(0).length).toBe(0);
    expect(provider.randomBytes(32).length).toBe(32);
    expect(provider.randomBytes(70_000).length).toBe(70_000);
    expect(toHex(provider.randomBytes(32))).not.toBe(toHex(provider.randomBytes(32)));
    for (const bad of [-1, 1.5, Number.NaN, 1 << 21]) {
      let err: unknown;
      try {
        provider.randomBytes(bad);
      } catch (e) {
        err = e;
      }
      expect(isDeltaIdError(err, 'ERR_INVALID_ARGUMENT')).toBe(true);
    }
  });
});

describe('digests (FIPS 180-4 and GB/T 32905 known answers)', () => {
  const abc = utf8('abc');
  const expected = {
    'SHA-256': 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    'SHA-384':
      'cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7',
    'SHA-512':
      'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
  } as const;

  it.each(PROVIDERS)('%s: SHA-2 and SM3 of "abc" and the GB/T 32905 examples', async (_name, make) => {
    const provider = make();
    for (const [alg, hex] of Object.entries(expected)) {
      expect(toHex(await provider.digest(alg as keyof typeof expected, abc))).toBe(hex);
    }
    expect(vectors.sm3[0]?.message_ascii).toBe('abc');
    for (const v of vectors.sm3) {
      expect(toHex(await provider.digest('SM3', fromHex(v.message_hex)))).toBe(v.digest.toLowerCase());
    }
    expect(toHex(await provider.digest('SHA-256', utf8('abd')))).not.toBe(expected['SHA-256']);
  });

  it('all providers agree on every digest of random data', async () => {
    const all = PROVIDERS.map(([, make]) => make());
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 500 }),
        fc.constantFrom('SHA-256', 'SHA-384', 'SHA-512', 'SM3' as const),
        async (data, alg) => {
          const outs = await Promise.all(all.map((p) => p.digest(alg, data)));
          for (const o of outs) expect(toHex(o)).toBe(toHex(outs[0]!));
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('native and portable agree', () => {
  const providers = PROVIDERS.map(([name, make]) => [name, make()] as const);
  const pairs = providers.flatMap(([a, pa]) =>
    providers.filter(([b]) => b !== a).map(([b, pb]) => [a, b, pa, pb] as const),
  );

  describe.each(ALGS)('%s', (alg) => {
    it.each(pairs)('%s signs, %s imports the same JWK and verifies (and back)', async (_a, _b, pa, pb) => {
      const kp = await pa.generateKeyPair(alg);
      const pub = await pb.importPublicKey(alg, kp.publicKey.jwk);
      expect(pub.jwk).toEqual(kp.publicKey.jwk);
      const priv = await pb.importPrivateKey(alg, kp.privateJwk!);
      expect(priv.publicJwk).toEqual(kp.publicKey.jwk);
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 200 }), fc.nat(), async (data, bit) => {
          const sigA = await pa.sign(kp.privateKey, data);
          expect(await pb.verify(pub, data, sigA)).toBe(true);
          expect(await pb.verify(pub, flipBit(data, bit), sigA)).toBe(false);
          const sigB = await pb.sign(priv, data);
          expect(await pa.verify(kp.publicKey, data, sigB)).toBe(true);
          expect(await pa.verify(kp.publicKey, flipBit(data, bit), sigB)).toBe(false);
        }),
        { numRuns: Math.max(3, Math.floor(RUNS[alg] / 3)) },
      );
    });

    it.each(pairs)('a %s handle passed to %s verifies through its JWK', async (_a, _b, pa, pb) => {
      const kp = await pa.generateKeyPair(alg);
      const data = utf8('foreign handle');
      const sig = await pa.sign(kp.privateKey, data);
      expect(await pb.verify(kp.publicKey, data, sig)).toBe(true);
      expect(await pb.verify(kp.publicKey, utf8('foreign handlf'), sig)).toBe(false);
    });
  });

  it('a forged handle with a malformed JWK verifies as false, never throws', async () => {
    for (const [, p] of providers) {
      const forged = { alg: 'ES256' as const, jwk: { kty: 'EC' as const, crv: 'P-256' as const, x: 'AA' } };
      expect(await p.verify(forged, utf8('x'), new Uint8Array(64))).toBe(false);
      const garbage: unknown = null;
      // @ts-expect-error: a JavaScript caller passing null as the key
      expect(await p.verify(garbage, utf8('x'), new Uint8Array(64))).toBe(false);
    }
  });
});

describe('Ed25519 known answers (RFC 8032 §7.1)', () => {
  const tests = [
    {
      name: 'TEST 1',
      secret: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
      public: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
      message: '',
      signature:
        'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    },
    {
      name: 'TEST 2',
      secret: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
      public: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
      message: '72',
      signature:
        '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
    },
  ];
  it.each(PROVIDERS)('%s signs and verifies the RFC 8032 examples exactly', async (_name, make) => {
    const provider = make();
    for (const t of tests) {
      const jwk: PrivateJwk = {
        kty: 'OKP',
        crv: 'Ed25519',
        x: toBase64Url(fromHex(t.public)),
        d: toBase64Url(fromHex(t.secret)),
      };
      const priv = await provider.importPrivateKey('EdDSA', jwk);
      const pub = await provider.importPublicKey('EdDSA', { kty: 'OKP', crv: 'Ed25519', x: jwk.x });
      const message = fromHex(t.message);
      expect(toHex(await provider.sign(priv, message)), t.name).toBe(t.signature);
      expect(await provider.verify(pub, message, fromHex(t.signature))).toBe(true);
      expect(await provider.verify(pub, utf8('other'), fromHex(t.signature))).toBe(false);
    }
  });
});

describe('ECDSA high-S (RFC 6979 §A.2.5 and malleated signatures)', () => {
  // RFC 6979 A.2.5, P-256 with SHA-256, message "sample": s is above n/2, a natural high-S signature.
  const rfc6979 = {
    d: 'c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721',
    x: '60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6',
    y: '7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299',
    r: 'efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716',
    s: 'f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8',
  };
  const jwk: PublicJwk = {
    kty: 'EC',
    crv: 'P-256',
    x: toBase64Url(fromHex(rfc6979.x)),
    y: toBase64Url(fromHex(rfc6979.y)),
  };

  it.each(PROVIDERS)('%s accepts the RFC 6979 high-S signature and its low-S twin', async (_name, make) => {
    const provider = make();
    const key = await provider.importPublicKey('ES256', jwk);
    const s = big(fromHex(rfc6979.s));
    expect(s > N_P256 / 2n).toBe(true);
    const high = fromHex(rfc6979.r + rfc6979.s);
    const low = fromHex(rfc6979.r + toHex(bytesOf(N_P256 - s, 32)));
    expect(await provider.verify(key, utf8('sample'), high)).toBe(true);
    expect(await provider.verify(key, utf8('sample'), low)).toBe(true);
    expect(await provider.verify(key, utf8('test'), high)).toBe(false);
    // The private key of the RFC matches its public key: importing it passes the d-vs-(x, y) check.
    const priv = await provider.importPrivateKey('ES256', { ...jwk, d: toBase64Url(fromHex(rfc6979.d)) });
    expect(await provider.verify(key, utf8('sample'), await provider.sign(priv, utf8('sample')))).toBe(true);
  });

  it.each(PROVIDERS)(
    '%s accepts s → n − s for any of its own ES256 and ES384 signatures',
    async (_name, make) => {
      const provider = make();
      for (const [alg, n, size] of [
        ['ES256', N_P256, 32],
        ['ES384', N_P384, 48],
      ] as const) {
        const kp = await provider.generateKeyPair(alg);
        await fc.assert(
          fc.asyncProperty(fc.uint8Array({ maxLength: 64 }), async (data) => {
            const sig = await provider.sign(kp.privateKey, data);
            const flipped = new Uint8Array(sig);
            flipped.set(bytesOf(n - big(sig.subarray(size)), size), size);
            expect(await provider.verify(kp.publicKey, data, flipped)).toBe(true);
            // ... and in every other provider too.
            for (const [, other] of PROVIDERS) {
              const key = await other().importPublicKey(alg, kp.publicKey.jwk);
              expect(await other().verify(key, data, flipped)).toBe(true);
            }
          }),
          { numRuns: 5 },
        );
      }
    },
  );

  it.each(PROVIDERS)('%s only ever produces low-S ES256 and ES384 signatures', async (_name, make) => {
    const provider = make();
    for (const [alg, n, size, runs] of [
      ['ES256', N_P256, 32, 200],
      ['ES384', N_P384, 48, 60],
    ] as const) {
      const kp = await provider.generateKeyPair(alg);
      for (let i = 0; i < runs; i++) {
        const sig = await provider.sign(kp.privateKey, utf8(`message ${i}`));
        const s = big(sig.subarray(size));
        expect(s > 0n && s <= n / 2n, `${alg} run ${i}`).toBe(true);
      }
    }
  });

  it.each(PROVIDERS)('%s rejects r or s equal to 0 or n', async (_name, make) => {
    const provider = make();
    const key = await provider.importPublicKey('ES256', jwk);
    const r = fromHex(rfc6979.r);
    const s = fromHex(rfc6979.s);
    const zero = new Uint8Array(32);
    const n = bytesOf(N_P256, 32);
    for (const bad of [
      [zero, s],
      [r, zero],
      [n, s],
      [r, n],
    ]) {
      const sig = new Uint8Array(64);
      sig.set(bad[0]!, 0);
      sig.set(bad[1]!, 32);
      expect(await provider.verify(key, utf8('sample'), sig)).toBe(false);
    }
  });
});

describe('SM2 interop (test/vectors/sm2-sm3 interop_generated_here)', () => {
  const interop = vectors.interop_generated_here;
  const raw = fromHex(interop.public_key_uncompressed);
  const jwk: PublicJwk = {
    kty: 'EC',
    crv: 'SM2',
    x: toBase64Url(raw.subarray(1, 33)),
    y: toBase64Url(raw.subarray(33)),
  };
  const message = utf8(interop.message_ascii);
  const openssl = sm2SignatureFromDer(
    fromHex(interop.openssl_3_0_19_pkeyutl_distid_1234567812345678.signature_der),
  );
  const nodeEmptyId = sm2SignatureFromDer(fromHex(interop.node_20_crypto_sign_sm3_default.signature_der));

  it.each(PROVIDERS)('%s verifies the OpenSSL signature with the default ID only', async (_name, make) => {
    const provider = make();
    const key = await provider.importPublicKey('SM2', jwk);
    expect(interop.openssl_3_0_19_pkeyutl_distid_1234567812345678.verifies_with_ID_1234567812345678).toBe(
      true,
    );
    expect(await provider.verify(key, message, openssl)).toBe(true);
    expect(await provider.verify(key, message, nodeEmptyId)).toBe(false);
    expect(await provider.verify(key, utf8('message digesT'), openssl)).toBe(false);
  });

  it.each(PROVIDERS)(
    '%s verifies node:crypto’s empty-ID signature when told the ID is empty',
    async (_name, make) => {
      const provider = make();
      const perKey = await provider.importPublicKey('SM2', jwk, { sm2UserId: new Uint8Array(0) });
      expect(await provider.verify(perKey, message, nodeEmptyId)).toBe(true);
      expect(await provider.verify(perKey, message, openssl)).toBe(false);
      const emptyByDefault = make({ sm2UserId: new Uint8Array(0) });
      const key = await emptyByDefault.importPublicKey('SM2', jwk);
      expect(await emptyByDefault.verify(key, message, nodeEmptyId)).toBe(true);
      expect(await emptyByDefault.verify(key, message, openssl)).toBe(false);
    },
  );
});

describe('invalid keys are ERR_KEY', () => {
  const good = {
    ES256: createPortableCrypto().generateKeyPair('ES256'),
    ES384: createPortableCrypto().generateKeyPair('ES384'),
    EdDSA: createPortableCrypto().generateKeyPair('EdDSA'),
    SM2: createPortableCrypto().generateKeyPair('SM2'),
  };

  function badPublicJwks(
    alg: SignatureAlg,
    jwk: PublicJwk,
    others: Record<SignatureAlg, PublicJwk>,
  ): unknown[] {
    const x = jwk.x;
    const bad: unknown[] = [
      null,
      'not a jwk',
      [],
      { ...jwk, kty: jwk.kty === 'EC' ? 'OKP' : 'EC' },
      { ...jwk, crv: 'P-521' },
      { ...jwk, x: `${x}A` },
      { ...jwk, x: x.slice(0, -2) },
      { ...jwk, x: `${x}=` },
      { ...jwk, x: `+${x.slice(1)}` },
      { ...jwk, x: 42 },
      { ...jwk, kid: 7 },
    ];
    // Another curve's key under this algorithm (same field size for ES256 / SM2 / Ed25519).
    for (const other of ALGS) if (other !== alg) bad.push(others[other]);
    if (alg === 'EdDSA') {
      bad.push({ ...jwk, y: x });
      // The identity (0, 1) has small order; and y = p (non-canonical) is not a valid encoding.
      bad.push({ ...jwk, x: toBase64Url(fromHex(`01${'00'.repeat(31)}`)) });
      bad.push({ ...jwk, x: toBase64Url(fromHex(`ed${'ff'.repeat(30)}7f`)) });
    } else {
      const size = alg === 'ES384' ? 48 : 32;
      const { y: _y, ...noY } = jwk;
      bad.push(noY);
      // Off the curve: y + 1.
      const y = big(fromBase64Url(jwk.y!));
      bad.push({ ...jwk, y: toBase64Url(bytesOf(y + 1n, size)) });
      bad.push({ ...jwk, x: toBase64Url(new Uint8Array(size)), y: toBase64Url(new Uint8Array(size)) });
      bad.push({ ...jwk, x: toBase64Url(new Uint8Array(size).fill(0xff)) });
    }
    return bad;
  }

  it.each(PROVIDERS)('%s refuses malformed public JWKs', async (_name, make) => {
    const provider = make();
    const jwks = {
      ES256: (await good.ES256).publicKey.jwk,
      ES384: (await good.ES384).publicKey.jwk,
      EdDSA: (await good.EdDSA).publicKey.jwk,
      SM2: (await good.SM2).publicKey.jwk,
    };
    for (const alg of ALGS) {
      // Positive control: the good key imports.
      await provider.importPublicKey(alg, jwks[alg]);
      for (const bad of badPublicJwks(alg, jwks[alg], jwks)) {
        // @ts-expect-error: deliberately malformed input, as decoded JSON may be
        await expectCode(provider.importPublicKey(alg, bad), 'ERR_KEY');
      }
    }
  });

  it.each(PROVIDERS)(
    '%s refuses private JWKs whose d is missing, out of range or not matching',
    async (_name, make) => {
      const provider = make();
      for (const alg of ALGS) {
        const kp = await good[alg];
        const other = await createPortableCrypto().generateKeyPair(alg);
        const jwk = kp.privateJwk!;
        const size = alg === 'ES384' ? 48 : 32;
        await provider.importPrivateKey(alg, jwk);
        const { d: _d, ...noD } = jwk;
        const bad: unknown[] = [
          noD,
          { ...jwk, d: other.privateJwk!.d },
          { ...jwk, d: `${jwk.d}A` },
          { ...jwk, d: 5 },
        ];
        if (alg !== 'EdDSA') {
          const n = alg === 'ES256' ? N_P256 : alg === 'ES384' ? N_P384 : N_SM2;
          bad.push({ ...jwk, d: toBase64Url(new Uint8Array(size)) });
          bad.push({ ...jwk, d: toBase64Url(bytesOf(n, size)) });
          if (alg === 'SM2') bad.push({ ...jwk, d: toBase64Url(bytesOf(n - 1n, size)) });
        }
        for (const b of bad) {
          // @ts-expect-error: deliberately malformed input
          await expectCode(provider.importPrivateKey(alg, b), 'ERR_KEY');
        }
      }
    },
  );
});

describe('native-web without WebCrypto Ed25519 falls back to @noble', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  function subtleWithoutEd25519(): SubtleCrypto {
    const real = globalThis.crypto.subtle;
    const isEd = (a: unknown) =>
      a === 'Ed25519' || (typeof a === 'object' && a !== null && Reflect.get(a, 'name') === 'Ed25519');
    const refuse = () => Promise.reject(new DOMException('Ed25519 not supported', 'NotSupportedError'));
    return new Proxy(real, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (args.some(isEd)) return refuse();
          return Reflect.apply(value, target, args);
        };
      },
    });
  }

  it('signs and verifies EdDSA, interoperating with node:crypto', async () => {
    const fake = {
      subtle: subtleWithoutEd25519(),
      getRandomValues: globalThis.crypto.getRandomValues.bind(globalThis.crypto),
    };
    vi.stubGlobal('crypto', fake);
    const web = createWebCrypto();
    vi.unstubAllGlobals();
    const node = createNodeCrypto();
    const kp = await web.generateKeyPair('EdDSA');
    const data = utf8('fallback');
    const sig = await web.sign(kp.privateKey, data);
    expect(await web.verify(kp.publicKey, data, sig)).toBe(true);
    const nodeKey = await node.importPublicKey('EdDSA', kp.publicKey.jwk);
    expect(await node.verify(nodeKey, data, sig)).toBe(true);
    expect(await web.verify(kp.publicKey, utf8('fallbacK'), sig)).toBe(false);
    // ES256 still goes through the (proxied) WebCrypto.
    const ec = await web.generateKeyPair('ES256');
    expect(await web.verify(ec.publicKey, data, await web.sign(ec.privateKey, data))).toBe(true);
  });

  it('without crypto.subtle at all, creating the provider is ERR_UNSUPPORTED', () => {
    vi.stubGlobal('crypto', {});
    let err: unknown;
    try {
      createWebCrypto();
    } catch (e) {
      err = e;
    }
    expect(isDeltaIdError(err, 'ERR_UNSUPPORTED')).toBe(true);
  });
});

describe('portable provider with an injected random source', () => {
  it('uses the injected CSPRNG and rejects a source returning the wrong length', async () => {
    let calls = 0;
    const p = createPortableCrypto({
      randomBytes: (n) => {
        calls++;
        return globalThis.crypto.getRandomValues(new Uint8Array(n));
      },
    });
    const kp = await p.generateKeyPair('SM2');
    expect(calls).toBeGreaterThan(0);
    const data = utf8('injected');
    expect(await p.verify(kp.publicKey, data, await p.sign(kp.privateKey, data))).toBe(true);
    const broken = createPortableCrypto({ randomBytes: () => new Uint8Array(3) });
    expect(() => broken.randomBytes(16)).toThrowError(/wrong length/);
    await expectCode(broken.generateKeyPair('ES256'), 'ERR_UNSUPPORTED');
  });
});
